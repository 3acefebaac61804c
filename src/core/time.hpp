// Time as the store keeps it: milliseconds since the Unix epoch (UTC), an int64 that
// sorts, compares and binds the same way in SQLite and PostgreSQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wk {

using Millis = std::int64_t;

Millis now_millis();

// 2026-11-23T03:44:19Z (second precision; the API's time format).
std::string iso8601_utc(Millis t);

// The UTC calendar date of t as YYYY-MM-DD.
std::string iso_date_utc(Millis t);

// Accepts YYYY-MM-DD and checks it is a real calendar date.
bool is_valid_iso_date(std::string_view s);

// What people type in spreadsheets: 31-12-2017 (also 31/12/2017, 1-2-2017) or
// 2017-12-31. Returns the ISO date, or nullopt when it is not a real calendar date.
std::optional<std::string> parse_date_nl_or_iso(std::string_view s);
// Calendar arithmetic on YYYY-MM-DD dates (valid ones; callers check input first).
// Whole months keep the day where the month has it, else the month's last day
// (2026-01-31 + 1 month → 2026-02-28).
std::string add_months(const std::string& date, int months);
std::string add_days(const std::string& date, std::int64_t days);
// Whole days from `from` to `to`, negative when `to` is earlier.
std::int64_t days_between(const std::string& from, const std::string& to);
// The first instant of a calendar day in the Netherlands (Europe/Amsterdam: CET, UTC+1,
// and from the last Sunday of March to the last Sunday of October CEST, UTC+2; the EU
// rule since 1996). Midnight never falls in a clock change, so the day decides the
// offset. For filters that a person gives as days (the audit log's "from" and "to").
Millis start_of_day_nl(const std::string& date);
// 2017-12-31 → 31-12-2017 (the Dutch way of writing dates).
std::string iso_to_dutch_date(std::string_view iso);

}  // namespace wk
