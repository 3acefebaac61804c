#include <algorithm>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/organisation/service.hpp"
#include "modules/stories/repository.hpp"
#include "modules/stories/stories.hpp"

namespace wk::stories {

using organisation::ListValue;
using store::Tx;

namespace {
constexpr int kPublicPerHour = 5;
constexpr Millis kHour = 60 * 60 * 1000LL;
constexpr const char* kPublicScope = "public_story";
}  // namespace

namespace {
constexpr auto kTellerNames = enum_names<TellerKind>({{TellerKind::medewerker, "medewerker"},
                                                      {TellerKind::inwoner, "inwoner"},
                                                      {TellerKind::ketenpartner, "ketenpartner"}});
static_assert(kTellerNames.names_every(TellerKind::ketenpartner));
}  // namespace

std::string_view to_string(TellerKind k) {
  return kTellerNames.name(k);
}

std::optional<TellerKind> teller_kind_from(std::string_view s) {
  return kTellerNames.value(s);
}

bool may_share(const Principal& p) {
  return std::any_of(p.roles.begin(), p.roles.end(),
                     [](const std::string& r) { return r != role::funder && r != role::hr; });
}

bool may_read(const Principal& p) {
  return std::any_of(p.roles.begin(), p.roles.end(), [](const std::string& r) { return is_in_the_work(r); });
}

bool may_moderate(const Principal& p) {
  return p.has_role(role::quality);
}

bool may_see_stats(const Principal& p) {
  return p.has_any_role({role::quality, role::director, role::team_manager});
}

bool may_see_all_stats(const Principal& p) {
  return p.has_any_role({role::quality, role::director});
}

namespace {

// The organisation's signifier values and names, loaded once per request.
struct Lookup {
  std::map<std::int64_t, ListValue> topics, valuations, archetypes, prompts;
  std::map<std::int64_t, std::string> teams, users;

  static Lookup load(Tx& tx, std::int64_t org_id) {
    Lookup l;
    auto values = organisation::Service::values(
        tx, org_id, {list::story_topic, list::story_valuation, list::story_archetype, list::story_prompt});
    auto fill = [&](std::map<std::int64_t, ListValue>& m, std::string_view list) {
      for (auto& v : values[std::string(list)]) m.emplace(v.id, std::move(v));
    };
    fill(l.topics, list::story_topic);
    fill(l.valuations, list::story_valuation);
    fill(l.archetypes, list::story_archetype);
    fill(l.prompts, list::story_prompt);
    auto names = organisation::Service::names(tx, org_id);
    l.teams = std::move(names.teams);
    l.users = std::move(names.users);
    return l;
  }

  Story story(const repo::StoryRow& r) const {
    Story s;
    s.id = r.id;
    s.title = r.title;
    s.text = r.text;
    s.date = r.date;
    s.teller = teller_kind_from(r.teller).value_or(TellerKind::medewerker);
    if (r.team_id) s.team = Ref{*r.team_id, name(teams, *r.team_id)};
    if (r.topic_id)
      if (auto it = topics.find(*r.topic_id); it != topics.end()) s.topic = it->second;
    if (r.valuation_id)
      if (auto it = valuations.find(*r.valuation_id); it != valuations.end()) s.valuation = it->second;
    for (auto a : r.archetype_ids)
      if (auto it = archetypes.find(a); it != archetypes.end()) s.archetypes.push_back(it->second);
    for (const auto& a : r.answers)
      if (auto it = prompts.find(a.prompt_id); it != prompts.end()) s.answers.emplace_back(it->second, a.text);
    if (r.signed_by) s.signed_by = Ref{*r.signed_by, name(users, *r.signed_by)};
    s.status = r.status;
    s.source = r.source;
    s.decision = r.decision;
    s.reason = r.reason;
    s.decided_at = r.decided_at;
    if (r.decided_by) s.decided_by = Ref{*r.decided_by, name(users, *r.decided_by)};
    s.created_at = r.created_at;
    return s;
  }

