// Markdown (CommonMark with GitHub's tables, strikethrough, autolinks and task lists) to
// HTML with cmark-gfm, for the knowledge base and the report's texts. Safe by
// construction: raw HTML in the source is not passed through (it is left out), and
// links and images whose URL is not http(s), mailto, a relative path, an anchor or an
// image data URL (png, gif, jpeg, webp) lose their URL (javascript:, vbscript:, file:,
// ftp:, tel:, data:text/html, data:image/svg+xml …). A text whose tables would make more
// than 50,000 cells is rendered without tables (cmark-gfm 0.29 builds columns × lines
// cells). The result can be put into a page as it is.
#pragma once

#include <string>
#include <string_view>

namespace wk::markdown {

std::string to_html(std::string_view markdown);
// The text without Markdown's marks, for snippets and previews (one space for line breaks).
std::string to_text(std::string_view markdown);

}  // namespace wk::markdown
