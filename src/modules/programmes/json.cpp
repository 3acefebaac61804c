#include "modules/programmes/json.hpp"

namespace wk::programmes {

nlohmann::json to_json(const Programme& p) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : p.groups) groups.push_back({{"id", g.id}, {"name", g.name}});
  nlohmann::json team = nullptr;
  if (p.team_id) team = {{"id", *p.team_id}, {"name", p.team_name.value_or("")}};
  return {{"id", p.id},
          {"slug", p.slug},
          {"name", p.name},
          {"description", p.description},
          {"start_date", p.start_date},
          {"city_wide", !p.team_id.has_value()},
          {"team", team},
          {"active", p.active},
          {"groups", groups}};
}

}  // namespace wk::programmes
