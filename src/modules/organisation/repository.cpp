#include "modules/organisation/repository.hpp"

#include <algorithm>
#include <map>

#include "core/paging.hpp"
#include "core/text.hpp"

namespace wk::organisation::repo {

using store::Param;

namespace {
Organisation organisation_from(const store::Row& r) {
  return {r.i64(0), r.str(1), r.str(2)};
}

constexpr const char* kTeamSelect =
    "SELECT t.id, t.name, t.active, d.id, d.name, "
    "(SELECT COUNT(*) FROM team_members m JOIN users u ON u.id = m.user_id AND u.org_id = m.org_id "
    " WHERE m.org_id = t.org_id AND m.team_id = t.id AND u.active = 1) "
    "FROM teams t JOIN districts d ON d.org_id = t.org_id AND d.id = t.district_id ";

Team team_from(const store::Row& r) {
  return {r.i64(0), r.str(1), {r.i64(3), r.str(4)}, {}, r.boolean(2), r.i64(5)};
}

constexpr const char* kUserSelect = "SELECT id, email, name, active, created_at, last_login_at FROM users ";

User user_from(const store::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), {}, {}, r.boolean(3), r.i64(4), r.opt_i64(5)};
}
}  // namespace

std::optional<Organisation> find_organisation(Tx& tx, std::int64_t org_id) {
  auto r = tx.query_one("SELECT id, name, slug FROM organisations WHERE id = ?", {org_id});
  if (!r) return std::nullopt;
  return organisation_from(*r);
}

Settings settings(Tx& tx, std::int64_t org_id) {
  Settings s;
  if (auto r = tx.query_one("SELECT knowledge_coach_authors, public_privacy_note FROM organisations WHERE id = ?",
                            {org_id})) {
    s.knowledge_coach_authors = r->boolean(0);
    s.public_privacy_note = r->str(1);
  }
  return s;
}

void update_settings(Tx& tx, std::int64_t org_id, const Settings& s) {
  tx.execute("UPDATE organisations SET knowledge_coach_authors = ?, public_privacy_note = ? WHERE id = ?",
             {s.knowledge_coach_authors, s.public_privacy_note, org_id});
}

std::optional<Logo> logo(Tx& tx, std::int64_t org_id) {
  auto r = tx.query_one("SELECT content_type, data, updated_at FROM organisation_logos WHERE org_id = ?", {org_id});
  if (!r) return std::nullopt;
  return Logo{r->str(0), r->str(1), r->i64(2)};
}

void put_logo(Tx& tx, std::int64_t org_id, const Logo& logo) {
  tx.execute("DELETE FROM organisation_logos WHERE org_id = ?", {org_id});
  tx.execute("INSERT INTO organisation_logos (org_id, content_type, data, updated_at) VALUES (?, ?, ?, ?)",
             {org_id, logo.content_type, store::Bytes{logo.data}, logo.updated_at});
}

void delete_logo(Tx& tx, std::int64_t org_id) {
  tx.execute("DELETE FROM organisation_logos WHERE org_id = ?", {org_id});
}

std::optional<Organisation> find_organisation_by_slug(Tx& tx, const std::string& slug) {
  auto r = tx.query_one("SELECT id, name, slug FROM organisations WHERE slug = ?", {slug});
  if (!r) return std::nullopt;
  return organisation_from(*r);
}

std::vector<Organisation> list_organisations(Tx& tx) {
  std::vector<Organisation> out;
  for (const auto& r : tx.query("SELECT id, name, slug FROM organisations ORDER BY id"))
    out.push_back(organisation_from(r));
  return out;
}

std::int64_t insert_organisation(Tx& tx, const std::string& name, const std::string& slug, Millis now) {
  return tx.insert("INSERT INTO organisations (name, slug, created_at) VALUES (?, ?, ?) RETURNING id",
                   {name, slug, now});
}

std::vector<District> list_districts(Tx& tx, std::int64_t org_id) {
  std::vector<District> out;
  for (const auto& r : tx.query("SELECT id, name FROM districts WHERE org_id = ? ORDER BY name", {org_id}))
    out.push_back({r.i64(0), r.str(1)});
  return out;
}

std::optional<District> find_district(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one("SELECT id, name FROM districts WHERE org_id = ? AND id = ?", {org_id, id});
  if (!r) return std::nullopt;
  return District{r->i64(0), r->str(1)};
}

std::int64_t insert_district(Tx& tx, std::int64_t org_id, const std::string& name) {
  return tx.insert("INSERT INTO districts (org_id, name) VALUES (?, ?) RETURNING id", {org_id, name});
}