  static std::string name(const std::map<std::int64_t, std::string>& m, std::int64_t id) {
    auto it = m.find(id);
    return it == m.end() ? "" : it->second;
  }
};

// Who fills in a form: staff (signifiers required; values for residents only are not
// theirs) or a resident (signifiers optional; values for staff only are not offered).
enum class Teller { staff, resident };

// Checks the signification against the organisation's active values offered on this
// form, and the free text against personal data; fills errors and warnings.
void check(const Lookup& l, const StoryInput& in, Teller who, std::vector<FieldError>& errors,
           std::vector<Warning>& warnings, Millis now) {
  const bool require_signifiers = who == Teller::staff;
  const std::string_view not_for = who == Teller::staff ? audience::residents : audience::staff;
  auto active = [&](const std::map<std::int64_t, ListValue>& m, std::int64_t id) {
    auto it = m.find(id);
    return it != m.end() && it->second.active && it->second.audience != not_for;
  };
  if (in.topic_id ? !active(l.topics, *in.topic_id) : require_signifiers)
    errors.push_back({"topic_id", "Kies een onderwerp uit de lijst.", "no such active topic"});
  if (in.valuation_id ? !active(l.valuations, *in.valuation_id) : require_signifiers)
    errors.push_back({"valuation_id", "Kies een waardering uit de lijst.", "no such active valuation"});
  for (std::size_t i = 0; i < in.archetype_ids.size(); ++i)
    if (!active(l.archetypes, in.archetype_ids[i]))
      errors.push_back({"archetype_ids[" + std::to_string(i) + "]", "Kies een rol uit de lijst.", "no such archetype"});
  for (std::size_t i = 0; i < in.answers.size(); ++i) {
    if (!active(l.prompts, in.answers[i].prompt_id))
      errors.push_back({"answers[" + std::to_string(i) + "].prompt_id", "Onbekende vraag.", "no such prompt"});
    check_free_text("answers[" + std::to_string(i) + "].text", in.answers[i].text, errors, warnings);
  }
  if (in.team_id && !l.teams.count(*in.team_id))
    errors.push_back({"team_id", "Dit team bestaat niet.", "no such team"});
  if (!is_valid_iso_date(in.date))
    errors.push_back({"date", "Vul een geldige datum in (JJJJ-MM-DD).", "must be a date YYYY-MM-DD"});
  else if (in.date > iso_date_utc(now + 24 * 60 * 60 * 1000LL))
    errors.push_back({"date", "De datum ligt in de toekomst.", "must not be in the future"});
  check_free_text("title", in.title, errors, warnings);
  check_free_text("text", in.text, errors, warnings);
}

repo::StoryRow row_of(const StoryInput& in, Millis now) {
  repo::StoryRow r;
  r.title = in.title;
  r.text = in.text;
  r.date = in.date;
  r.teller = std::string(to_string(in.teller));
  r.team_id = in.team_id;
  r.topic_id = in.topic_id;
  r.valuation_id = in.valuation_id;
  r.archetype_ids = in.archetype_ids;
  r.answers = in.answers;
  r.created_at = now;
  return r;
}

nlohmann::json snapshot(const repo::StoryRow& r) {
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"title", r.title},
          {"text", r.text},
          {"date", r.date},
          {"teller_kind", r.teller},
          {"topic_id", opt(r.topic_id)},
          {"valuation_id", opt(r.valuation_id)},
          {"archetype_ids", r.archetype_ids},
          {"status", r.status},
          {"source", r.source}};
}

}  // namespace

