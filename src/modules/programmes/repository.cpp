#include "modules/programmes/repository.hpp"

#include <map>

namespace wk::programmes::repo {

namespace {
constexpr const char* kSelect =
    "SELECT id, slug, name, description, start_date, team_id, active FROM programmes WHERE org_id = ? ";

Programme from_row(const store::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.opt_i64(5), std::nullopt, r.boolean(6), {}};
}

void attach_groups(Tx& tx, std::int64_t org_id, std::vector<Programme>& programmes) {
  std::map<std::int64_t, Programme*> by_id;
  for (auto& p : programmes) by_id[p.id] = &p;
  for (const auto& r :
       tx.query("SELECT programme_id, id, name FROM programme_groups WHERE org_id = ? ORDER BY programme_id, name",
                {org_id}))
    if (auto it = by_id.find(r.i64(0)); it != by_id.end()) it->second->groups.push_back({r.i64(1), r.str(2)});
}
}  // namespace

std::vector<Programme> list(Tx& tx, std::int64_t org_id) {
  std::vector<Programme> out;
  for (const auto& r : tx.query(std::string(kSelect) + "ORDER BY name", {org_id})) out.push_back(from_row(r));
  attach_groups(tx, org_id, out);
  return out;
}

std::optional<Programme> find(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(std::string(kSelect) + "AND id = ?", {org_id, id});
  if (!r) return std::nullopt;
  std::vector<Programme> one{from_row(*r)};
  for (const auto& g : tx.query(
           "SELECT id, name FROM programme_groups WHERE org_id = ? AND programme_id = ? ORDER BY name", {org_id, id}))
    one.front().groups.push_back({g.i64(0), g.str(1)});
  return std::move(one.front());
}

std::int64_t insert(Tx& tx, std::int64_t org_id, const NewProgramme& p, const std::string& slug, Millis now) {
  return tx.insert(
      "INSERT INTO programmes (org_id, slug, name, description, start_date, team_id, active, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
      {org_id, slug, p.name, p.description, p.start_date, p.team_id, now});
}

void update(Tx& tx, std::int64_t org_id, const Programme& p) {
  tx.execute(
      "UPDATE programmes SET name = ?, description = ?, start_date = ?, team_id = ?, active = ? "
      "WHERE org_id = ? AND id = ?",
      {p.name, p.description, p.start_date, p.team_id, p.active, org_id, p.id});
}

std::optional<Group> find_group(Tx& tx, std::int64_t org_id, std::int64_t programme_id, const std::string& name) {
  auto r = tx.query_one("SELECT id, name FROM programme_groups WHERE org_id = ? AND programme_id = ? AND name = ?",
                        {org_id, programme_id, name});
  if (!r) return std::nullopt;
  return Group{r->i64(0), r->str(1)};
}

std::int64_t insert_group(Tx& tx, std::int64_t org_id, std::int64_t programme_id, const std::string& name) {
  // Two requests may create the same new group at once: the second one finds it.
  auto rows = tx.query(
      "INSERT INTO programme_groups (org_id, programme_id, name) VALUES (?, ?, ?) "
      "ON CONFLICT (programme_id, name) DO NOTHING RETURNING id",
      {org_id, programme_id, name});
  if (!rows.empty()) return rows.front().i64(0);
  return find_group(tx, org_id, programme_id, name)->id;
}

}  // namespace wk::programmes::repo
