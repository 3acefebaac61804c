// Opaque list cursors (keyset paging): the sort key of the last row of a page, as JSON,
// in URL-safe base64 without padding. Clients pass `next_cursor` back as `cursor` and
// never look inside; the server checks what it decodes like any other input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace wk::http {

std::string encode_cursor(const nlohmann::json& key);
// nullopt for anything that is not a cursor this server could have made (bad base64,
// not JSON, not an array, over 512 characters).
std::optional<nlohmann::json> decode_cursor(std::string_view cursor);

}  // namespace wk::http
