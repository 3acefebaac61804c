#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/knowledge/knowledge.hpp"
#include "modules/organisation/people.hpp"
#include "modules/sensemaking/repository.hpp"
#include "modules/sensemaking/sensemaking.hpp"
#include "modules/stories/lists.hpp"

namespace wk::sensemaking {

using nlohmann::json;
using store::Tx;

bool may_read(const Principal& p) {
  return stories::may_read(p);
}

bool may_run(const Principal& p) {
  return p.has_role(role::quality);
}

std::string filter_to_json(const StoryFilter& f) {
  json out = json::object();
  if (f.from) out["from"] = *f.from;
  if (f.to) out["to"] = *f.to;
  if (f.team_id) out["team"] = *f.team_id;
  if (f.teller) out["teller"] = *f.teller;
  if (f.topic_id) out["topic"] = *f.topic_id;
  if (f.valuation_id) out["valuation"] = *f.valuation_id;
  if (f.q) out["q"] = *f.q;
  return out.dump();
}

StoryFilter filter_from_json(const std::string& text) {
  StoryFilter f;
  const auto j = json::parse(text, nullptr, false);
  if (!j.is_object()) return f;
  auto str = [&](const char* k) { return j.contains(k) ? std::optional(j[k].get<std::string>()) : std::nullopt; };
  auto num = [&](const char* k) { return j.contains(k) ? std::optional(j[k].get<std::int64_t>()) : std::nullopt; };
  f.from = str("from");
  f.to = str("to");
  f.team_id = num("team");
  f.teller = str("teller");
  f.topic_id = num("topic");
  f.valuation_id = num("valuation");
  f.q = str("q");
  return f;
}

namespace {

constexpr int kSelectionLimit = 100'000;  // far above what any session looks at
constexpr int kMaxListed = 1000;

bool is_closed(const std::string& action_status) {
  return action_status == "done" || action_status == "dropped";
}

// Names for answers; facilitators, participants and owners are active colleagues who
// read stories: an owner must be able to see and move their action on.
struct People {
  organisation::People all;