namespace published {

std::vector<std::int64_t> ids(Tx& tx, std::int64_t org_id, StoryFilter f, int limit) {
  f.status = "published";
  f.limit = limit;
  f.offset = 0;
  return repo::ids(tx, org_id, f);
}

std::int64_t count_upto(Tx& tx, std::int64_t org_id, StoryFilter f, std::int64_t cap) {
  f.status = "published";
  return repo::count_upto(tx, org_id, f, cap);
}

std::optional<std::string> first_date(Tx& tx, std::int64_t org_id) {
  // stories_period (org_id, status, story_date) answers this from its first entry.
  auto r = tx.query_one("SELECT MIN(story_date) FROM stories WHERE org_id = ? AND status = 'published'", {org_id});
  return r ? r->opt_str(0) : std::nullopt;
}

bool matches(Tx& tx, std::int64_t org_id, StoryFilter f, std::int64_t story_id) {
  f.status = "published";
  return repo::matches(tx, org_id, f, story_id);
}

std::vector<Story> load(Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids) {
  std::vector<Story> out;
  if (ids.empty()) return out;
  const auto l = Lookup::load(tx, org_id);
  for (const auto& r : repo::find_many(tx, org_id, ids))
    if (r.status == "published") out.push_back(l.story(r));
  return out;
}

Stats stats(Tx& tx, std::int64_t org_id, const std::string& from, const std::string& to,
            const std::optional<std::vector<std::int64_t>>& team_ids, const std::optional<std::string>& teller,
            const std::optional<std::pair<std::string, std::string>>& compare_with) {
  auto keys_and_counts = [](const std::vector<ListValue>& values,
                            const std::vector<std::pair<std::int64_t, std::int64_t>>& counts) {
    std::map<std::int64_t, std::int64_t> by_id(counts.begin(), counts.end());
    std::pair<std::vector<std::string>, std::vector<std::int64_t>> out;
    for (const auto& v : values) {
      const auto it = by_id.find(v.id);
      if (!v.active && it == by_id.end()) continue;  // a retired value shows while it has stories
      out.first.push_back(v.code);
      out.second.push_back(it == by_id.end() ? 0 : it->second);
    }
    return out;
  };
  const auto topics = organisation::Service::values(tx, org_id, stories::list::story_topic);
  const auto valuations = organisation::Service::values(tx, org_id, stories::list::story_valuation);
  const auto archetypes = organisation::Service::values(tx, org_id, stories::list::story_archetype);
  auto period = [&](const std::string& f, const std::string& t) {
    const auto c = repo::period_counts(tx, org_id, f, t, team_ids, teller);
    Period out{f, t, c.stories, {}, {}, {}};
    auto [tk, tc] = keys_and_counts(topics, c.topics);
    out.topics = single_choice(tk, tc, 1);
    auto [vk, vc] = keys_and_counts(valuations, c.valuations);
    out.valuations = single_choice(vk, vc, 1);
    auto [ak, ac] = keys_and_counts(archetypes, c.archetypes);
    out.archetypes = multi_choice(ak, ac, c.stories, 1);
    return out;
  };
  Stats s{period(from, to), std::nullopt, {}};
  if (compare_with) s.comparison = period(compare_with->first, compare_with->second);
  for (const auto* values : {&topics, &valuations, &archetypes})
    s.labels.insert(s.labels.end(), values->begin(), values->end());
  return s;
}

}  // namespace published

Result<StoryView> Service::share(const Principal& p, StoryInput in, Millis now) {
  if (!may_share(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<StoryView> {
    const auto l = Lookup::load(tx, p.org_id);
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    check(l, in, Teller::staff, errors, warnings, now);
    if (!errors.empty()) return Error::validation(std::move(errors));
    auto row = row_of(in, now);
    row.status = "published";
    row.source = "staff";
    if (in.signed_story) row.signed_by = p.user_id;
    row.id = repo::insert(tx, p.org_id, row);
    // An unsigned story keeps no teller: the audit entry has no actor either.
    auto after = snapshot(row);
    if (!in.signed_story) after["anonymous"] = true;
    audit::record(tx,
                  {p.org_id, in.signed_story ? std::optional(p.user_id) : std::nullopt, "create", "story",
                   std::to_string(row.id), nullptr, after},
                  now);
    return StoryView{l.story(*repo::find(tx, p.org_id, row.id)), std::move(warnings)};
  });
}

Result<StoryPage> Service::list(const Principal& p, const StoryFilter& f) {
  if (!may_read(p)) return Error::forbidden();
  if (f.status != "published" && !may_moderate(p))
    return Error::forbidden("Only quality staff see unpublished stories.");
  return db_.read([&](Tx& tx) {
    const auto l = Lookup::load(tx, p.org_id);
    StoryFilter one_more = f;
    ++one_more.limit;  // is there a next page?
    auto rows = repo::list(tx, p.org_id, one_more);
    StoryPage page;
    if (rows.size() > static_cast<std::size_t>(f.limit)) {
      rows.pop_back();
      page.next = StoryKey{rows.back().date, rows.back().id};
    }
    for (const auto& r : rows) page.items.push_back(l.story(r));
    page.count = paging::capped(repo::count_upto(tx, p.org_id, f, paging::kCountCap + 1));
    return page;
  });
}

Result<StoryView> Service::get(const Principal& p, std::int64_t id) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<StoryView> {
    auto r = repo::find(tx, p.org_id, id);
    if (!r || (r->status != "published" && !may_moderate(p))) return Error::not_found("No such story.");
    return StoryView{Lookup::load(tx, p.org_id).story(*r), {}};
  });
}

