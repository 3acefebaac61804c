// Programmes (projects with their own funding: Doorstroomwoningen, WoonStAP,
// Buurtbemiddeling, Meldpunt, KIES, …) and their groups (e.g. one per transit home).
// SPEC §4.1. A programme is city-wide or belongs to one team; its slug is what the
// role `coordinator:<slug>` refers to, so it never changes. Groups are created on first
// use by the modules that file records under them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace wk::programmes {

struct Group {
  std::int64_t id;
  std::string name;
};

struct Programme {
  std::int64_t id;
  std::string slug;
  std::string name;
  std::string description;
  std::string start_date;               // YYYY-MM-DD
  std::optional<std::int64_t> team_id;  // nullopt: city-wide
  std::optional<std::string> team_name;
  bool active;
  std::vector<Group> groups;
};

struct NewProgramme {
  std::string name;
  std::optional<std::string> slug;
  std::string description;
  std::string start_date;
  std::optional<std::int64_t> team_id;
};

struct ProgrammeChange {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> start_date;
  bool set_team = false;  // team_id present in the request (null → city-wide)
  std::optional<std::int64_t> team_id;
  std::optional<bool> active;
};

// True when p holds `coordinator:<slug>`.
bool coordinates(const Principal& p, const std::string& slug);

class Service {
 public:
  explicit Service(store::Database& db) : db_(db) {}

  Result<std::vector<Programme>> list(const Principal& p);
  Result<Programme> create(const Principal& p, NewProgramme programme, Millis now);
  Result<Programme> update(const Principal& p, std::int64_t id, const ProgrammeChange& change, Millis now);

  // For other modules, inside their transaction.
  static std::optional<Programme> find(store::Tx& tx, std::int64_t org_id, std::int64_t id);
  // By name (case-insensitive) or slug: what people type in an import file.
  static std::optional<Programme> find_by_name_or_slug(store::Tx& tx, std::int64_t org_id, const std::string& key);
  static std::vector<Programme> all(store::Tx& tx, std::int64_t org_id);
  // The group's id, creating (and auditing) the group when the programme has none of
  // that name yet. Sets `created` when it did.
  static std::int64_t ensure_group(store::Tx& tx, std::int64_t org_id, std::int64_t programme_id,
                                   const std::string& name, std::optional<std::int64_t> actor, Millis now,
                                   bool* created = nullptr);

 private:
  store::Database& db_;
};

}  // namespace wk::programmes
