// The store contract, run against SQLite always and against PostgreSQL when the test
// script provides a server (WIJKKADER_TEST_PG_URL; scripts/with-postgres.sh).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include "store/id_set.hpp"
#include "store/migrations.hpp"
#include "store/open.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace wk::store {
namespace {

namespace fs = std::filesystem;

std::string temp_dir() {
  auto dir = fs::temp_directory_path() / ("wk-store-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  fs::create_directories(dir);
  return dir.string();
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      const char* url = std::getenv("WIJKKADER_TEST_PG_URL");
      if (!url) GTEST_SKIP() << "WIJKKADER_TEST_PG_URL not set (run through scripts/with-postgres.sh)";
      db = open_database(url);
      // A clean slate for each test: the tables of this test only.
      db->with_write([](Tx& tx) {
        tx.execute_script("DROP TABLE IF EXISTS store_test_items");
        return true;
      });
    } else {
      dir = temp_dir();
      db = open_database(dir + "/test.db");
    }
    db->with_write([](Tx& tx) {
      tx.execute_script("CREATE TABLE store_test_items (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
      return true;
    });
  }
  void TearDown() override {
    if (db) {
      if (GetParam() == "postgres")
        db->with_write([](Tx& tx) {
          tx.execute_script("DROP TABLE IF EXISTS store_test_items");
          return true;
        });
      db->close();
    }
    if (!dir.empty()) fs::remove_all(dir);
  }
  std::int64_t count() {
    return db->read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM store_test_items")->i64(0); });
  }
  std::string dir;
  std::unique_ptr<Database> db;
};

TEST_P(StoreTest, MigrationsAreRecordedAndIdempotent) {
  const auto migrations = embedded_migrations(db->dialect());
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().version, 1);
  EXPECT_TRUE(migrate(*db, migrations).empty());  // open_database already applied them
  const auto recorded = db->read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM schema_migrations")->i64(0); });
  EXPECT_EQ(recorded, static_cast<std::int64_t>(migrations.size()));
}

TEST_P(StoreTest, WriteThenReadWithTypedCells) {
  db->with_write([](Tx& tx) {
    tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {1, "Wijkteam Oost"});
    tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {2, std::string("it's; DROP TABLE x;--")});
    return true;
  });
  auto rows = db->read([](Tx& tx) { return tx.query("SELECT id, name FROM store_test_items ORDER BY id"); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].i64(0), 1);
  EXPECT_EQ(rows[0].str(1), "Wijkteam Oost");
  EXPECT_EQ(rows[1].str(1), "it's; DROP TABLE x;--");  // bound, not spliced
}

// Tx::each hands the rows one at a time in one Row, refilled: a shorter text after a longer
// one, a NULL after a text, and values the callback moved out must all read back right;
// an exception from the callback leaves the connection usable.
TEST_P(StoreTest, EachRefillsOneRowFromRowToRow) {
  db->with_write([](Tx& tx) {
    tx.execute_script("DROP TABLE IF EXISTS store_test_cells");
    tx.execute_script("CREATE TABLE store_test_cells (id BIGINT PRIMARY KEY, label TEXT, amount BIGINT)");
    tx.execute("INSERT INTO store_test_cells VALUES (?, ?, ?)", {1, "Buurtbemiddeling Noord", 120});
    tx.execute("INSERT INTO store_test_cells VALUES (?, ?, ?)", {2, "Oost", nullptr});
    tx.execute("INSERT INTO store_test_cells VALUES (?, ?, ?)", {3, nullptr, 7});
    tx.execute("INSERT INTO store_test_cells VALUES (?, ?, ?)", {4, "", 0});
    return true;
  });
  const std::string sql = "SELECT id, label, amount FROM store_test_cells ORDER BY id";
  std::vector<std::string> seen;
  std::vector<std::string> moved;
  db->with_read([&](Tx& tx) {
    tx.each(sql, {}, [&](Row& r) {
      seen.push_back(std::to_string(r.i64(0)) + "|" + (r.is_null(1) ? "NULL" : r.str(1)) + "|" +
                     (r.is_null(2) ? "NULL" : std::to_string(r.i64(2))));
      if (!r.is_null(1)) moved.push_back(std::move(std::get<std::string>(r.cells()[1])));
    });
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"1|Buurtbemiddeling Noord|120", "2|Oost|NULL", "3|NULL|7", "4||0"}));
  EXPECT_EQ(moved, (std::vector<std::string>{"Buurtbemiddeling Noord", "Oost", ""}));
  const auto rows = db->read([&](Tx& tx) { return tx.query(sql); });
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].str(1), "Buurtbemiddeling Noord") << "query keeps each row, not the last one four times";
  EXPECT_EQ(rows[1].str(1), "Oost");
  EXPECT_TRUE(rows[2].is_null(1));
  EXPECT_EQ(rows[3].i64(2), 0);
  int calls = 0;
  db->with_read([&](Tx& tx) {
    EXPECT_THROW(tx.each(sql, {},
                         [&](Row&) {
                           if (++calls == 2) throw std::runtime_error("stop");
                         }),
                 std::runtime_error);
    EXPECT_EQ(tx.query(sql).size(), 4u) << "the statement was reset";
  });
  EXPECT_EQ(calls, 2);
  db->with_write([](Tx& tx) {
    tx.execute_script("DROP TABLE store_test_cells");
    return true;
  });
}

