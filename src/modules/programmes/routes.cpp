#include "modules/programmes/module.hpp"

#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "modules/organisation/service.hpp"
#include "modules/programmes/json.hpp"

namespace wk::programmes {

namespace {

using http::Context;
using http::FieldReader;
using http::Response;

constexpr http::TextRule kDescription{.required = false, .min = 0, .max = 5000, .multiline = true};

http::Response answer(const Result<Programme>& r, int status) {
  if (!r) return http::problem_response(r.error());
  return http::json_response(status, to_json(*r));
}

Response list_programmes(Service& service, Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto programmes, service.list(ctx.user()));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : programmes) items.push_back(to_json(p));
  return http::json_response(200, {{"items", items}});
}

Response create_programme(Service& service, Context& ctx) {
  if (!organisation::can_administer(ctx.user())) return http::problem_response(Error::forbidden());
  NewProgramme p;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) {
        p.name = in.text("name", http::kTitleText).value_or("");
        p.slug = in.text("slug", {.required = false, .min = 1, .max = 40});
        p.description = in.text("description", kDescription).value_or("");
        p.start_date = in.text("start_date", http::kIsoDateText).value_or("");
        p.team_id = in.integer("team_id", {});
      }))
    return *bad;
  return answer(service.create(ctx.user(), std::move(p), ctx.now), 201);
}

Response update_programme(Service& service, Context& ctx) {
  if (!organisation::can_administer(ctx.user())) return http::problem_response(Error::forbidden());
  const auto id = ctx.id_param();
  if (!id) return http::problem_response(Error::not_found("No such programme."));
  ProgrammeChange change;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) {
        change.name = in.text("name", {.required = false, .min = 1, .max = 200});
        change.description = in.text("description", kDescription);
        change.start_date = in.text("start_date", {.required = false, .min = 10, .max = 10});
        change.set_team = in.has("team_id");
        change.team_id = in.integer("team_id", {});
        change.active = in.boolean("active");
      }))
    return *bad;
  return answer(service.update(ctx.user(), *id, change, ctx.now), 200);
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(router, service_,
                   {
                       {"GET", "/api/v1/programmes", list_programmes},
                       {"POST", "/api/v1/programmes", create_programme},
                       {"PATCH", "/api/v1/programmes/{id}", update_programme},
                   });
}

}  // namespace wk::programmes
