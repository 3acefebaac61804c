// SQL for programmes and programme_groups. Every statement filters on org_id.
#pragma once

#include "modules/programmes/programmes.hpp"

namespace wk::programmes::repo {

using store::Tx;

// Programmes with their groups; team names are filled in by the service.
std::vector<Programme> list(Tx& tx, std::int64_t org_id);
std::optional<Programme> find(Tx& tx, std::int64_t org_id, std::int64_t id);
std::int64_t insert(Tx& tx, std::int64_t org_id, const NewProgramme& p, const std::string& slug, Millis now);
void update(Tx& tx, std::int64_t org_id, const Programme& p);
std::optional<Group> find_group(Tx& tx, std::int64_t org_id, std::int64_t programme_id, const std::string& name);
std::int64_t insert_group(Tx& tx, std::int64_t org_id, std::int64_t programme_id, const std::string& name);

}  // namespace wk::programmes::repo
