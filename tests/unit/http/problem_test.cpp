#include "http/problem.hpp"

#include <gtest/gtest.h>

#include "http/dispatcher.hpp"

namespace wk::http {
namespace {

TEST(Problem, StatusPerKind) {
  EXPECT_EQ(status_of(ErrorKind::bad_request), 400);
  EXPECT_EQ(status_of(ErrorKind::unauthenticated), 401);
  EXPECT_EQ(status_of(ErrorKind::forbidden), 403);
  EXPECT_EQ(status_of(ErrorKind::csrf), 403);
  EXPECT_EQ(status_of(ErrorKind::not_found), 404);
  EXPECT_EQ(status_of(ErrorKind::conflict), 409);
  EXPECT_EQ(status_of(ErrorKind::payload_too_large), 413);
  EXPECT_EQ(status_of(ErrorKind::unsupported_media_type), 415);
  EXPECT_EQ(status_of(ErrorKind::validation), 422);
  EXPECT_EQ(status_of(ErrorKind::too_many_requests), 429);
}

TEST(Problem, BodyFollowsRfc9457WithFields) {
  auto r = problem_response(Error::validation({{"email", "Vul een geldig e-mailadres in.", "must be an e-mail"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["type"], "urn:wijkkader:problem:validation");
  EXPECT_EQ(j["status"], 422);
  EXPECT_EQ(j["title"], "De invoer is niet geldig.");
  EXPECT_EQ(j["detail"], "The input is not valid.");
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["field"], "email");
}

TEST(Problem, RetryAfterOnThrottle) {
  auto r = problem_response(Error::too_many_requests(90));
  EXPECT_EQ(r.status, 429);
  bool found = false;
  for (const auto& [k, v] : r.headers) found |= (k == "Retry-After" && v == "90");
  EXPECT_TRUE(found);
}

// The dispatcher, without a network: routing, authentication, CSRF, errors.
class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/api/v1/open", Access::public_route, [](Context&) { return json_response(200, {{"ok", 1}}); });
    router.add("POST", "/api/v1/things", Access::authenticated, [this](Context&) {
      ++changes;
      return json_response(201, {{"ok", 1}});
    });
    router.add("GET", "/api/v1/boom", Access::public_route,
               [](Context&) -> Response { throw std::runtime_error("kaboom"); });
  }
  Dispatcher dispatcher() {
    return Dispatcher(
        router,
        [](const Request& r, Millis) -> std::optional<Principal> {
          if (r.cookie("wk_session") != "good") return std::nullopt;
          Principal p;
          p.csrf_token = "token";
          return p;
        },
        nullptr);
  }
  static Request post(std::string csrf) {
    Request r;
    r.method = "POST";
    r.path = "/api/v1/things";
    r.headers["cookie"] = "wk_session=good";
    if (!csrf.empty()) r.headers["x-csrf-token"] = csrf;
    return r;
  }
  static std::string header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }
  Router router;
  int changes = 0;
};

TEST_F(DispatcherTest, CsrfTokenRequiredForStateChanges) {
  auto d = dispatcher();
  EXPECT_EQ(d.handle(post("")).status, 403);
  EXPECT_EQ(d.handle(post("wrong")).status, 403);
  EXPECT_EQ(changes, 0);
  EXPECT_EQ(d.handle(post("token")).status, 201);
  EXPECT_EQ(changes, 1);
}

TEST_F(DispatcherTest, ForeignOriginRefused) {
  auto d = dispatcher();
  auto r = post("token");
  r.headers["host"] = "wijkkader.local:8080";
  r.headers["origin"] = "https://evil.example";
  EXPECT_EQ(d.handle(r).status, 403);
  r.headers["origin"] = "http://wijkkader.local:8080";
  EXPECT_EQ(d.handle(r).status, 201);
}

TEST_F(DispatcherTest, NoSessionIs401) {
  auto d = dispatcher();
  auto r = post("token");
  r.headers.erase("cookie");
  EXPECT_EQ(d.handle(r).status, 401);
}

TEST_F(DispatcherTest, ExceptionsBecome500ProblemsAndEveryAnswerHasSecurityHeaders) {
  auto d = dispatcher();
  Request r;
  r.method = "GET";
  r.path = "/api/v1/boom";
  auto res = d.handle(r);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.content_type, "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(res.body)["detail"], "Internal server error.");  // no internals leak
  EXPECT_NE(header(res, "Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(header(res, "X-Content-Type-Options"), "nosniff");
  r.path = "/api/v1/open";
  r.method = "DELETE";
  res = d.handle(r);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(header(res, "Allow"), "GET");
  r.path = "/api/v1/none";
  EXPECT_EQ(d.handle(r).status, 404);
}

}  // namespace
}  // namespace wk::http
