#include <algorithm>
#include <cstdio>

#include "core/dutch.hpp"
#include "core/text.hpp"
#include "modules/knowledge/knowledge.hpp"

namespace wk::knowledge {

bool is_category(std::string_view c) {
  return c == "methodiek" || c == "document" || c == "procedure" || c == "richtlijn";
}

int review_months(std::string_view category) {
  return category == "procedure" || category == "richtlijn" ? 12 : 24;
}

std::string add_months(const std::string& date, int months) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return date;
  const int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int last = m == 2 && leap ? 29 : kDays[m - 1];
  char out[11];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, std::min(d, last));
  return out;
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
