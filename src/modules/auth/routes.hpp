#pragma once

#include "http/router.hpp"
#include "modules/auth/service.hpp"
#include "modules/organisation/service.hpp"

namespace wk::auth {

struct CookieOptions {
  bool secure = false;       // always add `Secure` (the server is behind TLS)
  bool trust_proxy = false;  // add `Secure` when X-Forwarded-Proto says https
};

inline constexpr const char* kSessionCookie = "wk_session";

// POST/DELETE /api/v1/session, GET /api/v1/me.
void register_routes(http::Router& router, SessionService& sessions, organisation::Service& organisations,
                     CookieOptions cookies);

// For the dispatcher: the principal of the request's session cookie, if valid.
std::optional<Principal> authenticate_request(SessionService& sessions, const http::Request& request, Millis now);

}  // namespace wk::auth
