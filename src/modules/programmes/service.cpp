#include <algorithm>

#include "core/text.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/organisation/service.hpp"
#include "modules/programmes/json.hpp"
#include "modules/programmes/programmes.hpp"
#include "modules/programmes/repository.hpp"

namespace wk::programmes {

using store::Tx;

bool coordinates(const Principal& p, const std::string& slug) {
  return p.has_role(std::string(role::coordinator_prefix) + slug);
}

namespace {

void fill_team_names(Tx& tx, std::int64_t org_id, std::vector<Programme>& programmes) {
  const auto teams = organisation::Service::teams(tx, org_id);
  for (auto& p : programmes) {
    if (!p.team_id) continue;
    for (const auto& t : teams)
      if (t.id == *p.team_id) p.team_name = t.name;
  }
}

std::optional<Programme> load(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto p = repo::find(tx, org_id, id);
  if (!p) return std::nullopt;
  std::vector<Programme> one{std::move(*p)};
  fill_team_names(tx, org_id, one);
  return std::move(one.front());
}

void check_common(Tx& tx, std::int64_t org_id, std::vector<FieldError>& errors, const std::optional<std::string>& date,
                  const std::optional<std::int64_t>& team_id) {
  if (date && !is_valid_iso_date(*date))
    errors.push_back({"start_date", "Vul een geldige datum in (JJJJ-MM-DD).", "must be a date YYYY-MM-DD"});
  if (team_id && !organisation::Service::team(tx, org_id, *team_id))
    errors.push_back({"team_id", "Dit team bestaat niet.", "no such team"});
}

Error duplicate(const char* field) {
  Error e = Error::conflict(Nl{"Er bestaat al een programma met deze naam of code."},
                            En{"A programme with this name or slug already exists."});
  e.fields.push_back({field, "Al in gebruik.", "already in use"});
  return e;
}

}  // namespace

Result<std::vector<Programme>> Service::list(const Principal& p) {
  if (!organisation::can_read_structure(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) { return all(tx, p.org_id); });
}

std::vector<Programme> Service::all(Tx& tx, std::int64_t org_id) {
  auto programmes = repo::list(tx, org_id);
  fill_team_names(tx, org_id, programmes);
  return programmes;
}

std::optional<Programme> Service::find(Tx& tx, std::int64_t org_id, std::int64_t id) {
  return load(tx, org_id, id);
}

std::optional<Programme> Service::find_by_name_or_slug(Tx& tx, std::int64_t org_id, const std::string& key) {
  const auto wanted = text::to_lower_ascii(text::trim(key));
  for (auto& p : all(tx, org_id))
    if (p.slug == wanted || text::to_lower_ascii(p.name) == wanted) return std::move(p);
  return std::nullopt;
}

Result<Programme> Service::create(const Principal& p, NewProgramme programme, Millis now) {
  if (!organisation::can_administer(p)) return Error::forbidden();
  const std::string slug = programme.slug ? *programme.slug : organisation::code_from_label(programme.name);
  std::vector<FieldError> errors;
  if (!text::is_slug(slug))
    errors.push_back({programme.slug ? "slug" : "name", "Gebruik kleine letters, cijfers, - en _ voor de code.",
                      "the slug must match [a-z0-9_-]{1,40}"});
  return db_.write([&](Tx& tx) -> Result<Programme> {
    check_common(tx, p.org_id, errors, programme.start_date, programme.team_id);
    if (!errors.empty()) return Error::validation(std::move(errors));
    for (const auto& existing : repo::list(tx, p.org_id)) {
      if (existing.slug == slug) return duplicate("slug");
      if (text::to_lower_ascii(existing.name) == text::to_lower_ascii(programme.name)) return duplicate("name");
    }
    const auto id = repo::insert(tx, p.org_id, programme, slug, now);
    auto created = *load(tx, p.org_id, id);
    audit::record(tx, {p.org_id, p.user_id, "create", "programme", std::to_string(id), nullptr, to_json(created)}, now);
    return created;
  });
}

Result<Programme> Service::update(const Principal& p, std::int64_t id, const ProgrammeChange& change, Millis now) {
  if (!organisation::can_administer(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Programme> {
    auto before = load(tx, p.org_id, id);
    if (!before) return Error::not_found("No such programme.");
    std::vector<FieldError> errors;
    check_common(tx, p.org_id, errors, change.start_date, change.set_team ? change.team_id : std::nullopt);
    if (!errors.empty()) return Error::validation(std::move(errors));
    if (change.name && text::to_lower_ascii(*change.name) != text::to_lower_ascii(before->name))
      for (const auto& existing : repo::list(tx, p.org_id))
        if (text::to_lower_ascii(existing.name) == text::to_lower_ascii(*change.name)) return duplicate("name");
    Programme next = *before;
    if (change.name) next.name = *change.name;
    if (change.description) next.description = *change.description;
    if (change.start_date) next.start_date = *change.start_date;
    if (change.set_team) next.team_id = change.team_id;
    if (change.active) next.active = *change.active;
    repo::update(tx, p.org_id, next);
    auto after = *load(tx, p.org_id, id);
    audit::record(
        tx, {p.org_id, p.user_id, "update", "programme", std::to_string(id), to_json(*before), to_json(after)}, now);
    return after;
  });
}

std::int64_t Service::ensure_group(Tx& tx, std::int64_t org_id, std::int64_t programme_id, const std::string& name,
                                   std::optional<std::int64_t> actor, Millis now, bool* created) {
  if (created) *created = false;
  if (auto g = repo::find_group(tx, org_id, programme_id, name)) return g->id;
  const auto id = repo::insert_group(tx, org_id, programme_id, name);
  audit::record(tx,
                {org_id,
                 actor,
                 "create",
                 "programme_group",
                 std::to_string(id),
                 nullptr,
                 {{"programme_id", programme_id}, {"name", name}}},
                now);
  if (created) *created = true;
  return id;
}

}  // namespace wk::programmes