  static People load(Tx& tx, std::int64_t org_id) { return {organisation::People::load(tx, org_id)}; }
  Ref ref(std::int64_t id) const { return {id, all.name(id)}; }
  void check_colleague(const std::string& field, std::int64_t id, std::vector<FieldError>& errors) const {
    if (!all.active_with(id, stories::may_read))
      errors.push_back(
          {field, "Kies een actieve medewerker die verhalen kan lezen.", "no such active user who reads stories"});
  }
};

void check_text(const std::string& field, const std::optional<std::string>& text, std::vector<FieldError>& errors,
                std::vector<Warning>& warnings) {
  if (text) check_free_text(field, *text, errors, warnings);
}

void check_date(const std::string& field, const std::optional<std::string>& date, std::vector<FieldError>& errors) {
  if (date && !is_valid_iso_date(*date))
    errors.push_back({field, "Vul een geldige datum in (JJJJ-MM-DD).", "must be a date YYYY-MM-DD"});
}

// A saved filter names things that exist in the organisation, and matches at most
// kMaxFiltered stories.
void check_filter(Tx& tx, std::int64_t org_id, const StoryFilter& f, std::vector<FieldError>& errors) {
  auto has_value = [&](std::string_view list, std::int64_t id) {
    for (const auto& v : organisation::Service::values(tx, org_id, list))
      if (v.id == id) return true;
    return false;
  };
  if (f.team_id) {
    const auto teams = organisation::Service::teams(tx, org_id);
    if (std::none_of(teams.begin(), teams.end(), [&](const auto& t) { return t.id == *f.team_id; }))
      errors.push_back({"story_filter.team", "Dit team bestaat niet.", "no such team"});
  }
  if (f.topic_id && !has_value(stories::list::story_topic, *f.topic_id))
    errors.push_back({"story_filter.topic", "Onbekend onderwerp.", "no such topic"});
  if (f.valuation_id && !has_value(stories::list::story_valuation, *f.valuation_id))
    errors.push_back({"story_filter.valuation", "Onbekende waardering.", "no such valuation"});
  if (!errors.empty()) return;
  if (stories::published::count_upto(tx, org_id, f, kMaxFiltered + 1) > kMaxFiltered)
    errors.push_back({"story_filter",
                      "Dit filter vindt meer dan " + std::to_string(kMaxFiltered) +
                          " verhalen; kies een kortere periode of een smaller filter.",
                      "the filter matches more than " + std::to_string(kMaxFiltered) + " stories"});
}

// Every id is a published story of the organisation.
void check_story_ids(Tx& tx, std::int64_t org_id, const std::string& field, const std::vector<std::int64_t>& ids,
                     const std::set<std::int64_t>* allowed, std::vector<FieldError>& errors) {
  std::set<std::int64_t> found;
  if (!allowed)
    for (const auto& s : stories::published::load(tx, org_id, ids)) found.insert(s.id);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const bool ok = allowed ? allowed->count(ids[i]) > 0 : found.count(ids[i]) > 0;
    if (!ok)
      errors.push_back({field + "[" + std::to_string(i) + "]",
                        allowed ? "Dit verhaal hoort niet bij de verhalen van deze sessie." : "Onbekend verhaal.",
                        allowed ? "not one of the session's stories" : "no such published story"});
  }
}

// The stories a session looks at: stored ones (hand-picked, or frozen at closing), or
// what its saved filter matches now.
bool stored(const repo::SessionRow& s) {
  return s.selection == "hand_picked" || s.status == "closed";
}

std::vector<std::int64_t> selection_ids(Tx& tx, std::int64_t org_id, const repo::SessionRow& s, int limit) {
  if (stored(s)) {
    auto ids = repo::stored_stories(tx, org_id, s.id);
    std::reverse(ids.begin(), ids.end());  // the newest stories first, like a filter's
    if (static_cast<int>(ids.size()) > limit) ids.resize(static_cast<std::size_t>(limit));
    return ids;
  }
  return stories::published::ids(tx, org_id, filter_from_json(s.story_filter.value_or("{}")), limit);
}

// Whether the session looked at the story: one of its hand-picked or frozen stories, or
// one its saved filter selects while it is open.
bool looked_at(Tx& tx, std::int64_t org_id, const repo::SessionRow& s, std::int64_t story_id) {
  if (stored(s)) return repo::has_stored_story(tx, org_id, s.id, story_id);
  return stories::published::matches(tx, org_id, filter_from_json(s.story_filter.value_or("{}")), story_id);
}

// What an open session with a saved filter looks at: the newest kMaxFiltered stories the
// filter matches (selection_ids), so it is counted that far and no further.
std::int64_t story_count(Tx& tx, std::int64_t org_id, const repo::SessionRow& s) {
  if (stored(s)) return s.stored_story_count;
  return stories::published::count_upto(tx, org_id, filter_from_json(s.story_filter.value_or("{}")), kMaxFiltered);
}

Action action_of(const repo::ActionRow& a, const People& people, const std::string& today) {
  Action out;
  out.id = a.id;
  out.session = {a.session_id, a.session_title, a.session_date};
  out.theme_id = a.theme_id;
  out.description = a.description;
  out.owner = people.ref(a.owner_id);
  out.due_date = a.due_date;
  out.status = a.status;
  out.outcome_kind = a.outcome_kind;
  out.outcome = a.outcome;
  out.overdue = !is_closed(a.status) && a.due_date < today;
  out.closed_at = a.closed_at;
  out.created_at = a.created_at;
  return out;
}

Theme theme_of(const repo::ThemeRow& t) {
  return {t.id, t.title, t.description, t.story_ids};
}

SessionSummary summary_of(Tx& tx, std::int64_t org_id, const repo::SessionRow& s, const People& people) {
  return {s.id,
          s.title,
          s.date,
          people.ref(s.facilitator_id),
          s.status,
          story_count(tx, org_id, s),
          s.theme_count,
          s.action_count,
          s.open_action_count};
}

Session session_of(Tx& tx, std::int64_t org_id, const repo::SessionRow& s, const std::string& today) {
  const auto people = People::load(tx, org_id);
  Session out;
  out.summary = summary_of(tx, org_id, s, people);
  for (auto id : repo::participants(tx, org_id, s.id)) out.participants.push_back(people.ref(id));
  out.other_participants = s.other_participants;
  out.notes = s.notes;
  out.conclusion = s.conclusion;
  out.closed_at = s.closed_at;
  if (s.closed_by) out.closed_by = people.ref(*s.closed_by);
  out.selection = s.selection;
  if (s.story_filter) out.story_filter = filter_from_json(*s.story_filter);
  out.stories = stories::published::load(tx, org_id, selection_ids(tx, org_id, s, kStoriesShown));
  for (const auto& t : repo::themes(tx, org_id, s.id)) out.themes.push_back(theme_of(t));
  ActionQuery q;
  q.session_id = s.id;
  q.limit = kMaxListed;
  for (const auto& a : repo::list_actions(tx, org_id, q, today)) out.actions.push_back(action_of(a, people, today));
  out.created_at = s.created_at;
  out.updated_at = s.updated_at;
  return out;
}

json session_snapshot(const repo::SessionRow& s, const std::vector<std::int64_t>& participants,
                      const std::vector<std::int64_t>& stories) {
  return {{"title", s.title},
          {"date", s.date},
          {"facilitator_id", s.facilitator_id},
          {"participant_ids", participants},
          {"other_participants", s.other_participants},
          {"notes", s.notes},
          {"selection", s.selection},
          {"story_filter", s.story_filter ? json::parse(*s.story_filter, nullptr, false) : json(nullptr)},
          {"story_ids", stories},
          {"status", s.status},
          {"conclusion", s.conclusion ? json(*s.conclusion) : json(nullptr)}};
}

json theme_snapshot(const repo::ThemeRow& t) {
  return {{"session_id", t.session_id}, {"title", t.title}, {"description", t.description}, {"story_ids", t.story_ids}};
}

json action_snapshot(const repo::ActionRow& a) {
  return {{"session_id", a.session_id},
          {"theme_id", a.theme_id ? json(*a.theme_id) : json(nullptr)},
          {"description", a.description},
          {"owner_id", a.owner_id},
          {"due_date", a.due_date},
          {"status", a.status},
          {"outcome_kind", a.outcome_kind ? json(*a.outcome_kind) : json(nullptr)},
          {"outcome", a.outcome}};
}

Error session_closed() {
  return Error::conflict(Nl{"Deze sessie is afgesloten en kan niet meer worden gewijzigd."},
                         En{"The session is closed."});
}

// Applies a POST or PATCH to a session row, checking everything it names.
void apply(Tx& tx, std::int64_t org_id, const SessionInput& in, const People& people, repo::SessionRow& row,
           std::vector<FieldError>& errors, std::vector<Warning>& warnings) {
  check_text("title", in.title, errors, warnings);
  check_text("notes", in.notes, errors, warnings);
  check_text("other_participants", in.other_participants, errors, warnings);
  check_date("date", in.date, errors);
  if (in.facilitator_id) people.check_colleague("facilitator_id", *in.facilitator_id, errors);
  if (in.participant_ids)
    for (std::size_t i = 0; i < in.participant_ids->size(); ++i)
      people.check_colleague("participant_ids[" + std::to_string(i) + "]", (*in.participant_ids)[i], errors);
  if (in.story_filter) check_filter(tx, org_id, *in.story_filter, errors);
  if (in.story_ids) check_story_ids(tx, org_id, "story_ids", *in.story_ids, nullptr, errors);
  if (in.title) row.title = *in.title;
  if (in.date) row.date = *in.date;
  if (in.facilitator_id) row.facilitator_id = *in.facilitator_id;
  if (in.other_participants) row.other_participants = *in.other_participants;
  if (in.notes) row.notes = *in.notes;
  if (in.story_filter) {
    row.selection = "filter";
    row.story_filter = filter_to_json(*in.story_filter);
  } else if (in.story_ids) {
    row.selection = "hand_picked";
    row.story_filter.reset();
  }
}

}  // namespace

