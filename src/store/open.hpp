#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace wk::store {

struct OpenOptions {
  int pool_size = 8;  // reader connections (SQLite) or connections (PostgreSQL)
};

// `postgresql://…` or `postgres://…` opens PostgreSQL; anything else is a SQLite file
// path (an optional `sqlite:` prefix is stripped). Applies pending migrations.
std::unique_ptr<Database> open_database(const std::string& url, const OpenOptions& options = {});

// True when url names a PostgreSQL server.
bool is_postgres_url(const std::string& url);

}  // namespace wk::store
