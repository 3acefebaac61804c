#include "http/cursor.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace wk::http {
namespace {

TEST(Cursor, RoundTripsAKeyAndIsUrlSafe) {
  ASSERT_GE(sodium_init(), 0);
  const nlohmann::json key = nlohmann::json::array({"2024-05-01", 123456789012});
  const auto cursor = encode_cursor(key);
  EXPECT_EQ(cursor.find_first_of("+/=%&?# "), std::string::npos) << cursor;
  EXPECT_EQ(decode_cursor(cursor), key);
}

TEST(Cursor, RefusesWhatItDidNotMake) {
  EXPECT_FALSE(decode_cursor(""));
  EXPECT_FALSE(decode_cursor("not base64!"));
  EXPECT_FALSE(decode_cursor(encode_cursor({{"a", 1}})));  // an object, not an array
  EXPECT_FALSE(decode_cursor("bm90IGpzb24"));              // "not json"
  EXPECT_FALSE(decode_cursor(std::string(513, 'A')));
}

}  // namespace
}  // namespace wk::http
