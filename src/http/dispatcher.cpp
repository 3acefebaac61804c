#include "http/dispatcher.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "http/problem.hpp"
#include "store/database.hpp"

namespace wk::http {

namespace {

bool equal_tokens(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// A browser sends Origin on cross-site requests; if it names another host than the
// one it is talking to, the request did not come from our page.
bool origin_matches_host(const Request& r) {
  const auto origin = r.header("origin");
  if (!origin) return true;
  const auto host = r.header("host");
  if (!host) return false;
  const auto scheme_end = origin->find("://");
  if (scheme_end == std::string_view::npos) return false;
  return origin->substr(scheme_end + 3) == *host;
}

Error csrf_error() {
  return {ErrorKind::csrf,
          "Het verzoek is geweigerd (ontbrekend of ongeldig beveiligingstoken). Herlaad de pagina.",
          "Missing or invalid CSRF token.",
          {},
          0};
}

}  // namespace

bool is_state_changing(std::string_view m) {
  return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE";
}

void add_security_headers(Response& r) {
  r.set_header("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
               "form-action 'self'; frame-ancestors 'none'");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "no-referrer");
  r.set_header("Cross-Origin-Opener-Policy", "same-origin");
  r.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (r.body.empty() || r.content_type.empty()) return;
  bool has_cache_control = false;
  for (const auto& [k, v] : r.headers) has_cache_control |= (k == "Cache-Control");
  // API answers hold personal data: no proxy or browser cache keeps them.
  if (!has_cache_control) r.set_header("Cache-Control", "no-store");
}

Dispatcher::Dispatcher(const Router& router, Authenticator authenticate, const StaticFiles* static_files)
    : router_(router), authenticate_(std::move(authenticate)), static_files_(static_files) {}

Response Dispatcher::handle(const Request& request) const {
  Response response;
  try {
    response = route(request);
  } catch (const store::DbError& e) {
    if (e.kind() == store::DbError::Kind::unique || e.kind() == store::DbError::Kind::foreign_key) {
      // The store's own message names constraints and values: it goes to the log only.
      spdlog::info(R"("event":"constraint_conflict","error":{})", nlohmann::json(e.what()).dump());
      response = problem_response(Error::conflict("Dit botst met bestaande gegevens (bijvoorbeeld een dubbele naam).",
                                                  "Conflicts with existing data (for example a duplicate)."));
    } else if (e.kind() == store::DbError::Kind::busy || e.kind() == store::DbError::Kind::connection) {
      spdlog::warn(R"("event":"database_unavailable","error":{})", nlohmann::json(e.what()).dump());
      response = problem_response({ErrorKind::unavailable,
                                   "De database is tijdelijk niet bereikbaar.",
                                   "The database is temporarily unavailable.",
                                   {},
                                   0});
    } else {
      spdlog::error(R"("event":"database_error","error":{})", nlohmann::json(e.what()).dump());
      response = json_response(500, {{"type", "about:blank"},
                                     {"status", 500},
                                     {"title", "Er ging iets mis op de server."},
                                     {"detail", "Internal server error."}});
      response.content_type = "application/problem+json";
    }
  } catch (const std::exception& e) {
    spdlog::error(R"("event":"handler_error","error":{})", nlohmann::json(e.what()).dump());
    response = json_response(500, {{"type", "about:blank"},
                                   {"status", 500},
                                   {"title", "Er ging iets mis op de server."},
                                   {"detail", "Internal server error."}});
    response.content_type = "application/problem+json";
  }
  add_security_headers(response);
  return response;
}

Response Dispatcher::route(const Request& request) const {
  Match m = router_.match(request.method, request.path);
  if (!m.route) {
    if (!m.allowed.empty()) {
      auto r = problem_response(
          {ErrorKind::method_not_allowed, "Deze handeling is hier niet mogelijk.", "Method not allowed.", {}, 0});
      std::string allow;
      for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
      r.set_header("Allow", allow);
      return r;
    }
    const bool api = request.path.starts_with("/api/") || request.path == "/api";
    if (!api && static_files_ && (request.method == "GET" || request.method == "HEAD")) {
      if (auto file = static_files_->serve(request.path, request.header("accept-encoding"))) return *file;
    }
    return problem_response(Error::not_found("No route for " + request.method + " " + request.path));
  }

  Context ctx{request, std::move(m.params), std::nullopt, now_millis()};
  if (is_state_changing(request.method) && !origin_matches_host(request)) return problem_response(csrf_error());
  if (m.route->access == Access::authenticated) {
    ctx.principal = authenticate_(request, ctx.now);
    if (!ctx.principal) return problem_response(Error::unauthenticated());
    if (is_state_changing(request.method)) {
      const auto token = request.header("x-csrf-token");
      if (!token || !equal_tokens(*token, ctx.principal->csrf_token)) return problem_response(csrf_error());
    }
  }
  return m.route->handler(ctx);
}

}  // namespace wk::http
