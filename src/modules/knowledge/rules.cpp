#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "core/dutch.hpp"
#include "core/text.hpp"
#include "modules/knowledge/knowledge.hpp"

namespace wk::knowledge {

namespace {
const std::array<std::string, 4> kCategories{"methodiek", "document", "procedure", "richtlijn"};
const std::array<std::string, 4> kStatuses{"gepubliceerd", "concept", "ter_review", "gearchiveerd"};
}  // namespace

std::span<const std::string> categories() { return kCategories; }
std::span<const std::string> statuses() { return kStatuses; }

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
  if (starts("\x89PNG\r\n\x1a\n")) return FileType{"image/png", {"png"}};
  if (starts("\xff\xd8\xff")) return FileType{"image/jpeg", {"jpg", "jpeg"}};
  if (starts("GIF87a") || starts("GIF89a")) return FileType{"image/gif", {"gif"}};
  if (data.size() >= 12 && starts("RIFF") && data.substr(8, 4) == "WEBP") return FileType{"image/webp", {"webp"}};
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
  if (stem.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
    stem.resize(cut);
  }
  return stem + "." + (known ? extension : type.extensions.front());
}

Status check_reviewer(const Principal& reviewer, std::int64_t author_id) {
  if (!may_review(reviewer)) return Error::forbidden("Only quality staff publish.");
  if (reviewer.user_id == author_id)
    return Error::conflict("U kunt uw eigen tekst niet publiceren; een andere kwaliteitsmedewerker beoordeelt hem.",
                           "The reviewer must not be the author of the version.");
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

}  // namespace

std::string snippet(std::string_view text, const dutch::Query& query, std::size_t words) {
  const auto ws = dutch::words(text);
  auto matches = [&](const dutch::Word& w) {
    if (std::find(query.terms.begin(), query.terms.end(), w.term) != query.terms.end()) return true;
    return query.last_is_prefix && w.folded.starts_with(query.prefix);
  };
  std::size_t first = ws.size();
  for (std::size_t i = 0; i < ws.size(); ++i)
    if (matches(ws[i])) {
      first = i;
      break;
    }
  // A window of words around the first match (or the start), cut on word boundaries.
  const std::size_t from = first == ws.size() ? 0 : (first > words / 3 ? first - words / 3 : 0);
  const std::size_t to = std::min(ws.size(), from + words);
  if (from >= to) {
    std::string out;
    escape_into(text.substr(0, std::min<std::size_t>(text.size(), 200)), out);
    return out;
  }
  std::string out = from > 0 ? "… " : "";
  std::size_t at = from > 0 ? ws[from].begin : 0;
  for (std::size_t i = from; i < to; ++i) {
    escape_into(text.substr(at, ws[i].begin - at), out);
    const auto word = text.substr(ws[i].begin, ws[i].end - ws[i].begin);
    if (matches(ws[i])) {
      out += "<mark>";
      escape_into(word, out);
      out += "</mark>";
    } else {
      escape_into(word, out);
    }
    at = ws[i].end;
  }
  if (to < ws.size())
    out += " …";
  else
    escape_into(text.substr(at), out);
  // Markdown marks and line breaks read badly in a one-line snippet.
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

}  // namespace wk::knowledge
