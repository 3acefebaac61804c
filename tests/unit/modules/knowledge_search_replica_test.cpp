// The kennisbank's search on PostgreSQL: each server's SQLite copy of the index
// (modules/knowledge/search_replica.hpp) against the items in PostgreSQL. It ranks by the
// embedded store's formula (10·t/(t+1.2) + b/(b+1.2) per phrase, ties by key), sees every
// committed change on its next search, made through it or another copy, including a change
// numbered before one already applied but committed after it, and a copy kept in a file is
// used again only by the database it was made from. Needs a PostgreSQL server
// (WIJKKADER_TEST_PG_URL; scripts/with-postgres.sh).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../support/recording_tx.hpp"
#include "core/dutch.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/knowledge/search_key.hpp"
#include "modules/knowledge/search_replica.hpp"
#include "store/open.hpp"

namespace wk::knowledge {
namespace {

namespace fs = std::filesystem;
using store::Tx;

class SearchReplicaOnPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("WIJKKADER_TEST_PG_URL");
    if (!url) GTEST_SKIP() << "WIJKKADER_TEST_PG_URL not set (run through scripts/with-postgres.sh)";
    db_ = store::open_database(url);
    const auto tag = std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}());
    db_->with_write([&](Tx& tx) {
      org_ = tx.insert("INSERT INTO organisations (name, slug, created_at) VALUES ('Replica', ?, 1) RETURNING id",
                       {"replica-" + tag});
      owner_ = tx.insert(
          "INSERT INTO users (org_id, email, name, password_hash, created_at) VALUES (?, ?, 'A', 'x', 1) "
          "RETURNING id",
          {org_, "replica-" + tag + "@example.org"});
      return true;
    });
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A published item (or of the given status) with `title_hits` and `body_hits` of woning
  // among other words; returns its id.
  std::int64_t add(Tx& tx, int title_hits, int body_hits, const std::string& status = "gepubliceerd") {
    repo::ItemRow row;
    row.category = "methodiek";
    row.status = status;
    row.owner_id = row.created_by = owner_;
    (status == "concept" ? row.draft_version : row.published_version) = 1;
    row.id = repo::insert_item(tx, org_, row);
    repo::VersionRow v;
    v.version = 1;
    v.status = status;
    v.category = row.category;
    v.title = words(4, title_hits);
    v.body = words(30, body_hits);
    v.tags = "[]";
    v.author_id = owner_;
    repo::insert_version(tx, org_, row.id, v);
    repo::index(tx, org_, row, v.title, v.body, {});
    return row.id;
  }
  std::int64_t add(int title_hits, int body_hits) {
    std::int64_t id = 0;
    db_->with_write([&](Tx& tx) {
      id = add(tx, title_hits, body_hits);
      return true;
    });
    return id;
  }

  static std::string words(int n, int hits) {
    static const char* filler[] = {"buurt", "gesprek", "afspraak", "ouders", "school"};
    std::string out;
    for (int i = 0; i < n; ++i) out += std::string(i ? " " : "") + (i < hits ? "woning" : filler[i % 5]);
    return out;
  }

  // The published items with `typed`, best first, through the copy.
  std::vector<std::int64_t> search(SearchReplica& replica, const std::string& typed = "woning") {
    replica.catch_up(*db_);
    return replica.index().read([&](Tx& index) {
      return db_->read([&](Tx& tx) {
        return repo::search(tx, index, org_, dutch::parse_query(typed), {"gepubliceerd"}, std::nullopt, std::nullopt,
                            50, 0)
            .page;
      });
    });
  }

  const fs::path dir_ = fs::temp_directory_path() / ("wk-search-replica-" + std::to_string(::getpid()));
  std::unique_ptr<store::Database> db_;
  std::int64_t org_ = 0, owner_ = 0;
};

TEST_F(SearchReplicaOnPostgres, RanksAsTheEmbeddedStore) {
  // Title hits outweigh body hits; more hits rank higher; ties by key (the id here).
  const auto body1 = add(0, 1), body5 = add(0, 5), title1 = add(1, 0), title2body3 = add(2, 3), tie = add(0, 1);
  db_->with_write([&](Tx& tx) {
    add(tx, 3, 3, "concept");  // a draft: not for readers
    return true;
  });
  SearchReplica replica;
  EXPECT_EQ(search(replica), (std::vector{title2body3, title1, body5, body1, tie}));
  EXPECT_EQ(search(replica, "wonin"), (std::vector{title2body3, title1, body5, body1, tie}));  // typing
  EXPECT_TRUE(search(replica, "gezin").empty());
}

TEST_F(SearchReplicaOnPostgres, SeesEveryChangeCommittedBeforeItsSearch) {
  SearchReplica here, there;  // two servers' copies
  EXPECT_TRUE(search(here).empty());
  EXPECT_TRUE(search(there).empty());
  const auto first = add(0, 2);
  EXPECT_EQ(search(here), std::vector{first});
  const auto second = add(1, 0);
  EXPECT_EQ(search(here), (std::vector{second, first}));
  EXPECT_EQ(search(there), (std::vector{second, first}));
  // Archived: out of a reader's search, on both.
  db_->with_write([&](Tx& tx) {
    auto row = *repo::find_item(tx, org_, second);
    row.status = "gearchiveerd";
    repo::update_item(tx, org_, row);
    return true;
  });
  EXPECT_EQ(search(there), std::vector{first});
  EXPECT_EQ(search(here), std::vector{first});
  // A change rolled back leaves no trace.
  db_->with_write([&](Tx& tx) {
    add(tx, 5, 5);
    return false;
  });
  EXPECT_EQ(search(here), std::vector{first});
}

