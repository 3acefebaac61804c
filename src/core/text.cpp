#include "core/text.hpp"

#include "core/enum_names.hpp"

#include <algorithm>
#include <cctype>

namespace wk::text {

namespace {
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_continuation(char c) {  // the second and later bytes of a UTF-8 character
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
}  // namespace

std::string trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(c); }));
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_continuation(s[i])) continue;
    if (chars == max_chars) return s.substr(0, i);
    ++chars;
  }
  return s;
}

std::string_view utf8_prefix_bytes(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && is_continuation(s[cut])) --cut;
  return s.substr(0, cut);
}

bool has_control_characters(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

bool has_control_characters_multiline(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7F;
  });
}

bool is_plausible_email(std::string_view s) {
  if (s.size() < 3 || s.size() > 254) return false;
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = s.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';';
  });
}

bool is_valid_bsn(std::string_view d) {
  if (d.size() != 9 || !std::all_of(d.begin(), d.end(), is_digit)) return false;
  if (d == "000000000") return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (d[static_cast<std::size_t>(i)] - '0');
  sum -= d[8] - '0';
  return sum % 11 == 0;
}

namespace {

// Each scanner appends what it finds in t as [begin, end) byte spans.

void find_emails(std::string_view t, std::vector<Finding>& out) {
  auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '+';
  };
  for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    std::size_t start = at;
    while (start > 0 && word_char(t[start - 1])) --start;
    std::size_t end = at + 1;
    while (end < t.size() && word_char(t[end])) ++end;
    while (end > at + 1 && t[end - 1] == '.') --end;  // the full stop of the sentence
    const auto domain = t.substr(at + 1, end - at - 1);
    const auto dot = domain.rfind('.');
    if (start < at && dot != std::string_view::npos && dot > 0 && domain.size() - dot - 1 >= 2)
      out.push_back({PersonalData::email, start, end});
  }
}

void find_phone_numbers(std::string_view t, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool plus31 = t.substr(i, 3) == "+31";
    const bool zero031 = t.substr(i, 4) == "0031";
    if (!plus31 && !zero031 && !(is_digit(t[i]) || t[i] == '(')) continue;
    if (i > 0 && is_digit(t[i - 1])) continue;  // inside a longer number
    std::string digits;
    std::size_t j = i + (plus31 ? 3 : zero031 ? 4 : 0);
    while (j < t.size() && digits.size() < 11) {
      const char c = t[j];
      if (is_digit(c))
        digits += c;
      else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')')
        break;
      ++j;
    }
    while (j > i && !is_digit(t[j - 1])) --j;  // trailing separators are not part of it
    if (j < t.size() && is_digit(t[j])) continue;
    const bool international = (plus31 || zero031) && digits.size() == 9 && digits[0] != '0';
    const bool national = !plus31 && !zero031 && digits.size() == 10 && digits[0] == '0' && digits[1] != '0';
    if (international || national) {
      out.push_back({PersonalData::phone, i, j});
      i = j;
    }
  }
}

