// JSON shapes of the organisation module (docs/openapi.json), also used for audit snapshots.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/organisation/model.hpp"
#include "modules/organisation/value_lists.hpp"

namespace wk::organisation {

nlohmann::json to_json(const Organisation& o);
nlohmann::json to_json(const District& d);
nlohmann::json to_json(const Settings& s);
nlohmann::json to_json(const Team& t);
nlohmann::json to_json(const User& u);
nlohmann::json to_json(const ListValue& v);

// What the audit log keeps of a record: its fields, without derived counts or times.
nlohmann::json audit_snapshot(const Team& t);
nlohmann::json audit_snapshot(const User& u);

}  // namespace wk::organisation
