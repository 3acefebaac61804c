// The roles of SPEC section 2 and the caller's identity as the server knows it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wk {

namespace role {
inline constexpr std::string_view coach = "coach";
inline constexpr std::string_view team_manager = "team_manager";
inline constexpr std::string_view quality = "quality";
inline constexpr std::string_view coordinator_prefix = "coordinator:";
inline constexpr std::string_view hr = "hr";
inline constexpr std::string_view director = "director";
inline constexpr std::string_view funder = "funder";
inline constexpr std::string_view admin = "admin";
}  // namespace role

// A role in the work itself (coach, team manager, quality, coordinator, director): not
// administering the system, HR, or funding. Those read stories and run sessions.
inline bool is_in_the_work(std::string_view r) {
  return r != role::funder && r != role::hr && r != role::admin;
}

// `coordinator:<programme slug>` or one of the fixed roles.
bool is_valid_role(std::string_view role);

// The logged-in user of a request, loaded from the session on every request.
struct Principal {
  std::int64_t user_id = 0;
  std::int64_t org_id = 0;
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  std::vector<std::int64_t> team_ids;
  std::string csrf_token;
  std::string session_hash;  // the session this request came with (what the sessions table keys on)

  bool has_role(std::string_view r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }
  bool has_any_role(std::initializer_list<std::string_view> rs) const {
    return std::any_of(rs.begin(), rs.end(), [&](std::string_view r) { return has_role(r); });
  }
  bool in_team(std::int64_t team_id) const {
    return std::find(team_ids.begin(), team_ids.end(), team_id) != team_ids.end();
  }
  bool shares_team_with(const std::vector<std::int64_t>& other) const {
    return std::any_of(other.begin(), other.end(), [&](std::int64_t t) { return in_team(t); });
  }
};

}  // namespace wk
