// The append-only audit log (SPEC §3): who, when, what, before and after, for every
// change to any record. Other modules call record() inside the transaction of their
// change, so a change and its audit entry are committed together or not at all.
// The table refuses UPDATE and DELETE by trigger.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/roles.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace wk::audit {

struct Event {
  std::int64_t org_id;
  std::optional<std::int64_t> actor_user_id;  // nullopt: the system (CLI, demo data)
  std::string action;                         // create, update, delete, login, logout
  std::string entity;                         // user, team, district, session, …
  std::string entity_id;
  nlohmann::json before;  // null when created
  nlohmann::json after;   // null when deleted
};

void record(store::Tx& tx, const Event& event, Millis at);

struct Entry {
  std::int64_t id;
  Millis at;
  std::optional<std::int64_t> actor_id;
  std::optional<std::string> actor_name;
  std::string action, entity, entity_id;
  nlohmann::json before, after;
};

// The record's own name as the entry saw it (a title, a name, a case reference), so the
// log reads "Kennisbankitem ‘Oplossingsgericht werken’" instead of "knowledge_item #5";
// empty when the snapshots name nothing.
std::string label_of(const Entry& e);

// Newest first by the time of the change (ties: the later entry first). `before_id` is
// the last entry of the previous page: the page goes on after it in that order.
struct Query {
  std::int64_t org_id = 0;
  int limit = 50;
  std::optional<std::int64_t> before_id;
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::int64_t> actor_id;
  std::optional<Millis> from, until;  // [from, until)
};

std::vector<Entry> list(store::Tx& tx, const Query& query);

// Who reads the log: the functional administrator.
bool may_read_log(const Principal& p);
std::int64_t count(store::Tx& tx, std::int64_t org_id);

}  // namespace wk::audit