std::vector<PersonalDataFlag> personal_data_flags(const Story& s) {
  std::vector<PersonalDataFlag> out;
  auto scan = [&](const std::string& field, const std::string& words) {
    for (const auto& f : text::find_personal_data(words))
      out.push_back({field, text::to_string(f.kind), words.substr(f.begin, f.end - f.begin)});
  };
  scan("title", s.title);
  scan("text", s.text);
  for (std::size_t i = 0; i < s.answers.size(); ++i)
    scan("answers[" + std::to_string(i) + "].text", s.answers[i].second);
  return out;
}

namespace {

// The words a redaction names, or nullptr for a field the story does not have.
std::string* words_of(repo::StoryRow& row, const std::string& field) {
  if (field == "title") return &row.title;
  if (field == "text") return &row.text;
  for (std::size_t i = 0; i < row.answers.size(); ++i)
    if (field == "answers[" + std::to_string(i) + "].text") return &row.answers[i].text;
  return nullptr;
}

void black_out(std::string& words, const std::string& passage) {
  for (auto at = words.find(passage); at != std::string::npos; at = words.find(passage, at + std::strlen(kRedacted)))
    words.replace(at, passage.size(), kRedacted);
}

}  // namespace

Result<StoryView> Service::moderate(const Principal& p, std::int64_t id, bool accept, const std::string& reason,
                                    const std::vector<Redaction>& redactions, Millis now) {
  if (!may_moderate(p)) return Error::forbidden();
  if (!accept && text::trim(reason).empty())
    return Error::validation({{"reason", "Geef een reden voor het afwijzen.", "a reason is required to reject"}});
  return db_.write([&](Tx& tx) -> Result<StoryView> {
    auto before = repo::find(tx, p.org_id, id);
    if (!before) return Error::not_found("No such story.");
    if (before->status != "pending")
      return Error::conflict(Nl{"Dit verhaal is al beoordeeld."}, En{"The story is not waiting for moderation."});
    repo::StoryRow row = *before;
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < redactions.size(); ++i) {
      const std::string at = "redact[" + std::to_string(i) + "]";
      std::string* words = words_of(row, redactions[i].field);
      if (!words)
        errors.push_back({at + ".field", "Dit verhaal heeft dit veld niet.", "the story has no such field"});
      else if (words->find(redactions[i].passage) == std::string::npos)
        errors.push_back({at + ".passage", "Deze passage staat niet (meer) in het verhaal.",
                          "the passage does not occur in the field"});
      else
        black_out(*words, redactions[i].passage);
    }
    if (!errors.empty()) return Error::validation(std::move(errors));
    if (!redactions.empty()) repo::replace_words(tx, p.org_id, row);
    const std::string status = accept ? "published" : "rejected";
    repo::set_moderation(tx, p.org_id, id, status, accept ? "accept" : "reject", reason, now, p.user_id);
    // A resident's words enter the audit log only as published, after the black-outs:
    // what was blacked out is kept nowhere.
    nlohmann::json after{{"status", status}, {"reason", reason}, {"redactions", redactions.size()}};
    if (accept) after["title"] = row.title, after["text"] = row.text;
    audit::record(tx, {p.org_id, p.user_id, "update", "story", std::to_string(id), {{"status", before->status}}, after},
                  now);
    auto stored = *repo::find(tx, p.org_id, id);
    return StoryView{Lookup::load(tx, p.org_id).story(stored), {}};
  });
}

