// Turns a Request into a Response: routing, session, CSRF, the handler, and the
// mapping of failures to problem+json. Pure with respect to the network (server.cpp
// owns sockets), so it is tested without one.
#pragma once

#include <functional>
#include <optional>

#include "http/idempotency.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace wk::http {

using Authenticator = std::function<std::optional<Principal>(const Request&, Millis now)>;

class Dispatcher {
 public:
  // `idempotency` may be null: then Idempotency-Key is ignored.
  Dispatcher(const Router& router, Authenticator authenticate, const StaticFiles* static_files,
             IdempotencyStore* idempotency = nullptr);
  Response handle(const Request& request) const;

 private:
  Response route(const Request& request) const;
  static Response guarded(const std::function<Response()>& f);
  Response run_once(const Route& route, Context& ctx, std::string_view key) const;

  const Router& router_;
  Authenticator authenticate_;
  const StaticFiles* static_files_;
  IdempotencyStore* idempotency_;
};

// CSP without inline scripts, no framing, no MIME sniffing, no referrer leaks.
void add_security_headers(Response& response);

bool is_state_changing(std::string_view method);

}  // namespace wk::http
