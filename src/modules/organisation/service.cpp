#include "modules/organisation/service.hpp"

#include <algorithm>
#include <set>

#include "core/crypto.hpp"
#include "core/image.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/organisation/json.hpp"
#include "modules/organisation/repository.hpp"

namespace wk::organisation {

using store::Tx;

bool can_read_structure(const Principal& p) {
  return std::any_of(p.roles.begin(), p.roles.end(), [](const std::string& r) { return r != role::funder; });
}

bool can_list_all_users(const Principal& p) {
  return p.has_any_role({role::admin, role::hr, role::director});
}

bool can_view_user(const Principal& p, const User& target) {
  if (target.id == p.user_id || can_list_all_users(p)) return true;
  return p.has_role(role::team_manager) && p.shares_team_with(target.team_ids());
}

bool can_administer(const Principal& p) {
  return p.has_role(role::admin);
}

bool may_list_users(const Principal& p) {
  return can_list_all_users(p) || p.has_role(role::team_manager);
}

std::string Service::normalise_email(std::string_view email) {
  return text::to_lower_ascii(text::trim(email));
}

namespace {

audit::Event event(std::int64_t org_id, std::optional<std::int64_t> actor, std::string action, std::string entity,
                   std::int64_t id, nlohmann::json before, nlohmann::json after) {
  return {org_id, actor, std::move(action), std::move(entity), std::to_string(id), std::move(before), std::move(after)};
}

void check_email(std::vector<FieldError>& errors, const std::string& email) {
  if (!text::is_plausible_email(email))
    errors.push_back({"email", "Vul een geldig e-mailadres in.", "must be a valid e-mail address"});
}

void check_password(std::vector<FieldError>& errors, const std::string& password) {
  const auto n = text::utf8_length(password);
  if (n < crypto::kMinPasswordLength || n > crypto::kMaxPasswordLength)
    errors.push_back(
        {"password", "Kies een wachtwoord van minstens 12 tekens.", "must be between 12 and 1024 characters"});
}

void check_roles(std::vector<FieldError>& errors, const std::vector<std::string>& roles) {
  if (roles.empty()) errors.push_back({"roles", "Kies minstens één rol.", "must hold at least one role"});
  for (std::size_t i = 0; i < roles.size(); ++i)
    if (!is_valid_role(roles[i]))
      errors.push_back({"roles[" + std::to_string(i) + "]", "Onbekende rol.", "unknown role: " + roles[i]});
}

void check_team_ids(Tx& tx, std::vector<FieldError>& errors, std::int64_t org_id,
                    const std::vector<std::int64_t>& ids) {
  const auto found = repo::existing_team_ids(tx, org_id, ids);
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!found.count(ids[i]))
      errors.push_back({"team_ids[" + std::to_string(i) + "]", "Dit team bestaat niet.", "no such team"});
}

void check_neighbourhoods(std::vector<FieldError>& errors, const std::vector<std::string>& codes) {
  for (std::size_t i = 0; i < codes.size(); ++i)
    if (!text::is_cbs_area_code(codes[i]))
      errors.push_back({"neighbourhoods[" + std::to_string(i) + "]",
                        "Gebruik een CBS-code: WK met 6 cijfers of BU met 8 cijfers.",
                        "must be a CBS code: WK + 6 digits or BU + 8 digits"});
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

Error duplicate_team_name() {
  Error e = Error::conflict(Nl{"Er bestaat al een team met deze naam."}, En{"A team with this name already exists."});
  e.fields.push_back({"name", "Er bestaat al een team met deze naam.", "already in use"});
  return e;
}

Error duplicate_email() {
  Error e = Error::conflict(Nl{"Dit e-mailadres is al in gebruik."}, En{"This e-mail address is already in use."});
  e.fields.push_back({"email", "Dit e-mailadres is al in gebruik.", "already in use"});
  return e;
}

}  // namespace

std::optional<std::vector<std::int64_t>> Service::team_ids_of(Tx& tx, std::int64_t org_id, bool area, std::int64_t id) {
  if (area ? !repo::find_district(tx, org_id, id) : !team(tx, org_id, id)) return std::nullopt;
  if (!area) return std::vector<std::int64_t>{id};
  std::vector<std::int64_t> ids;
  for (const auto& t : teams(tx, org_id))
    if (t.district.id == id) ids.push_back(t.id);
  return ids;
}

Result<std::vector<District>> Service::list_districts(const Principal& p) {
  if (!can_read_structure(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) { return repo::list_districts(tx, p.org_id); });
}

Result<Settings> Service::settings(const Principal& p) {
  return db_.read([&](Tx& tx) { return repo::settings(tx, p.org_id); });
}

Settings Service::settings_in(Tx& tx, std::int64_t org_id) {
  return repo::settings(tx, org_id);
}

Result<Settings> Service::update_settings(const Principal& p, const SettingsChange& change, Millis now) {
  if (!can_administer(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Settings> {
    const auto before = repo::settings(tx, p.org_id);
    auto after = before;
    if (change.knowledge_coach_authors) after.knowledge_coach_authors = *change.knowledge_coach_authors;
    if (change.public_privacy_note) after.public_privacy_note = *change.public_privacy_note;
    if (after == before) return after;
    repo::update_settings(tx, p.org_id, after);
    audit::record(
        tx, event(p.org_id, p.user_id, "update", "organisation_settings", p.org_id, to_json(before), to_json(after)),
        now);
    return after;
  });
}

namespace {
nlohmann::json logo_json(const std::optional<Logo>& l) {
  if (!l) return nullptr;
  return {{"content_type", l->content_type}, {"size", l->data.size()}};
}
}  // namespace

Result<Logo> Service::set_logo(const Principal& p, std::string data, Millis now) {
  if (!can_administer(p)) return Error::forbidden();
  if (data.size() > kMaxLogoBytes)
    return Error{ErrorKind::payload_too_large,
                 "Het logo is groter dan 256 kB. Maak het kleiner en probeer het opnieuw.",
                 "The logo is larger than 256 KiB.",
                 {},
                 0};
  const auto type = image::type_of(data);
  if (!type)
    return Error{ErrorKind::unsupported_media_type,
                 "Kies een afbeelding in PNG, JPEG, GIF of WebP (geen SVG).",
                 "The logo must be a PNG, JPEG, GIF or WebP image.",
                 {},
                 0};
  return db_.write([&](Tx& tx) -> Result<Logo> {
    const auto before = repo::logo(tx, p.org_id);
    Logo logo{std::string(*type), std::move(data), now};
    repo::put_logo(tx, p.org_id, logo);
    audit::record(tx,
                  event(p.org_id, p.user_id, "update", "organisation_settings", p.org_id, {{"logo", logo_json(before)}},
                        {{"logo", logo_json(logo)}}),
                  now);
    return logo;
  });
}

Status Service::remove_logo(const Principal& p, Millis now) {
  if (!can_administer(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Status {
    const auto before = repo::logo(tx, p.org_id);
    if (!before) return Error::not_found("The organisation has no logo.");
    repo::delete_logo(tx, p.org_id);
    audit::record(tx,
                  event(p.org_id, p.user_id, "update", "organisation_settings", p.org_id, {{"logo", logo_json(before)}},
                        {{"logo", nullptr}}),
                  now);
    return ok_status();
  });
}

Result<Logo> Service::logo(const Principal& p) {
  return db_.read([&](Tx& tx) -> Result<Logo> {
    auto l = repo::logo(tx, p.org_id);
    if (!l) return Error::not_found("The organisation has no logo.");
    return *l;
  });
}

Result<Logo> Service::public_logo(const std::string& org_slug) {
  return db_.read([&](Tx& tx) -> Result<Logo> {
    const auto org = repo::find_organisation_by_slug(tx, org_slug);
    auto l = org ? repo::logo(tx, org->id) : std::nullopt;
    if (!l) return Error::not_found("No logo.");
    return *l;
  });
}

std::optional<Logo> Service::logo_in(Tx& tx, std::int64_t org_id) {
  return repo::logo(tx, org_id);
}

Result<District> Service::create_district(const Principal& p, const std::string& name, Millis now) {
  if (!can_administer(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<District> {
    for (const auto& d : repo::list_districts(tx, p.org_id))
      if (d.name == name) {
        Error e =
            Error::conflict(Nl{"Er bestaat al een stadsdeel met deze naam."}, En{"A district with this name exists."});
        e.fields.push_back({"name", "Er bestaat al een stadsdeel met deze naam.", "already in use"});
        return e;
      }
    District d{repo::insert_district(tx, p.org_id, name), name};
    audit::record(tx, event(p.org_id, p.user_id, "create", "district", d.id, nullptr, to_json(d)), now);
    return d;
  });
}

Result<std::vector<Team>> Service::list_teams(const Principal& p) {
  if (!can_read_structure(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) { return repo::list_teams(tx, p.org_id); });
}

Result<Team> Service::create_team(const Principal& p, NewTeam team, Millis now) {
  if (!can_administer(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Team> {
    std::vector<FieldError> errors;
    if (!repo::find_district(tx, p.org_id, team.district_id))
      errors.push_back({"district_id", "Dit stadsdeel bestaat niet.", "no such district"});
    check_neighbourhoods(errors, team.neighbourhoods);  // before sorting: errors name the sent index
    if (!errors.empty()) return Error::validation(std::move(errors));
    team.neighbourhoods = sorted_unique(std::move(team.neighbourhoods));
    if (repo::find_team_id_by_name(tx, p.org_id, team.name)) return duplicate_team_name();
    const auto id = repo::insert_team(tx, p.org_id, team, now);
    auto created = *repo::find_team(tx, p.org_id, id);
    audit::record(tx, event(p.org_id, p.user_id, "create", "team", id, nullptr, audit_snapshot(created)), now);
    return created;
  });
}

Result<Team> Service::update_team(const Principal& p, std::int64_t id, const TeamChange& change, Millis now) {
  if (!can_administer(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Team> {
    auto before = repo::find_team(tx, p.org_id, id);
    if (!before) return Error::not_found("No such team.");
    std::vector<FieldError> errors;
    if (change.district_id && !repo::find_district(tx, p.org_id, *change.district_id))
      errors.push_back({"district_id", "Dit stadsdeel bestaat niet.", "no such district"});
    if (change.neighbourhoods) check_neighbourhoods(errors, *change.neighbourhoods);
    if (!errors.empty()) return Error::validation(std::move(errors));
    const auto codes = change.neighbourhoods ? sorted_unique(*change.neighbourhoods) : std::vector<std::string>{};
    if (change.name && *change.name != before->name && repo::find_team_id_by_name(tx, p.org_id, *change.name))
      return duplicate_team_name();
    repo::update_team(tx, p.org_id, id, change.name.value_or(before->name),
                      change.district_id.value_or(before->district.id), change.active.value_or(before->active));
    if (change.neighbourhoods) repo::replace_neighbourhoods(tx, p.org_id, id, codes);
    auto after = *repo::find_team(tx, p.org_id, id);
    audit::record(tx, event(p.org_id, p.user_id, "update", "team", id, audit_snapshot(*before), audit_snapshot(after)),
                  now);
    return after;
  });
}

Result<Service::UserPage> Service::list_users(const Principal& p, UserQuery q) {
  if (!may_list_users(p)) return Error::forbidden();
  if (!can_list_all_users(p)) {  // as can_view_user
    q.within_teams = p.team_ids;
    q.self = p.user_id;
  }
  return db_.read([&](Tx& tx) {
    return UserPage{repo::list_users(tx, p.org_id, q), paging::capped(repo::count_users(tx, p.org_id, q))};
  });
}

Result<std::vector<std::pair<std::int64_t, std::string>>> Service::colleagues(const Principal& p) {
  if (p.roles.empty() || (p.roles.size() == 1 && p.has_role(role::funder))) return Error::forbidden();
  return db_.read([&](Tx& tx) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& u : repo::list_users(tx, p.org_id))
      if (u.active &&
          std::any_of(u.roles.begin(), u.roles.end(), [](const std::string& r) { return is_in_the_work(r); }))
        out.emplace_back(u.id, u.name);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
  });
}

Result<User> Service::get_user(const Principal& p, std::int64_t id) {
  // A role that may never see other users is told so before anything is looked up; a
  // user of another organisation does not exist for the caller.
  if (!can_list_all_users(p) && !p.has_role(role::team_manager) && id != p.user_id) return Error::forbidden();
  auto user = db_.read([&](Tx& tx) { return repo::find_user(tx, p.org_id, id); });
  if (!user) return Error::not_found("No such user.");
  if (!can_view_user(p, *user)) return Error::forbidden();
  return std::move(*user);
}

Result<User> Service::insert_user(Tx& tx, std::int64_t org_id, std::optional<std::int64_t> actor, NewUser user,
                                  Millis now) {
  user.email = normalise_email(user.email);
  user.roles = sorted_unique(std::move(user.roles));
  std::vector<FieldError> errors;
  check_email(errors, user.email);
  check_password(errors, user.password);
  check_roles(errors, user.roles);
  check_team_ids(tx, errors, org_id, user.team_ids);
  if (!errors.empty()) return Error::validation(std::move(errors));
  if (repo::email_taken(tx, user.email, std::nullopt)) return duplicate_email();
  const auto id = repo::insert_user(tx, org_id, user.email, user.name, crypto::hash_password(user.password), now);
  repo::replace_roles(tx, org_id, id, user.roles);
  repo::replace_teams(tx, org_id, id, user.team_ids);
  auto created = *repo::find_user(tx, org_id, id);
  audit::record(tx, event(org_id, actor, "create", "user", id, nullptr, audit_snapshot(created)), now);
  return created;
}

Result<User> Service::create_user(const Principal& p, NewUser user, Millis now) {
  if (!can_administer(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) { return insert_user(tx, p.org_id, p.user_id, std::move(user), now); });
}

Result<User> Service::update_user(const Principal& p, std::int64_t id, UserChange change, Millis now) {
  if (!can_administer(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<User> {
    auto before = repo::find_user(tx, p.org_id, id);
    if (!before) return Error::not_found("No such user.");
    std::vector<FieldError> errors;
    if (change.email) {
      change.email = normalise_email(*change.email);
      check_email(errors, *change.email);
    }
    if (change.password) check_password(errors, *change.password);
    if (change.roles) {
      change.roles = sorted_unique(std::move(*change.roles));
      check_roles(errors, *change.roles);
    }
    if (change.team_ids) check_team_ids(tx, errors, p.org_id, *change.team_ids);
    if (!errors.empty()) return Error::validation(std::move(errors));
    if (change.email && repo::email_taken(tx, *change.email, id)) return duplicate_email();

    const bool stays_admin = change.roles ? std::count(change.roles->begin(), change.roles->end(), "admin") > 0
                                          : std::count(before->roles.begin(), before->roles.end(), "admin") > 0;
    if (id == p.user_id && (change.active == false || !stays_admin))
      return Error::conflict(Nl{"U kunt uw eigen account niet deactiveren of uw eigen beheerdersrol afnemen."},
                             En{"You cannot deactivate yourself or remove your own admin role."});

    bool role_removed = false;
    if (change.roles)
      for (const auto& r : before->roles)
        role_removed |= std::find(change.roles->begin(), change.roles->end(), r) == change.roles->end();
    const bool deactivated = before->active && change.active == false;
    const bool end_sessions = change.password.has_value() || deactivated || role_removed;

    repo::update_user(tx, p.org_id, id, change.email.value_or(before->email), change.name.value_or(before->name),
                      change.active.value_or(before->active));
    if (change.password) repo::update_password(tx, p.org_id, id, crypto::hash_password(*change.password));
    if (change.roles) repo::replace_roles(tx, p.org_id, id, *change.roles);
    if (change.team_ids) repo::replace_teams(tx, p.org_id, id, *change.team_ids);
    auto after = *repo::find_user(tx, p.org_id, id);
    auto after_snapshot = audit_snapshot(after);
    if (change.password) after_snapshot["password_changed"] = true;
    if (end_sessions && end_sessions_) {
      end_sessions_(tx, p.org_id, id, id == p.user_id ? std::optional<std::string>(p.session_hash) : std::nullopt);
      after_snapshot["sessions_ended"] = true;
    }
    audit::record(tx, event(p.org_id, p.user_id, "update", "user", id, audit_snapshot(*before), after_snapshot), now);
    return after;
  });
}

std::vector<FieldError> Service::password_errors(const std::string& password, const std::string& field) {
  std::vector<FieldError> errors;
  check_password(errors, password);
  for (auto& e : errors) e.field = field;
  return errors;
}

void Service::store_own_password(Tx& tx, std::int64_t org_id, std::int64_t user_id, const std::string& password_hash,
                                 Millis now) {
  repo::update_password(tx, org_id, user_id, password_hash);
  audit::record(tx,
                event(org_id, user_id, "update", "user", user_id, nullptr,
                      {{"password_changed", true}, {"by", "self"}, {"other_sessions_ended", true}}),
                now);
}

void Service::seed_lists(Tx& tx, std::int64_t org_id) const {
  for (const auto& known : lists_) {
    if (!repo::list_values(tx, org_id, known.name).empty()) continue;
    std::int64_t position = 0;
    for (const auto& d : known.defaults)
      repo::insert_list_value(tx, org_id, known.name,
                              {0, code_from_label(d.nl), std::string(d.nl), ++position, true, std::string(d.en),
                               std::string(d.audience), std::string(d.public_nl)});
  }
}

namespace {

nlohmann::json list_value_snapshot(std::string_view list, const ListValue& v) {
  return {{"list", list},           {"code", v.code},     {"label", v.label},       {"label_en", v.label_en},
          {"position", v.position}, {"active", v.active}, {"audience", v.audience}, {"public_label", v.public_label}};
}

Error duplicate_list_value() {
  Error e = Error::conflict(Nl{"Deze waarde staat al in de lijst."}, En{"This value is already in the list."});
  e.fields.push_back({"label", "Deze waarde staat al in de lijst.", "already in the list"});
  return e;
}
}  // namespace

Result<std::vector<ListValue>> Service::list_values(const Principal& p, std::string_view list) {
  if (!has_list(list)) return Error::not_found("No such list.");
  if (!can_read_structure(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) { return repo::list_values(tx, p.org_id, list); });
}

std::vector<ListValue> Service::values(Tx& tx, std::int64_t org_id, std::string_view list) {
  return repo::list_values(tx, org_id, list);
}

std::map<std::string, std::vector<ListValue>> Service::values(Tx& tx, std::int64_t org_id,
                                                              const std::vector<std::string_view>& lists) {
  return repo::list_values(tx, org_id, lists);
}

bool Service::has_list(std::string_view list) const {
  return std::any_of(lists_.begin(), lists_.end(), [&](const ListDefinition& l) { return l.name == list; });
}

bool Service::may_edit_list(const Principal& p, std::string_view list) const {
  if (can_administer(p)) return true;
  for (const auto& l : lists_)
    if (l.name == list)
      return std::any_of(l.also_edited_by.begin(), l.also_edited_by.end(),
                         [&](std::string_view role) { return p.has_role(role); });
  return false;
}

Result<ListValue> Service::add_list_value(const Principal& p, std::string_view list, const NewListValue& in,
                                          Millis now) {
  const auto& label = in.label;
  const auto& code = in.code;
  if (!has_list(list)) return Error::not_found("No such list.");
  if (!may_edit_list(p, list)) return Error::forbidden();
  const std::string key = code ? *code : code_from_label(label);
  if (!text::is_slug(key))
    return Error::validation({{code ? "code" : "label", "Gebruik kleine letters, cijfers, - en _ voor de code.",
                               "the code must match [a-z0-9_-]{1,40}"}});
  return db_.write([&](Tx& tx) -> Result<ListValue> {
    const auto existing = repo::list_values(tx, p.org_id, list);
    std::int64_t position = 0;
    for (const auto& v : existing) {
      if (v.code == key || text::to_lower_ascii(v.label) == text::to_lower_ascii(label)) return duplicate_list_value();
      position = std::max(position, v.position);
    }
    ListValue created{0,
                      key,
                      label,
                      position + 1,
                      true,
                      in.label_en,
                      in.audience.value_or(std::string(audience::all)),
                      in.public_label};
    created.id = repo::insert_list_value(tx, p.org_id, list, created);
    const auto id = created.id;
    audit::record(
        tx, event(p.org_id, p.user_id, "create", "list_value", id, nullptr, list_value_snapshot(list, created)), now);
    return created;
  });
}

Result<ListValue> Service::update_list_value(const Principal& p, std::string_view list, std::int64_t id,
                                             const ListValueChange& change, Millis now) {
  if (!has_list(list)) return Error::not_found("No such list.");
  if (!may_edit_list(p, list)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<ListValue> {
    auto before = repo::find_list_value(tx, p.org_id, list, id);
    if (!before) return Error::not_found("No such value.");
    if (change.label)
      for (const auto& v : repo::list_values(tx, p.org_id, list))
        if (v.id != id && text::to_lower_ascii(v.label) == text::to_lower_ascii(*change.label))
          return duplicate_list_value();
    ListValue after{id,
                    before->code,
                    change.label.value_or(before->label),
                    change.position.value_or(before->position),
                    change.active.value_or(before->active),
                    change.label_en.value_or(before->label_en),
                    change.audience.value_or(before->audience),
                    change.public_label.value_or(before->public_label)};
    repo::update_list_value(tx, p.org_id, id, after);
    audit::record(tx,
                  event(p.org_id, p.user_id, "update", "list_value", id, list_value_snapshot(list, *before),
                        list_value_snapshot(list, after)),
                  now);
    return after;
  });
}

std::optional<Team> Service::team(Tx& tx, std::int64_t org_id, std::int64_t team_id) {
  return repo::find_team(tx, org_id, team_id);
}

std::vector<Team> Service::teams(Tx& tx, std::int64_t org_id) {
  return repo::list_teams(tx, org_id);
}

std::optional<User> Service::user(Tx& tx, std::int64_t org_id, std::int64_t user_id) {
  return repo::find_user(tx, org_id, user_id);
}

std::vector<User> Service::users(Tx& tx, std::int64_t org_id) {
  return repo::list_users(tx, org_id);
}

Names Service::names(Tx& tx, std::int64_t org_id) {
  return repo::names(tx, org_id);
}

std::optional<Organisation> Service::organisation_in(Tx& tx, std::int64_t org_id) {
  return repo::find_organisation(tx, org_id);
}

std::optional<Organisation> Service::organisation_by_slug(Tx& tx, const std::string& slug) {
  return repo::find_organisation_by_slug(tx, slug);
}

void Service::seed_default_lists(Millis) {
  db_.with_write([&](Tx& tx) {
    for (const auto& org : repo::list_organisations(tx)) seed_lists(tx, org.id);
    return true;
  });
}

Result<Organisation> Service::create_organisation(const std::string& name, const std::string& slug,
                                                  const std::vector<std::string>& districts, Millis now) {
  if (!text::is_slug(slug))
    return Error::validation({{"slug", "Gebruik kleine letters, cijfers, - en _.", "must match [a-z0-9_-]{1,40}"}});
  if (text::trim(name).empty()) return Error::validation({{"name", "Dit veld is verplicht.", "is required"}});
  return db_.write([&](Tx& tx) -> Result<Organisation> {
    if (repo::find_organisation_by_slug(tx, slug))
      return Error::conflict(Nl{"Deze organisatiecode bestaat al."}, En{"An organisation with this slug exists."});
    Organisation org{repo::insert_organisation(tx, name, slug, now), name, slug};
    audit::record(tx, event(org.id, std::nullopt, "create", "organisation", org.id, nullptr, to_json(org)), now);
    seed_lists(tx, org.id);
    for (const auto& d : districts) {
      District district{repo::insert_district(tx, org.id, d), d};
      audit::record(tx, event(org.id, std::nullopt, "create", "district", district.id, nullptr, to_json(district)),
                    now);
    }
    return org;
  });
}

Result<Team> Service::add_team_as_system(std::int64_t org_id, const std::string& name, const std::string& district,
                                         const std::vector<std::string>& neighbourhoods, Millis now) {
  return db_.write([&](Tx& tx) -> Result<Team> {
    std::optional<std::int64_t> district_id;
    for (const auto& d : repo::list_districts(tx, org_id))
      if (d.name == district) district_id = d.id;
    if (!district_id) return Error::validation({{"district", "Dit stadsdeel bestaat niet.", "no such district"}});
    if (repo::find_team_id_by_name(tx, org_id, name)) return duplicate_team_name();
    const auto id = repo::insert_team(tx, org_id, {name, *district_id, sorted_unique(neighbourhoods)}, now);
    auto team = *repo::find_team(tx, org_id, id);
    audit::record(tx, event(org_id, std::nullopt, "create", "team", id, nullptr, audit_snapshot(team)), now);
    return team;
  });
}

Result<User> Service::add_user_as_system(std::int64_t org_id, NewUser user, const std::vector<std::string>& team_names,
                                         Millis now) {
  return db_.write([&](Tx& tx) -> Result<User> {
    for (const auto& name : team_names) {
      auto id = repo::find_team_id_by_name(tx, org_id, name);
      if (!id) return Error::validation({{"team", "Dit team bestaat niet: " + name, "no such team: " + name}});
      user.team_ids.push_back(*id);
    }
    return insert_user(tx, org_id, std::nullopt, std::move(user), now);
  });
}

std::vector<Organisation> Service::organisations() {
  return db_.read([](Tx& tx) { return repo::list_organisations(tx); });
}

std::optional<Organisation> Service::organisation(std::int64_t org_id) {
  return db_.read([&](Tx& tx) { return repo::find_organisation(tx, org_id); });
}

std::optional<Credentials> Service::credentials(Tx& tx, const std::string& email) {
  return repo::find_credentials(tx, normalise_email(email));
}

std::optional<Principal> Service::principal(Tx& tx, std::int64_t org_id, std::int64_t user_id) {
  auto identity = repo::active_identity(tx, org_id, user_id);
  if (!identity) return std::nullopt;
  Principal p;
  p.user_id = user_id;
  p.org_id = org_id;
  p.email = std::move(identity->email);
  p.name = std::move(identity->name);
  p.roles = std::move(identity->roles);
  p.team_ids = std::move(identity->team_ids);
  return p;
}

void Service::record_login(Tx& tx, std::int64_t org_id, std::int64_t user_id, Millis now) {
  repo::set_last_login(tx, org_id, user_id, now);
}

}  // namespace wk::organisation
