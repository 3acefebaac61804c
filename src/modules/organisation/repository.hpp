// SQL for the organisation module's tables. Every function takes the organisation id
// and every statement filters on it (except the look-ups by e-mail and slug, which
// happen before an organisation is known).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "modules/organisation/model.hpp"
#include "modules/organisation/value_lists.hpp"
#include "store/database.hpp"

namespace wk::organisation::repo {

using store::Tx;

std::optional<Organisation> find_organisation(Tx& tx, std::int64_t org_id);
std::optional<Organisation> find_organisation_by_slug(Tx& tx, const std::string& slug);
std::vector<Organisation> list_organisations(Tx& tx);
Settings settings(Tx& tx, std::int64_t org_id);
void update_settings(Tx& tx, std::int64_t org_id, const Settings& s);
std::int64_t insert_organisation(Tx& tx, const std::string& name, const std::string& slug, Millis now);

std::vector<District> list_districts(Tx& tx, std::int64_t org_id);
std::optional<District> find_district(Tx& tx, std::int64_t org_id, std::int64_t id);
std::int64_t insert_district(Tx& tx, std::int64_t org_id, const std::string& name);

std::vector<Team> list_teams(Tx& tx, std::int64_t org_id);
std::optional<Team> find_team(Tx& tx, std::int64_t org_id, std::int64_t id);
std::optional<std::int64_t> find_team_id_by_name(Tx& tx, std::int64_t org_id, const std::string& name);
std::set<std::int64_t> existing_team_ids(Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids);
std::int64_t insert_team(Tx& tx, std::int64_t org_id, const NewTeam& team, Millis now);
void update_team(Tx& tx, std::int64_t org_id, std::int64_t id, const std::string& name, std::int64_t district_id,
                 bool active);
void replace_neighbourhoods(Tx& tx, std::int64_t org_id, std::int64_t team_id, const std::vector<std::string>& codes);

std::vector<User> list_users(Tx& tx, std::int64_t org_id);
// A page of users, their roles and teams read for the page alone; the count stops at
// paging::kCountCap + 1 (core/paging.hpp).
std::vector<User> list_users(Tx& tx, std::int64_t org_id, const UserQuery& q);
std::int64_t count_users(Tx& tx, std::int64_t org_id, const UserQuery& q);
std::optional<User> find_user(Tx& tx, std::int64_t org_id, std::int64_t id);
bool email_taken(Tx& tx, const std::string& email, std::optional<std::int64_t> except_user);
std::int64_t insert_user(Tx& tx, std::int64_t org_id, const std::string& email, const std::string& name,
                         const std::string& password_hash, Millis now);
void update_user(Tx& tx, std::int64_t org_id, std::int64_t id, const std::string& email, const std::string& name,
                 bool active);
void update_password(Tx& tx, std::int64_t org_id, std::int64_t id, const std::string& password_hash);
void replace_roles(Tx& tx, std::int64_t org_id, std::int64_t user_id, const std::vector<std::string>& roles);
void replace_teams(Tx& tx, std::int64_t org_id, std::int64_t user_id, const std::vector<std::int64_t>& team_ids);
std::int64_t count_active_admins(Tx& tx, std::int64_t org_id);

std::optional<Credentials> find_credentials(Tx& tx, const std::string& email);
void set_last_login(Tx& tx, std::int64_t org_id, std::int64_t user_id, Millis at);
// An active user's e-mail and name, roles (sorted) and team ids (ascending), for the
// request's Principal, in one statement (every request reads it: on PostgreSQL each
// statement is a round trip).
struct Identity {
  std::string email, name;
  std::vector<std::string> roles;
  std::vector<std::int64_t> team_ids;
};
std::optional<Identity> active_identity(Tx& tx, std::int64_t org_id, std::int64_t user_id);
// The names of the organisation's teams and users, in one statement.
Names names(Tx& tx, std::int64_t org_id);

std::optional<Logo> logo(Tx& tx, std::int64_t org_id);
void put_logo(Tx& tx, std::int64_t org_id, const Logo& logo);
void delete_logo(Tx& tx, std::int64_t org_id);

std::vector<ListValue> list_values(Tx& tx, std::int64_t org_id, std::string_view list);
// The values of several lists in one statement, each list's in its order.
std::map<std::string, std::vector<ListValue>> list_values(Tx& tx, std::int64_t org_id,
                                                          const std::vector<std::string_view>& lists);
std::optional<ListValue> find_list_value(Tx& tx, std::int64_t org_id, std::string_view list, std::int64_t id);
std::int64_t insert_list_value(Tx& tx, std::int64_t org_id, std::string_view list, const ListValue& v);
void update_list_value(Tx& tx, std::int64_t org_id, std::int64_t id, const ListValue& v);

}  // namespace wk::organisation::repo
