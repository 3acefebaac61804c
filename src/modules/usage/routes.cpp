#include "modules/usage/routes.hpp"

#include <charconv>

#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"

namespace wk::usage {

void register_routes(http::Router& router, Service& service) {
  using http::Access;
  using http::Context;
  using http::problem_response;
  using nlohmann::json;

  router.add("POST", "/api/v1/module-views", Access::authenticated, [&service](Context& ctx) {
    std::string module;
    if (auto bad = http::read_json_body(ctx.request, [&](http::FieldReader& in) {
          module = in.text("module", {.required = true, .min = 1, .max = 40}).value_or("");
          if (!module.empty() && !is_known_module(module)) in.fail("module", "Onbekende module.", "unknown module");
        }))
      return *bad;
    if (auto r = service.record(ctx.user(), module, ctx.now); !r) return problem_response(r.error());
    return http::no_content();
  });

  router.add("GET", "/api/v1/module-views", Access::authenticated, [&service](Context& ctx) {
    if (!may_see_views(ctx.user())) return problem_response(Error::forbidden());
    std::vector<FieldError> errors;
    const auto year = http::query_id(ctx.request, "year", errors);
    if (errors.empty() && (!year || *year < 2000 || *year > 2100))
      errors.push_back({"year", "Kies een jaar.", "year is required (2000-2100)"});
    if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
    auto r = service.year(ctx.user(), static_cast<int>(*year));
    if (!r) return problem_response(r.error());
    json modules = json::array();
    for (const auto& m : *r) {
      json months = json::array();
      for (const auto& mv : m.months) months.push_back({{"month", mv.month}, {"views", mv.views}});
      modules.push_back({{"module", m.module}, {"total", m.total}, {"months", months}});
    }
    return http::json_response(200, {{"year", *year}, {"modules", modules}});
  });
}

}  // namespace wk::usage