TEST_F(SearchReplicaOnPostgres, AChangeCommittedAfterALaterNumberedOneIsNotLost) {
  SearchReplica replica;
  EXPECT_TRUE(search(replica).empty());
  std::promise<void> numbered, go_on;
  std::int64_t slow = 0;
  std::thread late([&] {
    db_->with_write([&](Tx& tx) {
      slow = add(tx, 1, 0);  // its change numbered first...
      numbered.set_value();
      go_on.get_future().wait();
      return true;  // ...and committed last
    });
  });
  numbered.get_future().wait();
  const auto quick = add(0, 1);
  EXPECT_EQ(search(replica), std::vector{quick});  // the slow one's number is missing yet
  go_on.set_value();
  late.join();
  EXPECT_EQ(search(replica), (std::vector{slow, quick}));
}

TEST_F(SearchReplicaOnPostgres, AKeptFileIsUsedAgainOnlyByItsOwnDatabase) {
  const auto item = add(0, 1);
  const auto file = (dir_ / "search.db").string();
  {
    SearchReplica kept(file);
    EXPECT_EQ(search(kept), std::vector{item});
  }
  // A mark of the file's own, to tell whether it was built anew.
  const auto mark = search_key::of(org_, "gepubliceerd", "methodiek", item + 1000000);
  {
    auto raw = store::open_database(file);
    raw->with_write([&](Tx& tx) {
      tx.execute("INSERT INTO knowledge_fts (rowid, title, body) VALUES (?, 'woning woning', '')", {mark});
      return true;
    });
  }
  {
    SearchReplica kept(file);  // the same database: caught up, not built anew
    const auto found = search(kept);
    EXPECT_EQ(found.size(), 2u);
  }
  // As after a restore to an earlier point: the change it applied last is another.
  db_->with_write([&](Tx& tx) {
    tx.execute(
        "UPDATE knowledge_search_changes SET stamp = stamp + 1 WHERE seq = (SELECT max(seq) FROM "
        "knowledge_search_changes)");
    return true;
  });
  SearchReplica kept(file);
  EXPECT_EQ(search(kept), std::vector{item});
  // The same while a server runs (a database restored under it): built anew at its next search.
  const auto mark2 = search_key::of(org_, "gepubliceerd", "methodiek", item + 2000000);
  kept.index().with_write([&](Tx& tx) {
    tx.execute("INSERT INTO knowledge_fts (rowid, title, body) VALUES (?, 'woning', '')", {mark2});
    return true;
  });
  EXPECT_EQ(search(kept).size(), 2u);
  db_->with_write([&](Tx& tx) {
    tx.execute(
        "UPDATE knowledge_search_changes SET stamp = stamp + 1 WHERE seq = (SELECT max(seq) FROM "
        "knowledge_search_changes)");
    return true;
  });
  EXPECT_EQ(search(kept), std::vector{item});
}

TEST_F(SearchReplicaOnPostgres, ASearchWaitsForASmallBuildOnlyAndNeverBuildsItself) {
  const auto item = add(0, 1);
  {
    // A build larger than a search waits for (here: any): 503 at once, built in the background.
    SearchReplica large({}, 0);
    const auto started = std::chrono::steady_clock::now();
    bool ready = large.catch_up_for_search(*db_, std::chrono::seconds(2));
    if (!ready) {
      EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1500));
    }
    for (int i = 0; i < 200 && !ready; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      ready = large.catch_up_for_search(*db_, std::chrono::seconds(2));
    }
    ASSERT_TRUE(ready);
    EXPECT_EQ(search(large), std::vector{item});
  }
  // A small one, as after most starts: the first search waits for it.
  SearchReplica small;
  EXPECT_TRUE(small.catch_up_for_search(*db_, std::chrono::seconds(10)));
  EXPECT_EQ(search(small), std::vector{item});
}

// A build reads the items' keys in one snapshot and their texts in a transaction per batch:
// one snapshot held for the whole build (over an hour at a million items) kept VACUUM from
// every row deleted meanwhile, in every table of the database.
TEST_F(SearchReplicaOnPostgres, ABuildHoldsNoSnapshotLongerThanABatch) {
  const std::vector<std::int64_t> items{add(1, 0), add(2, 0), add(3, 0)};
  test::RecordingDatabase recording(*db_);
  SearchReplica replica({}, SearchReplica::kSmallBuild, 1);
  replica.catch_up(recording);
  std::size_t batches = 0;
  for (const auto& read : recording.reads()) {
    bool texts = false;
    for (const auto& s : read) texts = texts || s.sql.find("JOIN knowledge_versions v") != std::string::npos;
    if (!texts) continue;
    ++batches;
    EXPECT_EQ(read.size(), 1u) << "a batch's texts in a transaction of their own, not with " << read.front().sql;
  }
  EXPECT_GE(batches, items.size());
  auto found = search(replica);
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, items);
}

TEST_F(SearchReplicaOnPostgres, OneFileServesOneServerAtATime) {
  const auto file = (dir_ / "shared.db").string();
  SearchReplica first(file);
  EXPECT_THROW(SearchReplica second(file), std::runtime_error);
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

}  // namespace
}  // namespace wk::knowledge
