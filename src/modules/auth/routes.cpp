#include "modules/auth/module.hpp"

#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "modules/organisation/json.hpp"

namespace wk::auth {

namespace {

std::string cookie(const http::Request& r, const CookieOptions& options, std::string_view name,
                   const std::string& value, std::string_view path, long max_age_seconds) {
  bool secure = options.secure;
  if (r.via_trusted_proxy)
    if (auto proto = r.header("x-forwarded-proto"); proto && *proto == "https") secure = true;
  std::string c = std::string(name) + "=" + value + "; Path=" + std::string(path) +
                  "; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) c += "; Secure";
  return c;
}

std::string session_cookie(const http::Request& r, const CookieOptions& options, const std::string& value,
                           long max_age_seconds) {
  return cookie(r, options, kSessionCookie, value, "/", max_age_seconds);
}

// Sent only to the log-in endpoint, which alone reads it.
std::string device_cookie(const http::Request& r, const CookieOptions& options, const std::string& value,
                          long max_age_seconds) {
  return cookie(r, options, kDeviceCookie, value, "/api/v1/session", max_age_seconds);
}

nlohmann::json me_json(organisation::Service& organisations, const Principal& p) {
  auto user = organisations.get_user(p, p.user_id);
  auto org = organisations.organisation(p.org_id);
  nlohmann::json teams = nlohmann::json::array();
  if (user)
    for (const auto& t : user->teams) teams.push_back({{"id", t.id}, {"name", t.name}});
  return {{"id", p.user_id},
          {"email", p.email},
          {"name", p.name},
          {"roles", p.roles},
          {"teams", teams},
          {"organisation", org ? organisation::to_json(*org) : nlohmann::json(nullptr)},
          {"csrf_token", p.csrf_token}};
}

}  // namespace

std::optional<Principal> authenticate_request(SessionService& sessions, const http::Request& request, Millis now) {
  auto token = request.cookie(kSessionCookie);
  if (!token) return std::nullopt;
  return sessions.authenticate(*token, now);
}

void Module::add_routes(http::Router& router) {
  SessionService& sessions = sessions_;
  organisation::Service& organisations = organisations_;
  const CookieOptions cookies = cookies_;
  router.add("POST", "/api/v1/session", http::Access::public_route, [&, cookies](http::Context& ctx) {
    auto body = http::parse_json_object(ctx.request);
    if (!body) return http::problem_response(body.error());
    http::FieldReader in(*body);
    auto email = in.text("email", {.required = true, .min = 1, .max = 254});
    auto password = in.text("password", {.required = true, .min = 1, .max = 1024, .trim = false});
    if (auto done = in.finish(); !done) return http::problem_response(done.error());

    auto result =
        sessions.login(*email, *password, ctx.request.remote_address, ctx.request.cookie(kDeviceCookie), ctx.now);
    if (!result) return http::problem_response(result.error());
    auto response = http::json_response(
        200, {{"user", me_json(organisations, result->principal)}, {"csrf_token", result->principal.csrf_token}});
    response.set_header("Set-Cookie", session_cookie(ctx.request, cookies, result->session_token,
                                                     static_cast<long>(sessions.policy().absolute_timeout / 1000)));
    response.set_header("Set-Cookie", device_cookie(ctx.request, cookies, result->device_token,
                                                    static_cast<long>(sessions.throttle().device_lifetime / 1000)));
    return response;
  });

  router.add("DELETE", "/api/v1/session", http::Access::authenticated, [&, cookies](http::Context& ctx) {
    sessions.logout(ctx.user(), ctx.request.cookie(kSessionCookie).value_or(""), ctx.now);
    auto response = http::no_content();
    response.set_header("Set-Cookie", session_cookie(ctx.request, cookies, "", 0));
    return response;
  });

  router.add("PUT", "/api/v1/me/password", http::Access::authenticated, [&](http::Context& ctx) {
    std::optional<std::string> current, replacement;
    if (auto refused = http::read_json_body(ctx.request, [&](http::FieldReader& in) {
          current = in.text("current_password", {.required = true, .min = 1, .max = 1024, .trim = false});
          replacement = in.text("new_password", {.required = true, .min = 1, .max = 1024, .trim = false});
        }))
      return *refused;
    auto done = sessions.change_own_password(ctx.user(), *current, *replacement, ctx.request.remote_address, ctx.now);
    if (!done) return http::problem_response(done.error());
    return http::no_content();
  });

  router.add("GET", "/api/v1/me", http::Access::authenticated,
             [&](http::Context& ctx) { return http::json_response(200, me_json(organisations, ctx.user())); });
}

}  // namespace wk::auth
