#include "modules/cases/module.hpp"

#include <charconv>

#include "core/text.hpp"

#include "http/cursor.hpp"
#include "http/json_body.hpp"
#include "http/list_page.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/transfer.hpp"

namespace wk::cases {

namespace {

using http::Context;
using http::FieldReader;
using http::problem_response;

constexpr http::TextRule kReference{.required = true, .min = 1, .max = 40};
constexpr http::TextRule kPlan{.required = false, .min = 0, .max = 20000, .multiline = true, .trim = false};
constexpr http::TextRule kGroup{.required = false, .min = 1, .max = 120};
constexpr http::TextRule kDescription{.required = false, .min = 0, .max = 500};

std::optional<Status> read_status(FieldReader& in) {
  auto s = in.text("status", {.required = false, .min = 1, .max = 40});
  if (!s) return std::nullopt;
  auto status = status_from(*s);
  if (!status)
    in.fail("status", "Kies lopend, zo goed als afgerond of afgerond.",
            "must be lopend, zo_goed_als_afgerond or afgerond");
  return status;
}

void read_case(FieldReader& in, CaseInput& c, bool create) {
  c.reference = in.text("reference", create ? kReference : optional(kReference));
  c.team_id = in.integer("team_id", {.required = create});
  c.programme_id = in.integer("programme_id", {.required = create});
  c.set_group = in.has("group");
  c.group = in.text("group", kGroup);
  c.set_owner = in.has("owner_id");
  c.owner_id = in.integer("owner_id", {});
  c.start_date = in.text("start_date", create ? http::kIsoDateText : optional(http::kIsoDateText));
  c.plan = in.text("plan", kPlan);
  c.status = read_status(in);
  c.status_date = in.text("status_date", optional(http::kIsoDateText));
}

std::optional<std::int64_t> query_id(const Context& ctx, const char* name, std::vector<FieldError>& errors) {
  return http::query_id(ctx.request, name, errors);
}

http::Response bad_query(std::vector<FieldError> errors) {
  return problem_response(http::bad_query(std::move(errors)));
}

std::vector<LineInput> read_lines(FieldReader& in, const char* side, const nlohmann::json& body) {
  std::vector<LineInput> out;
  if (!in.has(side)) {
    in.fail(side, "Dit veld is verplicht.", "is required");
    return out;
  }
  // The array's elements are objects: each is read with its own FieldReader so that
  // errors name `oud[2].amount_cents`.
  in.skip(side);
  const auto& list = body.at(side);
  if (!list.is_array()) {
    in.fail(side, "Moet een lijst zijn.", "must be an array");
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = std::string(side) + "[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      in.fail(at, "Moet een kostenregel zijn.", "must be an object");
      out.emplace_back();  // keeps the indexes of the lines after it
      continue;
    }
    FieldReader line(list[i]);
    LineInput l;
    l.category_id = line.integer("category_id", {.required = true}).value_or(0);
    l.payer_id = line.integer("payer_id", {.required = true}).value_or(0);
    l.description = line.text("description", kDescription).value_or("");
    // The range (0 … kMaxLineAmount) is the service's rule, checked together with the
    // categories and payers so that one answer names every bad line.
    l.amount = line.integer("amount_cents", {.required = true, .min = INT64_MIN, .max = INT64_MAX}).value_or(0);
    if (auto done = line.finish(); !done)
      for (const auto& f : done.error().fields) in.fail(at + "." + f.field, f.title, f.detail);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

namespace {

http::Response list_cases(Service& service, http::Context& ctx) {
  repo::ListFilter f;
  std::vector<FieldError> errors;
  f.programme_id = query_id(ctx, "programme", errors);
  f.team_id = query_id(ctx, "team", errors);
  if (auto s = ctx.request.query_param("status"); s && !s->empty()) {
    if (!status_from(*s))
      errors.push_back({"status", "Onbekende status.", "unknown status"});
    else
      f.status = std::string(*s);
  }
  if (auto q = ctx.request.query_param("q"); q && !q->empty())
    f.reference_contains = std::string(text::utf8_prefix(*q, 40));
  http::query_paging(ctx.request, f.limit, f.offset, errors);
  http::check_offset_within_count(f.offset, errors);
  if (const auto key = http::query_cursor(ctx.request, f.offset, errors)) {
    if (key->size() == 1 && (*key)[0].is_string())
      f.after_reference = (*key)[0].get<std::string>();
    else
      errors.push_back(http::bad_cursor());
  }
  if (!errors.empty()) return bad_query(std::move(errors));
  auto page = service.list(ctx.user(), f);
  if (!page) return problem_response(page.error());
  auto body = http::list_page_json(page->items, page->count, [](const Case& c) { return summary_json(c); });
  body["next_cursor"] = page->next_after
                            ? nlohmann::json(http::encode_cursor(nlohmann::json::array({*page->next_after})))
                            : nlohmann::json();
  return http::json_response(200, body);
}

http::Response create_case(Service& service, http::Context& ctx) {
  if (!may_read_some_cases(ctx.user())) return problem_response(Error::forbidden());
  CaseInput in;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& r) { read_case(r, in, true); })) return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.create(ctx.user(), std::move(in), ctx.now));
  return http::json_response(201, to_json(r));
}

http::Response show_case(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such case."));
  WK_ASSIGN_OR_RETURN(auto r, service.get(ctx.user(), id));
  return http::json_response(200, to_json(r));
}

