// The organisation's users by id, loaded once per request: their names for answers, and
// whether one is active with a role that may do something (read stories, own an item).
#pragma once

#include <map>
#include <string>

#include "core/roles.hpp"
#include "modules/organisation/service.hpp"

namespace wk::organisation {

struct People {
  std::map<std::int64_t, User> users;

  static People load(store::Tx& tx, std::int64_t org_id) {
    People p;
    for (auto& u : Service::users(tx, org_id)) p.users.emplace(u.id, std::move(u));
    return p;
  }

  std::string name(std::int64_t id) const {
    auto it = users.find(id);
    return it == users.end() ? std::string() : it->second.name;
  }

  // Active, and `may` holds for the user's roles.
  bool active_with(std::int64_t id, bool (*may)(const Principal&)) const {
    auto it = users.find(id);
    if (it == users.end() || !it->second.active) return false;
    Principal p;
    p.user_id = id;
    p.roles = it->second.roles;
    return may(p);
  }
};

}  // namespace wk::organisation
