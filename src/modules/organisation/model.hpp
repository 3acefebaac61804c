// Organisation → districts (stadsdelen) → teams (wijkteams, with the CBS codes of the
// neighbourhoods they serve) → users with roles and team memberships. SPEC §2, §4.1.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace wk::organisation {

struct Organisation {
  std::int64_t id;
  std::string name;
  std::string slug;
};

// What an organisation decides for itself (GET/PATCH /api/v1/organisation/settings).
struct Settings {
  bool knowledge_coach_authors = false;  // coaches write knowledge items (drafts) too
  // What the public story form tells residents about their privacy; empty: the
  // application's own text (stories::default_privacy_note).
  std::string public_privacy_note;
  bool operator==(const Settings&) const = default;
};

// The organisation's logo (the public story form shows it); an image checked by content.
struct Logo {
  std::string content_type;
  std::string data;
  Millis updated_at = 0;
};

struct District {  // stadsdeel
  std::int64_t id;
  std::string name;
};

struct TeamRef {
  std::int64_t id;
  std::string name;
};

struct Team {  // wijkteam
  std::int64_t id;
  std::string name;
  District district;
  std::vector<std::string> neighbourhoods;  // CBS codes WK…/BU…
  bool active;
  std::int64_t member_count;  // active users
};

struct User {
  std::int64_t id;
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  std::vector<TeamRef> teams;
  bool active;
  Millis created_at;
  std::optional<Millis> last_login_at;

  std::vector<std::int64_t> team_ids() const {
    std::vector<std::int64_t> ids;
    for (const auto& t : teams) ids.push_back(t.id);
    return ids;
  }
};

// A page of the user list (GET /api/v1/users): by name, then id; `q` a part of the name or
// e-mail address; `within_teams` (with `self`) for a team manager, who sees the members
// of her teams and herself.
// The names of an organisation's teams and users by id (retired and inactive ones too),
// for answers that name the people and teams their records refer to.
struct Names {
  std::map<std::int64_t, std::string> teams, users;
};

struct UserQuery {
  int limit = 500, offset = 0;
  std::optional<std::string> q;
  std::optional<std::vector<std::int64_t>> within_teams;
  std::int64_t self = 0;
};

struct NewTeam {
  std::string name;
  std::int64_t district_id;
  std::vector<std::string> neighbourhoods;
};

struct TeamChange {
  std::optional<std::string> name;
  std::optional<std::int64_t> district_id;
  std::optional<std::vector<std::string>> neighbourhoods;
  std::optional<bool> active;
};

struct NewUser {
  std::string email;
  std::string name;
  std::string password;  // plain; hashed by the service, never stored or logged
  std::vector<std::string> roles;
  std::vector<std::int64_t> team_ids;
};

struct UserChange {
  std::optional<std::string> email;
  std::optional<std::string> name;
  std::optional<std::string> password;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::vector<std::int64_t>> team_ids;
  std::optional<bool> active;
};

// What the log-in needs to know about an account.
struct Credentials {
  std::int64_t user_id;
  std::int64_t org_id;
  std::string password_hash;
  bool active;
};

}  // namespace wk::organisation