std::vector<Team> list_teams(Tx& tx, std::int64_t org_id) {
  std::vector<Team> teams;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& r : tx.query(std::string(kTeamSelect) + "WHERE t.org_id = ? ORDER BY t.name", {org_id})) {
    index[r.i64(0)] = teams.size();
    teams.push_back(team_from(r));
  }
  for (const auto& r :
       tx.query("SELECT team_id, code FROM team_neighbourhoods WHERE org_id = ? ORDER BY team_id, code", {org_id})) {
    auto it = index.find(r.i64(0));
    if (it != index.end()) teams[it->second].neighbourhoods.push_back(r.str(1));
  }
  return teams;
}

std::optional<Team> find_team(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(std::string(kTeamSelect) + "WHERE t.org_id = ? AND t.id = ?", {org_id, id});
  if (!r) return std::nullopt;
  Team team = team_from(*r);
  for (const auto& c :
       tx.query("SELECT code FROM team_neighbourhoods WHERE org_id = ? AND team_id = ? ORDER BY code", {org_id, id}))
    team.neighbourhoods.push_back(c.str(0));
  return team;
}

std::optional<std::int64_t> find_team_id_by_name(Tx& tx, std::int64_t org_id, const std::string& name) {
  auto r = tx.query_one("SELECT id FROM teams WHERE org_id = ? AND name = ?", {org_id, name});
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::set<std::int64_t> existing_team_ids(Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids) {
  std::set<std::int64_t> found;
  for (auto id : ids)
    if (tx.query_one("SELECT 1 FROM teams WHERE org_id = ? AND id = ?", {org_id, id})) found.insert(id);
  return found;
}

std::int64_t insert_team(Tx& tx, std::int64_t org_id, const NewTeam& team, Millis now) {
  const auto id =
      tx.insert("INSERT INTO teams (org_id, district_id, name, active, created_at) VALUES (?, ?, ?, 1, ?) RETURNING id",
                {org_id, team.district_id, team.name, now});
  replace_neighbourhoods(tx, org_id, id, team.neighbourhoods);
  return id;
}

void update_team(Tx& tx, std::int64_t org_id, std::int64_t id, const std::string& name, std::int64_t district_id,
                 bool active) {
  tx.execute("UPDATE teams SET name = ?, district_id = ?, active = ? WHERE org_id = ? AND id = ?",
             {name, district_id, active, org_id, id});
}

void replace_neighbourhoods(Tx& tx, std::int64_t org_id, std::int64_t team_id, const std::vector<std::string>& codes) {
  tx.execute("DELETE FROM team_neighbourhoods WHERE org_id = ? AND team_id = ?", {org_id, team_id});
  for (const auto& code : codes)
    tx.execute("INSERT INTO team_neighbourhoods (org_id, team_id, code) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
               {org_id, team_id, code});
}

namespace {
// The roles and teams of the users: of all the organisation's users (`all`), or of these
// only, looked up by their ids.
void attach_roles_and_teams(Tx& tx, std::int64_t org_id, std::vector<User>& users, bool all) {
  if (users.empty()) return;
  std::map<std::int64_t, User*> by_id;
  std::vector<Param> params{org_id};
  for (auto& u : users) {
    by_id[u.id] = &u;
    if (!all) params.emplace_back(u.id);
  }
  const std::string in_page = all ? "" : " IN (" + store::placeholders(users.size()) + ")";
  for (const auto& r : tx.query("SELECT user_id, role FROM user_roles WHERE org_id = ?" +
                                    (all ? "" : " AND user_id" + in_page) + " ORDER BY user_id, role",
                                params))
    if (auto it = by_id.find(r.i64(0)); it != by_id.end()) it->second->roles.push_back(r.str(1));
  for (const auto& r :
       tx.query("SELECT m.user_id, t.id, t.name FROM team_members m JOIN teams t ON t.org_id = m.org_id "
                "AND t.id = m.team_id WHERE m.org_id = ?" +
                    (all ? "" : " AND m.user_id" + in_page) + " ORDER BY m.user_id, t.name",
                params))
    if (auto it = by_id.find(r.i64(0)); it != by_id.end()) it->second->teams.push_back({r.i64(1), r.str(2)});
}

// The page's conditions after `WHERE org_id = ?`.
std::string user_conditions(const UserQuery& q, std::vector<Param>& params) {
  std::string sql;
  if (q.q) {
    const auto like = store::like_containing(text::to_lower_ascii(*q.q));
    sql += " AND (LOWER(name) LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')";
    params.emplace_back(like);
    params.emplace_back(like);
  }
  if (q.within_teams) {
    sql += " AND (id = ?";
    params.emplace_back(q.self);
    if (!q.within_teams->empty()) {
      sql += " OR id IN (SELECT m.user_id FROM team_members m WHERE m.org_id = users.org_id AND m.team_id IN (" +
             store::placeholders(q.within_teams->size()) + "))";
      params.insert(params.end(), q.within_teams->begin(), q.within_teams->end());
    }
    sql += ")";
  }
  return sql + " ";
}
}  // namespace

std::vector<User> list_users(Tx& tx, std::int64_t org_id) {
  std::vector<User> users;
  for (const auto& r : tx.query(std::string(kUserSelect) + "WHERE org_id = ? ORDER BY name, id", {org_id}))
    users.push_back(user_from(r));
  attach_roles_and_teams(tx, org_id, users, true);
  return users;
}

std::vector<User> list_users(Tx& tx, std::int64_t org_id, const UserQuery& q) {
  std::vector<Param> params{org_id};
  const auto where = user_conditions(q, params);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  std::vector<User> users;
  for (const auto& r :
       tx.query(std::string(kUserSelect) + "WHERE org_id = ?" + where + "ORDER BY name, id LIMIT ? OFFSET ?", params))
    users.push_back(user_from(r));
  attach_roles_and_teams(tx, org_id, users, false);
  return users;
}

std::int64_t count_users(Tx& tx, std::int64_t org_id, const UserQuery& q) {
  std::vector<Param> params{org_id};
  const auto where = user_conditions(q, params);
  params.emplace_back(paging::kCountCap + 1);
  return tx.query("SELECT COUNT(*) FROM (SELECT 1 FROM users WHERE org_id = ?" + where + "LIMIT ?) x", params)
      .front()
      .i64(0);
}

std::optional<User> find_user(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(std::string(kUserSelect) + "WHERE org_id = ? AND id = ?", {org_id, id});
  if (!r) return std::nullopt;
  std::vector<User> one{user_from(*r)};
  attach_roles_and_teams(tx, org_id, one, false);
  return std::move(one.front());
}

bool email_taken(Tx& tx, const std::string& email, std::optional<std::int64_t> except_user) {
  return tx
      .query_one("SELECT 1 FROM users WHERE email = ? AND (CAST(? AS BIGINT) IS NULL OR id <> ?)",
                 {email, except_user, except_user})
      .has_value();
}

std::int64_t insert_user(Tx& tx, std::int64_t org_id, const std::string& email, const std::string& name,
                         const std::string& password_hash, Millis now) {
  return tx.insert(
      "INSERT INTO users (org_id, email, name, password_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?) "
      "RETURNING id",
      {org_id, email, name, password_hash, now});
}

void update_user(Tx& tx, std::int64_t org_id, std::int64_t id, const std::string& email, const std::string& name,
                 bool active) {
  tx.execute("UPDATE users SET email = ?, name = ?, active = ? WHERE org_id = ? AND id = ?",
             {email, name, active, org_id, id});
}

void update_password(Tx& tx, std::int64_t org_id, std::int64_t id, const std::string& password_hash) {
  tx.execute("UPDATE users SET password_hash = ? WHERE org_id = ? AND id = ?", {password_hash, org_id, id});
}

void replace_roles(Tx& tx, std::int64_t org_id, std::int64_t user_id, const std::vector<std::string>& roles) {
  tx.execute("DELETE FROM user_roles WHERE org_id = ? AND user_id = ?", {org_id, user_id});
  for (const auto& role : roles)
    tx.execute("INSERT INTO user_roles (org_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
               {org_id, user_id, role});
}

void replace_teams(Tx& tx, std::int64_t org_id, std::int64_t user_id, const std::vector<std::int64_t>& team_ids) {
  tx.execute("DELETE FROM team_members WHERE org_id = ? AND user_id = ?", {org_id, user_id});
  for (auto team_id : team_ids)
    tx.execute("INSERT INTO team_members (org_id, user_id, team_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
               {org_id, user_id, team_id});
}

std::int64_t count_active_admins(Tx& tx, std::int64_t org_id) {
  return tx
      .query_one(
          "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.org_id = u.org_id AND r.user_id = u.id "
          "WHERE u.org_id = ? AND u.active = 1 AND r.role = 'admin'",
          {org_id})
      ->i64(0);
}

std::optional<Credentials> find_credentials(Tx& tx, const std::string& email) {
  auto r = tx.query_one("SELECT id, org_id, password_hash, active FROM users WHERE email = ?", {email});
  if (!r) return std::nullopt;
  return Credentials{r->i64(0), r->i64(1), r->str(2), r->boolean(3)};
}

void set_last_login(Tx& tx, std::int64_t org_id, std::int64_t user_id, Millis at) {
  tx.execute("UPDATE users SET last_login_at = ? WHERE org_id = ? AND id = ?", {at, org_id, user_id});
}

std::optional<Identity> active_identity(Tx& tx, std::int64_t org_id, std::int64_t user_id) {
  std::optional<Identity> out;
  std::vector<std::string> roles;
  std::vector<std::int64_t> teams;
  tx.each(
      "SELECT 'u', email, name FROM users WHERE org_id = ? AND id = ? AND active = 1 "
      "UNION ALL SELECT 'r', role, NULL FROM user_roles WHERE org_id = ? AND user_id = ? "
      "UNION ALL SELECT 't', CAST(team_id AS TEXT), NULL FROM team_members WHERE org_id = ? AND user_id = ?",
      {org_id, user_id, org_id, user_id, org_id, user_id}, [&](store::Row& r) {
        const auto kind = r.str(0);
        if (kind == "u")
          out = Identity{r.str(1), r.str(2), {}, {}};
        else if (kind == "r")
          roles.push_back(r.str(1));
        else
          teams.push_back(std::stoll(r.str(1)));
      });
  if (!out) return out;
  std::sort(roles.begin(), roles.end());
  std::sort(teams.begin(), teams.end());
  out->roles = std::move(roles);
  out->team_ids = std::move(teams);
  return out;
}

Names names(Tx& tx, std::int64_t org_id) {
  Names out;
  tx.each("SELECT 't', id, name FROM teams WHERE org_id = ? UNION ALL SELECT 'u', id, name FROM users WHERE org_id = ?",
          {org_id, org_id},
          [&](store::Row& r) { (r.str(0) == "t" ? out.teams : out.users).emplace(r.i64(1), r.str(2)); });
  return out;
}

namespace {
const std::string kListValueColumnList = "id, code, label, position, active, label_en, audience, public_label";
const std::string kListValueColumns = "SELECT " + kListValueColumnList + " FROM value_lists ";
// The list value in the row's columns from `at` on (kListValueColumns' order).
ListValue list_value_from_at(const store::Row& r, std::size_t at) {
  return {r.i64(at),         r.str(at + 1), r.str(at + 2), r.i64(at + 3),
          r.boolean(at + 4), r.str(at + 5), r.str(at + 6), r.str(at + 7)};
}
ListValue list_value_from(const store::Row& r) {
  return list_value_from_at(r, 0);
}
}  // namespace

std::vector<ListValue> list_values(Tx& tx, std::int64_t org_id, std::string_view list) {
  return std::move(list_values(tx, org_id, std::vector{list})[std::string(list)]);
}

std::map<std::string, std::vector<ListValue>> list_values(Tx& tx, std::int64_t org_id,
                                                          const std::vector<std::string_view>& lists) {
  std::map<std::string, std::vector<ListValue>> out;
  if (lists.empty()) return out;
  std::vector<Param> params{org_id};
  for (const auto l : lists) params.emplace_back(std::string(l));
  tx.each("SELECT list, " + kListValueColumnList + " FROM value_lists WHERE org_id = ? AND list IN (" +
              store::placeholders(lists.size()) + ") ORDER BY list, position, id",
          params, [&](store::Row& r) { out[r.str(0)].push_back(list_value_from_at(r, 1)); });
  return out;
}

std::optional<ListValue> find_list_value(Tx& tx, std::int64_t org_id, std::string_view list, std::int64_t id) {
  auto r =
      tx.query_one(std::string(kListValueColumns) + "WHERE org_id = ? AND list = ? AND id = ?", {org_id, list, id});
  if (!r) return std::nullopt;
  return list_value_from(*r);
}

std::int64_t insert_list_value(Tx& tx, std::int64_t org_id, std::string_view list, const ListValue& v) {
  return tx.insert(
      "INSERT INTO value_lists (org_id, list, code, label, label_en, position, active, audience, public_label) "
      "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {org_id, list, v.code, v.label, v.label_en, v.position, v.audience, v.public_label});
}

void update_list_value(Tx& tx, std::int64_t org_id, std::int64_t id, const ListValue& v) {
  tx.execute(
      "UPDATE value_lists SET label = ?, label_en = ?, position = ?, active = ?, audience = ?, public_label = ? "
      "WHERE org_id = ? AND id = ?",
      {v.label, v.label_en, v.position, v.active, v.audience, v.public_label, org_id, id});
}

}  // namespace wk::organisation::repo
