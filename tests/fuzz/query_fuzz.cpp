// Fuzzes the request target as the server reads it: http::parse_target (the input is
// the target of the request line, `/api/v1/audit?from=2026-01-01&limit=20`), then,
// with a Request built from it, the query readers of http/query.hpp as the routes call
// them (paging, ids, bounded integers, dates and what the audit log does with them, a
// search text cut to its length), the router's match and path ids, and the cookie
// reader on the same bytes as a Cookie header.
//
// A refusal (nullopt from parse_target, errors collected for a 400) is a normal outcome;
// it is turned into its problem+json answer as the server does. A bug is a crash, a
// sanitizer report, an escaping exception, or one of the checks below, each a promise of
// a header comment.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "fuzz_check.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace {

using wk::FieldError;
using wk::http::Request;

const wk::http::Router& router() {
  static const wk::http::Router r = [] {
    wk::http::Router out;
    auto none = [](wk::http::Context&) { return wk::http::Response{}; };
    for (const char* pattern :
         {"/api/v1/cases", "/api/v1/cases/{id}", "/api/v1/cases/{id}/receipt", "/api/v1/receipts/import",
          "/api/v1/knowledge/{id}", "/api/v1/knowledge/{id}/diff", "/api/v1/knowledge/{id}/attachments/{attachment}",
          "/api/v1/lists/{list}", "/api/v1/audit", "/healthz"})
      out.add("GET", pattern, wk::http::Access::authenticated, none);
    out.add("POST", "/api/v1/cases", wk::http::Access::authenticated, none);
    return out;
  }();
  return r;
}

void check_positive_id(const Request& r, const char* name, std::vector<FieldError>& errors) {
  if (auto id = wk::http::query_id(r, name, errors))
    WK_FUZZ_CHECK(*id > 0, "query_id returned an id that is not positive");
}

void check_int(const Request& r, const char* name, std::int64_t min, std::int64_t max,
               std::vector<FieldError>& errors) {
  if (auto n = wk::http::query_int(r, name, min, max, errors))
    WK_FUZZ_CHECK(*n >= min && *n <= max, "query_int returned a number outside its range");
}

std::optional<std::string> check_date(const Request& r, const char* name, std::vector<FieldError>& errors) {
  auto d = wk::http::query_date(r, name, errors);
  if (d) WK_FUZZ_CHECK(wk::is_valid_iso_date(*d), "query_date returned something that is no real YYYY-MM-DD date");
  return d;
}

// "The longest prefix of `s` that has at most `max_chars` code points".
void check_search_text(const Request& r, const char* name, std::size_t max) {
  auto q = r.query_param(name);
  if (!q || q->empty()) return;
  const std::string_view cut = wk::text::utf8_prefix(*q, max);
  WK_FUZZ_CHECK(cut.data() == q->data() && cut.size() <= q->size(), "utf8_prefix is not a prefix");
  WK_FUZZ_CHECK(wk::text::utf8_length(cut) <= max, "utf8_prefix is longer than its bound");
}

void check_query(const Request& r) {
  std::vector<FieldError> errors;
  // query_paging: "`limit` (1–max_limit; absent: unchanged) and `offset` (0 or more)".
  for (int max_limit : {500, 100}) {
    int limit = 50, offset = 0;
    wk::http::query_paging(r, limit, offset, errors, max_limit);
    WK_FUZZ_CHECK(limit == 50 || (limit >= 1 && limit <= max_limit), "query_paging set a limit outside 1–max");
    WK_FUZZ_CHECK(offset >= 0, "query_paging set a negative offset");
  }
  for (const char* name : {"programme", "team", "owner", "story", "actor", "topic", "session"})
    check_positive_id(r, name, errors);
  check_int(r, "within", 0, 365, errors);
  check_int(r, "year", 2000, 2100, errors);
  check_int(r, "from", 1, 1'000'000, errors);
  // The audit log's days (modules/audit/routes.cpp): from the start of `from` until the
  // end of `to`, in Dutch time.
  const auto from = check_date(r, "from", errors);
  const auto to = check_date(r, "to", errors);
  if (from) (void)wk::start_of_day_nl(*from);
  if (to) (void)wk::start_of_day_nl(wk::add_days(*to, 1));
  (void)check_date(r, "reference_date", errors);
  check_search_text(r, "q", 40);
  check_search_text(r, "q", 100);
  if (errors.empty()) return;
  const auto answer = wk::http::problem_response(wk::http::bad_query(std::move(errors)));
  WK_FUZZ_CHECK(answer.status == 400, "bad query parameters do not answer 400");
}

void check_route(const Request& r) {
  const auto m = router().match(r.method, r.path);
  if (!m.route) return;
  std::size_t params = 0;
  for (const auto& segment : m.route->segments) params += segment.starts_with('{') ? 1 : 0;
  WK_FUZZ_CHECK(m.params.size() == params, "a match without a value for every parameter");
  wk::http::Context ctx{r, m.params, std::nullopt, 0};
  for (const auto& [name, value] : m.params) {
    WK_FUZZ_CHECK(!value.empty(), "an empty path parameter");
    if (auto id = ctx.id_param(name)) WK_FUZZ_CHECK(*id > 0, "id_param returned an id that is not positive");
  }
}

bool has_nul(std::string_view s) {
  return s.find('\0') != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);

  // The same bytes as a Cookie header: the session cookie's reader.
  {
    Request with_cookie;
    with_cookie.headers["cookie"] = std::string(target);
    (void)with_cookie.cookie("wk_session");
    (void)with_cookie.cookie("wk_device");
  }

  auto parsed = wk::http::parse_target(target);
  if (!parsed) return 0;
  // "nullopt for a target that is not origin-form or decodes to invalid bytes (NUL …)".
  WK_FUZZ_CHECK(!parsed->path.empty() && parsed->path.front() == '/', "a decoded path that does not start with /");
  WK_FUZZ_CHECK(!has_nul(parsed->path), "a decoded path with a NUL");
  for (const auto& [k, v] : parsed->query) WK_FUZZ_CHECK(!has_nul(k) && !has_nul(v), "a query pair with a NUL");

  Request r;
  r.method = "GET";
  r.path = parsed->path;
  r.query = parsed->query;
  check_query(r);
  check_route(r);
  r.method = "HEAD";
  check_route(r);
  return 0;
}
