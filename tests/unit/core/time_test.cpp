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
}  // namespace wk
