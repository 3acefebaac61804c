#include "core/result.hpp"

#include <gtest/gtest.h>

namespace wk {
namespace {

Result<int> half(int n) {
  if (n % 2) return Error::validation({{"n", "Moet even zijn.", "must be even"}});
  return n / 2;
}

TEST(Result, CarriesValueOrError) {
  auto ok = half(4);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 2);
  auto bad = half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::validation);
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "n");
}

TEST(Result, ErrorFactoriesHaveDutchTitleAndEnglishDetail) {
  const auto e = Error::too_many_requests(42);
  EXPECT_EQ(e.retry_after_seconds, 42);
  EXPECT_NE(e.title.find("inlogpogingen"), std::string::npos);
  EXPECT_NE(e.detail.find("log-in"), std::string::npos);
}

}  // namespace
}  // namespace wk
