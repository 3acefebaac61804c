#include "http/dispatcher.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/text.hpp"
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

Response internal_error() {
  auto r = json_response(500, {{"type", "about:blank"},
                               {"status", 500},
                               {"title", "Er ging iets mis op de server."},
                               {"detail", "Internal server error."}});
  r.content_type = "application/problem+json";
  return r;
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

Dispatcher::Dispatcher(const Router& router, Authenticator authenticate, const StaticFiles* static_files,
                       IdempotencyStore* idempotency)
    : router_(router), authenticate_(std::move(authenticate)), static_files_(static_files), idempotency_(idempotency) {}

Response Dispatcher::handle(const Request& request) const {
  Response response = guarded([&] { return route(request); });
  if (response.deferred) {
    // The heavy part runs later, on the background threads: it gets the same care.
    response.deferred = [job = std::move(response.deferred)] {
      Response r = guarded(job);
      add_security_headers(r);
      return r;
    };
    return response;
  }
  add_security_headers(response);
  return response;
}

// Runs f, mapping what it throws to a problem answer: a constraint of the store to 409,
// an unreachable store to 503, anything else to 500 (with the cause in the log only).
Response Dispatcher::guarded(const std::function<Response()>& f) {
  Response response;
  try {
    response = f();
  } catch (const store::DbError& e) {
    if (e.kind() == store::DbError::Kind::unique || e.kind() == store::DbError::Kind::foreign_key) {
      // The store's own message names constraints and values: it goes to the log only.
      spdlog::info(R"("event":"constraint_conflict","error":{})", nlohmann::json(e.what()).dump());
      response =
          problem_response(Error::conflict(Nl{"Dit botst met bestaande gegevens (bijvoorbeeld een dubbele naam)."},
                                           En{"Conflicts with existing data (for example a duplicate)."}));
    } else if (e.kind() == store::DbError::Kind::busy || e.kind() == store::DbError::Kind::connection) {
      spdlog::warn(R"("event":"database_unavailable","error":{})", nlohmann::json(e.what()).dump());
      response = problem_response({ErrorKind::unavailable,
                                   "De database is tijdelijk niet bereikbaar.",
                                   "The database is temporarily unavailable.",
                                   {},
                                   0});
    } else {
      spdlog::error(R"("event":"database_error","error":{})", nlohmann::json(e.what()).dump());
      response = internal_error();
    }
  } catch (const std::exception& e) {
    spdlog::error(R"("event":"handler_error","error":{})", nlohmann::json(e.what()).dump());
    response = internal_error();
  }
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
  if (m.route->idempotent && idempotency_)
    if (const auto key = request.header("idempotency-key")) return run_once(*m.route, ctx, *key);
  return m.route->handler(ctx);
}

bool valid_idempotency_key(std::string_view key) {
  if (key.empty() || key.size() > 255) return false;
  for (const char c : key)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

namespace {
// What makes two requests the same: method, path, query and body.
std::string request_fingerprint(const Request& r) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  const auto feed = [&](std::string_view part) {
    const std::uint64_t size = part.size();
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&size), sizeof size);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  };
  feed(r.method);
  feed(r.path);
  for (const auto& [k, v] : r.query) {
    feed(k);
    feed(v);
  }
  feed(r.body);
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash_final(&state, hash, sizeof hash);
  char hex[2 * crypto_generichash_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

Error key_error(std::string title_nl, std::string detail_en) {
  Error e = Error::bad_request(Nl{title_nl}, En{detail_en});
  e.fields.push_back({"Idempotency-Key", std::move(title_nl), std::move(detail_en)});
  return e;
}
}  // namespace

Response Dispatcher::run_once(const Route& route, Context& ctx, std::string_view raw_key) const {
  const std::string key = text::trim(raw_key);
  if (!valid_idempotency_key(key))
    return problem_response(key_error("De Idempotency-Key moet 1 tot 255 zichtbare tekens zijn.",
                                      "Idempotency-Key must be 1 to 255 visible ASCII characters."));
  const std::string scope =
      ctx.principal ? "user:" + std::to_string(ctx.principal->user_id) : "public:" + ctx.request.path;
  const auto org = ctx.principal ? std::optional<std::int64_t>(ctx.principal->org_id) : std::nullopt;
  auto claim = idempotency_->claim(scope, key, org, request_fingerprint(ctx.request), ctx.now);
  switch (claim.kind) {
    case IdempotencyClaim::Kind::replay:
      claim.stored.set_header("Idempotent-Replayed", "true");
      return claim.stored;
    case IdempotencyClaim::Kind::in_progress: {
      Error e = Error::conflict(Nl{"Dit verzoek wordt nog verwerkt. Probeer het zo opnieuw."},
                                En{"A request with this Idempotency-Key is still being handled."});
      e.retry_after_seconds = 1;
      return problem_response(e);
    }
    case IdempotencyClaim::Kind::mismatch: {
      Error e = key_error("Deze Idempotency-Key is al gebruikt voor een ander verzoek.",
                          "This Idempotency-Key was used for another request.");
      e.kind = ErrorKind::validation;
      return problem_response(e);
    }
    case IdempotencyClaim::Kind::fresh:
      break;
  }
  Response response;
  try {
    response = route.handler(ctx);
  } catch (...) {
    idempotency_->release(scope, key);
    throw;
  }
  if (response.status >= 200 && response.status < 300)
    idempotency_->complete(scope, key, response);
  else
    idempotency_->release(scope, key);
  return response;
}

}  // namespace wk::http