TEST_P(StoreTest, ErrorResultRollsBack) {
  auto r = db->write([](Tx& tx) -> Result<int> {
    tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {1, "a"});
    return Error::conflict(Nl{"nee"}, En{"no"});
  });
  EXPECT_FALSE(r);
  EXPECT_EQ(count(), 0);
}

TEST_P(StoreTest, ExceptionRollsBackAndUniqueIsRecognised) {
  db->with_write([](Tx& tx) {
    tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {1, "a"});
    return true;
  });
  try {
    db->with_write([](Tx& tx) {
      tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {2, "b"});
      tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {3, "a"});
      return true;
    });
    FAIL() << "expected a unique violation";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::unique);
  }
  EXPECT_EQ(count(), 1);
}

TEST_P(StoreTest, ConcurrentWritersAllCommitAndFailuresStayIsolated) {
  constexpr int threads = 8, per_thread = 25;
  std::atomic<int> failures{0};
  db->with_write([](Tx& tx) {
    tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {999999, "taken"});
    return true;
  });
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        const int id = t * 1000 + i;
        try {
          db->with_write([&](Tx& tx) {
            tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {id, "n" + std::to_string(id)});
            // Every fifth job fails after writing: its row must not survive, the
            // others in the same batch must.
            if (i % 5 == 4) tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {id + 500, "taken"});
            return true;
          });
        } catch (const DbError&) {
          ++failures;
        }
      }
    });
  for (auto& t : pool) t.join();
  EXPECT_EQ(failures.load(), threads * per_thread / 5);
  EXPECT_EQ(count(), threads * per_thread * 4 / 5 + 1);
}

// A read transaction is one snapshot from its first statement on, though on PostgreSQL its
// BEGIN is sent together with that statement (and its COMMIT without waiting): a row
// committed between two statements of a read is not seen by the second.
TEST_P(StoreTest, AReadIsOneSnapshotFromItsFirstStatement) {
  db->with_write([](Tx& tx) {
    tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {1, "a"});
    return true;
  });
  for (int round = 0; round < 3; ++round) {  // on a fresh connection and on used ones
    std::int64_t first = 0, second = 0;
    db->with_read([&](Tx& tx) {
      first = tx.query_one("SELECT COUNT(*) FROM store_test_items")->i64(0);
      std::thread([&] {
        db->with_write([&](Tx& w) {
          w.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {10 + round, "r" + std::to_string(round)});
          return true;
        });
      }).join();
      second = tx.query_one("SELECT COUNT(*) FROM store_test_items")->i64(0);
    });
    EXPECT_EQ(first, round + 1);
    EXPECT_EQ(second, first) << "round " << round;
    EXPECT_EQ(count(), round + 2);
  }
}

