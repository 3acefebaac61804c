#include "modules/stories/module.hpp"

#include <charconv>

#include "core/privacy.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "http/cursor.hpp"
#include "http/json_body.hpp"
#include "http/list_page.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "modules/stories/export.hpp"
#include "modules/stories/json.hpp"

namespace wk::stories {

nlohmann::json value_json(const organisation::ListValue& v) {
  return {{"id", v.id}, {"code", v.code}, {"label", v.label}, {"label_en", v.label_en.empty() ? v.label : v.label_en}};
}

nlohmann::json ref_json(const std::optional<Ref>& r) {
  return r ? nlohmann::json{{"id", r->id}, {"name", r->name}} : nlohmann::json(nullptr);
}

namespace {

using http::Context;
using http::FieldReader;
using http::problem_response;
using nlohmann::json;

// What the moderator should look at before a story counts; only a story waiting for
// moderation is scanned (the others have been looked at, or are staff's own words).
json personal_data_json(const Story& s) {
  json out = json::array();
  if (s.status != "pending") return out;
  for (const auto& f : personal_data_flags(s))
    out.push_back({{"field", f.field}, {"kind", f.kind}, {"passage", f.passage}});
  return out;
}

json story_json(const Story& s, const std::vector<Warning>& warnings = {}) {
  json archetypes = json::array(), answers = json::array();
  for (const auto& a : s.archetypes) archetypes.push_back(value_json(a));
  for (const auto& [prompt, text] : s.answers) answers.push_back({{"prompt", value_json(prompt)}, {"text", text}});
  json moderation = nullptr;
  if (s.decision)
    moderation = {{"decision", *s.decision},
                  {"reason", s.reason.value_or("")},
                  {"decided_at", s.decided_at ? json(iso8601_utc(*s.decided_at)) : json(nullptr)},
                  {"decided_by", ref_json(s.decided_by)}};
  return {{"id", s.id},
          {"title", s.title},
          {"text", s.text},
          {"date", s.date},
          {"teller_kind", to_string(s.teller)},
          {"team", ref_json(s.team)},
          {"topic", s.topic ? value_json(*s.topic) : json(nullptr)},
          {"valuation", s.valuation ? value_json(*s.valuation) : json(nullptr)},
          {"archetypes", archetypes},
          {"answers", answers},
          {"signed_by", ref_json(s.signed_by)},
          {"status", s.status},
          {"source", s.source},
          {"moderation", moderation},
          {"created_at", iso8601_utc(s.created_at)},
          {"personal_data", personal_data_json(s)},
          {"warnings", warnings_json(warnings)}};
}

// Share with one decimal, as a number: 123 (units of 0.1 %) → 12.3.
double percent(std::int64_t tenths) {
  return static_cast<double>(tenths) / 10.0;
}

json period_json(const Period& p, const std::map<std::string, organisation::ListValue>& labels) {
  auto buckets = [&](const Distribution& d) {
    json out = json::array();
    for (const auto& b : d.buckets) {
      const auto it = labels.find(b.key);
      out.push_back({{"code", b.key},
                     {"label", it != labels.end() ? it->second.label : b.key},
                     {"label_en", it != labels.end() && !it->second.label_en.empty() ? it->second.label_en : b.key},
                     {"count", b.count},
                     {"share", percent(b.share)}});
    }
    return out;
  };
  return {{"from", p.from},
          {"to", p.to},
          {"count", p.count},
          {"topics", buckets(p.topics)},
          {"valuations", buckets(p.valuations)},
          {"archetypes", buckets(p.archetypes)}};
}

json changes_json(const Distribution& now, const Distribution& before,
                  const std::map<std::string, organisation::ListValue>& labels) {
  json out = json::array();
  for (const auto& c : compare(now, before)) {
    const auto it = labels.find(c.key);
    out.push_back({{"code", c.key},
                   {"label", it != labels.end() ? it->second.label : c.key},
                   {"label_en", it != labels.end() && !it->second.label_en.empty() ? it->second.label_en : c.key},
                   {"count_now", c.count_now},
                   {"count_before", c.count_before},
                   {"share_now", percent(c.share_now)},
                   {"share_before", percent(c.share_before)},
                   {"points", percent(c.points)}});
  }
  return out;
}

std::optional<std::int64_t> query_id(const Context& ctx, const char* name, std::vector<FieldError>& errors) {
  return http::query_id(ctx.request, name, errors);
}

std::optional<std::string> query_date(const Context& ctx, const char* name, std::vector<FieldError>& errors) {
  return http::query_date(ctx.request, name, errors);
}

using http::bad_query;

std::optional<std::string> teller_query(const Context& ctx, std::vector<FieldError>& errors) {
  auto t = ctx.request.query_param("teller");
  if (!t || t->empty()) return std::nullopt;
  if (teller_kind_from(*t)) return std::string(*t);
  errors.push_back({"teller", "Onbekende soort verteller.", "unknown teller kind"});
  return std::nullopt;
}

// The story list's filters: from, to, team, teller, topic, valuation, q.
StoryFilter filter_query(const Context& ctx, std::vector<FieldError>& errors) {
  StoryFilter f;
  f.from = query_date(ctx, "from", errors);
  f.to = query_date(ctx, "to", errors);
  f.team_id = query_id(ctx, "team", errors);
  f.topic_id = query_id(ctx, "topic", errors);
  f.valuation_id = query_id(ctx, "valuation", errors);
  f.teller = teller_query(ctx, errors);
  if (auto q = ctx.request.query_param("q"); q && !q->empty()) f.q = std::string(text::utf8_prefix(*q, 100));
  return f;
}

// The story fields both forms share; `staff` adds teller kind, team and signing.
void read_story(FieldReader& in, StoryInput& s, bool staff, const std::string& today) {
  s.title = in.text("title", {.required = true, .min = 1, .max = 200}).value_or("");
  s.text = in.text("text", {.required = true, .min = 1, .max = 10000, .multiline = true}).value_or("");
  s.date = in.text("date", {.required = staff, .min = 10, .max = 10}).value_or(today);
  s.topic_id = in.integer("topic_id", {.required = staff});
  s.valuation_id = in.integer("valuation_id", {.required = staff});
  s.archetype_ids = in.id_list("archetype_ids", 10).value_or(std::vector<std::int64_t>{});
  if (in.has("answers")) {
    in.skip("answers");
  }
  if (staff) {
    if (auto t = in.text("teller_kind", {.required = true, .min = 1, .max = 20})) {
      if (auto k = teller_kind_from(*t))
        s.teller = *k;
      else
        in.fail("teller_kind", "Kies medewerker, inwoner of ketenpartner.",
                "must be medewerker, inwoner or ketenpartner");
    }
    s.team_id = in.integer("team_id", {});
    s.signed_story = in.boolean("signed").value_or(false);
  }
}

void read_answers(FieldReader& in, const json& body, StoryInput& s) {
  if (!body.contains("answers") || body.at("answers").is_null()) return;
  const auto& list = body.at("answers");
  if (!list.is_array() || list.size() > 20) {
    in.fail("answers", "Moet een lijst van hoogstens 20 antwoorden zijn.", "must be an array of at most 20 answers");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "answers[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      in.fail(at, "Moet een antwoord zijn.", "must be an object");
      continue;
    }
    FieldReader a(list[i]);
    Answer answer{a.integer("prompt_id", {.required = true}).value_or(0),
                  a.text("text", {.required = true, .min = 1, .max = 2000, .multiline = true}).value_or("")};
    if (auto done = a.finish(); !done)
      for (const auto& f : done.error().fields) in.fail(at + "." + f.field, f.title, f.detail);
    s.answers.push_back(std::move(answer));
  }
}

// The passages a moderator blacks out: [{field, passage}], at most 50. The passage is
// not trimmed: it is matched as it stands in the story.
std::vector<Redaction> read_redactions(FieldReader& in, const json& body) {
  std::vector<Redaction> out;
  if (!body.contains("redact") || body.at("redact").is_null()) return out;
  in.skip("redact");
  const auto& list = body.at("redact");
  if (!list.is_array() || list.size() > 50) {
    in.fail("redact", "Moet een lijst van hoogstens 50 passages zijn.", "must be an array of at most 50 passages");
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "redact[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      in.fail(at, "Moet een passage zijn.", "must be an object");
      continue;
    }
    FieldReader r(list[i]);
    Redaction redaction{
        r.text("field", {.required = true, .min = 1, .max = 40}).value_or(""),
        r.text("passage", {.required = true, .min = 1, .max = 2000, .multiline = true, .trim = false}).value_or("")};
    if (auto done = r.finish(); !done)
      for (const auto& f : done.error().fields) in.fail(at + "." + f.field, f.title, f.detail);
    out.push_back(std::move(redaction));
  }
  return out;
}

}  // namespace

