#include "http/json_body.hpp"

#include <gtest/gtest.h>

namespace wk::http {
namespace {

Request json_request(std::string body, std::string type = "application/json") {
  Request r;
  r.method = "POST";
  r.headers["content-type"] = std::move(type);
  r.body = std::move(body);
  return r;
}

TEST(JsonBody, RefusesOtherContentTypes) {
  auto r = parse_json_object(json_request("{}", "text/plain"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::unsupported_media_type);
  EXPECT_TRUE(parse_json_object(json_request("{}", "application/json; charset=utf-8")));
}

TEST(JsonBody, RefusesMalformedAndNonObjects) {
  EXPECT_EQ(parse_json_object(json_request("{\"a\":")).error().kind, ErrorKind::bad_request);
  EXPECT_EQ(parse_json_object(json_request("[1,2]")).error().kind, ErrorKind::bad_request);
  EXPECT_EQ(parse_json_object(json_request("{\"name\":\"\xff\xfe\"}")).error().kind, ErrorKind::bad_request);
}

// A number beyond a double (nlohmann's out_of_range.406) is bad input at its path,
// never an exception that escapes as a 500.
TEST(JsonBody, NumberTooLargeIsABadRequestAtItsField) {
  const auto field_of = [](std::string body) {
    auto r = parse_json_object(json_request(std::move(body)));
    EXPECT_FALSE(r);
    if (r) return std::string("(parsed)");
    EXPECT_EQ(r.error().kind, ErrorKind::bad_request);
    return r.error().fields.empty() ? std::string("(none)") : r.error().fields.front().field;
  };
  EXPECT_EQ(field_of(R"({"email":1e309})"), "email");
  EXPECT_EQ(field_of(R"({"a":1,"b":-1e400})"), "b");
  EXPECT_EQ(field_of(R"({"oud":[{"amount_cents":1},{"x":2,"amount_cents":9e999}]})"), "oud[1].amount_cents");
  EXPECT_EQ(field_of(R"({"m":[[1,2],[3,1e999]]})"), "m[1][1]");
  EXPECT_EQ(field_of(R"({"ids":[1,2,1e999]})"), "ids[2]");
  EXPECT_EQ(field_of(R"({"a":{"b":{"c":1e999}}})"), "a.b.c");
  // The largest doubles and integers beyond 64 bits are still read (as doubles).
  EXPECT_TRUE(parse_json_object(json_request(R"({"a":1.7976931348623157e308,"b":99999999999999999999999})")));
  EXPECT_EQ(parse_json_object(json_request(R"({"a":1} x)")).error().kind, ErrorKind::bad_request);
}

TEST(FieldReader, CollectsEveryError) {
  auto j = nlohmann::json::parse(R"({"name": 5, "roles": ["coach", 3], "extra": true, "active": "yes"})");
  FieldReader in(j);
  in.text("name", {.required = true});
  in.text("email", {.required = true});
  in.text_list("roles", {.required = true, .min = 1, .max = 20}, 10);
  in.boolean("active");
  auto done = in.finish();
  ASSERT_FALSE(done);
  std::vector<std::string> fields;
  for (const auto& f : done.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "email", "roles[1]", "active", "extra"}));
}

TEST(FieldReader, TrimsAndChecksLength) {
  auto j = nlohmann::json::parse(R"({"name": "  Wijkteam Oost  ", "code": "", "long": "abcdef"})");
  FieldReader in(j);
  EXPECT_EQ(in.text("name", {.required = true, .min = 1, .max = 50}), "Wijkteam Oost");
  EXPECT_FALSE(in.text("code", {.required = true, .min = 1}));
  EXPECT_FALSE(in.text("long", {.max = 5}));
  EXPECT_FALSE(in.finish());
}

TEST(FieldReader, IntegersAndIds) {
  auto j = nlohmann::json::parse(R"({"n": 18446744073709551615, "ids": [1, 0, -2, "3"], "ok": [4, 5]})");
  FieldReader in(j);
  EXPECT_FALSE(in.integer("n", {.required = true}));
  EXPECT_FALSE(in.id_list("ids", 10));
  EXPECT_EQ(in.id_list("ok", 10), (std::vector<std::int64_t>{4, 5}));
  auto done = in.finish();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().fields.size(), 4u);  // n, ids[1], ids[2], ids[3]
}

TEST(FieldReader, NullMeansAbsent) {
  auto j = nlohmann::json::parse(R"({"name": null})");
  FieldReader in(j);
  EXPECT_FALSE(in.text("name", {}));
  EXPECT_TRUE(in.finish());
}

}  // namespace
}  // namespace wk::http
