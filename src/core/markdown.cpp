#include "core/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace wk::markdown {

namespace {

void register_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

void attach(cmark_parser* parser, const char* name) {
  if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, ext);
}

}  // namespace

namespace {

template <class Render>
std::string render(std::string_view markdown, Render&& r) {
  register_extensions();
  // CMARK_OPT_UNSAFE is not set: raw HTML is omitted and dangerous URLs are emptied.
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES;
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options), cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"}) attach(parser.get(), name);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()), cmark_node_free);
  char* text = r(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(text ? text : "");
  std::free(text);
  return out;
}

}  // namespace

std::string to_html(std::string_view markdown) {
  return render(markdown, [](cmark_node* doc, int options, cmark_llist* extensions) {
    return cmark_render_html(doc, options, extensions);
  });
}

std::string to_text(std::string_view markdown) {
  auto text = render(markdown, [](cmark_node* doc, int options, cmark_llist*) {
    return cmark_render_plaintext(doc, options | CMARK_OPT_NOBREAKS, 0);
  });
  for (auto& c : text)
    if (c == '\n') c = ' ';
  return text;
}

}  // namespace wk::markdown