namespace {

http::Response share_story(Service& service, http::Context& ctx) {
  if (!may_share(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(auto body, http::parse_json_object(ctx.request));
  FieldReader in(body);
  StoryInput s;
  read_story(in, s, true, iso_date_utc(ctx.now));
  read_answers(in, body, s);
  if (auto done = in.finish(); !done) return problem_response(done.error());
  WK_ASSIGN_OR_RETURN(auto r, service.share(ctx.user(), std::move(s), ctx.now));
  return http::json_response(201, story_json(r.story, r.warnings));
}

http::Response list_stories(Service& service, http::Context& ctx) {
  std::vector<FieldError> errors;
  StoryFilter f = filter_query(ctx, errors);
  if (auto st = ctx.request.query_param("status"); st && !st->empty()) {
    if (*st != "published" && *st != "pending" && *st != "rejected")
      errors.push_back({"status", "Kies published, pending of rejected.", "unknown status"});
    else
      f.status = std::string(*st);
  }
  http::query_paging(ctx.request, f.limit, f.offset, errors);
  // Past the counted first 10,000 a page is found by its cursor, not by counting rows.
  http::check_offset_within_count(f.offset, errors);
  if (const auto key = http::query_cursor(ctx.request, f.offset, errors)) {
    if (key->size() == 2 && (*key)[0].is_string() && is_valid_iso_date((*key)[0].get<std::string>()) &&
        (*key)[1].is_number_integer())
      f.after = StoryKey{(*key)[0].get<std::string>(), (*key)[1].get<std::int64_t>()};
    else
      errors.push_back(http::bad_cursor());
  }
  if (!errors.empty()) return problem_response(bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.list(ctx.user(), f));
  auto body = http::list_page_json(r.items, r.count, [](const Story& s) { return story_json(s); });
  body["next_cursor"] = r.next ? json(http::encode_cursor(json::array({r.next->date, r.next->id}))) : json();
  return http::json_response(200, body);
}

http::Response story_statistics(Service& service, http::Context& ctx) {
  std::vector<FieldError> errors;
  const auto from = query_date(ctx, "from", errors), to = query_date(ctx, "to", errors);
  const auto cfrom = query_date(ctx, "compare_from", errors), cto = query_date(ctx, "compare_to", errors);
  if (errors.empty() && (!from || !to))
    errors.push_back({!from ? "from" : "to", "Kies een periode (van en tot).", "from and to are required"});
  if (errors.empty() && (cfrom.has_value() != cto.has_value()))
    errors.push_back(
        {"compare_to", "Geef van en tot van de vergelijkingsperiode.", "give compare_from and compare_to"});
  const auto team = query_id(ctx, "team", errors);
  const auto teller = teller_query(ctx, errors);
  if (!errors.empty()) return problem_response(bad_query(std::move(errors)));
  std::optional<std::pair<std::string, std::string>> compare_with;
  if (cfrom) compare_with = std::make_pair(*cfrom, *cto);
  WK_ASSIGN_OR_RETURN(auto r, service.stats(ctx.user(), *from, *to, team, teller, compare_with));
  std::map<std::string, organisation::ListValue> labels;
  for (const auto& v : r.labels) labels.emplace(v.code, v);
  json out = {{"period", period_json(r.period, labels)}, {"comparison", nullptr}, {"changes", nullptr}};
  if (r.comparison) {
    out["comparison"] = period_json(*r.comparison, labels);
    out["changes"] = {{"topics", changes_json(r.period.topics, r.comparison->topics, labels)},
                      {"valuations", changes_json(r.period.valuations, r.comparison->valuations, labels)},
                      {"archetypes", changes_json(r.period.archetypes, r.comparison->archetypes, labels)}};
  }
  return http::json_response(200, out);
}

http::Response export_stories(store::Database& db, http::Context& ctx) {
  if (!may_export(ctx.user())) return problem_response(Error::forbidden());
  std::vector<FieldError> errors;
  StoryFilter f = filter_query(ctx, errors);
  const auto format = ctx.request.query_param("format").value_or("csv");
  if (format != "csv" && format != "xlsx") errors.push_back({"format", "Kies csv of xlsx.", "must be csv or xlsx"});
  if (!errors.empty()) return problem_response(bad_query(std::move(errors)));
  auto table = export_table(db, ctx.user(), std::move(f));
  if (!table) return problem_response(table.error());
  const bool xlsx = format == "xlsx";
  http::Response r;
  r.content_type =
      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  r.body = xlsx ? report::tables_xlsx({*table}) : report::table_csv(*table);
  r.set_header("Content-Disposition", std::string("attachment; filename=\"verhalen.") + (xlsx ? "xlsx" : "csv") + "\"");
  return r;
}

http::Response show_story(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such story."));
  WK_ASSIGN_OR_RETURN(auto r, service.get(ctx.user(), id));
  return http::json_response(200, story_json(r.story));
}

http::Response moderate_story(Service& service, http::Context& ctx) {
  if (!may_moderate(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such story."));
  bool accept = false;
  std::string reason;
  std::vector<Redaction> redactions;
  WK_ASSIGN_OR_RETURN(auto body, http::parse_json_object(ctx.request));
  FieldReader in(body);
  if (auto d = in.text("decision", {.required = true, .min = 1, .max = 10})) {
    if (*d == "accept")
      accept = true;
    else if (*d != "reject")
      in.fail("decision", "Kies accept of reject.", "must be accept or reject");
  }
  reason = in.text("reason", {.required = false, .min = 0, .max = 1000, .multiline = true}).value_or("");
  redactions = read_redactions(in, body);
  if (auto done = in.finish(); !done) return problem_response(done.error());
  WK_ASSIGN_OR_RETURN(auto r, service.moderate(ctx.user(), id, accept, reason, redactions, ctx.now));
  return http::json_response(200, story_json(r.story));
}

http::Response show_public_form(Service& service, http::Context& ctx) {
  auto f = service.public_form(std::string(ctx.param("org")));
  if (!f) return problem_response(f.error());
  auto values = [](const std::vector<organisation::ListValue>& vs) {
    json out = json::array();
    for (const auto& v : vs) out.push_back(value_json(v));
    return out;
  };
  return http::json_response(200, {{"organisation", {{"name", f->organisation}, {"slug", f->slug}}},
                                   {"topics", values(f->topics)},
                                   {"valuations", values(f->valuations)},
                                   {"archetypes", values(f->archetypes)},
                                   {"prompts", values(f->prompts)},
                                   {"privacy_note", f->privacy_note},
                                   // A new logo gets a new address, so a cached old one is not shown.
                                   {"logo", f->logo_updated_at ? json("/api/v1/public/" + f->slug +
                                                                      "/logo?v=" + std::to_string(*f->logo_updated_at))
                                                               : json(nullptr)}});
}

http::Response share_public_story(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(auto body, http::parse_json_object(ctx.request));
  FieldReader in(body);
  StoryInput s;
  read_story(in, s, false, iso_date_utc(ctx.now));
  read_answers(in, body, s);
  // The honeypot: a field people do not see; bots fill it in.
  const auto website = in.text("website", {.required = false, .min = 0, .max = 500});
  if (auto done = in.finish(); !done) return problem_response(done.error());
  WK_RETURN_IF_ERROR(service.share_public(std::string(ctx.param("org")), std::move(s), ctx.request.remote_address,
                                          website && !website->empty(), ctx.now));
  return http::json_response(202, {{"status", "pending"}});
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(router, db_,
                   {
                       {"GET", "/api/v1/stories/export", export_stories},
                   });
  http::add_routes(router, service_,
                   {
                       {"POST", "/api/v1/stories", share_story, http::Access::authenticated, true},
                       {"GET", "/api/v1/stories", list_stories},
                       {"GET", "/api/v1/stories/stats", story_statistics},
                       {"GET", "/api/v1/stories/{id}", show_story},
                       {"POST", "/api/v1/stories/{id}/moderation", moderate_story},
                       {"GET", "/api/v1/public/{org}/form", show_public_form, http::Access::public_route},
                       {"POST", "/api/v1/public/{org}/stories", share_public_story, http::Access::public_route, true},
                   });
}

}  // namespace wk::stories
