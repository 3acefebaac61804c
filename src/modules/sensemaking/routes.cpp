#include "modules/sensemaking/module.hpp"

#include "core/paging.hpp"
#include "core/privacy.hpp"
#include "http/json_body.hpp"
#include "http/list_page.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "modules/stories/json.hpp"

namespace wk::sensemaking {

namespace {

using http::Context;
using http::FieldReader;
using http::problem_response;
using nlohmann::json;

constexpr http::TextRule kLongText{.required = false, .min = 0, .max = 10000, .multiline = true};

json session_ref_json(const SessionRef& s) {
  return {{"id", s.id}, {"title", s.title}, {"date", s.date}};
}

using stories::ref_json;  // {"id","name"}

json filter_json(const std::optional<StoryFilter>& f) {
  return f ? json::parse(filter_to_json(*f)) : json(nullptr);
}

json theme_json(const Theme& t, const std::vector<Warning>& warnings = {}) {
  return {{"id", t.id},
          {"title", t.title},
          {"description", t.description},
          {"story_ids", t.story_ids},
          {"warnings", warnings_json(warnings)}};
}

json action_json(const Action& a, const std::vector<Warning>& warnings = {}) {
  return {{"id", a.id},
          {"session", session_ref_json(a.session)},
          {"theme_id", a.theme_id ? json(*a.theme_id) : json(nullptr)},
          {"description", a.description},
          {"owner", ref_json(a.owner)},
          {"due_date", a.due_date},
          {"status", a.status},
          {"outcome_kind", a.outcome_kind ? json(*a.outcome_kind) : json(nullptr)},
          {"outcome", a.outcome},
          {"overdue", a.overdue},
          {"closed_at", a.closed_at ? json(iso8601_utc(*a.closed_at)) : json(nullptr)},
          {"created_at", iso8601_utc(a.created_at)},
          {"warnings", warnings_json(warnings)}};
}

json summary_json(const SessionSummary& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"date", s.date},
          {"facilitator", ref_json(s.facilitator)},
          {"status", s.status},
          {"story_count", s.story_count},
          {"theme_count", s.theme_count},
          {"action_count", s.action_count},
          {"open_action_count", s.open_action_count}};
}

json session_json(const Session& s, const std::vector<Warning>& warnings = {}) {
  json out = summary_json(s.summary);
  json participants = json::array(), stories = json::array(), themes = json::array(), actions = json::array();
  for (const auto& p : s.participants) participants.push_back(ref_json(p));
  for (const auto& st : s.stories)
    stories.push_back({{"id", st.id},
                       {"title", st.title},
                       {"date", st.date},
                       {"teller_kind", stories::to_string(st.teller)},
                       {"topic", st.topic ? stories::value_json(*st.topic) : json(nullptr)},
                       {"valuation", st.valuation ? stories::value_json(*st.valuation) : json(nullptr)}});
  for (const auto& t : s.themes) themes.push_back(theme_json(t));
  for (const auto& a : s.actions) actions.push_back(action_json(a));
  out.update({{"participants", participants},
              {"other_participants", s.other_participants},
              {"notes", s.notes},
              {"conclusion", s.conclusion ? json(*s.conclusion) : json(nullptr)},
              {"closed_at", s.closed_at ? json(iso8601_utc(*s.closed_at)) : json(nullptr)},
              {"closed_by", ref_json(s.closed_by)},
              {"selection", s.selection},
              {"story_filter", filter_json(s.story_filter)},
              {"stories", stories},
              {"themes", themes},
              {"actions", actions},
              {"created_at", iso8601_utc(s.created_at)},
              {"updated_at", iso8601_utc(s.updated_at)},
              {"warnings", warnings_json(warnings)}});
  return out;
}

