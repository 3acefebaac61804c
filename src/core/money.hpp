// Money as the programmes count it: whole cents in an int64, never a double, so sums
// of thousands of cost lines come out exact and compare equal in SQL and in C++.
// Formatting and parsing follow Dutch conventions (2.400,50) because the users, their
// spreadsheets and the annual report are Dutch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace wk {

using Cents = std::int64_t;

// The largest amount parse_amount accepts, in cents (10 000 000 000 000 euro): far
// beyond any budget, and sums of many such amounts still fit in an int64.
inline constexpr Cents kMaxAmountCents = 1'000'000'000'000'000;

// "€ 10.577", "€ 2.400,50", "€ -2.089", "€ 0": whole euros when the cents are 0, else
// two decimals; '.' groups thousands, ',' marks the decimals; a negative amount puts
// the minus after the sign, as Dutch spreadsheets show it. Between "€" and the number
// is U+00A0 NO-BREAK SPACE (bytes C2 A0), so a table cell never wraps there.
std::string format_euro(Cents c);

// Rounds to whole euros, half away from zero (2.089,50 → "€ 2.090", -0,50 → "€ -1",
// -0,49 → "€ 0"), for the report tables, which show whole euros.
std::string format_euro_whole(Cents c);

// For spreadsheet cells: "2400", "2400,50", "-31,10" — no currency sign, no thousands
// separator, decimal comma; what Dutch Excel reads as a number and parse_amount reads back.
std::string format_amount_plain(Cents c);

// Reads an amount as Dutch Excel and people write it:
//   2400   2.400   2.400,50   2400,5   1.234.567,89   € 2.400   €2.400,-   2.400,-
//   EUR 2400   2.400 EUR   -2.400   € -2.400   -€ 2.400   '-2.400
// with white space (also NO-BREAK SPACE) around it. Rules:
//   - ',' is the decimal separator, followed by 1 or 2 digits; ",-" means whole euros.
//   - With no ',', a '.' followed by exactly 3 digits groups thousands (2.400 = 2400
//     euro; every group then has 3 digits and the first 1 to 3), while a single '.'
//     followed by 1 or 2 digits is a decimal point (2400.50, 12.5: English Excel).
//   - A leading "'" is dropped: it is the formula guard our own CSV export adds.
//   - Negative amounts are read; the caller decides whether they are allowed.
// Refused, as a validation Error with one FieldError whose field is left "" for the
// caller to fill: empty, letters, more than 2 decimals (2,405 is ambiguous: 2405 or
// 2,41?), misplaced separators (2.40.0, 1..2, 1,234.56) and amounts beyond
// ±kMaxAmountCents.
Result<Cents> parse_amount(std::string_view s);

}  // namespace wk
