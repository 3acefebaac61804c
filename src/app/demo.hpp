// The demo organisation (`wijkkader serve --demo` on an empty database): modelled on
// SMD Enschede-Haaksbergen, with five districts, nine teams and a user for every role.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/organisation/service.hpp"

namespace wk::app {

struct DemoLogin {
  std::string email;
  std::string description;  // Dutch: the role this account shows
};

const std::vector<DemoLogin>& demo_logins();

// Creates the demo organisation unless an organisation with slug `smd` exists.
// Returns the (random) password of every demo account when it created them.
std::optional<std::string> create_demo_organisation(organisation::Service& organisations, Millis now);

}  // namespace wk::app
