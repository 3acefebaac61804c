#pragma once

#include "http/router.hpp"
#include "modules/auth/service.hpp"
#include "modules/organisation/service.hpp"

namespace wk::auth {

struct CookieOptions {
  // Always add `Secure` (the server is behind TLS). Without it, `Secure` is added when a
  // trusted proxy's X-Forwarded-Proto says https.
  bool secure = false;
};

inline constexpr const char* kSessionCookie = "wk_session";
inline constexpr const char* kDeviceCookie = "wk_device";  // a known device (decision 0010)

// POST/DELETE /api/v1/session, GET /api/v1/me, PUT /api/v1/me/password.
void register_routes(http::Router& router, SessionService& sessions, organisation::Service& organisations,
                     CookieOptions cookies);

// For the dispatcher: the principal of the request's session cookie, if valid.
std::optional<Principal> authenticate_request(SessionService& sessions, const http::Request& request, Millis now);

}  // namespace wk::auth
