// Versioned schema migrations, embedded in the binary, applied in order at start-up
// (and by `wijkkader migrate`) and recorded in the table schema_migrations.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace wk::store {

struct Migration {
  int version;
  std::string name;  // file name without the extension
  std::string sql;
};

// The dialect's migrations, sorted by version. Throws if two share a version.
std::vector<Migration> embedded_migrations(Dialect dialect);

// Applies what is missing; returns the names of the migrations it applied.
std::vector<std::string> migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace wk::store
