#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "core/dutch.hpp"
#include "core/image.hpp"
#include "core/markdown.hpp"
#include "core/text.hpp"
#include "modules/knowledge/knowledge.hpp"

namespace wk::knowledge {

namespace {
const std::array<std::string, 4> kCategories{"methodiek", "document", "procedure", "richtlijn"};
const std::array<std::string, 4> kStatuses{"gepubliceerd", "concept", "ter_review", "gearchiveerd"};
}  // namespace

std::span<const std::string> categories() {
  return kCategories;
}
std::span<const std::string> statuses() {
  return kStatuses;
}

bool is_category(std::string_view c) {
  return std::find(kCategories.begin(), kCategories.end(), c) != kCategories.end();
}

bool is_status(std::string_view s) {
  return std::find(kStatuses.begin(), kStatuses.end(), s) != kStatuses.end();
}

int review_months(std::string_view category) {
  return category == "procedure" || category == "richtlijn" ? 12 : 24;
}

bool may_read(const Principal& p) {
  return std::any_of(p.roles.begin(), p.roles.end(), [](const std::string& r) { return r != role::funder; });
}

bool may_author(const Principal& p) {
  return p.has_role(role::quality);
}

bool may_review(const Principal& p) {
  return p.has_role(role::quality);
}

bool may_create(const Principal& p, bool coach_authors) {
  return may_author(p) || (coach_authors && p.has_role(role::coach));
}

namespace {

std::uint32_t le32(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

std::uint16_t le16(std::string_view s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8);
}

// The names in a ZIP file's central directory; empty when it is not a well-formed ZIP.
std::vector<std::string_view> zip_names(std::string_view zip) {
  std::vector<std::string_view> names;
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
  if (zip.size() < 22) return names;
  const std::size_t lowest = zip.size() > 22 + 65535 ? zip.size() - 22 - 65535 : 0;
  std::size_t end = std::string_view::npos;
  for (std::size_t at = zip.size() - 22 + 1; at-- > lowest;)
    if (zip.compare(at, 4, "PK\x05\x06") == 0) {
      end = at;
      break;
    }
  if (end == std::string_view::npos) return names;
  const std::size_t count = le16(zip, end + 10), size = le32(zip, end + 12), offset = le32(zip, end + 16);
  if (offset > end || size > end - offset) return names;
  std::size_t at = offset;
  for (std::size_t i = 0; i < count; ++i) {
    if (at + 46 > end || zip.compare(at, 4, "PK\x01\x02") != 0) return {};
    const std::size_t name_length = le16(zip, at + 28), extra = le16(zip, at + 30), comment = le16(zip, at + 32);
    if (at + 46 + name_length > end) return {};
    names.push_back(zip.substr(at + 46, name_length));
    at += 46 + name_length + extra + comment;
  }
  return names;
}

bool has(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::optional<FileType> file_type_of(std::string_view data) {
  auto starts = [&](std::string_view magic) { return data.substr(0, magic.size()) == magic; };
  if (starts("%PDF-")) return FileType{"application/pdf", {"pdf"}};
  if (const auto image = image::type_of(data)) {
    if (*image == "image/jpeg") return FileType{"image/jpeg", {"jpg", "jpeg"}};
    return FileType{std::string(*image), {std::string(image->substr(6))}};  // png, gif, webp
  }
  if (starts("PK\x03\x04")) {
    // Office Open XML: a ZIP with [Content_Types].xml and the main part of a document or
    // a workbook. Files with macros (a vbaProject part) are not taken.
    const auto names = zip_names(data);
    if (!has(names, "[Content_Types].xml")) return std::nullopt;
    for (const auto& n : names)
      if (n.ends_with("vbaProject.bin")) return std::nullopt;
    const bool word = has(names, "word/document.xml"), excel = has(names, "xl/workbook.xml");
    if (word && !excel)
      return FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}};
    if (excel && !word) return FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}};
  }
  return std::nullopt;
}

