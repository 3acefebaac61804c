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

}  // namespace wk
