#include "core/text.hpp"

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
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
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

std::optional<std::string> find_bsn(std::string_view t) {
  // Every group of digits starts a candidate: nine digits, optionally written in groups
  // separated by single dots or spaces (123.456.782, 123 456 782), not followed by
  // another digit. Starting at every group (not only the first of a run) finds the BSN in
  // "kamer 0 111222333" too.
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
    if (digits.size() == 9 && !followed_by_digit && is_valid_bsn(digits)) return digits;
  }
  return std::nullopt;
}

bool contains_email(std::string_view t) {
  for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    auto word_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '+';
    };
    std::size_t start = at;
    while (start > 0 && word_char(t[start - 1])) --start;
    std::size_t end = at + 1;
    while (end < t.size() && word_char(t[end])) ++end;
    const auto domain = t.substr(at + 1, end - at - 1);
    const auto dot = domain.rfind('.');
    if (start < at && dot != std::string_view::npos && dot > 0 && domain.size() - dot - 1 >= 2) return true;
  }
  return false;
}

bool contains_phone_number(std::string_view t) {
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
    if ((plus31 || zero031) && digits.size() == 9 && digits[0] != '0') return true;
    if (!plus31 && !zero031 && digits.size() == 10 && digits[0] == '0' && digits[1] != '0') return true;
  }
  return false;
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