Result<std::pair<std::vector<SessionSummary>, std::int64_t>> Service::list(const Principal& p, const SessionQuery& q) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) {
    const auto people = People::load(tx, p.org_id);
    std::vector<SessionSummary> items;
    if (q.story_id) {
      // The sessions that looked at one story (the best-practice form offers these): an
      // organisation holds tens of sessions a year, so each is asked in turn.
      SessionQuery all = q;
      all.limit = kMaxListed;
      all.offset = 0;
      std::int64_t total = 0;
      for (const auto& s : repo::list_sessions(tx, p.org_id, all)) {
        if (!looked_at(tx, p.org_id, s, *q.story_id)) continue;
        if (total++ >= q.offset && static_cast<int>(items.size()) < q.limit)
          items.push_back(summary_of(tx, p.org_id, s, people));
      }
      return std::make_pair(std::move(items), total);
    }
    for (const auto& s : repo::list_sessions(tx, p.org_id, q)) items.push_back(summary_of(tx, p.org_id, s, people));
    return std::make_pair(std::move(items), repo::count_sessions(tx, p.org_id, q));
  });
}

Result<View<Session>> Service::create(const Principal& p, const SessionInput& in, Millis now) {
  if (!may_run(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<View<Session>> {
    const auto people = People::load(tx, p.org_id);
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    if (in.story_filter.has_value() == in.story_ids.has_value())
      errors.push_back({"story_filter", "Kies de verhalen met een filter of zelf, niet allebei.",
                        "give exactly one of story_filter and story_ids"});
    repo::SessionRow row;
    apply(tx, p.org_id, in, people, row, errors, warnings);
    if (!errors.empty()) return Error::validation(std::move(errors));
    row.status = "open";
    row.created_at = row.updated_at = now;
    row.id = repo::insert_session(tx, p.org_id, row);
    const auto participants = in.participant_ids.value_or(std::vector<std::int64_t>{});
    repo::replace_participants(tx, p.org_id, row.id, participants);
    const auto story_ids = in.story_ids.value_or(std::vector<std::int64_t>{});
    repo::replace_stories(tx, p.org_id, row.id, story_ids);
    audit::record(tx,
                  {p.org_id, p.user_id, "create", "sensemaking_session", std::to_string(row.id), nullptr,
                   session_snapshot(row, participants, story_ids)},
                  now);
    return View<Session>{session_of(tx, p.org_id, *repo::find_session(tx, p.org_id, row.id), iso_date_utc(now)),
                         std::move(warnings)};
  });
}

Result<View<Session>> Service::get(const Principal& p, std::int64_t id, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<View<Session>> {
    auto s = repo::find_session(tx, p.org_id, id);
    if (!s) return Error::not_found("No such session.");
    return View<Session>{session_of(tx, p.org_id, *s, iso_date_utc(now)), {}};
  });
}