Result<Stats> Service::stats(const Principal& p, const std::string& from, const std::string& to,
                             std::optional<std::int64_t> team_id, std::optional<std::string> teller,
                             std::optional<std::pair<std::string, std::string>> compare_with) {
  if (!may_see_stats(p)) return Error::forbidden();
  // Team managers see their own teams' dashboards only.
  std::optional<std::vector<std::int64_t>> teams;
  const bool all = may_see_all_stats(p);
  if (team_id) {
    if (!all && !p.in_team(*team_id)) return Error::forbidden("You see the dashboards of your own teams only.");
    teams = std::vector<std::int64_t>{*team_id};
  } else if (!all) {
    teams = p.team_ids;
  }
  return db_.read(
      [&](Tx& tx) -> Result<Stats> { return published::stats(tx, p.org_id, from, to, teams, teller, compare_with); });
}

std::string default_privacy_note(const std::string& organisation) {
  return "Uw verhaal wordt gelezen door de kwaliteitsmedewerkers van " + organisation +
         ". U hoeft uw naam niet te geven en wij vragen er ook niet om. Staan er toch gegevens in waaraan u te "
         "herkennen bent, zoals een naam, adres of telefoonnummer, dan halen zij die weg voordat uw verhaal "
         "meetelt. Het origineel bewaren wij niet. Uw verhaal wordt niet gekoppeld aan een dossier. Wij bewaren "
         "verhalen zonder naam zolang wij ze gebruiken om van te leren; hoe lang dat ten hoogste is, staat in de "
         "privacyverklaring van " +
         organisation + ".";
}

Result<Service::PublicForm> Service::public_form(const std::string& org_slug) {
  return db_.read([&](Tx& tx) -> Result<PublicForm> {
    const auto org = organisation::Service::organisation_by_slug(tx, org_slug);
    if (!org) return Error::not_found("No such organisation.");
    PublicForm f{org->name, org->slug, {}, {}, {}, {}, {}, std::nullopt};
    const auto note = organisation::Service::settings_in(tx, org->id).public_privacy_note;
    f.privacy_note = note.empty() ? default_privacy_note(org->name) : note;
    if (const auto logo = organisation::Service::logo_in(tx, org->id)) f.logo_updated_at = logo->updated_at;
    // The values offered to residents, in their words.
    auto active = [&](std::string_view list) {
      std::vector<ListValue> out;
      for (auto& v : organisation::Service::values(tx, org->id, list)) {
        if (!v.active || v.audience == audience::staff) continue;
        if (!v.public_label.empty()) v.label = v.public_label;
        out.push_back(std::move(v));
      }
      return out;
    };
    f.topics = active(stories::list::story_topic);
    f.valuations = active(stories::list::story_valuation);
    f.archetypes = active(stories::list::story_archetype);
    f.prompts = active(stories::list::story_prompt);
    return f;
  });
}

Status Service::share_public(const std::string& org_slug, StoryInput in, const std::string& address,
                             bool honeypot_filled, Millis now) {
  return db_.write([&](Tx& tx) -> Status {
    const auto org = organisation::Service::organisation_by_slug(tx, org_slug);
    if (!org) return Error::not_found("No such organisation.");
    if (repo::rate_events_since(tx, kPublicScope, address, now - kHour) >= kPublicPerHour)
      return Error{ErrorKind::too_many_requests,
                   "U heeft het afgelopen uur al een aantal verhalen gedeeld. Probeer het later opnieuw.",
                   "Too many stories from this address; try again in an hour.",
                   {},
                   3600};
    repo::add_rate_event(tx, kPublicScope, address, now);
    if (honeypot_filled) return ok_status();  // a bot: answered as if accepted, dropped
    const auto l = Lookup::load(tx, org->id);
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    in.teller = TellerKind::inwoner;
    in.team_id.reset();
    in.signed_story = false;
    // A resident may leave the signification out: the story then counts in no topic or
    // valuation share (those are shares of the stories that answered).
    check(l, in, Teller::resident, errors, warnings, now);
    if (!errors.empty()) return Error::validation(std::move(errors));
    auto row = row_of(in, now);
    row.status = "pending";
    row.source = "public";
    row.id = repo::insert(tx, org->id, row);
    // Anonymous, and without the resident's words: they may hold personal data that the
    // moderator blacks out before the story counts (moderate() logs the published words).
    auto after = snapshot(row);
    after.erase("title");
    after.erase("text");
    after["anonymous"] = true;
    audit::record(tx, {org->id, std::nullopt, "create", "story", std::to_string(row.id), nullptr, after}, now);
    return ok_status();
  });
}

}  // namespace wk::stories
