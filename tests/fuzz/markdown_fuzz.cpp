// Fuzzes the Markdown renderer (core/markdown.hpp): to_html and to_text on the input as
// a knowledge item's body. Besides crashes, sanitizer reports and escaping exceptions,
// it checks what the header promises: "raw HTML in the source is not passed through",
// and "links and images whose URL is not http(s), mailto, a relative path or an image
// data URL lose their URL (javascript:, vbscript:, file:, data:text/html …)"; "the result
// can be put into a page as it is". So in the HTML:
//   - every '<' opens a tag cmark-gfm writes itself (the allow-list below) or its
//     "raw HTML omitted" comment: no <script>, <iframe>, <svg>, <style> …;
//   - no attribute is an event handler (on…);
//   - no href or src, read as a browser reads it (entities decoded once, blanks and
//     controls dropped, any case), uses javascript:, vbscript: or file:, nor a data: URL
//     other than data:image/…
// The URL check is the dangerous-scheme list the header names, not the whole allow-list
// it describes (cmark-gfm itself only empties the dangerous schemes).
// And to_text has no line breaks ("one space for line breaks").
//
// Debian's cmark-gfm is not built with coverage, so the fuzzer is guided by this file's
// own code: the checker below takes another path for every new tag and attribute, which
// steers the inputs towards new kinds of output.
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/markdown.hpp"
#include "core/utf8.hpp"
#include "fuzz_check.hpp"

namespace {

// What cmark-gfm 0.29 writes with the extensions core/markdown.cpp attaches (table,
// strikethrough, autolink, tasklist, tagfilter) and footnotes.
constexpr std::array<std::string_view, 29> kTags = {
    "a",      "blockquote", "br",    "code",  "del",   "em", "h1",    "h2", "h3",  "h4",
    "h5",     "h6",         "hr",    "img",   "input", "li", "ol",    "p",  "pre", "section",
    "strong", "sup",        "table", "tbody", "td",    "th", "thead", "tr", "ul"};
constexpr std::string_view kOmitted = "<!-- raw HTML omitted -->";

bool allowed_tag(std::string_view name) {
  for (auto t : kTags)
    if (t == name) return true;
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// An attribute value as a browser reads it: character references decoded once (the
// numeric ones and the named ones that matter for a scheme), then every ASCII blank and
// control character dropped (browsers strip tab and line breaks anywhere in a URL, and
// blanks and controls around it), in lower case.
std::string url_as_read(std::string_view v) {
  static constexpr std::array<std::pair<std::string_view, char>, 8> kNamed = {{{"amp;", '&'},
                                                                               {"quot;", '"'},
                                                                               {"lt;", '<'},
                                                                               {"gt;", '>'},
                                                                               {"apos;", '\''},
                                                                               {"colon;", ':'},
                                                                               {"tab;", '\t'},
                                                                               {"newline;", '\n'}}};
  std::string decoded;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      decoded += v[i];
      continue;
    }
    const std::string rest = lower(v.substr(i + 1, 32));
    if (!rest.empty() && rest[0] == '#') {
      const bool hex = rest.size() > 1 && rest[1] == 'x';
      std::size_t k = hex ? 2 : 1;
      unsigned long cp = 0;
      std::size_t digits = 0;
      while (k < rest.size() && (hex ? std::isxdigit(static_cast<unsigned char>(rest[k]))
                                     : std::isdigit(static_cast<unsigned char>(rest[k])))) {
        cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(rest[k]))
                                                                   ? rest[k] - '0'
                                                                   : rest[k] - 'a' + 10);
        if (cp > 0x10FFFF) cp = 0xFFFD;
        ++k;
        ++digits;
      }
      if (digits > 0) {
        wk::utf8::append(decoded, static_cast<char32_t>(cp == 0 ? 0xFFFD : cp));
        i += k + (k < rest.size() && rest[k] == ';' ? 1 : 0);
        continue;
      }
    }
    bool named = false;
    for (const auto& [name, c] : kNamed) {
      if (std::string_view(rest).starts_with(name)) {
        decoded += c;
        i += name.size();
        named = true;
        break;
      }
    }
    if (!named) decoded += '&';
  }
  std::string out;
  for (char c : decoded) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) continue;
    out += static_cast<char>(std::tolower(u));
  }
  return out;
}

void check_url(std::string_view value) {
  const std::string url = url_as_read(value);
  WK_FUZZ_CHECK(!url.starts_with("javascript:"), "a javascript: URL in the HTML");
  WK_FUZZ_CHECK(!url.starts_with("vbscript:"), "a vbscript: URL in the HTML");
  WK_FUZZ_CHECK(!url.starts_with("file:"), "a file: URL in the HTML");
  if (url.starts_with("data:")) WK_FUZZ_CHECK(url.starts_with("data:image/"), "a data: URL that is not an image");
}

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':';
}

// Reads the tag at html[at] ('<'); returns the index after its '>'.
std::size_t check_tag(std::string_view html, std::size_t at) {
  if (html.substr(at).starts_with("<!--")) {
    WK_FUZZ_CHECK(html.substr(at).starts_with(kOmitted), "an HTML comment cmark-gfm does not write");
    return at + kOmitted.size();
  }
  std::size_t i = at + 1;
  if (i < html.size() && html[i] == '/') ++i;
  const std::size_t name_begin = i;
  while (i < html.size() && name_char(html[i])) ++i;
  const std::string name = lower(html.substr(name_begin, i - name_begin));
  WK_FUZZ_CHECK(allowed_tag(name), "a tag that cmark-gfm does not write itself (raw HTML passed through?)");
  while (true) {
    while (i < html.size() && (html[i] == ' ' || html[i] == '\n')) ++i;
    WK_FUZZ_CHECK(i < html.size(), "a tag that is never closed");
    if (html[i] == '>') return i + 1;
    if (html.substr(i).starts_with("/>")) return i + 2;
    const std::size_t attr_begin = i;
    while (i < html.size() && name_char(html[i])) ++i;
    WK_FUZZ_CHECK(i > attr_begin, "a tag with something other than attributes in it");
    const std::string attr = lower(html.substr(attr_begin, i - attr_begin));
    WK_FUZZ_CHECK(!attr.starts_with("on"), "an event handler attribute");
    if (i < html.size() && html[i] == '=') {
      ++i;
      WK_FUZZ_CHECK(i < html.size() && html[i] == '"', "an attribute value without quotes");
      const std::size_t value_begin = ++i;
      const std::size_t end = html.find('"', value_begin);
      WK_FUZZ_CHECK(end != std::string_view::npos, "an attribute value that is never closed");
      const std::string_view value = html.substr(value_begin, end - value_begin);
      WK_FUZZ_CHECK(value.find('<') == std::string_view::npos && value.find('>') == std::string_view::npos,
                    "an unescaped < or > in an attribute value");
      if (attr == "href" || attr == "src") check_url(value);
      i = end + 1;
    }
  }
}

void check_html(std::string_view html) {
  WK_FUZZ_CHECK(lower(html).find("<script") == std::string::npos, "<script in the HTML");
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i)) i = check_tag(html, i);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  check_html(wk::markdown::to_html(markdown));
  const std::string text = wk::markdown::to_text(markdown);
  WK_FUZZ_CHECK(text.find('\n') == std::string::npos, "to_text left a line break");
  return 0;
}
