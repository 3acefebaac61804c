#include "modules/organisation/module.hpp"

#include "core/text.hpp"
#include "http/json_body.hpp"
#include "http/list_page.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "modules/organisation/json.hpp"

namespace wk::organisation {

namespace {

using http::Context;
using http::FieldReader;
using http::problem_response;
using http::Response;

constexpr http::TextRule kShortName{.required = true, .min = 1, .max = 200};
constexpr http::TextRule kEmail{.required = true, .min = 3, .max = 254};
constexpr http::TextRule kPassword{.required = true, .min = 0, .max = 1024, .multiline = false, .trim = false};
constexpr http::TextRule kRole{.required = true, .min = 1, .max = 60};
constexpr http::TextRule kCode{.required = true, .min = 1, .max = 10};
constexpr std::size_t kMaxListItems = 50;
constexpr std::size_t kMaxNeighbourhoods = 500;

template <class T>
Response list_response(const Result<std::vector<T>>& r) {
  if (!r) return problem_response(r.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : *r) items.push_back(to_json(item));
  return http::json_response(200, {{"items", items}});
}

template <class T>
Response item_response(const Result<T>& r, int status = 200) {
  if (!r) return problem_response(r.error());
  return http::json_response(status, to_json(*r));
}

template <class Read>
std::optional<Response> read_body(const Context& ctx, Read&& read) {
  return http::read_json_body(ctx.request, std::forward<Read>(read));
}

// Who is offered a value on the vertelpunt's forms: all, staff or public.
std::optional<std::string> read_audience(FieldReader& in) {
  auto a = in.text("audience", {.required = false, .min = 1, .max = 10});
  if (a && !audience::is_valid(*a)) {
    in.fail("audience", "Kies all, staff of public.", "must be all, staff or public");
    return std::nullopt;
  }
  return a;
}

Response logo_response(const Result<Logo>& r, const char* cache) {
  if (!r) return problem_response(r.error());
  Response out;
  out.content_type = r->content_type;
  out.body = r->data;
  out.set_header("Cache-Control", cache);
  out.set_header("Content-Disposition", "inline");
  return out;
}

// Residents' words for a value; empty takes them back to the label.
constexpr http::TextRule kPublicLabel{.required = false, .min = 0, .max = 200};

// Admin-only endpoints answer 403 before looking at the body: a coach learns nothing
// about what a valid request would be.
std::optional<Response> require_admin(const Context& ctx) {
  if (!can_administer(ctx.user())) return problem_response(Error::forbidden());
  return std::nullopt;
}

}  // namespace

namespace {

http::Response show_settings(Service& service, http::Context& ctx) {
  return item_response(service.settings(ctx.user()));
}

http::Response update_settings(Service& service, http::Context& ctx) {
  if (!can_administer(ctx.user())) return problem_response(Error::forbidden());
  Service::SettingsChange change;
  if (auto bad = read_body(ctx, [&](FieldReader& in) {
        change.knowledge_coach_authors = in.boolean("knowledge_coach_authors");
        change.public_privacy_note =
            in.text("public_privacy_note", {.required = false, .min = 0, .max = 2000, .multiline = true});
      }))
    return *bad;
  return item_response(service.update_settings(ctx.user(), change, ctx.now));
}

// The logo: the request body is the image itself (Content-Type is not trusted: the
// bytes decide).
http::Response set_logo(Service& service, http::Context& ctx) {
  if (auto denied = require_admin(ctx)) return *denied;
  WK_ASSIGN_OR_RETURN(auto r, service.set_logo(ctx.user(), std::move(ctx.request.body), ctx.now));
  return http::json_response(200, {{"content_type", r.content_type}, {"size", r.data.size()}});
}

http::Response remove_logo(Service& service, http::Context& ctx) {
  if (auto done = service.remove_logo(ctx.user(), ctx.now); !done) return problem_response(done.error());
  return http::no_content();
}

http::Response show_logo(Service& service, http::Context& ctx) {
  return logo_response(service.logo(ctx.user()), "private, no-cache");
}

http::Response show_public_logo(Service& service, http::Context& ctx) {
  return logo_response(service.public_logo(std::string(ctx.param("org"))), "public, max-age=300");
}

http::Response list_districts(Service& service, http::Context& ctx) {
  return list_response(service.list_districts(ctx.user()));
}

http::Response create_district(Service& service, http::Context& ctx) {
  if (auto denied = require_admin(ctx)) return *denied;
  std::string name;
  if (auto bad = read_body(ctx, [&](FieldReader& in) { name = in.text("name", kShortName).value_or(""); })) return *bad;
  return item_response(service.create_district(ctx.user(), name, ctx.now), 201);
}

http::Response list_teams(Service& service, http::Context& ctx) {
  return list_response(service.list_teams(ctx.user()));
}

http::Response create_team(Service& service, http::Context& ctx) {
  if (auto denied = require_admin(ctx)) return *denied;
  NewTeam team{};
  if (auto bad = read_body(ctx, [&](FieldReader& in) {
        team.name = in.text("name", kShortName).value_or("");
        team.district_id = in.integer("district_id", {.required = true}).value_or(0);
        team.neighbourhoods =
            in.text_list("neighbourhoods", kCode, kMaxNeighbourhoods).value_or(std::vector<std::string>{});
      }))
    return *bad;
  return item_response(service.create_team(ctx.user(), std::move(team), ctx.now), 201);
}

http::Response update_team(Service& service, http::Context& ctx) {
  if (auto denied = require_admin(ctx)) return *denied;
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such team."));
  TeamChange change;
  if (auto bad = read_body(ctx, [&](FieldReader& in) {
        change.name = in.text("name", optional(kShortName));
        change.district_id = in.integer("district_id", {});
        change.neighbourhoods = in.text_list("neighbourhoods", kCode, kMaxNeighbourhoods);
        change.active = in.boolean("active");
      }))
    return *bad;
  return item_response(service.update_team(ctx.user(), id, change, ctx.now));
}

// By name; `q` a part of the name or e-mail address; pages of up to 500, counted up to
// 10,000 (core/paging.hpp).
http::Response list_users(Service& service, http::Context& ctx) {
  UserQuery q;
  std::vector<FieldError> errors;
  if (auto text = ctx.request.query_param("q"); text && !text->empty())
    q.q = std::string(text::utf8_prefix(*text, 100));
  http::query_paging(ctx.request, q.limit, q.offset, errors);
  http::check_offset_within_count(q.offset, errors);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.list_users(ctx.user(), std::move(q)));
  return http::json_response(200, http::list_page_json(r.items, r.count, [](const auto& u) { return to_json(u); }));
}

http::Response list_colleagues(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(auto r, service.colleagues(ctx.user()));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [id, name] : r) items.push_back({{"id", id}, {"name", name}});
  return http::json_response(200, {{"items", items}});
}

