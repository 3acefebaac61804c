#include "core/time.hpp"

#include <gtest/gtest.h>

namespace wk {
namespace {

TEST(Time, Iso8601) {
  EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso8601_utc(1795405459123), "2026-11-23T03:44:19Z");
  EXPECT_EQ(iso8601_utc(-1), "1969-12-31T23:59:59Z");
}

TEST(Time, IsoDates) {
  EXPECT_TRUE(is_valid_iso_date("2017-12-31"));
  EXPECT_TRUE(is_valid_iso_date("2024-02-29"));
  EXPECT_FALSE(is_valid_iso_date("2023-02-29"));
  EXPECT_FALSE(is_valid_iso_date("2017-13-01"));
  EXPECT_FALSE(is_valid_iso_date("31-12-2017"));
  EXPECT_FALSE(is_valid_iso_date("2017-1-1"));
}

TEST(Time, NowIsRecent) {
  EXPECT_GT(now_millis(), 1700000000000);
}

}  // namespace
}  // namespace wk

namespace wk {
namespace {

TEST(Time, SpreadsheetDates) {
  EXPECT_EQ(parse_date_nl_or_iso("31-12-2017"), "2017-12-31");
  EXPECT_EQ(parse_date_nl_or_iso("1-2-2017"), "2017-02-01");
  EXPECT_EQ(parse_date_nl_or_iso("01/02/2017"), "2017-02-01");
  EXPECT_EQ(parse_date_nl_or_iso(" 2017-12-31 "), "2017-12-31");
  EXPECT_FALSE(parse_date_nl_or_iso("30-02-2017"));
  EXPECT_FALSE(parse_date_nl_or_iso("12-31-2017"));
  EXPECT_FALSE(parse_date_nl_or_iso("31-12-17"));
  EXPECT_FALSE(parse_date_nl_or_iso("gisteren"));
  EXPECT_EQ(iso_to_dutch_date("2017-12-31"), "31-12-2017");
}

}  // namespace
// Hand-checked: 2026 changes clocks on Sunday 29 March and Sunday 25 October; 2024 (a
// leap year) on 31 March and 27 October. Midnight of a winter day is 23:00 UTC the day
// before, of a summer day 22:00 UTC.
TEST(Time, StartOfDayInTheNetherlands) {
  auto at = [](const char* date) { return iso8601_utc(start_of_day_nl(date)); };
  EXPECT_EQ(at("2026-01-15"), "2026-01-14T23:00:00Z");
  EXPECT_EQ(at("2026-03-29"), "2026-03-28T23:00:00Z");  // the change is at 02:00, after midnight
  EXPECT_EQ(at("2026-03-30"), "2026-03-29T22:00:00Z");
  EXPECT_EQ(at("2026-07-01"), "2026-06-30T22:00:00Z");
  EXPECT_EQ(at("2026-10-25"), "2026-10-24T22:00:00Z");  // still summer time at midnight
  EXPECT_EQ(at("2026-10-26"), "2026-10-25T23:00:00Z");
  EXPECT_EQ(at("2026-01-01"), "2025-12-31T23:00:00Z");
  EXPECT_EQ(at("2024-02-29"), "2024-02-28T23:00:00Z");
  EXPECT_EQ(at("2024-03-31"), "2024-03-30T23:00:00Z");
  EXPECT_EQ(at("2024-04-01"), "2024-03-31T22:00:00Z");
  EXPECT_EQ(at("2024-10-27"), "2024-10-26T22:00:00Z");
  EXPECT_EQ(at("2024-10-28"), "2024-10-27T23:00:00Z");
  // A day is 24 hours except the two days of a change.
  EXPECT_EQ(start_of_day_nl("2026-03-30") - start_of_day_nl("2026-03-29"), 23 * 3'600'000);
  EXPECT_EQ(start_of_day_nl("2026-10-26") - start_of_day_nl("2026-10-25"), 25 * 3'600'000);
}

}  // namespace wk