// A transaction whose first statement fails (bad SQL, a unique violation) is rolled back,
// and the connection serves the next ones: on PostgreSQL that statement went in one
// pipeline with its BEGIN (and its PREPARE).
TEST_P(StoreTest, AFailedFirstStatementLeavesTheStoreUsable) {
  db->with_write([](Tx& tx) {
    tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {1, "a"});
    return true;
  });
  for (int i = 0; i < 12; ++i) {  // more than the pool's connections
    EXPECT_THROW(db->with_read([&](Tx& tx) { tx.query("SELECT no_such_column FROM store_test_items"); }), DbError);
    // Statements new to the connection: one prepared that fails, then another (a prepared
    // statement outlives its failed transaction; its name must not be given again).
    const auto nth = "/* " + std::to_string(i) + " */";
    try {
      db->with_write([&](Tx& tx) {
        tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?) " + nth, {2, "a"});
        return true;
      });
      ADD_FAILURE() << "expected a unique violation";
    } catch (const DbError& e) {
      EXPECT_EQ(e.kind(), DbError::Kind::unique);
      EXPECT_NE(std::string(e.what()).find("store_test_items"), std::string::npos) << e.what();
    }
    EXPECT_EQ(db->read([&](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM store_test_items " + nth)->i64(0); }),
              1);
  }
  db->with_read([](Tx&) {});  // a transaction without a statement
  db->with_write([](Tx& tx) {
    tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {3, "c"});
    return true;
  });
  EXPECT_EQ(count(), 2);
}

