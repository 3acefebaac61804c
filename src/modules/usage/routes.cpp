#include "http/json_body.hpp"
#include "http/query.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "modules/usage/module.hpp"

namespace wk::usage {

namespace {

using http::Context;
using http::Response;
using nlohmann::json;

Response record_view(Service& service, Context& ctx) {
  std::string module;
  if (auto bad = http::read_json_body(ctx.request, [&](http::FieldReader& in) {
        module = in.text("module", {.required = true, .min = 1, .max = 40}).value_or("");
        if (!module.empty() && !service.counts_views_of(module))
          in.fail("module", "Onbekende module.", "unknown module");
      }))
    return *bad;
  WK_RETURN_IF_ERROR(service.record(ctx.user(), module, ctx.now));
  return http::no_content();
}

Response views_of_year(Service& service, Context& ctx) {
  if (!may_see_views(ctx.user())) return http::problem_response(Error::forbidden());
  std::vector<FieldError> errors;
  const auto year = http::query_id(ctx.request, "year", errors);
  if (errors.empty() && (!year || *year < 2000 || *year > 2100))
    errors.push_back({"year", "Kies een jaar.", "year is required (2000-2100)"});
  if (!errors.empty()) return http::problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(const auto views, service.year(ctx.user(), static_cast<int>(*year)));
  json modules = json::array();
  for (const auto& m : views) {
    json months = json::array();
    for (const auto& mv : m.months) months.push_back({{"month", mv.month}, {"views", mv.views}});
    modules.push_back({{"module", m.module}, {"total", m.total}, {"months", months}});
  }
  return http::json_response(200, {{"year", *year}, {"modules", modules}});
}

}  // namespace

// /api/v1/module-views (docs/openapi.json, tag "Module views").
void Module::add_routes(http::Router& router) {
  http::add_routes(router, service_,
                   {
                       {"POST", "/api/v1/module-views", record_view},
                       {"GET", "/api/v1/module-views", views_of_year},
                   });
}

}  // namespace wk::usage
