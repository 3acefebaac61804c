#include "core/money.hpp"

#include <algorithm>
#include <cstddef>

#include "core/text.hpp"

namespace wk {

namespace {

constexpr std::string_view kEuroSign = "€";
constexpr std::string_view kNbsp = "\xC2\xA0";            // U+00A0 NO-BREAK SPACE
constexpr std::string_view kNarrowNbsp = "\xE2\x80\xAF";  // U+202F, Excel's thousands space in some locales
constexpr std::size_t kMaxShownBytes = 40;                // of the input, quoted in an error title

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

std::uint64_t magnitude(Cents c) {
  // Unsigned negation, so even INT64_MIN has a magnitude.
  return c < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(c) : static_cast<std::uint64_t>(c);
}

// 1234567 → "1.234.567".
std::string group_thousands(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string euro_text(bool negative, std::string_view number) {
  std::string out;
  out.reserve(kEuroSign.size() + kNbsp.size() + 1 + number.size());
  out += kEuroSign;
  out += kNbsp;
  if (negative) out += '-';
  out += number;
  return out;
}

// White space around and inside an amount: ASCII blanks and the no-break spaces that
// spreadsheets put after "€".
std::size_t space_prefix(std::string_view s) {
  if (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) return 1;
  if (s.starts_with(kNbsp)) return kNbsp.size();
  if (s.starts_with(kNarrowNbsp)) return kNarrowNbsp.size();
  return 0;
}
std::size_t space_suffix(std::string_view s) {
  if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) return 1;
  if (s.ends_with(kNbsp)) return kNbsp.size();
  if (s.ends_with(kNarrowNbsp)) return kNarrowNbsp.size();
  return 0;
}
std::string_view trim_spaces(std::string_view s) {
  while (std::size_t n = space_prefix(s)) s.remove_prefix(n);
  while (std::size_t n = space_suffix(s)) s.remove_suffix(n);
  return s;
}

bool iequals_eur(std::string_view s) {
  return s.size() == 3 && (s[0] == 'E' || s[0] == 'e') && (s[1] == 'U' || s[1] == 'u') && (s[2] == 'R' || s[2] == 'r');
}
// Length of a currency mark ("€" or "EUR") at the start / end of s, or 0.
std::size_t currency_prefix(std::string_view s) {
  if (s.starts_with(kEuroSign)) return kEuroSign.size();
  if (s.size() >= 3 && iequals_eur(s.substr(0, 3))) return 3;
  return 0;
}
std::size_t currency_suffix(std::string_view s) {
  if (s.ends_with(kEuroSign)) return kEuroSign.size();
  if (s.size() >= 3 && iequals_eur(s.substr(s.size() - 3))) return 3;
  return 0;
}

// The input as quoted in an error title: cut at a UTF-8 boundary so a pasted essay
// does not become the message.
std::string shown(std::string_view s) {
  if (s.size() <= kMaxShownBytes) return std::string(s);
  return std::string(text::utf8_prefix_bytes(s, kMaxShownBytes)) + "…";
}

Error amount_error(std::string_view input, std::string_view hint_nl, std::string detail_en) {
  std::string title = "Geen geldig bedrag: ‘" + shown(input) + "’";
  if (!hint_nl.empty()) {
    title += " (";
    title += hint_nl;
    title += ")";
  }
  return Error::validation({FieldError{"", std::move(title), std::move(detail_en)}});
}

Error misplaced_separator(std::string_view input) {
  return amount_error(
      input, "punt of komma op een verkeerde plek",
      "Misplaced '.' or ','. Write 1.234.567,89 (thousands grouped in threes by '.', at most two decimals after ',').");
}

// 1.234.567 → "1234567", 2400 → "2400"; empty when the grouping is wrong (2.40.0,
// 1..2, 12345.678).
std::string ungroup(std::string_view s) {
  if (s.find('.') == std::string_view::npos) return all_digits(s) ? std::string(s) : std::string();
  std::string digits;
  std::size_t group = 0;
  while (true) {
    const std::size_t dot = s.find('.');
    const std::string_view part = s.substr(0, dot);
    const bool size_ok = group == 0 ? part.size() >= 1 && part.size() <= 3 : part.size() == 3;
    if (!size_ok || !all_digits(part)) return {};
    digits += part;
    if (dot == std::string_view::npos) return digits;
    s.remove_prefix(dot + 1);
    ++group;
  }
}

// 2,405 may be English for 2405 euro or a price with a tenth of a cent: refuse, and
// suggest the thousands reading when it is one.
Error too_many_decimals(std::string_view input, std::string_view before, std::string_view decimals) {
  std::string hint = "meer dan twee cijfers na de komma";
  const std::string thousands = std::string(before) + "." + std::string(decimals);
  if (!ungroup(thousands).empty()) hint += "; bedoelt u " + thousands + "?";
  return amount_error(input, hint,
                      "More than two decimals after ','. Dutch amounts use ',' for the cents; if ',' groups thousands "
                      "here, write '.' instead (2.405).");
}

}  // namespace

std::string format_euro(Cents c) {
  const std::uint64_t m = magnitude(c);
  std::string number = group_thousands(m / 100);
  if (const auto cents = static_cast<unsigned>(m % 100); cents != 0) {
    number += ',';
    number += static_cast<char>('0' + cents / 10);
    number += static_cast<char>('0' + cents % 10);
  }
  return euro_text(c < 0, number);
}

std::string format_euro_whole(Cents c) {
  const std::uint64_t m = magnitude(c);
  const std::uint64_t euros = m / 100 + (m % 100 >= 50 ? 1 : 0);
  return euro_text(c < 0 && euros != 0, group_thousands(euros));
}

std::string format_amount_plain(Cents c) {
  const bool negative = c < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(c) : static_cast<std::uint64_t>(c);
  std::string out = (negative ? "-" : "") + std::to_string(magnitude / 100);
  if (const auto rest = magnitude % 100; rest != 0) {
    out += ',';
    out += static_cast<char>('0' + rest / 10);
    out += static_cast<char>('0' + rest % 10);
  }
  return out;
}

Result<Cents> parse_amount(std::string_view input) {
  const std::string_view original = trim_spaces(input);
  if (original.empty()) return Error::validation({FieldError{"", "Geen bedrag ingevuld.", "The amount is empty."}});

  std::string_view s = original;
  if (s.front() == '\'') s = trim_spaces(s.substr(1));  // our export's formula guard

  bool negative = false;
  if (!s.empty() && s.front() == '-') {  // -€ 2.400 or -2.400
    negative = true;
    s = trim_spaces(s.substr(1));
  }
  const std::size_t prefix = currency_prefix(s);
  if (prefix != 0) s = trim_spaces(s.substr(prefix));
  if (!negative && !s.empty() && s.front() == '-') {  // € -2.400, as format_euro writes it
    negative = true;
    s.remove_prefix(1);
  }
  if (prefix == 0) {
    if (const std::size_t suffix = currency_suffix(s); suffix != 0) s = trim_spaces(s.substr(0, s.size() - suffix));
  }
  const bool whole_euros = s.ends_with(",-");  // 2.400,- is the Dutch way to write 2400 euro exactly
  if (whole_euros) s.remove_suffix(2);

  if (s.empty()) return amount_error(original, "geen cijfers", "The amount has no digits.");
  if (!std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || c == '.' || c == ','; })) {
    return amount_error(original, "alleen cijfers, een punt en een komma",
                        "An amount has only digits, '.' and ',', optionally with '€' or 'EUR' and a leading '-'.");
  }
  if (std::count(s.begin(), s.end(), ',') > 1) {
    return amount_error(original, "meer dan één komma", "More than one decimal comma.");
  }

  std::string euros;          // digits only
  std::string_view decimals;  // 0 to 2 digits
  const std::size_t comma = s.find(',');
  const std::size_t dot = s.find('.');
  const bool single_dot = dot != std::string_view::npos && s.find('.', dot + 1) == std::string_view::npos;
  if (comma != std::string_view::npos) {
    if (whole_euros) return misplaced_separator(original);  // 2,50,-
    const std::string_view before = s.substr(0, comma);
    decimals = s.substr(comma + 1);
    if (!all_digits(decimals)) return misplaced_separator(original);  // 2400, or 1,234.56
    if (decimals.size() > 2) return too_many_decimals(original, before, decimals);
    euros = ungroup(before);
  } else if (single_dot && s.size() - dot - 1 <= 2 && !whole_euros) {
    // A single dot followed by 1 or 2 digits: a decimal point, as English Excel writes it.
    euros = std::string(s.substr(0, dot));
    decimals = s.substr(dot + 1);
    if (!all_digits(euros) || !all_digits(decimals)) return misplaced_separator(original);  // .50, 2400.
  } else {
    euros = ungroup(s);  // 2.400, 1.234.567, 2400
  }
  if (euros.empty()) return misplaced_separator(original);

  // Leading zeros do not count; more than 13 significant digits is beyond the limit
  // anyway, and checking first keeps the arithmetic below from overflowing.
  const std::size_t first = std::min(euros.find_first_not_of('0'), euros.size());
  const std::string_view significant = std::string_view(euros).substr(first);
  std::uint64_t cents = 0;
  const bool too_large = significant.size() > 14;
  if (!too_large) {
    for (char c : significant) cents = cents * 10 + static_cast<std::uint64_t>(c - '0');
    cents *= 100;
    if (!decimals.empty()) cents += static_cast<std::uint64_t>(decimals[0] - '0') * 10;
    if (decimals.size() == 2) cents += static_cast<std::uint64_t>(decimals[1] - '0');
  }
  if (too_large || cents > static_cast<std::uint64_t>(kMaxAmountCents)) {
    return amount_error(original, "te groot", "The amount is beyond 10,000,000,000,000 euro.");
  }
  const auto value = static_cast<Cents>(cents);
  return negative ? -value : value;
}

}  // namespace wk
