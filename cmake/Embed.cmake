# wk_embed(OUTPUT file FILES f1 f2 ... BASE dir)
# Generates a C++ file defining wk::embedded::files(): the listed files as
# {relative path, contents} pairs. Regenerated whenever one of the files changes.
function(wk_embed)
  cmake_parse_arguments(E "" "OUTPUT;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DBASE=${E_BASE} "-DFILES=${E_FILES}"
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${E_FILES} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding migrations and the OpenAPI document"
    VERBATIM)
endfunction()