std::optional<std::string> attachment_name(std::string_view name, const FileType& type) {
  // Only the last part of a path; no control characters, quotes or backslashes.
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  for (const unsigned char c : name)
    if (c >= 0x20 && c != 0x7f && c != '"' && c != '\\') clean += static_cast<char>(c);
  clean = std::string(text::trim(clean));
  std::string extension;
  if (auto dot = clean.rfind('.'); dot != std::string::npos) extension = dutch::lower(clean.substr(dot + 1));
  const bool known = std::find(type.extensions.begin(), type.extensions.end(), extension) != type.extensions.end();
  // "rapport.exe" or "notities.txt" holding a PDF: the name says something else. ("Verslag
  // v2.1" has no extension of a file type: letters only, 2 to 5 of them.)
  if (!known && extension.size() >= 2 && extension.size() <= 5 &&
      std::all_of(extension.begin(), extension.end(), [](unsigned char c) { return std::isalpha(c); }))
    return std::nullopt;
  std::string stem = known ? clean.substr(0, clean.size() - extension.size() - 1) : clean;
  while (!stem.empty() && stem.front() == '.') stem.erase(0, 1);  // no hidden files
  stem = std::string(text::trim(stem));
  if (stem.empty()) stem = "bijlage";
  // At most 120 characters in all, cut on a character boundary.
  const std::size_t room = 120 - type.extensions.front().size() - 1;
  stem = std::string(text::utf8_prefix_bytes(stem, room));
  return stem + "." + (known ? extension : type.extensions.front());
}

Status check_reviewer(const Principal& reviewer, std::int64_t author_id) {
  if (!may_review(reviewer)) return Error::forbidden("Only quality staff publish.");
  if (reviewer.user_id == author_id)
    return Error::conflict(Nl{"U kunt uw eigen tekst niet publiceren; een andere kwaliteitsmedewerker beoordeelt hem."},
                           En{"The reviewer must not be the author of the version."});
  return ok_status();
}

std::vector<std::string> normalise_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const auto& t : tags) {
    std::string tag = dutch::lower(text::trim(t));
    if (!tag.empty() && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(std::move(tag));
  }
  return out;
}