http::Response show_user(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such user."));
  return item_response(service.get_user(ctx.user(), id));
}

http::Response create_user(Service& service, http::Context& ctx) {
  if (auto denied = require_admin(ctx)) return *denied;
  NewUser user;
  if (auto bad = read_body(ctx, [&](FieldReader& in) {
        user.email = in.text("email", kEmail).value_or("");
        user.name = in.text("name", http::kTitleText).value_or("");
        user.password = in.text("password", kPassword).value_or("");
        user.roles = in.text_list("roles", kRole, kMaxListItems, true).value_or(std::vector<std::string>{});
        user.team_ids = in.id_list("team_ids", kMaxListItems).value_or(std::vector<std::int64_t>{});
      }))
    return *bad;
  return item_response(service.create_user(ctx.user(), std::move(user), ctx.now), 201);
}

http::Response update_user(Service& service, http::Context& ctx) {
  if (auto denied = require_admin(ctx)) return *denied;
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such user."));
  UserChange change;
  if (auto bad = read_body(ctx, [&](FieldReader& in) {
        change.email = in.text("email", optional(kEmail));
        change.name = in.text("name", optional(http::kTitleText));
        change.password = in.text("password", optional(kPassword));
        change.roles = in.text_list("roles", kRole, kMaxListItems);
        change.team_ids = in.id_list("team_ids", kMaxListItems);
        change.active = in.boolean("active");
      }))
    return *bad;
  return item_response(service.update_user(ctx.user(), id, std::move(change), ctx.now));
}

http::Response list_values(Service& service, http::Context& ctx) {
  return list_response(service.list_values(ctx.user(), ctx.param("list")));
}

http::Response add_list_value(Service& service, http::Context& ctx) {
  if (!service.has_list(ctx.param("list"))) return problem_response(Error::not_found("No such list."));
  if (!service.may_edit_list(ctx.user(), ctx.param("list"))) return problem_response(Error::forbidden());
  Service::NewListValue value;
  if (auto bad = read_body(ctx, [&](FieldReader& in) {
        value.label = in.text("label", kShortName).value_or("");
        value.code = in.text("code", {.required = false, .min = 1, .max = 40});
        value.label_en = in.text("label_en", optional(kShortName)).value_or("");
        value.audience = read_audience(in);
        value.public_label = in.text("public_label", kPublicLabel).value_or("");
      }))
    return *bad;
  return item_response(service.add_list_value(ctx.user(), ctx.param("list"), value, ctx.now), 201);
}

http::Response update_list_value(Service& service, http::Context& ctx) {
  if (!service.has_list(ctx.param("list"))) return problem_response(Error::not_found("No such list."));
  if (!service.may_edit_list(ctx.user(), ctx.param("list"))) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such value."));
  Service::ListValueChange change;
  if (auto bad = read_body(ctx, [&](FieldReader& in) {
        change.label = in.text("label", optional(kShortName));
        change.active = in.boolean("active");
        change.position = in.integer("position", {.required = false, .min = 1, .max = 10000});
        change.label_en = in.text("label_en", optional(kShortName));
        change.audience = read_audience(in);
        change.public_label = in.text("public_label", kPublicLabel);
      }))
    return *bad;
  return item_response(service.update_list_value(ctx.user(), ctx.param("list"), id, change, ctx.now));
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(router, service_,
                   {
                       {"GET", "/api/v1/organisation/settings", show_settings},
                       {"PATCH", "/api/v1/organisation/settings", update_settings},
                       {"PUT", "/api/v1/organisation/logo", set_logo},
                       {"DELETE", "/api/v1/organisation/logo", remove_logo},
                       {"GET", "/api/v1/organisation/logo", show_logo},
                       {"GET", "/api/v1/public/{org}/logo", show_public_logo, http::Access::public_route},
                       {"GET", "/api/v1/districts", list_districts},
                       {"POST", "/api/v1/districts", create_district},
                       {"GET", "/api/v1/teams", list_teams},
                       {"POST", "/api/v1/teams", create_team},
                       {"PATCH", "/api/v1/teams/{id}", update_team},
                       {"GET", "/api/v1/users", list_users},
                       {"GET", "/api/v1/colleagues", list_colleagues},
                       {"GET", "/api/v1/users/{id}", show_user},
                       {"POST", "/api/v1/users", create_user},
                       {"PATCH", "/api/v1/users/{id}", update_user},
                       {"GET", "/api/v1/lists/{list}", list_values},
                       {"POST", "/api/v1/lists/{list}", add_list_value},
                       {"PATCH", "/api/v1/lists/{list}/{id}", update_list_value},
                   });
}

}  // namespace wk::organisation
