// Fuzzes the JSON body reader (http/json_body.hpp) as a route uses it: the input is the
// body of a POST with Content-Type application/json. When it parses, a FieldReader
// reads the kinds of field the routes read (text with and without trimming, multiline
// text, integers, a boolean, lists of texts and of ids, an array of objects read with
// their own FieldReaders as the receipt's cost lines are) and finishes.
//
// A refusal (400 for malformed JSON or a number too large, 422 for bad fields) is a
// normal outcome; it is turned into its problem+json answer as the server does. A bug
// is a crash, a sanitizer report, an escaping exception, or one of the checks below:
// what the header promises about the values a FieldReader hands out.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/text.hpp"
#include "fuzz_check.hpp"
#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "http/request.hpp"

namespace {

using wk::ErrorKind;
using wk::http::FieldReader;
using wk::http::IntRule;
using wk::http::TextRule;

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// What FieldReader::text promises for a value it returns.
void check_text(const std::optional<std::string>& value, const TextRule& rule) {
  if (!value) return;
  const auto length = wk::text::utf8_length(*value);
  WK_FUZZ_CHECK(length >= rule.min && length <= rule.max, "a text outside its length rule was accepted");
  WK_FUZZ_CHECK(!rule.required || !value->empty(), "a required text came back empty");
  if (rule.trim && !value->empty())
    WK_FUZZ_CHECK(!is_ascii_space(value->front()) && !is_ascii_space(value->back()), "a trimmed text has blanks");
  const bool control =
      rule.multiline ? wk::text::has_control_characters_multiline(*value) : wk::text::has_control_characters(*value);
  WK_FUZZ_CHECK(!control, "a text with control characters was accepted");
  // The JSON parser refuses invalid UTF-8, and the reader counts characters on that basis.
  WK_FUZZ_CHECK(wk::fuzz::is_valid_utf8(*value), "an accepted text is not valid UTF-8");
}

void check_int(const std::optional<std::int64_t>& value, const IntRule& rule) {
  if (value) WK_FUZZ_CHECK(*value >= rule.min && *value <= rule.max, "an integer outside its range was accepted");
}

// The receipt's cost lines (modules/cases/routes.cpp, read_lines): an array of objects,
// each read by its own FieldReader, its errors reported under `oud[2].amount_cents`.
void read_lines(FieldReader& in, const nlohmann::json& body, const char* side) {
  if (!in.has(side)) return;
  in.skip(side);
  const auto& list = body.at(side);
  if (!list.is_array()) {
    in.fail(side, "Moet een lijst zijn.", "must be an array");
    return;
  }
  for (std::size_t i = 0; i < list.size() && i < 200; ++i) {
    const std::string at = std::string(side) + "[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      in.fail(at, "Moet een kostenregel zijn.", "must be an object");
      continue;
    }
    FieldReader line(list[i]);
    const IntRule id{.required = true};
    const IntRule amount{.required = true, .min = INT64_MIN, .max = INT64_MAX};
    const TextRule description{.required = false, .min = 0, .max = 500};
    check_int(line.integer("category_id", id), id);
    check_int(line.integer("payer_id", id), id);
    check_text(line.text("description", description), description);
    check_int(line.integer("amount_cents", amount), amount);
    if (auto done = line.finish(); !done) {
      WK_FUZZ_CHECK(done.error().kind == ErrorKind::validation, "a line's errors are not a validation error");
      for (const auto& f : done.error().fields) in.fail(at + "." + f.field, f.title, f.detail);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  wk::http::Request request;
  request.method = "POST";
  request.path = "/api/v1/fuzz";
  request.headers["content-type"] = "application/json; charset=utf-8";
  request.body.assign(reinterpret_cast<const char*>(data), size);

  auto body = wk::http::parse_json_object(request);
  if (!body) {
    // Malformed JSON, not an object, a number beyond a double: 400, never anything else.
    WK_FUZZ_CHECK(body.error().kind == ErrorKind::bad_request, "a JSON body refused as something other than 400");
    const auto answer = wk::http::problem_response(body.error());
    WK_FUZZ_CHECK(answer.status == 400, "the refusal does not answer 400");
    return 0;
  }
  WK_FUZZ_CHECK(body->is_object(), "parse_json_object returned something other than an object");

  FieldReader in(*body);
  const std::set<std::string> asked = {"name",   "email", "password", "text",    "status", "team_id", "owner_id",
                                       "active", "roles", "team_ids", "answers", "oud",    "nieuw"};
  const TextRule name{.required = true, .min = 1, .max = 200};
  const TextRule email{.required = false, .min = 3, .max = 254};
  const TextRule password{.required = false, .min = 0, .max = 1024, .trim = false};
  const TextRule story{.required = false, .min = 1, .max = 10000, .multiline = true};
  const TextRule status{.required = false, .min = 1, .max = 40};
  const TextRule role{.required = true, .min = 1, .max = 60};
  const IntRule team{.required = false};
  const IntRule owner{};
  check_text(in.text("name", name), name);
  check_text(in.text("email", email), email);
  check_text(in.text("password", password), password);
  check_text(in.text("text", story), story);
  check_text(in.text("status", status), status);
  check_int(in.integer("team_id", team), team);
  check_int(in.integer("owner_id", owner), owner);
  in.boolean("active");
  if (auto roles = in.text_list("roles", role, 20)) {
    WK_FUZZ_CHECK(roles->size() <= 20, "a text list longer than its bound was accepted");
    for (const auto& r : *roles) check_text(r, role);
  }
  if (auto ids = in.id_list("team_ids", 50)) {
    WK_FUZZ_CHECK(ids->size() <= 50, "an id list longer than its bound was accepted");
    for (auto id : *ids) WK_FUZZ_CHECK(id > 0, "an id list holds an id that is not positive");
  }
  in.skip("answers");
  read_lines(in, *body, "oud");
  read_lines(in, *body, "nieuw");
  const bool failed = in.failed();

  auto done = in.finish();
  if (done) {
    WK_FUZZ_CHECK(!failed, "finish() succeeded after a field failed");
    for (auto it = body->begin(); it != body->end(); ++it)
      WK_FUZZ_CHECK(asked.count(it.key()) == 1, "finish() accepted a key nobody asked for");
    return 0;
  }
  WK_FUZZ_CHECK(done.error().kind == ErrorKind::validation, "a field refusal is not a validation error");
  WK_FUZZ_CHECK(!done.error().fields.empty(), "a validation error without fields");
  const auto answer = wk::http::problem_response(done.error());
  WK_FUZZ_CHECK(answer.status == 422, "the field refusal does not answer 422");
  return 0;
}