json best_practice_json(const BestPractice& b, const std::vector<Warning>& warnings = {}) {
  return {{"id", b.id},
          {"title", b.title},
          {"summary", b.summary},
          {"status", b.status},
          {"story", session_ref_json(b.story)},
          {"session", b.session ? session_ref_json(*b.session) : json(nullptr)},
          {"created_by", ref_json(b.created_by)},
          {"created_at", iso8601_utc(b.created_at)},
          {"knowledge_item",
           b.knowledge_item_id ? json{{"id", *b.knowledge_item_id}, {"status", b.knowledge_status.value_or("concept")}}
                               : json(nullptr)},
          {"warnings", warnings_json(warnings)}};
}

void check_iso_date(FieldReader& in, const std::string& field, const std::optional<std::string>& date) {
  if (date && !is_valid_iso_date(*date)) in.fail(field, "Vul een geldige datum in (JJJJ-MM-DD).", "must be YYYY-MM-DD");
}

// The saved filter: the story list's query, as an object.
std::optional<StoryFilter> read_filter(FieldReader& in, const json& body) {
  if (!body.contains("story_filter") || body.at("story_filter").is_null()) {
    in.skip("story_filter");  // null: not given, as everywhere
    return std::nullopt;
  }
  in.skip("story_filter");
  const auto& object = body.at("story_filter");
  if (!object.is_object()) {
    in.fail("story_filter", "Moet een filter zijn.", "must be an object");
    return std::nullopt;
  }
  FieldReader f(object);
  StoryFilter out;
  out.from = f.text("from", optional(http::kIsoDateText));
  out.to = f.text("to", optional(http::kIsoDateText));
  out.team_id = f.integer("team", {});
  out.topic_id = f.integer("topic", {});
  out.valuation_id = f.integer("valuation", {});
  out.teller = f.text("teller", {.required = false, .min = 1, .max = 20});
  out.q = f.text("q", {.required = false, .min = 1, .max = 100});
  if (out.teller && !stories::teller_kind_from(*out.teller))
    f.fail("teller", "Kies medewerker, inwoner of ketenpartner.", "must be medewerker, inwoner or ketenpartner");
  check_iso_date(f, "from", out.from);
  check_iso_date(f, "to", out.to);
  if (auto done = f.finish(); !done)
    for (const auto& e : done.error().fields) in.fail("story_filter." + e.field, e.title, e.detail);
  return out;
}

void read_session(FieldReader& in, const json& body, SessionInput& s, bool create) {
  s.title = in.text("title", create ? http::kTitleText : optional(http::kTitleText));
  s.date = in.text("date", create ? http::kIsoDateText : optional(http::kIsoDateText));
  check_iso_date(in, "date", s.date);
  s.facilitator_id = in.integer("facilitator_id", {.required = create});
  s.participant_ids = in.id_list("participant_ids", 100);
  s.other_participants = in.text("other_participants", {.required = false, .min = 0, .max = 500});
  s.notes = in.text("notes", kLongText);
  s.story_ids = in.id_list("story_ids", kMaxHandPicked);
  s.story_filter = read_filter(in, body);
}

void read_theme(FieldReader& in, ThemeInput& t, bool create) {
  t.title = in.text("title", create ? http::kTitleText : optional(http::kTitleText));
  t.description = in.text("description", kLongText);
  t.story_ids = in.id_list("story_ids", kMaxHandPicked);
}

template <class T>
json page_json(const std::pair<std::vector<T>, std::int64_t>& page, json (*to_json)(const T&)) {
  return http::list_page_json(page.first, paging::capped(page.second), to_json);
}

json summary_item(const SessionSummary& s) {
  return summary_json(s);
}
json action_item(const Action& a) {
  return action_json(a);
}
json best_practice_item(const BestPractice& b) {
  return best_practice_json(b);
}

}  // namespace

