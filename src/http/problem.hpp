// Maps an Error to an HTTP status and an application/problem+json body (RFC 9457):
// `type` (urn:wijkkader:problem:<kind>), `status`, `title` (Dutch), `detail` (English)
// and, for validation, `errors`: [{field, title, detail}].
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/request.hpp"

namespace wk::http {

int status_of(ErrorKind kind);
std::string type_of(ErrorKind kind);
Response problem_response(const Error& error);

Response json_response(int status, const nlohmann::json& body);
Response no_content();

}  // namespace wk::http