Result<View<Session>> Service::update(const Principal& p, std::int64_t id, const SessionInput& in, Millis now) {
  if (!may_run(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<View<Session>> {
    auto before = repo::find_session(tx, p.org_id, id);
    if (!before) return Error::not_found("No such session.");
    if (before->status != "open") return session_closed();
    const auto people = People::load(tx, p.org_id);
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    if (in.story_filter && in.story_ids)
      errors.push_back({"story_filter", "Kies de verhalen met een filter of zelf, niet allebei.",
                        "give at most one of story_filter and story_ids"});
    auto row = *before;
    apply(tx, p.org_id, in, people, row, errors, warnings);
    if (errors.empty() && (in.story_ids || in.story_filter)) {
      // A theme links stories the session looks at; a new set must keep them.
      std::set<std::int64_t> kept;
      if (in.story_ids) {
        kept.insert(in.story_ids->begin(), in.story_ids->end());
      } else {
        for (auto sid : stories::published::ids(tx, p.org_id, *in.story_filter, kSelectionLimit)) kept.insert(sid);
      }
      for (const auto& t : repo::themes(tx, p.org_id, id))
        for (auto sid : t.story_ids)
          if (!kept.count(sid)) {
            errors.push_back({in.story_ids ? "story_ids" : "story_filter",
                              "Het thema '" + t.title +
                                  "' verwijst naar een verhaal dat dan niet meer bij de sessie "
                                  "hoort; pas eerst het thema aan.",
                              "theme " + std::to_string(t.id) + " links story " + std::to_string(sid) +
                                  ", which the new selection leaves out"});
            break;
          }
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    const auto participants_before = repo::participants(tx, p.org_id, id);
    const auto stories_before = repo::stored_stories(tx, p.org_id, id);
    row.updated_at = now;
    repo::update_session(tx, p.org_id, row);
    if (in.participant_ids) repo::replace_participants(tx, p.org_id, id, *in.participant_ids);
    if (in.story_ids) repo::replace_stories(tx, p.org_id, id, *in.story_ids);
    if (in.story_filter) repo::replace_stories(tx, p.org_id, id, {});
    auto before_json = session_snapshot(*before, participants_before, stories_before);
    auto after_json =
        session_snapshot(row, repo::participants(tx, p.org_id, id), repo::stored_stories(tx, p.org_id, id));
    if (before_json != after_json)  // an empty PATCH changes nothing and leaves no entry
      audit::record(tx,
                    {p.org_id, p.user_id, "update", "sensemaking_session", std::to_string(id), std::move(before_json),
                     std::move(after_json)},
                    now);
    return View<Session>{session_of(tx, p.org_id, *repo::find_session(tx, p.org_id, id), iso_date_utc(now)),
                         std::move(warnings)};
  });
}

Result<View<Session>> Service::close(const Principal& p, std::int64_t id, const std::string& conclusion, Millis now) {
  if (!may_run(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<View<Session>> {
    auto before = repo::find_session(tx, p.org_id, id);
    if (!before) return Error::not_found("No such session.");
    if (before->status != "open") return session_closed();
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    check_free_text("conclusion", conclusion, errors, warnings);
    if (!errors.empty()) return Error::validation(std::move(errors));
    const auto participants = repo::participants(tx, p.org_id, id);
    const auto stories_before = repo::stored_stories(tx, p.org_id, id);
    // A saved filter is frozen: the session keeps saying which stories it looked at.
    if (before->selection == "filter")
      repo::replace_stories(tx, p.org_id, id, selection_ids(tx, p.org_id, *before, kSelectionLimit));
    auto row = *before;
    row.status = "closed";
    row.conclusion = conclusion;
    row.closed_at = now;
    row.closed_by = p.user_id;
    row.updated_at = now;
    repo::update_session(tx, p.org_id, row);
    audit::record(tx,
                  {p.org_id, p.user_id, "update", "sensemaking_session", std::to_string(id),
                   session_snapshot(*before, participants, stories_before),
                   session_snapshot(row, participants, repo::stored_stories(tx, p.org_id, id))},
                  now);
    return View<Session>{session_of(tx, p.org_id, *repo::find_session(tx, p.org_id, id), iso_date_utc(now)),
                         std::move(warnings)};
  });
}

namespace {

// A theme or an action belongs to an open session of the caller's organisation.
Result<repo::SessionRow> open_session(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto s = repo::find_session(tx, org_id, id);
  if (!s) return Error::not_found("No such session.");
  if (s->status != "open") return session_closed();
  return *s;
}

Status apply_theme(Tx& tx, std::int64_t org_id, const repo::SessionRow& session, const ThemeInput& in,
                   repo::ThemeRow& row, std::vector<Warning>& warnings) {
  std::vector<FieldError> errors;
  check_text("title", in.title, errors, warnings);
  check_text("description", in.description, errors, warnings);
  if (in.story_ids) {
    const auto ids = selection_ids(tx, org_id, session, kSelectionLimit);
    const std::set<std::int64_t> allowed(ids.begin(), ids.end());
    check_story_ids(tx, org_id, "story_ids", *in.story_ids, &allowed, errors);
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  if (in.title) row.title = *in.title;
  if (in.description) row.description = *in.description;
  if (in.story_ids) row.story_ids = *in.story_ids;
  return ok_status();
}

}  // namespace

Result<View<Theme>> Service::add_theme(const Principal& p, std::int64_t session_id, const ThemeInput& in, Millis now) {
  if (!may_run(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<View<Theme>> {
    auto session = open_session(tx, p.org_id, session_id);
    if (!session) return session.error();
    std::vector<Warning> warnings;
    repo::ThemeRow row;
    row.session_id = session_id;
    if (auto ok = apply_theme(tx, p.org_id, *session, in, row, warnings); !ok) return ok.error();
    row.id = repo::insert_theme(tx, p.org_id, row, now);
    audit::record(
        tx, {p.org_id, p.user_id, "create", "sensemaking_theme", std::to_string(row.id), nullptr, theme_snapshot(row)},
        now);
    return View<Theme>{theme_of(*repo::find_theme(tx, p.org_id, row.id)), std::move(warnings)};
  });
}

Result<View<Theme>> Service::update_theme(const Principal& p, std::int64_t session_id, std::int64_t theme_id,
                                          const ThemeInput& in, Millis now) {
  if (!may_run(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<View<Theme>> {
    auto before = repo::find_theme(tx, p.org_id, theme_id);
    if (!before || before->session_id != session_id) return Error::not_found("No such theme.");
    auto session = open_session(tx, p.org_id, session_id);
    if (!session) return session.error();
    std::vector<Warning> warnings;
    auto row = *before;
    if (auto ok = apply_theme(tx, p.org_id, *session, in, row, warnings); !ok) return ok.error();
    repo::update_theme(tx, p.org_id, row);
    audit::record(tx,
                  {p.org_id, p.user_id, "update", "sensemaking_theme", std::to_string(theme_id),
                   theme_snapshot(*before), theme_snapshot(row)},
                  now);
    return View<Theme>{theme_of(*repo::find_theme(tx, p.org_id, theme_id)), std::move(warnings)};
  });
}

Result<View<Action>> Service::add_action(const Principal& p, std::int64_t session_id, const ActionInput& in,
                                         Millis now) {
  if (!may_run(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<View<Action>> {
    // Actions may still be added after a session closed: follow-up often comes later.
    if (!repo::find_session(tx, p.org_id, session_id)) return Error::not_found("No such session.");
    const auto people = People::load(tx, p.org_id);
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    check_free_text("description", in.description, errors, warnings);
    check_date("due_date", in.due_date, errors);
    people.check_colleague("owner_id", in.owner_id, errors);
    if (in.theme_id) {
      auto t = repo::find_theme(tx, p.org_id, *in.theme_id);
      if (!t || t->session_id != session_id)
        errors.push_back({"theme_id", "Dit thema hoort niet bij deze sessie.", "no such theme in this session"});
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    repo::ActionRow row;
    row.session_id = session_id;
    row.theme_id = in.theme_id;
    row.description = in.description;
    row.owner_id = in.owner_id;
    row.due_date = in.due_date;
    row.status = "open";
    row.created_at = row.updated_at = now;
    row.id = repo::insert_action(tx, p.org_id, row);
    audit::record(
        tx,
        {p.org_id, p.user_id, "create", "sensemaking_action", std::to_string(row.id), nullptr, action_snapshot(row)},
        now);
    return View<Action>{action_of(*repo::find_action(tx, p.org_id, row.id), people, iso_date_utc(now)),
                        std::move(warnings)};
  });
}

Result<std::pair<std::vector<Action>, std::int64_t>> Service::actions(const Principal& p, const ActionQuery& q,
                                                                      Millis now) {
  if (!may_read(p)) return Error::forbidden();
  const auto today = iso_date_utc(now);
  return db_.read([&](Tx& tx) {
    const auto people = People::load(tx, p.org_id);
    std::vector<Action> items;
    for (const auto& a : repo::list_actions(tx, p.org_id, q, today)) items.push_back(action_of(a, people, today));
    return std::make_pair(std::move(items), repo::count_actions(tx, p.org_id, q, today));
  });
}

Result<View<Action>> Service::update_action(const Principal& p, std::int64_t id, const ActionChange& in, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<View<Action>> {
    auto before = repo::find_action(tx, p.org_id, id);
    if (!before) return Error::not_found("No such action.");
    const bool runs = may_run(p);
    // The owner moves their action on and closes it; what it is, who owns it and when it
    // is due are agreed in the session and changed by quality staff.
    if (!runs && before->owner_id != p.user_id) return Error::forbidden("Only the owner and quality staff.");
    if (!runs && (in.description || in.owner_id || in.due_date))
      return Error::forbidden("Only quality staff change the description, owner or due date.");
    if (is_closed(before->status))
      return Error::conflict(Nl{"Deze actie is al afgerond."}, En{"The action is done or dropped and final."});
    const auto people = People::load(tx, p.org_id);
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    check_text("description", in.description, errors, warnings);
    check_text("outcome", in.outcome, errors, warnings);
    check_date("due_date", in.due_date, errors);
    if (in.owner_id) people.check_colleague("owner_id", *in.owner_id, errors);
    auto row = *before;
    if (in.description) row.description = *in.description;
    if (in.owner_id) row.owner_id = *in.owner_id;
    if (in.due_date) row.due_date = *in.due_date;
    if (in.status) row.status = *in.status;
    if (in.outcome_kind) row.outcome_kind = *in.outcome_kind;
    if (in.outcome) row.outcome = *in.outcome;
    if (row.status == "done") {
      if (!row.outcome_kind)
        errors.push_back({"outcome_kind", "Kies wat er veranderd is: methode, procedure, training of anders.",
                          "required to close an action as done"});
      if (text::trim(row.outcome).empty())
        errors.push_back({"outcome", "Beschrijf wat er veranderd is.", "required to close an action as done"});
    } else if (row.status == "dropped" && text::trim(row.outcome).empty()) {
      errors.push_back({"outcome", "Geef aan waarom de actie vervalt.", "required to drop an action"});
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    if (row.status != "done") row.outcome_kind.reset();  // what changed: only for a done action
    if (is_closed(row.status)) row.closed_at = now;
    row.updated_at = now;
    repo::update_action(tx, p.org_id, row);
    if (action_snapshot(*before) != action_snapshot(row))
      audit::record(tx,
                    {p.org_id, p.user_id, "update", "sensemaking_action", std::to_string(id), action_snapshot(*before),
                     action_snapshot(row)},
                    now);
    return View<Action>{action_of(*repo::find_action(tx, p.org_id, id), people, iso_date_utc(now)),
                        std::move(warnings)};
  });
}

namespace {

BestPractice best_practice_of(const repo::BestPracticeRow& b, const std::map<std::int64_t, stories::Story>& stories,
                              const People& people) {
  BestPractice out;
  out.id = b.id;
  out.title = b.title;
  out.summary = b.summary;
  out.status = b.status;
  out.story.id = b.story_id;
  if (auto it = stories.find(b.story_id); it != stories.end()) {
    out.story.title = it->second.title;
    out.story.date = it->second.date;
  }
  if (b.session_id) out.session = SessionRef{*b.session_id, b.session_title.value_or(""), b.session_date.value_or("")};
  out.created_by = people.ref(b.created_by);
  out.created_at = b.created_at;
  out.knowledge_item_id = b.knowledge_item_id;
  out.knowledge_status = b.knowledge_status;
  return out;
}

std::map<std::int64_t, stories::Story> stories_by_id(Tx& tx, std::int64_t org_id, std::vector<std::int64_t> ids) {
  std::map<std::int64_t, stories::Story> out;
  for (auto& s : stories::published::load(tx, org_id, ids)) out.emplace(s.id, std::move(s));
  return out;
}

}  // namespace

Result<View<BestPractice>> Service::promote(const Principal& p, std::int64_t story_id, const BestPracticeInput& in,
                                            Millis now) {
  if (!may_run(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<View<BestPractice>> {
    const auto stories = stories_by_id(tx, p.org_id, {story_id});
    if (stories.empty()) return Error::not_found("No such story.");
    if (repo::best_practice_of_story(tx, p.org_id, story_id))
      return Error::conflict(Nl{"Dit verhaal is al een best practice."}, En{"The story is a best practice already."});
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    check_text("title", in.title, errors, warnings);
    check_free_text("summary", in.summary, errors, warnings);
    std::optional<repo::SessionRow> session;  // also the draft's source below
    if (in.session_id) {
      session = repo::find_session(tx, p.org_id, *in.session_id);
      if (!session)
        errors.push_back({"session_id", "Deze sessie bestaat niet.", "no such session"});
      else if (!looked_at(tx, p.org_id, *session, story_id))
        errors.push_back(
            {"session_id", "Deze sessie heeft dit verhaal niet bekeken.", "the session did not look at the story"});
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    repo::BestPracticeRow row;
    row.story_id = story_id;
    row.session_id = in.session_id;
    row.title = in.title.value_or(stories.begin()->second.title);
    row.summary = in.summary;
    row.created_by = p.user_id;
    row.created_at = now;
    row.id = repo::insert_best_practice(tx, p.org_id, row);
    // The best practice arrives in the knowledge base as a draft methodiek, linked to its
    // story (and session), for quality staff to work out and publish.
    knowledge::Source source;
    source.story = Ref{story_id, stories.begin()->second.title};
    if (session) source.session = Ref{session->id, session->title};
    repo::link_knowledge_item(tx, p.org_id, row.id,
                              knowledge::create_draft_from(tx, p, row.title, row.summary, source, now));
    audit::record(tx,
                  {p.org_id,
                   p.user_id,
                   "create",
                   "best_practice",
                   std::to_string(row.id),
                   nullptr,
                   {{"story_id", story_id},
                    {"session_id", in.session_id ? json(*in.session_id) : json(nullptr)},
                    {"title", row.title},
                    {"summary", row.summary},
                    {"status", "concept"}}},
                  now);
    return View<BestPractice>{
        best_practice_of(*repo::find_best_practice(tx, p.org_id, row.id), stories, People::load(tx, p.org_id)),
        std::move(warnings)};
  });
}

Result<std::pair<std::vector<BestPractice>, std::int64_t>> Service::best_practices(const Principal& p,
                                                                                   std::optional<std::int64_t> story_id,
                                                                                   int limit, int offset) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) {
    const auto rows = repo::list_best_practices(tx, p.org_id, story_id, limit, offset);
    std::vector<std::int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.story_id);
    const auto stories = stories_by_id(tx, p.org_id, ids);
    const auto people = People::load(tx, p.org_id);
    std::vector<BestPractice> items;
    for (const auto& r : rows) items.push_back(best_practice_of(r, stories, people));
    return std::make_pair(std::move(items), repo::count_best_practices(tx, p.org_id, story_id));
  });
}

Service::YearFigures Service::figures(Tx& tx, std::int64_t org_id, const std::string& from, const std::string& to) {
  YearFigures out;
  SessionQuery q;
  q.from = from;
  q.to = to;
  q.limit = 100'000;
  std::map<std::string, std::int64_t> by_kind{{"method", 0}, {"procedure", 0}, {"training", 0}, {"other", 0}};
  for (const auto& s : repo::list_sessions(tx, org_id, q)) {
    ++out.sessions;
    out.themes += s.theme_count;
    out.actions_agreed += s.action_count;
    out.actions_open += s.open_action_count;
  }
  // Actions count as closed in the year they were done, whichever session agreed them.
  for (const auto& [kind, closed_at] : repo::done_actions(tx, org_id)) {
    const auto day = iso_date_utc(closed_at);
    if (day < from || day > to) continue;
    ++out.actions_done;
    ++by_kind[kind.value_or("other")];
  }
  for (const char* k : {"method", "procedure", "training", "other"}) out.done_by_kind.emplace_back(k, by_kind[k]);
  return out;
}

}  // namespace wk::sensemaking
