#include "modules/auth/module.hpp"

#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "http/route_table.hpp"
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

nlohmann::json me_json(store::Tx& tx, const Module& auth, const Principal& p) {
  auto user = organisation::Service::user(tx, p.org_id, p.user_id);
  auto org = organisation::Service::organisation_in(tx, p.org_id);
  nlohmann::json teams = nlohmann::json::array();
  if (user)
    for (const auto& t : user->teams) teams.push_back({{"id", t.id}, {"name", t.name}});
  return {{"id", p.user_id},
          {"email", p.email},
          {"name", p.name},
          {"roles", p.roles},
          {"teams", teams},
          {"organisation", org ? organisation::to_json(*org) : nlohmann::json(nullptr)},
          {"capabilities", auth.all_capabilities(tx, p)},
          {"csrf_token", p.csrf_token}};
}

// The user, the organisation and what the user may do, read in one transaction.
nlohmann::json me_json(Module& auth, const Principal& p) {
  return auth.database().read([&](store::Tx& tx) { return me_json(tx, auth, p); });
}

}  // namespace

std::optional<Principal> authenticate_request(SessionService& sessions, const http::Request& request, Millis now) {
  auto token = request.cookie(kSessionCookie);
  if (!token) return std::nullopt;
  return sessions.authenticate(*token, now);
}

namespace {

http::Response log_in(Module& auth, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(auto body, http::parse_json_object(ctx.request));
  http::FieldReader in(body);
  auto email = in.text("email", {.required = true, .min = 1, .max = 254});
  auto password = in.text("password", {.required = true, .min = 1, .max = 1024, .trim = false});
  if (auto done = in.finish(); !done) return http::problem_response(done.error());

  auto& sessions = auth.sessions();
  WK_ASSIGN_OR_RETURN(const auto result, sessions.login(*email, *password, ctx.request.remote_address,
                                                        ctx.request.cookie(kDeviceCookie), ctx.now));
  auto response = http::json_response(
      200, {{"user", me_json(auth, result.principal)}, {"csrf_token", result.principal.csrf_token}});
  response.set_header("Set-Cookie", session_cookie(ctx.request, auth.cookies(), result.session_token,
                                                   static_cast<long>(sessions.policy().absolute_timeout / 1000)));
  response.set_header("Set-Cookie", device_cookie(ctx.request, auth.cookies(), result.device_token,
                                                  static_cast<long>(sessions.throttle().device_lifetime / 1000)));
  return response;
}

http::Response log_out(Module& auth, http::Context& ctx) {
  auth.sessions().logout(ctx.user(), ctx.request.cookie(kSessionCookie).value_or(""), ctx.now);
  auto response = http::no_content();
  response.set_header("Set-Cookie", session_cookie(ctx.request, auth.cookies(), "", 0));
  return response;
}

http::Response change_own_password(Module& auth, http::Context& ctx) {
  std::optional<std::string> current, replacement;
  if (auto refused = http::read_json_body(ctx.request, [&](http::FieldReader& in) {
        current = in.text("current_password", {.required = true, .min = 1, .max = 1024, .trim = false});
        replacement = in.text("new_password", {.required = true, .min = 1, .max = 1024, .trim = false});
      }))
    return *refused;
  WK_RETURN_IF_ERROR(
      auth.sessions().change_own_password(ctx.user(), *current, *replacement, ctx.request.remote_address, ctx.now));
  return http::no_content();
}

http::Response who_am_i(Module& auth, http::Context& ctx) {
  return http::json_response(200, me_json(auth, ctx.user()));
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(router, *this,
                   {
                       {"POST", "/api/v1/session", log_in, http::Access::public_route},
                       {"DELETE", "/api/v1/session", log_out},
                       {"PUT", "/api/v1/me/password", change_own_password},
                       {"GET", "/api/v1/me", who_am_i},
                   });
}

}  // namespace wk::auth
