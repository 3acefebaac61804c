#include "store/open.hpp"

#include "store/migrations.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace wk::store {

bool is_postgres_url(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::unique_ptr<Database> open_database(const std::string& url, const OpenOptions& options) {
  std::unique_ptr<Database> db;
  if (is_postgres_url(url)) {
    db = std::make_unique<PostgresDatabase>(url, options.pool_size);
  } else {
    const std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
    db = std::make_unique<SqliteDatabase>(path, options.pool_size);
  }
  migrate(*db, embedded_migrations(db->dialect()));
  return db;
}

}  // namespace wk::store
