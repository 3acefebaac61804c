#include "http/problem.hpp"

namespace wk::http {

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request:
      return 400;
    case ErrorKind::unauthenticated:
      return 401;
    case ErrorKind::forbidden:
    case ErrorKind::csrf:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::method_not_allowed:
      return 405;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::payload_too_large:
      return 413;
    case ErrorKind::unsupported_media_type:
      return 415;
    case ErrorKind::validation:
      return 422;
    case ErrorKind::too_many_requests:
      return 429;
    case ErrorKind::unavailable:
      return 503;
    case ErrorKind::not_implemented:
      return 501;
  }
  return 500;
}

std::string type_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request:
      return "urn:wijkkader:problem:bad-request";
    case ErrorKind::unauthenticated:
      return "urn:wijkkader:problem:unauthenticated";
    case ErrorKind::forbidden:
      return "urn:wijkkader:problem:forbidden";
    case ErrorKind::csrf:
      return "urn:wijkkader:problem:csrf";
    case ErrorKind::not_found:
      return "urn:wijkkader:problem:not-found";
    case ErrorKind::method_not_allowed:
      return "urn:wijkkader:problem:method-not-allowed";
    case ErrorKind::conflict:
      return "urn:wijkkader:problem:conflict";
    case ErrorKind::payload_too_large:
      return "urn:wijkkader:problem:payload-too-large";
    case ErrorKind::unsupported_media_type:
      return "urn:wijkkader:problem:unsupported-media-type";
    case ErrorKind::validation:
      return "urn:wijkkader:problem:validation";
    case ErrorKind::too_many_requests:
      return "urn:wijkkader:problem:too-many-requests";
    case ErrorKind::unavailable:
      return "urn:wijkkader:problem:unavailable";
    case ErrorKind::not_implemented:
      return "urn:wijkkader:problem:not-implemented";
  }
  return "about:blank";
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
