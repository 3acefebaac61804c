#include "core/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cctype>
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
  if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
    cmark_parser_attach_syntax_extension(parser, ext);
}

}  // namespace

namespace {

// cmark-gfm 0.29 (Debian 12) gives every line of a table as many cells as its header
// has columns, however short the line: a header of 2,000 columns over 2,000 one-letter
// lines is 4 million cells from 8 KB. Counted here from the source (a delimiter row's
// columns times the lines that follow it up to a blank one) before parsing.
constexpr std::size_t kMaxTableCells = 50'000;

std::size_t delimiter_row_columns(std::string_view line) {
  std::size_t columns = 0, dashes = 0;
  bool in_cell = false;
  for (const char c : line) {
    if (c == '|') {
      if (in_cell) ++columns;
      in_cell = false;
    } else if (c == '-') {
      in_cell = true;
      ++dashes;
    } else if (c == ':') {
      in_cell = true;
    } else if (c != ' ' && c != '\t') {
      return 0;  // not a delimiter row
    }
  }
  if (in_cell) ++columns;
  return dashes > 0 && line.find('|') != std::string_view::npos ? columns : 0;
}

std::size_t table_cells(std::string_view markdown) {
  std::size_t cells = 0, columns = 0, rows = 0;
  while (!markdown.empty()) {
    const auto end = markdown.find('\n');
    const auto line = markdown.substr(0, end);
    markdown = end == std::string_view::npos ? std::string_view{} : markdown.substr(end + 1);
    const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (columns > 0 && !blank) {
      ++rows;
      continue;
    }
    cells += columns * (rows + 2);
    columns = blank ? 0 : delimiter_row_columns(line);
    rows = 0;
  }
  return cells + columns * (rows + 2);
}

// The schemes a link or image may keep (the promise in markdown.hpp); cmark-gfm itself
// only empties javascript:, vbscript:, file: and data: other than images.
bool allowed_url(std::string_view url) {
  std::size_t i = 0;
  while (i < url.size() &&
         (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' || url[i] == '-' || url[i] == '.'))
    ++i;
  if (i == 0 || i >= url.size() || url[i] != ':' || !std::isalpha(static_cast<unsigned char>(url[0])))
    return true;  // no scheme: relative, an anchor or a path
  std::string scheme(url.substr(0, i));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme == "http" || scheme == "https" || scheme == "mailto") return true;
  if (scheme != "data") return false;
  std::string rest(url.substr(i + 1, 16));
  for (auto& c : rest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* image : {"image/png", "image/gif", "image/jpeg", "image/webp"})
    if (rest.starts_with(image)) return true;
  return false;
}

void empty_disallowed_urls(cmark_node* doc) {
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(doc), cmark_iter_free);
  for (auto ev = cmark_iter_next(it.get()); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(it.get())) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(it.get());
    const auto type = cmark_node_get_type(node);
    if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(node);
    if (url && !allowed_url(url)) cmark_node_set_url(node, "");
  }
}

template <class Render>
std::string render(std::string_view markdown, Render&& r) {
  register_extensions();
  // CMARK_OPT_UNSAFE is not set: raw HTML is omitted and dangerous URLs are emptied.
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES;
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options), cmark_parser_free);
  const bool tables = table_cells(markdown) <= kMaxTableCells;  // beyond: the pipes stay text
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"})
    if (tables || std::string_view(name) != "table") attach(parser.get(), name);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()), cmark_node_free);
  empty_disallowed_urls(doc.get());
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
