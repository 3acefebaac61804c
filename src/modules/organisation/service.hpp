// The organisation module's rules: who may see and change districts, teams and users,
// what a valid user or team is, and the audit entry that goes with every change.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/paging.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "modules/organisation/model.hpp"
#include "modules/organisation/value_lists.hpp"
#include "store/database.hpp"

namespace wk::organisation {

// Access rules (pure; SPEC §2). The funder sees report figures only, never records.
bool can_read_structure(const Principal& p);
bool can_list_all_users(const Principal& p);
bool can_view_user(const Principal& p, const User& target);
bool can_administer(const Principal& p);
// All users (admin, hr, director) or those of one's own teams (team manager).
bool may_list_users(const Principal& p);

class Service {
 public:
  explicit Service(store::Database& db) : db_(db) {}

  // The organisation's own choices; everyone signed in reads them, admins change them.
  Result<Settings> settings(const Principal& p);
  struct SettingsChange {
    std::optional<bool> knowledge_coach_authors;
    std::optional<std::string> public_privacy_note;
  };
  Result<Settings> update_settings(const Principal& p, const SettingsChange& change, Millis now);
  static Settings settings_in(store::Tx& tx, std::int64_t org_id);
  // The logo: a PNG, JPEG, GIF or WebP image of at most kMaxLogoBytes, set and removed by
  // an administrator, read by everyone (the public form shows it).
  static constexpr std::size_t kMaxLogoBytes = 256 * 1024;
  Result<Logo> set_logo(const Principal& p, std::string data, Millis now);
  Status remove_logo(const Principal& p, Millis now);
  Result<Logo> logo(const Principal& p);
  Result<Logo> public_logo(const std::string& org_slug);  // no account: the public form
  static std::optional<Logo> logo_in(store::Tx& tx, std::int64_t org_id);

  Result<std::vector<District>> list_districts(const Principal& p);
  Result<District> create_district(const Principal& p, const std::string& name, Millis now);

  Result<std::vector<Team>> list_teams(const Principal& p);
  Result<Team> create_team(const Principal& p, NewTeam team, Millis now);
  Result<Team> update_team(const Principal& p, std::int64_t id, const TeamChange& change, Millis now);

  struct UserPage {
    std::vector<User> items;
    paging::Count count;
  };
  // A page of the users the caller may see (admins and HR every user, a team manager her
  // teams' members and herself).
  Result<UserPage> list_users(const Principal& p, UserQuery q);
  Result<User> get_user(const Principal& p, std::int64_t id);
  // Active colleagues in the work (a role other than admin, hr or funder) by id and name
  // (no e-mail, no roles): to choose a facilitator, a participant or an owner. Every
  // role but the funder may ask.
  Result<std::vector<std::pair<std::int64_t, std::string>>> colleagues(const Principal& p);
  Result<User> create_user(const Principal& p, NewUser user, Millis now);
  Result<User> update_user(const Principal& p, std::int64_t id, UserChange change, Millis now);

