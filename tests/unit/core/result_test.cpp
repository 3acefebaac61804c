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

// The Dutch and the English text of an error are typed: passing them in each other's
// place, or as bare strings, does not compile.
template <class A, class B>
concept ConflictTakes = requires(A a, B b) {
  Error::conflict(a, b);
};
template <class A, class B>
concept BadRequestTakes = requires(A a, B b) {
  Error::bad_request(a, b);
};
static_assert(ConflictTakes<Nl, En>);
static_assert(!ConflictTakes<En, Nl>);
static_assert(!ConflictTakes<std::string, std::string>);
static_assert(BadRequestTakes<Nl, En>);
static_assert(!BadRequestTakes<En, Nl>);
static_assert(!BadRequestTakes<std::string, std::string>);

TEST(Result, TypedTextsLandInTitleAndDetail) {
  const auto e = Error::conflict(Nl{"Deze naam bestaat al."}, En{"The name exists."});
  EXPECT_EQ(e.title, "Deze naam bestaat al.");
  EXPECT_EQ(e.detail, "The name exists.");
  const auto b = Error::bad_request(En{"Malformed."});
  EXPECT_EQ(b.title, "Het verzoek is niet geldig.");
  EXPECT_EQ(b.detail, "Malformed.");
}

}  // namespace
}  // namespace wk
