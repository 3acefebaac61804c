#include "report/module.hpp"

#include <charconv>

#include "core/time.hpp"
#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "report/pdf_cache.hpp"

namespace wk::report {

namespace {

using http::Context;
using http::problem_response;

std::optional<int> year_param(const Context& ctx) {
  const auto s = ctx.param("year");
  int year = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
  if (ec != std::errc{} || ptr != s.data() + s.size() || year < 2000 || year > 2100) return std::nullopt;
  return year;
}

Error bad_query(std::string field, std::string title, std::string detail) {
  Error e = Error::bad_request(Nl{"Ongeldige zoekopdracht."}, En{"Invalid query parameters."});
  e.fields.push_back({std::move(field), std::move(title), std::move(detail)});
  return e;
}

http::Response file(std::string content_type, std::string body, const std::string& filename) {
  http::Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

// 16 reports or 256 MiB (a year's report prints to a few MiB).
PdfCache& printed_reports() {
  static PdfCache cache(16, 256u << 20);
  return cache;
}

}  // namespace

namespace {

http::Response stylesheet(Service&, http::Context&) {
  http::Response r;
  r.content_type = "text/css; charset=utf-8";
  r.body = report_css();
  r.set_header("Cache-Control", "public, max-age=3600");
  return r;
}

// Before /{year}: the router takes the first route that matches.
http::Response report_years(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(auto r, service.years(ctx.user(), iso_date_utc(ctx.now)));
  return http::json_response(200, {{"years", r.years}, {"default", r.default_year}});
}

http::Response show_report(Service& service, http::Context& ctx) {
  const auto year = year_param(ctx);
  if (!year) return problem_response(Error::not_found("No report for that year (2000-2100)."));
  const std::string format(ctx.request.query_param("format").value_or("html"));
  if (format != "html" && format != "json" && format != "xlsx" && format != "pdf")
    return problem_response(bad_query("format", "Kies html, json, xlsx of pdf.", "must be html, json, xlsx or pdf"));
  std::string date = std::to_string(*year) + "-12-31";
  if (auto d = ctx.request.query_param("reference_date"); d && !d->empty()) {
    if (!is_valid_iso_date(*d))
      return problem_response(
          bad_query("reference_date", "Vul een geldige datum in (JJJJ-MM-DD).", "must be a date YYYY-MM-DD"));
    date = std::string(*d);
  }
  auto report = service.assemble(ctx.user(), *year, date);
  if (!report) return problem_response(report.error());
  const std::string name = "activiteitenverslag-" + std::to_string(*year);
  if (format == "json") {
    http::Response r;
    r.content_type = "application/json";
    r.body = render_json(*report);
    return r;
  }
  if (format == "xlsx")
    return file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render_xlsx(*report),
                name + ".xlsx");
  if (format == "pdf") {
    // The organisation is in the HTML (its name, its figures), so is every figure
    // and text: one key per distinct printed document.
    const auto key = PdfCache::key_of(render_html(*report, true));
    if (auto cached = printed_reports().find(key)) return file("application/pdf", std::move(*cached), name + ".pdf");
    http::Response later;
    later.deferred = [report = std::move(*report), key, name]() -> http::Response {
      auto pdf = render_pdf(report);
      if (!pdf) return problem_response(pdf.error());
      printed_reports().put(key, *pdf);
      return file("application/pdf", std::move(*pdf), name + ".pdf");
    };
    return later;
  }
  http::Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = render_html(*report, false);
  return r;
}

http::Response show_text(Service& service, http::Context& ctx) {
  const auto year = year_param(ctx);
  if (!year) return problem_response(Error::not_found("No report for that year (2000-2100)."));
  const std::string chapter(ctx.param("chapter"));
  auto text = service.text(ctx.user(), *year, chapter);
  if (!text) return problem_response(text.error());
  return http::json_response(200, {{"year", *year},
                                   {"chapter", chapter},
                                   {"body", text->has_value() ? nlohmann::json(**text) : nlohmann::json(nullptr)}});
}

http::Response save_text(Service& service, http::Context& ctx) {
  if (!may_write_texts(ctx.user())) return problem_response(Error::forbidden());
  const auto year = year_param(ctx);
  if (!year) return problem_response(Error::not_found("No report for that year (2000-2100)."));
  std::string body;
  if (auto bad = http::read_json_body(ctx.request, [&](http::FieldReader& in) {
        if (!in.has("body")) in.fail("body", "Dit veld is verplicht.", "is required");
        body = in.text("body", {.required = false, .min = 0, .max = 100000, .multiline = true, .trim = false})
                   .value_or("");
      }))
    return *bad;
  const std::string chapter(ctx.param("chapter"));
  auto saved = service.put_text(ctx.user(), *year, chapter, body, ctx.now);
  if (!saved) return problem_response(saved.error());
  return http::json_response(200, {{"year", *year},
                                   {"chapter", chapter},
                                   {"body", saved->empty() ? nlohmann::json(nullptr) : nlohmann::json(*saved)}});
}

nlohmann::json indicator_json(const Indicator& i) {
  auto breakdowns = nlohmann::json::array();
  for (const auto b : i.breakdowns) breakdowns.push_back(kBreakdownNames.name(b));
  return {{"key", i.key},
          {"module", i.module()},
          {"unit", kUnitNames.name(i.unit)},
          {"label", {{"nl", i.label.nl}, {"en", i.label.en}}},
          {"definition", {{"nl", i.definition.nl}, {"en", i.definition.en}}},
          {"breakdowns", std::move(breakdowns)}};
}

http::Response list_indicators(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto* all, service.indicators(ctx.user()));
  auto items = nlohmann::json::array();
  for (const auto& i : *all) items.push_back(indicator_json(i));
  return http::json_response(200, {{"items", std::move(items)}});
}

// ?from=&to= (both required, inclusive) and at most one of programme, team, area.
http::Response compute_indicator(Service& service, http::Context& ctx) {
  std::vector<FieldError> errors;
  IndicatorQuery q;
  const auto from = http::query_date(ctx.request, "from", errors);
  const auto to = http::query_date(ctx.request, "to", errors);
  for (const char* name : {"from", "to"})
    if (!ctx.request.query_param(name) || ctx.request.query_param(name)->empty())
      errors.push_back({name, "Vul een datum in (JJJJ-MM-DD).", "required: a date YYYY-MM-DD"});
  if (from && to && *from > *to)
    errors.push_back({"to", "De einddatum ligt vóór de begindatum.", "must not be before from"});
  for (const auto by : {Breakdown::programme, Breakdown::team, Breakdown::area}) {
    const auto name = std::string(kBreakdownNames.name(by));
    if (const auto id = http::query_id(ctx.request, name.c_str(), errors)) {
      if (q.by)
        errors.push_back(
            {name, "Kies één uitsplitsing: programma, team of wijk.", "give at most one of programme, team and area"});
      q.by = by;
      q.id = *id;
    }
  }
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  q.period = {*from, *to};
  const std::string key(ctx.param("key"));
  WK_ASSIGN_OR_RETURN(const auto figure, service.indicator_value(ctx.user(), key, q));
  return http::json_response(
      200, {{"key", key},
            {"from", q.period.from},
            {"to", q.period.to},
            {"breakdown",
             q.by ? nlohmann::json{{"kind", kBreakdownNames.name(*q.by)}, {"id", q.id}} : nlohmann::json(nullptr)},
            {"numerator", figure.numerator},
            {"denominator", figure.denominator}});
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(router, service_,
                   {
                       {"GET", "/verslag.css", stylesheet, http::Access::public_route},
                       {"GET", "/api/v1/reports/years", report_years},
                       {"GET", "/api/v1/reports/{year}", show_report},
                       {"GET", "/api/v1/reports/{year}/texts/{chapter}", show_text},
                       {"PUT", "/api/v1/reports/{year}/texts/{chapter}", save_text},
                       {"GET", "/api/v1/indicators", list_indicators},
                       {"GET", "/api/v1/indicators/{key}", compute_indicator},
                   });
}

}  // namespace wk::report