namespace {

http::Response list_sessions(Service& service, http::Context& ctx) {
  SessionQuery q;
  std::vector<FieldError> errors;
  q.from = http::query_date(ctx.request, "from", errors);
  q.to = http::query_date(ctx.request, "to", errors);
  if (auto st = ctx.request.query_param("status"); st && !st->empty()) {
    if (*st != "open" && *st != "closed")
      errors.push_back({"status", "Kies open of closed.", "must be open or closed"});
    else
      q.status = std::string(*st);
  }
  q.story_id = http::query_id(ctx.request, "story", errors);
  http::query_paging(ctx.request, q.limit, q.offset, errors);
  http::check_offset_within_count(q.offset, errors);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.list(ctx.user(), q));
  return http::json_response(200, page_json(r, summary_item));
}

http::Response plan_session(Service& service, http::Context& ctx) {
  if (!may_run(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(auto body, http::parse_json_object(ctx.request));
  FieldReader in(body);
  SessionInput s;
  read_session(in, body, s, true);
  if (auto done = in.finish(); !done) return problem_response(done.error());
  WK_ASSIGN_OR_RETURN(auto r, service.create(ctx.user(), s, ctx.now));
  return http::json_response(201, session_json(r.item, r.warnings));
}

http::Response show_session(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such session."));
  WK_ASSIGN_OR_RETURN(auto r, service.get(ctx.user(), id, ctx.now));
  return http::json_response(200, session_json(r.item));
}

http::Response update_session(Service& service, http::Context& ctx) {
  if (!may_run(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such session."));
  WK_ASSIGN_OR_RETURN(auto body, http::parse_json_object(ctx.request));
  FieldReader in(body);
  SessionInput s;
  read_session(in, body, s, false);
  if (auto done = in.finish(); !done) return problem_response(done.error());
  WK_ASSIGN_OR_RETURN(auto r, service.update(ctx.user(), id, s, ctx.now));
  return http::json_response(200, session_json(r.item, r.warnings));
}

http::Response close_session(Service& service, http::Context& ctx) {
  if (!may_run(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such session."));
  std::string conclusion;
  if (auto bad = http::read_json_body(
          ctx.request, [&](FieldReader& in) { conclusion = in.text("conclusion", required(kLongText)).value_or(""); }))
    return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.close(ctx.user(), id, conclusion, ctx.now));
  return http::json_response(200, session_json(r.item, r.warnings));
}

http::Response add_theme(Service& service, http::Context& ctx) {
  if (!may_run(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such session."));
  ThemeInput t;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) { read_theme(in, t, true); })) return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.add_theme(ctx.user(), id, t, ctx.now));
  return http::json_response(201, theme_json(r.item, r.warnings));
}

http::Response update_theme(Service& service, http::Context& ctx) {
  if (!may_run(ctx.user())) return problem_response(Error::forbidden());
  const auto id = ctx.id_param();
  const auto theme_id = ctx.id_param("theme_id");
  if (!id || !theme_id) return problem_response(Error::not_found("No such theme."));
  ThemeInput t;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) { read_theme(in, t, false); })) return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.update_theme(ctx.user(), *id, *theme_id, t, ctx.now));
  return http::json_response(200, theme_json(r.item, r.warnings));
}

http::Response add_action(Service& service, http::Context& ctx) {
  if (!may_run(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such session."));
  ActionInput a;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) {
        a.description = in.text("description", required(kLongText)).value_or("");
        a.owner_id = in.integer("owner_id", {.required = true}).value_or(0);
        a.due_date = in.text("due_date", http::kIsoDateText).value_or("");
        a.theme_id = in.integer("theme_id", {});
      }))
    return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.add_action(ctx.user(), id, a, ctx.now));
  return http::json_response(201, action_json(r.item, r.warnings));
}

