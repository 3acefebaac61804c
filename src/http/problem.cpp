#include "http/problem.hpp"

namespace wk::http {

namespace {

struct KindRow {
  ErrorKind kind;
  int status;
  std::string_view type;  // after urn:wijkkader:problem:
};

constexpr KindRow kKinds[] = {
    {ErrorKind::bad_request, 400, "bad-request"},
    {ErrorKind::unauthenticated, 401, "unauthenticated"},
    {ErrorKind::forbidden, 403, "forbidden"},
    {ErrorKind::csrf, 403, "csrf"},
    {ErrorKind::not_found, 404, "not-found"},
    {ErrorKind::method_not_allowed, 405, "method-not-allowed"},
    {ErrorKind::conflict, 409, "conflict"},
    {ErrorKind::payload_too_large, 413, "payload-too-large"},
    {ErrorKind::unsupported_media_type, 415, "unsupported-media-type"},
    {ErrorKind::validation, 422, "validation"},
    {ErrorKind::too_many_requests, 429, "too-many-requests"},
    {ErrorKind::unavailable, 503, "unavailable"},
    {ErrorKind::not_implemented, 501, "not-implemented"},
};

// A kind added to ErrorKind (after not_implemented, the last) without a row here fails
// to compile: the switch this table replaced had -Wswitch for that.
constexpr bool every_kind_has_a_row() {
  for (int k = 0; k <= static_cast<int>(ErrorKind::not_implemented); ++k) {
    bool found = false;
    for (const auto& r : kKinds) found = found || static_cast<int>(r.kind) == k;
    if (!found) return false;
  }
  return std::size(kKinds) == static_cast<std::size_t>(ErrorKind::not_implemented) + 1;
}
static_assert(every_kind_has_a_row(), "every ErrorKind needs its status and problem type");

const KindRow* row_of(ErrorKind kind) {
  for (const auto& r : kKinds)
    if (r.kind == kind) return &r;
  return nullptr;
}

}  // namespace

int status_of(ErrorKind kind) {
  const auto* r = row_of(kind);
  return r ? r->status : 500;
}

std::string type_of(ErrorKind kind) {
  const auto* r = row_of(kind);
  return r ? "urn:wijkkader:problem:" + std::string(r->type) : "about:blank";
}

Response problem_response(const Error& error) {
  nlohmann::json body = {
      {"type", type_of(error.kind)},
      {"status", status_of(error.kind)},
      {"title", error.title},
      {"detail", error.detail},
  };
  if (!error.fields.empty()) {
    auto& list = body["errors"] = nlohmann::json::array();
    for (const auto& f : error.fields) list.push_back({{"field", f.field}, {"title", f.title}, {"detail", f.detail}});
  }
  Response r;
  r.status = status_of(error.kind);
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (error.retry_after_seconds > 0) r.set_header("Retry-After", std::to_string(error.retry_after_seconds));
  return r;
}

Response json_response(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace wk::http
