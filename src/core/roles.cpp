#include "core/roles.hpp"

#include "core/text.hpp"

namespace wk {

bool is_valid_role(std::string_view r) {
  if (r.starts_with(role::coordinator_prefix)) return text::is_slug(r.substr(role::coordinator_prefix.size()));
  for (auto known :
       {role::coach, role::team_manager, role::quality, role::hr, role::director, role::funder, role::admin})
    if (r == known) return true;
  return false;
}

}  // namespace wk