http::Response update_case(Service& service, http::Context& ctx) {
  if (!may_read_some_cases(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such case."));
  CaseInput in;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& r) { read_case(r, in, false); })) return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.update(ctx.user(), id, std::move(in), ctx.now));
  return http::json_response(200, to_json(r));
}

http::Response show_receipt(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such case."));
  WK_ASSIGN_OR_RETURN(auto r, service.receipt(ctx.user(), id));
  return http::json_response(200, to_json(r));
}

http::Response save_receipt(Service& service, http::Context& ctx) {
  if (!may_read_some_cases(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such case."));
  WK_ASSIGN_OR_RETURN(auto body, http::parse_json_object(ctx.request));
  FieldReader in(body);
  auto oud = read_lines(in, "oud", body);
  auto nieuw = read_lines(in, "nieuw", body);
  // Malformed fields go to the service with the lines, so that one answer names them
  // together with the unknown categories, payers and amounts out of range.
  std::vector<FieldError> malformed;
  if (auto done = in.finish(); !done) malformed = done.error().fields;
  WK_ASSIGN_OR_RETURN(auto r, service.put_receipt(ctx.user(), id, oud, nieuw, ctx.now, std::move(malformed)));
  return http::json_response(200, to_json(r));
}

http::Response receipts_summary(Service& service, http::Context& ctx) {
  std::vector<FieldError> errors;
  const auto programme = query_id(ctx, "programme", errors);
  if (!programme && errors.empty()) errors.push_back({"programme", "Kies een programma.", "is required"});
  const auto team = query_id(ctx, "team", errors);
  const std::string date = http::query_date(ctx.request, "reference_date", errors).value_or(iso_date_utc(ctx.now));
  if (!errors.empty()) return bad_query(std::move(errors));
  WK_ASSIGN_OR_RETURN(auto r, service.summary(ctx.user(), *programme, date, team));
  return http::json_response(200, to_json(r));
}

http::Response import_receipt_file(store::Database& db, http::Context& ctx) {
  const auto ct = text::to_lower_ascii(ctx.request.header("content-type").value_or(""));
  if (!ct.starts_with("text/csv") && !ct.starts_with("text/plain") && !ct.starts_with("application/octet-stream"))
    return problem_response({ErrorKind::unsupported_media_type,
                             "Stuur het bestand als CSV (text/csv).",
                             "Content-Type must be text/csv.",
                             {},
                             0});
  const auto dry = ctx.request.query_param("dry_run");
  if (dry && *dry != "true" && *dry != "false")
    return bad_query({{"dry_run", "Gebruik true of false.", "must be true or false"}});
  auto outcome = import_receipts(db, ctx.user(), ctx.request.body, dry && *dry == "true", ctx.now);
  if (outcome.failure) return problem_response(*outcome.failure);
  if (!outcome.errors.empty()) {
    auto r = problem_response(Error::validation({}));
    auto body = nlohmann::json::parse(r.body);
    body["title"] = "Het bestand is niet ingelezen: " + std::to_string(outcome.errors.size()) +
                    (outcome.errors.size() == 1 ? " fout." : " fouten.") + " Er is niets opgeslagen.";
    body["detail"] = "The file was refused; nothing was written.";
    auto& list = body["errors"] = nlohmann::json::array();
    for (const auto& e : outcome.errors)
      list.push_back(
          {{"row", e.row}, {"column", e.column}, {"field", e.column}, {"title", e.title}, {"detail", e.detail}});
    r.body = body.dump();
    return r;
  }
  const auto& rep = *outcome.report;
  return http::json_response(200, {{"dry_run", rep.dry_run},
                                   {"rows", rep.rows},
                                   {"cases_created", rep.cases_created},
                                   {"cases_updated", rep.cases_updated},
                                   {"groups_created", rep.groups_created},
                                   {"lines", rep.lines}});
}

http::Response export_receipt_file(store::Database& db, http::Context& ctx) {
  std::vector<FieldError> errors;
  const auto programme = query_id(ctx, "programme", errors);
  if (!programme && errors.empty()) errors.push_back({"programme", "Kies een programma.", "is required"});
  const auto format = ctx.request.query_param("format").value_or("csv");
  if (format != "csv" && format != "xlsx") errors.push_back({"format", "Kies csv of xlsx.", "must be csv or xlsx"});
  if (!errors.empty()) return bad_query(std::move(errors));
  const bool xlsx = format == "xlsx";
  auto file = xlsx ? export_receipts_xlsx(db, ctx.user(), *programme) : export_receipts_csv(db, ctx.user(), *programme);
  if (!file) return problem_response(file.error());
  http::Response r;
  r.content_type =
      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  r.body = std::move(*file);
  r.set_header("Content-Disposition",
               "attachment; filename=\"kassabonnen-" + std::to_string(*programme) + (xlsx ? ".xlsx\"" : ".csv\""));
  return r;
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(router, db_,
                   {
                       {"POST", "/api/v1/receipts/import", import_receipt_file, http::Access::authenticated, true},
                       {"GET", "/api/v1/receipts/export", export_receipt_file},
                   });
  http::add_routes(router, service_,
                   {
                       {"GET", "/api/v1/cases", list_cases},
                       {"POST", "/api/v1/cases", create_case, http::Access::authenticated, true},
                       {"GET", "/api/v1/cases/{id}", show_case},
                       {"PATCH", "/api/v1/cases/{id}", update_case},
                       {"GET", "/api/v1/cases/{id}/receipt", show_receipt},
                       {"PUT", "/api/v1/cases/{id}/receipt", save_receipt},
                       {"GET", "/api/v1/receipts/summary", receipts_summary},
                   });
}

}  // namespace wk::cases
