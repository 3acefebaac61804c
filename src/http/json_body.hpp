// Reading a JSON request body into typed fields, collecting every field error at once
// so the user sees all problems in one answer. Unknown fields are refused.
//
//   auto body = parse_json_object(ctx.request);       // 415 / 400 / 422 as a value
//   if (!body) return problem_response(body.error());
//   FieldReader in(*body);
//   auto name = in.text("name", {.required = true, .max = 200});
//   if (auto done = in.finish(); !done) return problem_response(done.error());
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/problem.hpp"
#include "http/request.hpp"

namespace wk::http {

// Checks Content-Type (application/json), parses (invalid UTF-8 is refused), and
// requires a JSON object at the top.
Result<nlohmann::json> parse_json_object(const Request& request);

struct TextRule {
  bool required = false;
  std::size_t min = 0;     // in characters, after trimming
  std::size_t max = 1000;  // in characters
  bool multiline = false;  // allow tabs and newlines
  bool trim = true;
};

// The same rule for a PATCH, where every field may be left out (found by argument-dependent
// lookup: `optional(kName)`).
constexpr TextRule optional(TextRule rule) {
  rule.required = false;
  return rule;
}

// The same rule where a value is needed (a PATCH that may not empty the field).
constexpr TextRule required(TextRule rule) {
  rule.required = true;
  rule.min = rule.min > 0 ? rule.min : 1;
  return rule;
}

// Rules that several modules' bodies share.
inline constexpr TextRule kIsoDateText{.required = true, .min = 10, .max = 10};  // then check_iso_date
inline constexpr TextRule kTitleText{.required = true, .min = 1, .max = 200};    // a title or a name

struct IntRule {
  bool required = false;
  std::int64_t min = 1;
  std::int64_t max = INT64_MAX;
};

class FieldReader {
 public:
  explicit FieldReader(const nlohmann::json& object) : object_(object) {}

  std::optional<std::string> text(const std::string& key, TextRule rule);
  std::optional<std::int64_t> integer(const std::string& key, IntRule rule);
  std::optional<bool> boolean(const std::string& key, bool required = false);
  // Array of strings; each item trimmed and checked with `item`; `max_items` bound.
  std::optional<std::vector<std::string>> text_list(const std::string& key, TextRule item, std::size_t max_items,
                                                    bool required = false);
  std::optional<std::vector<std::int64_t>> id_list(const std::string& key, std::size_t max_items,
                                                   bool required = false);
  bool has(const std::string& key) const { return object_.contains(key); }
  // Marks a key as read by the caller itself (e.g. an array of objects it reads with
  // its own FieldReaders), so that finish() does not call it unknown.
  void skip(const std::string& key) { seen_.insert(key); }

  void fail(std::string field, std::string title_nl, std::string detail_en);
  bool failed() const { return !errors_.empty(); }
  // Adds an error for every key nobody asked for, then returns the collected errors.
  Status finish();

 private:
  const nlohmann::json* get(const std::string& key, bool required);
  const nlohmann::json* array(const std::string& key, std::size_t max_items, bool required);
  std::optional<std::string> check_text(const std::string& field, const std::string& value, const TextRule& rule);

  const nlohmann::json& object_;
  std::set<std::string> seen_;
  std::vector<FieldError> errors_;
};

// Parses the request's JSON object and runs `read(FieldReader&)` on it. Returns the
// problem to answer (415, 400, 422 with every field error), or nullopt when the body
// was read completely.
template <class Read>
std::optional<Response> read_json_body(const Request& request, Read&& read) {
  auto body = parse_json_object(request);
  if (!body) return problem_response(body.error());
  FieldReader in(*body);
  read(in);
  if (auto done = in.finish(); !done) return problem_response(done.error());
  return std::nullopt;
}

}  // namespace wk::http
