// Images by their content, not their name: the types a browser shows inline without
// running anything (no SVG, which can carry script).
#pragma once

#include <optional>
#include <string_view>

namespace wk::image {

// "image/png", "image/jpeg", "image/gif" or "image/webp" by the first bytes; nullopt for
// anything else.
inline std::optional<std::string_view> type_of(std::string_view data) {
  auto starts = [&](std::string_view magic) { return data.substr(0, magic.size()) == magic; };
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xff\xd8\xff")) return "image/jpeg";
  if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
  if (data.size() >= 12 && starts("RIFF") && data.substr(8, 4) == "WEBP") return "image/webp";
  return std::nullopt;
}

}  // namespace wk::image
