// The demo organisation (`wijkkader serve --demo` on an empty database): modelled on
// SMD Enschede-Haaksbergen, with five districts, nine teams and a user for every role.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "modules/organisation/service.hpp"

namespace wk::demo {

struct DemoLogin {
  std::string email;
  std::string description;  // Dutch: the role this account shows
};

const std::vector<DemoLogin>& demo_logins();

// A demo record that cannot be made is a bug: stop and say which one.
template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) throw std::runtime_error("demo data: " + what + ": " + r.error().detail);
  return std::move(*r);
}

// The demo user as the services see a signed-in user.
Principal demo_principal(const organisation::User& u, std::int64_t org_id);
// Every demo user of the organisation as a signed-in user, by e-mail address.
std::map<std::string, Principal> demo_principals(store::Database& db, std::int64_t org_id);

// A moment of a day in Dutch time: the demo's records carry the dates they would have had.
Millis demo_time(const std::string& date, int hour);

// Creates the demo organisation unless an organisation with slug `smd` exists.
// Returns the (random) password of every demo account when it created them.
std::optional<std::string> create_demo_organisation(organisation::Service& organisations, Millis now);

// The demo's content (`serve --demo-data`) is about the previous calendar year, the year
// whose report one writes now, and this year so far; each module adds its own
// (Module::add_demo_content, in the module's demo.cpp).

}  // namespace wk::demo