  // Lists of values (SPEC §4.1).
  Result<std::vector<ListValue>> list_values(const Principal& p, std::string_view list);
  struct NewListValue {
    std::string label;
    std::optional<std::string> code;
    std::string label_en;
    std::optional<std::string> audience;  // audience::all when absent
    std::string public_label;
  };
  Result<ListValue> add_list_value(const Principal& p, std::string_view list, const NewListValue& value, Millis now);
  struct ListValueChange {
    std::optional<std::string> label;
    std::optional<bool> active;
    std::optional<std::int64_t> position;
    std::optional<std::string> label_en;
    std::optional<std::string> audience;
    std::optional<std::string> public_label;
  };
  Result<ListValue> update_list_value(const Principal& p, std::string_view list, std::int64_t id,
                                      const ListValueChange& change, Millis now);
  // The lists of values the modules declare (Module::value_lists), set once at start.
  void define_lists(std::vector<ListDefinition> lists) { lists_ = std::move(lists); }
  bool has_list(std::string_view list) const;
  const std::vector<ListDefinition>& lists() const { return lists_; }
  // Administrators edit every list; the roles a list names the list too (quality staff
  // the vertelpunt's signifier lists).
  bool may_edit_list(const Principal& p, std::string_view list) const;
  // Gives every organisation the default values of each declared list it has none of
  // yet (new lists arrive with new versions of the application).
  void seed_default_lists(Millis now);
  // For other modules, inside their transaction: all values (also retired ones).
  static std::vector<ListValue> values(store::Tx& tx, std::int64_t org_id, std::string_view list);
  // The same for several lists in one statement, by list.
  static std::map<std::string, std::vector<ListValue>> values(store::Tx& tx, std::int64_t org_id,
                                                              const std::vector<std::string_view>& lists);
  static std::optional<Team> team(store::Tx& tx, std::int64_t org_id, std::int64_t team_id);
  static std::vector<Team> teams(store::Tx& tx, std::int64_t org_id);
  // The teams of one team's id or of one district's (area) id, for figures per team or
  // area; nullopt when the id is not the organisation's team or district.
  static std::optional<std::vector<std::int64_t>> team_ids_of(store::Tx& tx, std::int64_t org_id, bool area,
                                                              std::int64_t id);
  static std::optional<User> user(store::Tx& tx, std::int64_t org_id, std::int64_t user_id);
  static std::vector<User> users(store::Tx& tx, std::int64_t org_id);
  // Only the names of the teams and users, in one statement (for a list's answers).
  static Names names(store::Tx& tx, std::int64_t org_id);
  static std::optional<Organisation> organisation_in(store::Tx& tx, std::int64_t org_id);
  static std::optional<Organisation> organisation_by_slug(store::Tx& tx, const std::string& slug);

  // For the command line and the demo data: the actor is the system.
  Result<Organisation> create_organisation(const std::string& name, const std::string& slug,
                                           const std::vector<std::string>& districts, Millis now);
  Result<Team> add_team_as_system(std::int64_t org_id, const std::string& name, const std::string& district,
                                  const std::vector<std::string>& neighbourhoods, Millis now);
  // team_names are resolved in the organisation; an unknown name is a validation error.
  Result<User> add_user_as_system(std::int64_t org_id, NewUser user, const std::vector<std::string>& team_names,
                                  Millis now);
  std::vector<Organisation> organisations();
  std::optional<Organisation> organisation(std::int64_t org_id);

  // For the auth module, inside its transaction.
  static std::optional<Credentials> credentials(store::Tx& tx, const std::string& email);
  // The principal of an active user; nullopt when the user is gone or deactivated.
  static std::optional<Principal> principal(store::Tx& tx, std::int64_t org_id, std::int64_t user_id);
  static void record_login(store::Tx& tx, std::int64_t org_id, std::int64_t user_id, Millis now);
  // The rules for a new password, its errors named `field`.
  static std::vector<FieldError> password_errors(const std::string& password, const std::string& field);
  // A user's own new password (hashed outside the transaction), with its audit entry.
  static void store_own_password(store::Tx& tx, std::int64_t org_id, std::int64_t user_id,
                                 const std::string& password_hash, Millis now);

  // Sessions end for good when a user gets a new password, is deactivated or loses a
  // role; an administrator who changes herself keeps the session she does it from. The
  // auth module owns sessions; the application wires it in here, and it runs inside the
  // transaction of the change.
  using SessionsEnder = std::function<void(store::Tx&, std::int64_t org_id, std::int64_t user_id,
                                           const std::optional<std::string>& keep_session_hash)>;
  void on_sessions_end(SessionsEnder end_sessions) { end_sessions_ = std::move(end_sessions); }

  // E-mail addresses are compared trimmed and lower-cased.
  static std::string normalise_email(std::string_view email);

 private:
  Result<User> insert_user(store::Tx& tx, std::int64_t org_id, std::optional<std::int64_t> actor, NewUser user,
                           Millis now);
  void seed_lists(store::Tx& tx, std::int64_t org_id) const;
  store::Database& db_;
  SessionsEnder end_sessions_;
  std::vector<ListDefinition> lists_;
};

}  // namespace wk::organisation