namespace {

void escape_into(std::string_view s, std::string& out) {
  out += text::escape_html(s);
}

// Whether stemming keeps a word's first two letters. Snowball's Dutch algorithm of
// libstemmer 2 changes a word from its third letter on (seen on all 424,239 words of
// Debian's wdutch list); Snowball 3's new Dutch algorithm takes off a leading ge-, so this
// is asked of the library at hand rather than assumed.
bool stems_keep_the_head() {
  static const bool keep = [] {
    for (const char* w : {"gebruikt", "gemaakte", "geholpen", "baan", "noot", "ideeen"})
      if (!dutch::stem(w).starts_with(std::string_view(w).substr(0, 2))) return false;
    return true;
  }();
  return keep;
}

// Whether a word as written (folded) matches the query: by its stem, or the word being
// typed as a prefix. Where stems keep their word's first two letters, a word that shares
// them with no term is not stemmed: most words of a text.
bool matches(std::string_view folded, const dutch::Query& query) {
  if (query.last_is_prefix && folded.starts_with(query.prefix)) return true;
  const auto head = folded.substr(0, 2);
  const auto& terms = query.terms;
  if (stems_keep_the_head() && folded.size() < 8 &&
      std::none_of(terms.begin(), terms.end(), [&](const std::string& t) { return t.starts_with(head); }))
    return false;
  if (std::find(terms.begin(), terms.end(), dutch::stem(folded)) != terms.end()) return true;
  // A compound whose part matched (decision 0009): the compound is marked.
  for (const auto& part : dutch::compound_parts(folded)) {
    if (query.last_is_prefix && part.starts_with(query.prefix)) return true;
    if (std::find(terms.begin(), terms.end(), dutch::stem(part)) != terms.end()) return true;
  }
  return false;
}

struct Place {
  std::size_t begin = 0, end = 0;
  bool match = false;
};

// The snippet of `text`, a piece of a longer text where `cut_before` or `cut_after` says
// so (marked with an ellipsis); `found` says whether a word matched.
std::string window_of(std::string_view text, const dutch::Query& query, std::size_t words, bool cut_before,
                      bool cut_after, bool& found) {
  // A window of words around the first match (or the start), cut on word boundaries. The
  // words are read up to one past the window: past a match, a long text is not read to
  // its end.
  std::vector<Place> ws;
  std::size_t first = std::string_view::npos;
  const auto window_from = [&] { return first > words / 3 ? first - words / 3 : 0; };
  dutch::each_folded(text, [&](const std::string& folded, std::size_t begin, std::size_t end) {
    ws.push_back({begin, end, matches(folded, query)});
    if (first == std::string_view::npos && ws.back().match) first = ws.size() - 1;
    return first == std::string_view::npos || ws.size() <= window_from() + words;
  });
  found = first != std::string_view::npos;
  if (!found) first = 0;
  const std::size_t from = window_from();
  const std::size_t to = std::min(ws.size(), from + words);
  if (from >= to) {
    std::string out;
    escape_into(text::utf8_prefix(text, 200), out);
    return out;
  }
  std::string out = from > 0 || cut_before ? "… " : "";
  std::size_t at = from > 0 ? ws[from].begin : 0;
  for (std::size_t i = from; i < to; ++i) {
    escape_into(text.substr(at, ws[i].begin - at), out);
    const auto word = text.substr(ws[i].begin, ws[i].end - ws[i].begin);
    if (ws[i].match) {
      out += "<mark>";
      escape_into(word, out);
      out += "</mark>";
    } else {
      escape_into(word, out);
    }
    at = ws[i].end;
  }
  if (to == ws.size()) escape_into(text.substr(at), out);
  // Line breaks read badly in a one-line snippet, and so do trailing spaces.
  std::replace(out.begin(), out.end(), '\n', ' ');
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (to < ws.size() || cut_after) out += " …";
  return out;
}

bool blank_line(std::string_view s, std::size_t begin, std::size_t end) {
  return s.substr(begin, end - begin).find_first_not_of(" \t\r") == std::string_view::npos;
}

// The start of the block (a run of lines between blank lines) that holds byte `at`.
std::size_t block_start(std::string_view md, std::size_t at) {
  std::size_t line = md.rfind('\n', at == 0 ? 0 : at - 1);
  while (line != std::string_view::npos && line > 0) {
    const std::size_t prev = md.rfind('\n', line - 1);
    const std::size_t begin = prev == std::string_view::npos ? 0 : prev + 1;
    if (blank_line(md, begin, line)) return line + 1;
    if (prev == std::string_view::npos) return 0;
    line = prev;
  }
  return 0;
}

// The end of the block that holds byte `at` (the end of the text when `at` is beyond it).
std::size_t block_end(std::string_view md, std::size_t at) {
  for (std::size_t line = md.find('\n', std::min(at, md.size())); line != std::string_view::npos;) {
    const std::size_t next = md.find('\n', line + 1);
    if (blank_line(md, line + 1, next == std::string_view::npos ? md.size() : next)) return line;
    line = next;
  }
  return md.size();
}

// Bytes of source around the first match that hold the window's words either side.
constexpr std::size_t kSourceBefore = 400, kSourceAfter = 800;

}  // namespace

std::string snippet(std::string_view text, const dutch::Query& query, std::size_t words) {
  bool found = false;
  return window_of(text, query, words, false, false, found);
}

std::string body_snippet(std::string_view body, const dutch::Query& query, std::size_t words) {
  // The first match in the source. It may be a word of a link's address, which the text
  // leaves out: then the whole text after all.
  std::size_t at = std::string_view::npos;
  dutch::each_folded(body, [&](const std::string& folded, std::size_t begin, std::size_t) {
    if (matches(folded, query)) at = begin;
    return at == std::string_view::npos;
  });
  const std::size_t from =
      at == std::string_view::npos || at < kSourceBefore ? 0 : block_start(body, at - kSourceBefore);
  const std::size_t to = block_end(body, (at == std::string_view::npos ? 0 : at) + kSourceAfter);
  // Cut where text is left out, not where only blank lines are.
  const bool cut_before = body.substr(0, from).find_first_not_of(" \t\r\n") != std::string_view::npos;
  const bool cut_after = body.find_first_not_of(" \t\r\n", to) != std::string_view::npos;
  bool found = false;
  auto out = window_of(markdown::to_text(body.substr(from, to - from)), query, words, cut_before, cut_after, found);
  if (found || at == std::string_view::npos || (!cut_before && !cut_after)) return out;
  return window_of(markdown::to_text(body), query, words, false, false, found);
}

}  // namespace wk::knowledge