// Nine digits, optionally in groups separated by single dots or spaces (123.456.782),
// not followed by another digit. Every group of digits starts a candidate, so the BSN in
// "kamer 0 111222333" is found too. `bsn_only`: only those passing the 11-test.
template <class Found>
void scan_nine_digits(std::string_view t, Found&& found) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!is_digit(t[i]) || (i > 0 && is_digit(t[i - 1]))) continue;
    std::string digits;
    std::size_t j = i;
    while (j < t.size() && digits.size() < 9) {
      if (is_digit(t[j])) {
        digits.push_back(t[j]);
        ++j;
      } else if ((t[j] == '.' || t[j] == ' ') && j + 1 < t.size() && is_digit(t[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    const bool followed_by_digit = j < t.size() && is_digit(t[j]);
    if (digits.size() == 9 && !followed_by_digit && found(digits, i, j)) return;
  }
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || is_upper(c);
}

// A house number: 1-5 digits standing alone, perhaps with a letter (12a, 12-A).
std::optional<std::pair<std::size_t, std::size_t>> house_number_in(std::string_view t, std::size_t from,
                                                                   std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (!is_digit(t[i]) || (i > 0 && (is_digit(t[i - 1]) || is_letter(t[i - 1])))) continue;
    std::size_t j = i;
    while (j < t.size() && is_digit(t[j])) ++j;
    if (j - i > 5 || (j < t.size() && is_digit(t[j]))) continue;
    std::size_t end = j;
    if (end < t.size() && is_letter(t[end]) && (end + 1 == t.size() || !is_letter(t[end + 1]))) ++end;
    return std::pair{i, end};
  }
  return std::nullopt;
}

void find_addresses(std::string_view t, std::vector<Finding>& out) {
  for (std::size_t i = 0; i + 6 <= t.size(); ++i) {
    if (t[i] < '1' || t[i] > '9' || (i > 0 && (is_digit(t[i - 1]) || is_letter(t[i - 1])))) continue;
    if (!is_digit(t[i + 1]) || !is_digit(t[i + 2]) || !is_digit(t[i + 3])) continue;
    std::size_t k = i + 4;
    if (k < t.size() && t[k] == ' ') ++k;
    if (k + 2 > t.size() || !is_upper(t[k]) || !is_upper(t[k + 1])) continue;
    if (k + 2 < t.size() && is_letter(t[k + 2])) continue;
    const std::string_view letters = t.substr(k, 2);
    if (letters == "SA" || letters == "SD" || letters == "SS") continue;
    const std::size_t end = k + 2;
    // The street and number come first in a Dutch address; the number after the
    // postcode is the other way people write it.
    const std::size_t before_from = i > 30 ? i - 30 : 0;
    std::optional<std::pair<std::size_t, std::size_t>> number;
    for (std::size_t from = before_from; from < i;) {
      auto n = house_number_in(t, from, i);
      if (!n || n->second > i) break;
      number = n;  // the last one before the postcode is the closest
      from = n->second;
    }
    if (number) {
      out.push_back({PersonalData::address, number->first, end});
    } else if (auto after = house_number_in(t, end, std::min(t.size(), end + 10))) {
      out.push_back({PersonalData::address, i, after->second});
    } else {
      continue;
    }
    i = out.back().end;
  }
}

}  // namespace

std::optional<std::string> find_bsn(std::string_view t) {
  std::optional<std::string> bsn;
  scan_nine_digits(t, [&](const std::string& digits, std::size_t, std::size_t) {
    if (is_valid_bsn(digits)) bsn = digits;
    return bsn.has_value();
  });
  return bsn;
}

bool contains_email(std::string_view t) {
  std::vector<Finding> found;
  find_emails(t, found);
  return !found.empty();
}

bool contains_phone_number(std::string_view t) {
  std::vector<Finding> found;
  find_phone_numbers(t, found);
  return !found.empty();
}

bool contains_address(std::string_view t) {
  std::vector<Finding> found;
  find_addresses(t, found);
  return !found.empty();
}

std::vector<Finding> find_personal_data(std::string_view t) {
  std::vector<Finding> out;
  find_emails(t, out);
  find_phone_numbers(t, out);
  find_addresses(t, out);
  scan_nine_digits(t, [&](const std::string&, std::size_t begin, std::size_t end) {
    out.push_back({PersonalData::nine_digits, begin, end});
    return false;
  });
  // In the order of the text; a span inside an earlier one (the digits of a phone
  // number) is left out.
  std::sort(out.begin(), out.end(),
            [](const Finding& a, const Finding& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
  std::vector<Finding> kept;
  for (const auto& f : out)
    if (kept.empty() || f.begin >= kept.back().end) kept.push_back(f);
  return kept;
}

const char* to_string(PersonalData kind) {
  static constexpr auto kNames = enum_names<PersonalData>({{PersonalData::email, "email"},
                                                           {PersonalData::phone, "phone"},
                                                           {PersonalData::address, "address"},
                                                           {PersonalData::nine_digits, "nine_digits"}});
  static_assert(kNames.names_every(PersonalData::nine_digits));
  const auto name = kNames.name(kind);
  return name.empty() ? "" : name.data();  // the table's literals end in a NUL
}

bool is_cbs_area_code(std::string_view c) {
  auto digits_from = [&](std::size_t n) { return c.size() == 2 + n && std::all_of(c.begin() + 2, c.end(), is_digit); };
  if (c.starts_with("WK")) return digits_from(6);
  if (c.starts_with("BU")) return digits_from(8);
  return false;
}

bool is_slug(std::string_view s) {
  return !s.empty() && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '-';
  });
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace wk::text