// A statement the client library refuses to send (PostgreSQL's protocol carries at most
// 65,535 values; Debian's SQLite takes 250,000) fails alone: on PostgreSQL its BEGIN had
// already gone into the pipeline, and a connection left so went back to the pool, where
// the next transaction read that BEGIN's answer as its own statement's.
TEST_P(StoreTest, AStatementThatCannotBeSentLeavesTheStoreUsable) {
  std::vector<Param> many;
  for (int i = 0; i < 70'000; ++i) many.emplace_back(std::int64_t{i});
  const std::string sql = "SELECT COUNT(*) FROM store_test_items WHERE id IN (" + placeholders(many.size()) + ")";
  for (int round = 0; round < 3; ++round) {
    bool refused = false;
    try {
      db->with_read([&](Tx& tx) { tx.query(sql, many); });
    } catch (const DbError&) {
      refused = true;
    }
    if (GetParam() == "postgres") {
      EXPECT_TRUE(refused);
    }
    db->with_write([&](Tx& tx) {
      EXPECT_EQ(
          tx.execute("INSERT INTO store_test_items (id, name) VALUES (?, ?)", {round, "n" + std::to_string(round)}), 1);
      return true;
    });
    EXPECT_EQ(count(), round + 1);
  }
}

TEST_P(StoreTest, AuditLogIsAppendOnly) {
  db->with_write([](Tx& tx) {
    tx.execute("INSERT INTO organisations (name, slug, created_at) VALUES (?, ?, ?)", {"T", "store-test-org", 1});
    const auto org = tx.query_one("SELECT id FROM organisations WHERE slug = ?", {"store-test-org"})->i64(0);
    tx.execute("INSERT INTO audit_log (org_id, at, action, entity, entity_id) VALUES (?, ?, ?, ?, ?)",
               {org, 1, "create", "thing", "1"});
    return true;
  });
  EXPECT_THROW(db->with_write([](Tx& tx) {
    tx.execute("UPDATE audit_log SET action = ? WHERE entity = ?", {"forged", "thing"});
    return true;
  }),
               DbError);
  EXPECT_THROW(db->with_write([](Tx& tx) {
    tx.execute("DELETE FROM audit_log WHERE entity = ?", {"thing"});
    return true;
  }),
               DbError);
  const auto actions =
      db->read([](Tx& tx) { return tx.query_one("SELECT action FROM audit_log WHERE entity = ?", {"thing"})->str(0); });
  EXPECT_EQ(actions, "create");
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(Postgres, PlaceholdersOutsideStringsOnly) {
  EXPECT_EQ(to_postgres_placeholders("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2");
}

TEST(Sqlite, OnlineBackupIsAConsistentCopy) {
  const auto dir = temp_dir();
  {
    auto db = open_database(dir + "/live.db");
    db->with_write([](Tx& tx) {
      tx.execute("INSERT INTO organisations (name, slug, created_at) VALUES (?, ?, ?)", {"Org", "org", 1});
      return true;
    });
    SqliteDatabase::backup(dir + "/live.db", dir + "/copy.db");  // while open
    db->close();
  }
  auto copy = open_database(dir + "/copy.db");
  EXPECT_EQ(copy->read([](Tx& tx) { return tx.query_one("SELECT name FROM organisations")->str(0); }), "Org");
  copy->close();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace wk::store

namespace wk::store {
namespace {

// A new SQLite database in a directory of its own, with the table `docs` made by
// `script`; both gone with it.
struct DocsDatabase {
  std::string dir = temp_dir();
  std::unique_ptr<Database> db = open_database(dir + "/docs.db");
  explicit DocsDatabase(const char* script) {
    db->with_write([&](Tx& tx) {
      tx.execute_script(script);
      return true;
    });
  }
  ~DocsDatabase() {
    db.reset();
    fs::remove_all(dir);
  }
  Database* operator->() const { return db.get(); }
};

// The FTS5 tokenizer `dutch` every SQLite connection has: stems meet, diacritics fold,
// stop words are not indexed, prefixes of unfinished words match the words as written,
// and highlight() marks the words in the original text.
TEST(SqliteDutchSearch, StemsPrefixesAndHighlights) {
  const DocsDatabase db(
      "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'dutch', prefix = '3');"
      "INSERT INTO docs (rowid, title, body) VALUES (1, 'Woningen', 'Begeleiding bij de ideeën van het gezin.');"
      "INSERT INTO docs (rowid, title, body) VALUES (2, 'Schulden', 'Een woning zoeken met de corporatie.');"
      "INSERT INTO docs (rowid, title, body) VALUES (3, 'Procedure', 'Niets over huizen.');");
  auto ids = [&](const std::string& match) {
    std::vector<std::int64_t> out;
    db->with_read([&](Tx& tx) {
      for (const auto& r : tx.query("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid", {match}))
        out.push_back(r.i64(0));
    });
    return out;
  };
  EXPECT_EQ(ids("\"woning\""), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(ids("\"begeleid\""), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ids("\"ideeen\""), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ids("\"begeleidi\" *"), (std::vector<std::int64_t>{1})) << "a word being typed, as a prefix";
  EXPECT_EQ(ids("\"procedur\""), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(ids("\"de\"").empty()) << "stop words are not indexed";
  db->with_read([&](Tx& tx) {
    const auto r = tx.query_one("SELECT highlight(docs, 1, '<mark>', '</mark>') FROM docs WHERE docs MATCH ?",
                                {std::string("\"ideeen\"")});
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->str(0), "Begeleiding bij de <mark>ideeën</mark> van het gezin.");
  });
}

// wk_rank (fts_rank.hpp): for each phrase 10·t/(t+1.2) + b/(b+1.2), negated; a title hit
// outweighs any number of body hits, more body hits rank higher, each phrase adds.
TEST(SqliteDutchSearch, RankWeighsTitleHitsAboveBodyHits) {
  const DocsDatabase db(
      "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'dutch');"
      "INSERT INTO docs (rowid, title, body) VALUES (1, 'Wachtlijst', 'Een woning zoeken.');"
      "INSERT INTO docs (rowid, title, body) VALUES (2, 'Woningen', 'Over iets anders.');"
      "INSERT INTO docs (rowid, title, body) VALUES (3, 'Wachtlijst', 'Woning, woningen en nog eens een woning.');"
      "INSERT INTO docs (rowid, title, body) VALUES (4, 'Woning', 'De woning bij de wachtlijst.');");
  std::vector<std::pair<std::int64_t, double>> ranked;
  db->with_read([&](Tx& tx) {
    for (const auto& r : tx.query("SELECT rowid, wk_rank(docs, 10.0) FROM docs WHERE docs MATCH ? "
                                  "ORDER BY wk_rank(docs, 10.0), rowid",
                                  {std::string("\"woning\"")}))
      ranked.emplace_back(r.i64(0), r.f64(1));
  });
  ASSERT_EQ(ranked.size(), 4u);
  EXPECT_EQ(ranked[0].first, 4) << "in the title and the body";
  EXPECT_NEAR(ranked[0].second, -(10 / 2.2 + 1 / 2.2), 1e-9);
  EXPECT_EQ(ranked[1].first, 2);
  EXPECT_NEAR(ranked[1].second, -10 / 2.2, 1e-9);
  EXPECT_EQ(ranked[2].first, 3) << "three body hits";
  EXPECT_NEAR(ranked[2].second, -3 / 4.2, 1e-9);
  EXPECT_EQ(ranked[3].first, 1);
  EXPECT_NEAR(ranked[3].second, -1 / 2.2, 1e-9);
  db->with_read([&](Tx& tx) {
    const auto two = tx.query_one("SELECT wk_rank(docs, 10.0) FROM docs WHERE docs MATCH ? AND rowid = 4",
                                  {std::string("\"woning\" AND \"wachtlijst\"")});
    ASSERT_TRUE(two.has_value());
    EXPECT_NEAR(two->f64(0), -(10 / 2.2 + 1 / 2.2) - 1 / 2.2, 1e-9) << "each phrase adds its part";
    // A search's title tier repeats its phrases under a column filter and scores the first.
    const auto tier = tx.query("SELECT rowid, wk_rank(docs, 10.0, 1) FROM docs WHERE docs MATCH ? ORDER BY rowid",
                               {std::string("(\"woning\") AND ({title} : (\"woning\"))")});
    ASSERT_EQ(tier.size(), 2u) << "the items with the word in the title";
    EXPECT_EQ(tier[0].i64(0), 2);
    EXPECT_NEAR(tier[0].f64(1), -10 / 2.2, 1e-9);
    EXPECT_EQ(tier[1].i64(0), 4);
    EXPECT_NEAR(tier[1].f64(1), -(10 / 2.2 + 1 / 2.2), 1e-9) << "as the search alone scores it";
  });
}

// wk_in_ids(x, ids) (id_set_function.hpp): ids close together as a bitmap, far apart as a
// sorted list, read once per statement and tested for every row.
TEST(SqliteIdSet, TellsWhetherAnIdIsInTheSet) {
  const DocsDatabase db(
      "CREATE TABLE n (x INTEGER);"
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) "
      "INSERT INTO n SELECT x FROM c;");
  const std::vector<std::int64_t> near{4000, 17, 3, 999, 17};
  const std::vector<std::int64_t> far{std::int64_t{1} << 40, 7, -5};
  db->with_read([&](Tx& tx) {
    const auto in = [&](const std::vector<std::int64_t>& ids, const Param& x) {
      const auto r = tx.query("SELECT wk_in_ids(?, ?)", std::vector<Param>{x, store::id_set(ids)}).at(0);
      return r.is_null(0) ? -1 : r.i64(0);
    };
    EXPECT_EQ(in(near, 17), 1);
    EXPECT_EQ(in(near, 4000), 1);
    EXPECT_EQ(in(near, 3), 1);
    EXPECT_EQ(in(near, 18), 0);
    EXPECT_EQ(in(near, 2), 0) << "below the smallest";
    EXPECT_EQ(in(near, 4001), 0) << "beyond the largest";
    EXPECT_EQ(in(far, std::int64_t{1} << 40), 1);
    EXPECT_EQ(in(far, -5), 1);
    EXPECT_EQ(in(far, 8), 0);
    EXPECT_EQ(in({}, 1), 0) << "the empty set";
    EXPECT_EQ(in(near, nullptr), -1) << "NULL stays NULL";
    const auto scanned =
        tx.query("SELECT count(*), sum(x) FROM n WHERE wk_in_ids(x, ?)", std::vector<Param>{store::id_set(near)});
    EXPECT_EQ(scanned.at(0).i64(0), 4) << "each id once, in a scan of 5,000 rows";
    EXPECT_EQ(scanned.at(0).i64(1), 4000 + 17 + 3 + 999);
    EXPECT_THROW(tx.query("SELECT wk_in_ids(1, ?)", {Bytes{"seven b"}}), DbError) << "not 8-byte integers";
    EXPECT_THROW(tx.query("SELECT wk_in_ids(1, 'text')"), DbError);
  });
}

}  // namespace
}  // namespace wk::store
