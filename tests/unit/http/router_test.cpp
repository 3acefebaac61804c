#include "http/router.hpp"

#include <gtest/gtest.h>

namespace wk::http {
namespace {

Handler named(std::string name) {
  return [name](Context&) {
    Response r;
    r.body = name;
    return r;
  };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/api/v1/users", Access::authenticated, named("list"));
    router.add("POST", "/api/v1/users", Access::authenticated, named("create"));
    router.add("GET", "/api/v1/users/{id}", Access::authenticated, named("get"));
    router.add("PATCH", "/api/v1/users/{id}", Access::authenticated, named("patch"));
    router.add("GET", "/api/v1/reports/{year}/texts/{chapter}", Access::authenticated, named("text"));
  }
  Router router;
};

TEST_F(RouterTest, MatchesExactPaths) {
  auto m = router.match("POST", "/api/v1/users");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/users");
  EXPECT_EQ(m.route->method, "POST");
}

TEST_F(RouterTest, ExtractsParameters) {
  auto m = router.match("GET", "/api/v1/reports/2017/texts/inleiding");
  ASSERT_NE(m.route, nullptr);
  Request req;
  Context ctx{req, m.params, std::nullopt, 0};
  EXPECT_EQ(ctx.param("year"), "2017");
  EXPECT_EQ(ctx.param("chapter"), "inleiding");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  auto m = router.match("GET", "/api/v1/nothing");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
  EXPECT_EQ(router.match("GET", "/api/v1/users/").route, nullptr);  // empty parameter
  EXPECT_EQ(router.match("GET", "/api/v1/users/1/x").route, nullptr);
}

TEST_F(RouterTest, WrongMethodListsAllowed) {
  auto m = router.match("DELETE", "/api/v1/users/7");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "PATCH"}));
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  auto m = router.match("HEAD", "/api/v1/users");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method, "GET");
}

TEST_F(RouterTest, IdParameterMustBePositiveInteger) {
  Request req;
  for (const char* bad : {"abc", "0", "-1", "1.5", "99999999999999999999", "12a", ""}) {
    Context ctx{req, {{"id", bad}}, std::nullopt, 0};
    EXPECT_FALSE(ctx.id_param()) << bad;
  }
  Context ctx{req, {{"id", "42"}}, std::nullopt, 0};
  EXPECT_EQ(ctx.id_param(), 42);
}

TEST_F(RouterTest, DuplicateRegistrationIsRefused) {
  EXPECT_THROW(router.add("GET", "/api/v1/users", Access::authenticated, named("again")), std::invalid_argument);
}

TEST(Target, DecodesPathAndQuery) {
  auto t = parse_target("/api/v1/audit?entity=user&limit=5&q=a+b%20c");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/audit");
  ASSERT_EQ(t->query.size(), 3u);
  EXPECT_EQ(t->query[2].second, "a b c");
  EXPECT_FALSE(parse_target("http://evil/x"));
  EXPECT_FALSE(parse_target("/a%zz"));
  EXPECT_FALSE(parse_target("/a%00b"));
  EXPECT_FALSE(parse_target("/a%4"));
}

TEST(Target, Cookies) {
  Request r;
  r.headers["cookie"] = "theme=dark; wk_session=abc; other=1";
  EXPECT_EQ(r.cookie("wk_session"), "abc");
  EXPECT_FALSE(r.cookie("wk"));
}

}  // namespace
}  // namespace wk::http
