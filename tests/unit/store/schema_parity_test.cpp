// The two migration sets (migrations/sqlite, migrations/postgres) are kept by hand; this
// test migrates a fresh SQLite database and the PostgreSQL test database and compares
// their catalogs: the same tables, the same columns with the same nullability, the same
// unique keys and the same indexes by name with the same key columns. The differences
// that are meant are listed below, each with its reason; anything else fails. Needs a
// PostgreSQL server (WIJKKADER_TEST_PG_URL; scripts/with-postgres.sh).
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "store/open.hpp"

namespace wk::store {
namespace {

namespace fs = std::filesystem;

// Tables one store has and the other does not.
const std::set<std::string> kOnlySqlite = {
    // The kennisbank's FTS5 index and its shadow tables (decision 0006); on PostgreSQL
    // each server keeps a SQLite copy of it (decision 0011).
    "knowledge_fts",      "knowledge_fts_config",  "knowledge_fts_content",
    "knowledge_fts_data", "knowledge_fts_docsize", "knowledge_fts_idx"};
const std::set<std::string> kOnlyPostgres = {
    // The changes each server's copy of the search index catches up from (decision 0011).
    "knowledge_search_changes"};
// Indexes tuned to one store's planner. PostgreSQL reads a list page's ids first from an
// index that holds the order, the id and the filtered columns (src/core/paging.hpp;
// migrations 0022 and 0023 on PostgreSQL); in SQLite every index ends in the rowid
// already, the case list is read by its (org_id, reference) key, and the history's index
// serves its own statements. Compared by name only, or only on PostgreSQL.
const std::set<std::string> kTunedIndexes = {"case_status_history_case", "knowledge_items_updated",
                                             "sensemaking_sessions_date"};
const std::set<std::string> kOnlyPostgresIndexes = {"cases_list"};

// Test tables other tests make and drop in the PostgreSQL test database.
bool ignored(const std::string& table) {
  return table.starts_with("store_test_");
}

struct Schema {
  std::map<std::string, std::map<std::string, bool>> columns;  // table → column → NOT NULL
  std::map<std::string, std::set<std::string>> unique_keys;    // table → "a,b" (the primary key too)
  std::map<std::string, std::string> indexes;                  // name → "table(a,b)"
};

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

Schema sqlite_schema(Database& db) {
  Schema s;
  db.with_read([&](Tx& tx) {
    for (const auto& t : tx.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
      const auto table = t.str(0);
      if (kOnlySqlite.contains(table) || ignored(table)) continue;
      std::map<int, std::string> primary_key;
      // (the PRAGMAs take names, not bound values; these come from the catalog itself)
      for (const auto& c : tx.query("SELECT name, \"notnull\", pk FROM pragma_table_info(?)", {table})) {
        // An INTEGER PRIMARY KEY is the rowid: never null, though not declared NOT NULL.
        s.columns[table][c.str(0)] = c.i64(1) != 0 || c.i64(2) > 0;
        if (c.i64(2) > 0) primary_key[static_cast<int>(c.i64(2))] = c.str(0);
      }
      std::vector<std::string> key;
      for (const auto& [_, name] : primary_key) key.push_back(name);
      if (!key.empty()) s.unique_keys[table].insert(joined(key));
      for (const auto& i : tx.query("SELECT name, \"unique\", origin FROM pragma_index_list(?)", {table})) {
        std::vector<std::string> cols;
        for (const auto& c : tx.query("SELECT name FROM pragma_index_info(?) ORDER BY seqno", {i.str(0)}))
          cols.push_back(c.str(0));
        if (i.i64(1) != 0) s.unique_keys[table].insert(joined(cols));
        if (i.str(2) == "c") s.indexes[i.str(0)] = table + "(" + joined(cols) + ")";
      }
    }
  });
  return s;
}

Schema postgres_schema(Database& db) {
  Schema s;
  db.with_read([&](Tx& tx) {
    for (const auto& c :
         tx.query("SELECT c.table_name, c.column_name, c.is_nullable FROM information_schema.columns c "
                  "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                  "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'")) {
      const auto table = c.str(0);
      if (kOnlyPostgres.contains(table) || ignored(table)) continue;
      s.columns[table][c.str(1)] = c.str(2) == "NO";
    }
    // Each index with its key columns in order (not its INCLUDE columns), and whether it
    // is unique and whether a constraint (primary key, UNIQUE) made it.
    for (const auto& i :
         tx.query("SELECT t.relname, x.relname, i.indisunique, "
                  "  EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid), "
                  "  (SELECT string_agg(a.attname, ',' ORDER BY k.n) "
                  "     FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY k(att, n) "
                  "     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.att) "
                  "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid "
                  "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema()")) {
      const auto table = i.str(0);
      if (kOnlyPostgres.contains(table) || ignored(table)) continue;
      if (i.boolean(2)) s.unique_keys[table].insert(i.str(4));
      if (!i.boolean(3)) s.indexes[i.str(1)] = table + "(" + i.str(4) + ")";
    }
  });
  return s;
}

std::string text(bool not_null) {
  return not_null ? "NOT NULL" : "NULL";
}
std::string text(const std::string& s) {
  return s;
}

// What differs between two maps, one line each; empty when they are equal.
template <class Map>
std::string differences(const Map& sqlite, const Map& postgres) {
  std::ostringstream out;
  for (const auto& [k, v] : sqlite) {
    const auto it = postgres.find(k);
    if (it == postgres.end())
      out << "  only in SQLite: " << k << "\n";
    else if (it->second != v)
      out << "  " << k << ": SQLite " << text(v) << ", PostgreSQL " << text(it->second) << "\n";
  }
  for (const auto& [k, v] : postgres)
    if (!sqlite.contains(k)) out << "  only in PostgreSQL: " << k << "\n";
  return out.str();
}

std::map<std::string, std::string> as_map(const std::set<std::string>& keys) {
  std::map<std::string, std::string> out;
  for (const auto& k : keys) out[k] = "";
  return out;
}

TEST(SchemaParityWithPostgres, BothMigrationSetsDescribeTheSameSchema) {
  const char* url = std::getenv("WIJKKADER_TEST_PG_URL");
  if (!url) GTEST_SKIP() << "WIJKKADER_TEST_PG_URL not set (run through scripts/with-postgres.sh)";
  const auto dir = fs::temp_directory_path() / ("wk-parity-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Schema lite, pg;
  {
    auto sqlite = open_database((dir / "parity.db").string());
    lite = sqlite_schema(*sqlite);
  }
  fs::remove_all(dir);
  {
    auto postgres = open_database(url);
    pg = postgres_schema(*postgres);
  }
  ASSERT_GT(lite.columns.size(), 30u) << "the SQLite catalog was not read";

  std::map<std::string, std::string> lite_tables, pg_tables;
  for (const auto& [table, _] : lite.columns) lite_tables[table] = "";
  for (const auto& [table, _] : pg.columns) pg_tables[table] = "";
  EXPECT_EQ(differences(lite_tables, pg_tables), "") << "tables";
  for (const auto& [table, columns] : lite.columns) {
    if (!pg.columns.contains(table)) continue;
    EXPECT_EQ(differences(columns, pg.columns[table]), "") << "columns of " << table;
    EXPECT_EQ(differences(as_map(lite.unique_keys[table]), as_map(pg.unique_keys[table])), "")
        << "unique keys of " << table;
  }
  for (const auto& name : kTunedIndexes) {
    EXPECT_TRUE(lite.indexes.erase(name)) << name << " is no longer in SQLite's migrations";
    EXPECT_TRUE(pg.indexes.erase(name)) << name << " is no longer in PostgreSQL's migrations";
  }
  for (const auto& name : kOnlyPostgresIndexes)
    EXPECT_TRUE(pg.indexes.erase(name)) << name << " is no longer in PostgreSQL's migrations";
  EXPECT_EQ(differences(lite.indexes, pg.indexes), "") << "indexes (name: table(key columns))";
}

}  // namespace
}  // namespace wk::store
