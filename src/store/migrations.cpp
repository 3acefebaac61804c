#include "store/migrations.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/time.hpp"
#include "store/embedded.hpp"

namespace wk::store {

std::vector<Migration> embedded_migrations(Dialect dialect) {
  const std::string prefix = dialect == Dialect::sqlite ? "migrations/sqlite/" : "migrations/postgres/";
  std::vector<Migration> out;
  for (const auto& f : embedded::files()) {
    if (!f.path.starts_with(prefix) || !f.path.ends_with(".sql")) continue;
    std::string name = f.path.substr(prefix.size());
    name.resize(name.size() - 4);
    const auto underscore = name.find('_');
    if (underscore == std::string::npos) throw std::runtime_error("migration without NNNN_ prefix: " + f.path);
    out.push_back({std::stoi(name.substr(0, underscore)), name, f.content});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i].version == out[i - 1].version)
      throw std::runtime_error("two migrations with version " + std::to_string(out[i].version));
  return out;
}

std::vector<std::string> migrate(Database& db, const std::vector<Migration>& migrations) {
  std::vector<std::string> applied;
  db.with_write([&](Tx& tx) {
    if (tx.dialect() == Dialect::postgres) {
      // Several servers may start at once against one PostgreSQL: one migrates, the
      // others wait here and then find nothing left to do.
      tx.query("SELECT pg_advisory_xact_lock(727274)");
    }
    tx.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    std::set<int> done;
    for (const auto& row : tx.query("SELECT version FROM schema_migrations")) done.insert(static_cast<int>(row.i64(0)));
    for (const auto& m : migrations) {
      if (done.count(m.version)) continue;
      tx.execute_script(m.sql);
      tx.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                 {m.version, m.name, now_millis()});
      applied.push_back(m.name);
    }
    return true;
  });
  return applied;
}

}  // namespace wk::store