http::Response list_actions(Service& service, http::Context& ctx) {
  ActionQuery q;
  std::vector<FieldError> errors;
  if (auto o = ctx.request.query_param("owner"); o && *o == "me")
    q.owner_id = ctx.user().user_id;
  else
    q.owner_id = http::query_id(ctx.request, "owner", errors);
  q.session_id = http::query_id(ctx.request, "session", errors);
  auto flag = [&](const char* name) {
    auto v = ctx.request.query_param(name);
    if (!v || v->empty() || *v == "false") return false;
    if (*v == "true") return true;
    errors.push_back({name, "Kies true of false.", "must be true or false"});
    return false;
  };
  q.open_only = flag("open");
  q.overdue_only = flag("overdue");
  http::query_paging(ctx.request, q.limit, q.offset, errors);
  http::check_offset_within_count(q.offset, errors);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.actions(ctx.user(), q, ctx.now));
  return http::json_response(200, page_json(r, action_item));
}

http::Response update_action(Service& service, http::Context& ctx) {
  if (!may_read(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such action."));
  ActionChange c;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) {
        c.status = in.text("status", {.required = false, .min = 1, .max = 20});
        if (c.status && *c.status != "open" && *c.status != "in_progress" && *c.status != "done" &&
            *c.status != "dropped")
          in.fail("status", "Kies open, in_progress, done of dropped.", "must be open, in_progress, done or dropped");
        c.outcome_kind = in.text("outcome_kind", {.required = false, .min = 1, .max = 20});
        if (c.outcome_kind && *c.outcome_kind != "method" && *c.outcome_kind != "procedure" &&
            *c.outcome_kind != "training" && *c.outcome_kind != "other")
          in.fail("outcome_kind", "Kies methode, procedure, training of anders.",
                  "must be method, procedure, training or other");
        c.outcome = in.text("outcome", kLongText);
        c.due_date = in.text("due_date", optional(http::kIsoDateText));
        check_iso_date(in, "due_date", c.due_date);
        c.description = in.text("description", optional(required(kLongText)));
        c.owner_id = in.integer("owner_id", {});
      }))
    return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.update_action(ctx.user(), id, c, ctx.now));
  return http::json_response(200, action_json(r.item, r.warnings));
}

http::Response propose_best_practice(Service& service, http::Context& ctx) {
  if (!may_run(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such story."));
  BestPracticeInput b;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) {
        b.title = in.text("title", optional(http::kTitleText));
        b.summary = in.text("summary", required(kLongText)).value_or("");
        b.session_id = in.integer("session_id", {});
      }))
    return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.promote(ctx.user(), id, b, ctx.now));
  return http::json_response(201, best_practice_json(r.item, r.warnings));
}

http::Response list_best_practices(Service& service, http::Context& ctx) {
  std::vector<FieldError> errors;
  const auto story = http::query_id(ctx.request, "story", errors);
  int limit = 50, offset = 0;
  http::query_paging(ctx.request, limit, offset, errors);
  http::check_offset_within_count(offset, errors);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.best_practices(ctx.user(), story, limit, offset));
  return http::json_response(200, page_json(r, best_practice_item));
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(
      router, service_,
      {
          {"GET", "/api/v1/sensemaking-sessions", list_sessions},
          {"POST", "/api/v1/sensemaking-sessions", plan_session, http::Access::authenticated, true},
          {"GET", "/api/v1/sensemaking-sessions/{id}", show_session},
          {"PATCH", "/api/v1/sensemaking-sessions/{id}", update_session},
          {"POST", "/api/v1/sensemaking-sessions/{id}/close", close_session},
          {"POST", "/api/v1/sensemaking-sessions/{id}/themes", add_theme, http::Access::authenticated, true},
          {"PATCH", "/api/v1/sensemaking-sessions/{id}/themes/{theme_id}", update_theme},
          {"POST", "/api/v1/sensemaking-sessions/{id}/actions", add_action, http::Access::authenticated, true},
          {"GET", "/api/v1/sensemaking-actions", list_actions},
          {"PATCH", "/api/v1/sensemaking-actions/{id}", update_action},
          {"POST", "/api/v1/stories/{id}/best-practice", propose_best_practice},
          {"GET", "/api/v1/best-practices", list_best_practices},
      });
}

}  // namespace wk::sensemaking
