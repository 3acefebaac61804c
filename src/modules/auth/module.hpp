// The auth module: log-in, sessions, the caller's own account.
#pragma once

#include <optional>

#include "core/module.hpp"
#include "http/request.hpp"
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

struct Config {
  SessionPolicy sessions;
  ThrottlePolicy throttle;
  CookieOptions cookies;
};

class Module final : public wk::Module {
 public:
  // Ends a user's sessions when the organisation module changes the password or roles.
  Module(store::Database& db, Config config, const Modules& modules);
  std::string_view name() const override { return "auth"; }
  // POST/DELETE /api/v1/session, GET /api/v1/me, PUT /api/v1/me/password.
  void add_routes(http::Router& router) override;
  SessionService& sessions() { return sessions_; }
  organisation::Service& organisations() { return organisations_; }
  const CookieOptions& cookies() const { return cookies_; }
  // What the user may do, by every module's rules (Module::capabilities), sorted.
  std::vector<std::string> all_capabilities(store::Tx& tx, const Principal& p) const;
  store::Database& database() { return db_; }

 private:
  store::Database& db_;
  SessionService sessions_;
  organisation::Service& organisations_;
  CookieOptions cookies_;
  const Modules& modules_;
};

// For the dispatcher: the principal of the request's session cookie, if valid.
std::optional<Principal> authenticate_request(SessionService& sessions, const http::Request& request, Millis now);

}  // namespace wk::auth
