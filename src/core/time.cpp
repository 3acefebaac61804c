#include "core/time.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace wk {

Millis now_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string iso8601_utc(Millis t) {
  using namespace std::chrono;
  const sys_seconds secs{duration_cast<seconds>(milliseconds{t - (t % 1000 + 1000) % 1000})};
  const auto day = floor<days>(secs);
  const year_month_day ymd{day};
  const hh_mm_ss hms{secs - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string iso_date_utc(Millis t) {
  return iso8601_utc(t).substr(0, 10);
}

namespace {

// The date's parts as written (month 13 stays 13: .ok() tells whether it is real).
std::chrono::year_month_day parts_of(std::string_view s) {
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  using namespace std::chrono;
  return {year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))}, day{static_cast<unsigned>(num(8, 2))}};
}

std::string iso_of(std::chrono::year_month_day ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

bool is_valid_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return parts_of(s).ok();
}

std::string add_months(const std::string& date, int months) {
  using namespace std::chrono;
  if (!is_valid_iso_date(date)) return date;
  const auto ymd = parts_of(date);
  const year_month ym = year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  return iso_of({ym.year(), ym.month(), std::min(ymd.day(), last)});
}

std::string add_days(const std::string& date, std::int64_t days) {
  using namespace std::chrono;
  return iso_of(year_month_day{sys_days{parts_of(date)} + std::chrono::days{days}});
}

Millis start_of_day_nl(const std::string& date) {
  using namespace std::chrono;
  const auto ymd = parts_of(date);
  auto last_sunday = [&](unsigned m) {
    const sys_days last{year_month_day_last{ymd.year(), month_day_last{month{m}}}};
    return last - (weekday{last} - Sunday);
  };
  const sys_days day{ymd};
  const bool summer = day > last_sunday(3) && day <= last_sunday(10);
  return duration_cast<milliseconds>(day.time_since_epoch()).count() - (summer ? 2 : 1) * 3'600'000;
}

std::int64_t days_between(const std::string& from, const std::string& to) {
  using namespace std::chrono;
  return (sys_days{parts_of(to)} - sys_days{parts_of(from)}).count();
}

std::optional<std::string> parse_date_nl_or_iso(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (is_valid_iso_date(s)) return std::string(s);
  // d-m-yyyy with '-', '/' or '.' between the parts.
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int part = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (++digits[part] > 4) return std::nullopt;
      parts[part] = parts[part] * 10 + (c - '0');
    } else if ((c == '-' || c == '/' || c == '.') && part < 2 && digits[part] > 0) {
      ++part;
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", parts[2], parts[1], parts[0]);
  if (!is_valid_iso_date(buf)) return std::nullopt;
  return std::string(buf);
}

std::string iso_to_dutch_date(std::string_view iso) {
  if (iso.size() != 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "-" + std::string(iso.substr(5, 2)) + "-" + std::string(iso.substr(0, 4));
}

}  // namespace wk
