// repo::search on both stores against the ranking it promises (store/sqlite/fts_rank.hpp: per
// phrase 10·t/(t+1.2) + b/(b+1.2) for t title and b body hits, the best first, ties by key)
// and the counts per category over every match. The same order whether the best come from
// the title tier alone (at least `depth` items with the word in the title, depth being 200
// or offset + limit) or from one pass over every match (fewer, a tag, several words). On
// PostgreSQL (the term table, term_index.hpp) the same expectations hold to the last tie:
// both stores rank alike. The PostgreSQL cases run in the PostgreSQL part of make test,
// each test in a schema of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <tuple>
#include <string>
#include <vector>

#include "core/dutch.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/knowledge/search_key.hpp"
#include "store/migrations.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace wk::knowledge::repo {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kOrg = 3, kOwner = 4;

struct Item {
  std::int64_t id = 0;
  std::string category, status;
  int title_hits = 0, body_hits = 0;
  bool tagged = false;
  std::int64_t key() const { return search_key::of(kOrg, status, category, id); }
  double score() const {
    const double t = title_hits, b = body_hits;
    return 10 * t / (t + 1.2) + b / (b + 1.2);
  }
};

// `n` words, `hits` of them the search word (as woning or woningen, both stemmed woning).
std::string text(int n, int hits, int seed) {
  static const char* filler[] = {"buurt", "gesprek", "afspraak", "ouders", "school", "budget", "plan"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += i ? " " : "";
    out += i < hits ? ((i + seed) % 2 ? "woningen" : "woning") : filler[(i + seed) % 7];
  }
  return out;
}

class KnowledgeSearch : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      const char* url = std::getenv("WIJKKADER_TEST_PG_URL");
      if (!url) GTEST_SKIP() << "WIJKKADER_TEST_PG_URL not set (run through scripts/with-postgres.sh)";
      static int counter = 0;
      schema_ = "kb_search_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
      admin_ = std::make_unique<store::PostgresDatabase>(url, 1);
      admin_->with_write([&](Tx& tx) {
        tx.execute_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
        return true;
      });
      db_ = std::make_unique<store::PostgresDatabase>(std::string(url) + "?options=-csearch_path%3D" + schema_, 1);
    } else {
      fs::create_directories(dir_);
      db_ = std::make_unique<store::SqliteDatabase>((dir_ / "kb.db").string(), 1);
    }
    store::migrate(*db_, store::embedded_migrations(db_->dialect()));
    db_->with_write([](Tx& tx) {
      tx.execute("INSERT INTO organisations (id, name, slug, created_at) VALUES (3, 'Org', 'org', 1)");
      tx.execute(
          "INSERT INTO users (id, org_id, email, name, password_hash, created_at) "
          "VALUES (4, 3, 'a@b.nl', 'A', 'x', 1)");
      return true;
    });
  }
  void TearDown() override {
    db_.reset();
    if (admin_)
      admin_->with_write([&](Tx& tx) {
        tx.execute_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        return true;
      });
    fs::remove_all(dir_);
  }

  // Published methodiek items with these titles and bodies, in this order; their ids.
  std::vector<std::int64_t> put(const std::vector<std::pair<std::string, std::string>>& texts) {
    std::vector<std::int64_t> ids;
    db_->with_write([&](Tx& tx) {
      for (const auto& [title, body] : texts) {
        ItemRow row;
        row.category = "methodiek";
        row.status = "gepubliceerd";
        row.owner_id = row.created_by = kOwner;
        row.published_version = 1;
        row.id = insert_item(tx, kOrg, row);
        index(tx, kOrg, row, title, body, {});
        ids.push_back(row.id);
      }
      return true;
    });
    return ids;
  }

  // Items in turn in each category, one in ten a draft; title and body hits as given.
  void add(int count, int title_hits, int body_hits_up_to) {
    db_->with_write([&](Tx& tx) {
      for (int n = 0; n < count; ++n, ++added_) {
        Item item;
        item.category = categories()[static_cast<std::size_t>(added_ % 4)];
        item.status = added_ % 10 == 9 ? "concept" : "gepubliceerd";
        item.title_hits = title_hits;
        item.body_hits = body_hits_up_to ? (added_ * 7) % (body_hits_up_to + 1) : 0;
        if (title_hits == 0 && item.body_hits == 0) item.body_hits = 1;
        item.tagged = added_ % 3 == 0;
        ItemRow row;
        row.category = item.category;
        row.status = item.status;
        row.owner_id = row.created_by = kOwner;
        (item.status == "concept" ? row.draft_version : row.published_version) = 1;
        row.id = item.id = insert_item(tx, kOrg, row);
        index(tx, kOrg, row, text(4, title_hits, added_), text(30, item.body_hits, added_),
              item.tagged ? std::vector<std::string>{"wonen"} : std::vector<std::string>{});
        items_.push_back(item);
      }
      return true;
    });
  }

  // The published items a search may return, best first, by the ranking's formula.
  std::vector<Item> expected(bool tagged_only) const {
    std::vector<Item> out;
    for (const auto& i : items_)
      if (i.status == "gepubliceerd" && (!tagged_only || i.tagged)) out.push_back(i);
    std::sort(out.begin(), out.end(), [](const Item& a, const Item& b) {
      return a.score() != b.score() ? a.score() > b.score() : a.key() < b.key();
    });
    return out;
  }

  Matches search(const std::string& typed, int limit, int offset, const std::optional<std::string>& tag = {}) {
    return db_->read([&](Tx& tx) {
      return repo::search(tx, kOrg, dutch::parse_query(typed), {"gepubliceerd"}, std::nullopt, tag, limit, offset);
    });
  }

  // The page against the formula's order, and the counts against every match.
  void expect_page(const std::string& typed, int limit, int offset, const std::optional<std::string>& tag = {}) {
    const auto want = expected(tag.has_value());
    const auto got = search(typed, limit, offset, tag);
    std::vector<std::int64_t> ids;
    for (std::size_t i = offset; i < want.size() && i < static_cast<std::size_t>(offset + limit); ++i)
      ids.push_back(want[i].id);
    EXPECT_EQ(got.page, ids) << "'" << typed << "' offset " << offset;
    std::map<std::string, std::int64_t> per_category;
    for (const auto& i : want) ++per_category[i.category];
    EXPECT_EQ(got.total, static_cast<std::int64_t>(want.size()));
    const std::map<std::string, std::int64_t> counted(got.categories.begin(), got.categories.end());
    EXPECT_EQ(counted, per_category);
  }

  const fs::path dir_ = fs::temp_directory_path() / ("wk-knowledge-search-" + std::to_string(::getpid()));
  std::unique_ptr<store::Database> db_, admin_;
  std::string schema_;
  std::vector<Item> items_;
  int added_ = 0;
};

TEST_P(KnowledgeSearch, TheTitleTierOrdersAsOnePassOverEveryMatch) {
  add(150, 0, 4);  // body hits only
  add(130, 1, 3);
  add(60, 2, 2);
  add(20, 3, 4);  // three title hits and four body hits outrank four title hits alone
  add(20, 4, 0);  // with the drafts left out: 207 published items with the word in the title
  add(20, 0, 1);
  const auto published = expected(false);
  ASSERT_EQ(published.size(), 360u);
  ASSERT_EQ(std::count_if(published.begin(), published.end(), [](const Item& i) { return i.title_hits > 0; }), 207);
  expect_page("woning ", 20, 0);                        // depth 200: the title tier alone
  expect_page("woning ", 20, 180);                      // its last page
  expect_page("woningen ", 7, 200);                     // depth 207: still the tier
  expect_page("woning ", 20, 200);                      // depth 220: one pass over every match
  expect_page("woning ", 50, 300);                      // the items with body hits only
  expect_page("woning ", 20, 0, std::string("wonen"));  // within a tag: one pass
  expect_page("woning ", 20, 60, std::string("wonen"));
}

TEST_P(KnowledgeSearch, FewerTitlesThanTheDepthTakeOnePass) {
  add(60, 1, 3);
  add(200, 0, 5);
  expect_page("woning ", 20, 0);
  expect_page("woning ", 20, 40);
}

// The word being typed adds a phrase (its stem or its prefix), and two words have no tier:
// the first page whichever way it is found is the head of one long list.
TEST_P(KnowledgeSearch, TypedWordsAndTwoWordsPageAlike) {
  add(150, 1, 3);
  add(100, 2, 1);
  add(150, 0, 4);
  for (const std::string typed : {"woningen", "wonin", "woning buurt", "buurt woni"}) {
    const auto first = search(typed, 20, 0);  // depth 200
    const auto all = search(typed, 400, 0);   // depth 400: beyond the tier
    ASSERT_GE(all.page.size(), 20u) << typed;
    EXPECT_EQ(first.page, std::vector<std::int64_t>(all.page.begin(), all.page.begin() + 20)) << typed;
    EXPECT_EQ(first.total, all.total) << typed;
    EXPECT_EQ(first.categories, all.categories) << typed;
  }
}

// Compound words (decision 0009): a part finds the compound, a title with the word itself
// ranks above a title with it as a part, which ranks above every body-only match.
TEST_P(KnowledgeSearch, CompoundPartsFindTheWordAndRankBelowIt) {
  std::map<std::string, std::int64_t> ids;
  db_->with_write([&](Tx& tx) {
    const auto put = [&](const std::string& name, const std::string& title, const std::string& body) {
      ItemRow row;
      row.category = "methodiek";
      row.status = "gepubliceerd";
      row.owner_id = row.created_by = kOwner;
      row.published_version = 1;
      row.id = ids[name] = insert_item(tx, kOrg, row);
      index(tx, kOrg, row, title, body, {});
    };
    put("part-title", "Wijkteamoverleg", "Het wijkteamoverleg en het overleg, overleg en nog eens overleg.");
    put("exact-title", "Overleg", "Een agenda.");
    put("part-body", "Budget", "Naar het wijkteamoverleg.");
    put("exact-body", "Agenda", "Het overleg.");
    put("corporation", "Woningcorporatie", "Afspraken met de corporatie.");
    return true;
  });
  for (const std::string typed : {"overleg ", "overleg", "overl"}) {
    const auto found = search(typed, 20, 0);
    ASSERT_EQ(found.page.size(), 4u) << typed;
    EXPECT_EQ(found.page[0], ids["exact-title"]) << typed << ": the word itself first";
    EXPECT_EQ(found.page[1], ids["part-title"]) << typed;
    EXPECT_EQ(found.page[2], ids["exact-body"]) << typed;
    EXPECT_EQ(found.page[3], ids["part-body"]) << typed;
  }
  for (const std::string typed : {"woningen", "woningen ", "woning", "corporaties "})
    EXPECT_EQ(search(typed, 20, 0).page, std::vector<std::int64_t>{ids["corporation"]}) << typed;
}

// The index is rebuilt once when the tokenizer's version is not the recorded one.
TEST_P(KnowledgeSearch, RebuiltOnceForANewTokenizer) {
  db_->with_write([&](Tx& tx) {
    ItemRow row;
    row.category = "methodiek";
    row.status = "gepubliceerd";
    row.owner_id = row.created_by = kOwner;
    row.published_version = 1;
    row.id = insert_item(tx, kOrg, row);
    tx.execute(
        "INSERT INTO knowledge_versions (org_id, item_id, version, status, category, title, body, tags, author_id, "
        "created_at, updated_at) VALUES (3, ?, 1, 'gepubliceerd', 'methodiek', 'Huisbezoek', '', '', 4, 1, 1)",
        {row.id});
    // Indexed as the tokenizer before compounds did: the word alone.
    if (tx.dialect() == store::Dialect::sqlite)
      tx.execute("INSERT INTO knowledge_fts (rowid, title, body) VALUES (?, 'Huisbezoek', '')",
                 {search_key::of(kOrg, "gepubliceerd", "methodiek", row.id)});
    else
      tx.execute("INSERT INTO knowledge_terms (org_id, term, cell, item_id, after, title_hits, body_hits) "
                 "VALUES (3, 'huisbezoek', ?, ?, '', 1, 0)",
                 {search_key::cell("gepubliceerd", "methodiek"), row.id});
    return true;
  });
  bool first = false, second = true;
  db_->with_write([&](Tx& tx) {
    first = reindex_if_tokenizer_changed(tx);
    second = reindex_if_tokenizer_changed(tx);
    return true;
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  EXPECT_EQ(search("bezoek ", 20, 0).page.size(), 1u);
}

// A place in the text counts once for a prefix, however many of its terms start with it
// (FTS5 merges the terms' positions; the term table keeps `after` for it): "woni" finds
// "Woningen" by its stem woning and by woningen as written, one title hit, 10 / 2.2, below
// "Woning woning", two, 20 / 3.2. Counted twice, the first would tie with the second and
// come first by its key. The same beyond the prefix indexes' 8 letters, and for parts.
TEST_P(KnowledgeSearch, APrefixCountsAPlaceOnce) {
  const auto short_prefix = put({{"Woningen", ""}, {"Woning woning", ""}});
  EXPECT_EQ(search("woni", 20, 0).page, (std::vector{short_prefix[1], short_prefix[0]}));
  const auto long_prefix = put({{"Woningcorporaties", ""}, {"Woningcorporatie woningcorporatie", ""}});
  EXPECT_EQ(search("woningcorpo", 20, 0).page, (std::vector{long_prefix[1], long_prefix[0]}));
}

// Both stores order alike, ties included: the same generated items in PostgreSQL and in a
// SQLite file beside it, searched for words, prefixes of every length, compounds' parts,
// several words, a category and a tag; pages, totals, categories and tags compared.
TEST_P(KnowledgeSearch, BothStoresOrderAlike) {
  if (GetParam() != "postgres") GTEST_SKIP() << "compares PostgreSQL with SQLite";
  fs::create_directories(dir_);
  store::SqliteDatabase sqlite((dir_ / "twin.db").string(), 1);
  store::migrate(sqlite, store::embedded_migrations(store::Dialect::sqlite));
  static const char* words[] = {"woning", "woningen", "woningcorporatie", "buurt", "buurtteam", "wijkteamoverleg",
                                "overleg", "schuldhulpverlening", "hulp", "ideeën", "idee", "begeleiding",
                                "begeleiden", "gezinnen", "gezin", "huisbezoek", "huisbezoeken", "wachttijd",
                                "indicatie", "school", "budget", "plan", "afspraken", "ouders", "en", "de"};
  std::mt19937 rng(2017);
  const auto sentence = [&](int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (i ? " " : "") + std::string(words[rng() % std::size(words)]);
    return out;
  };
  for (store::Database* db : {static_cast<store::Database*>(&sqlite), db_.get()})
    db->with_write([&](Tx& tx) {
      if (db == &sqlite) {
        tx.execute("INSERT INTO organisations (id, name, slug, created_at) VALUES (3, 'Org', 'org', 1)");
        tx.execute(
            "INSERT INTO users (id, org_id, email, name, password_hash, created_at) VALUES (4, 3, 'a@b.nl', 'A', 'x', 1)");
      }
      rng.seed(2017);
      for (int n = 0; n < 400; ++n) {
        ItemRow row;
        row.category = categories()[rng() % 4];
        row.status = rng() % 8 == 0 ? "concept" : "gepubliceerd";
        row.owner_id = row.created_by = kOwner;
        (row.status == "concept" ? row.draft_version : row.published_version) = 1;
        row.id = insert_item(tx, kOrg, row);
        const auto title = sentence(1 + static_cast<int>(rng() % 3)), body = sentence(static_cast<int>(rng() % 12));
        index(tx, kOrg, row, title, body, rng() % 3 ? std::vector<std::string>{} : std::vector<std::string>{"wonen"});
      }
      return true;
    });
  const auto search_in = [&](store::Database& db, const std::string& typed, const std::vector<std::string>& statuses,
                             const std::optional<std::string>& category, const std::optional<std::string>& tag) {
    return db.read([&](Tx& tx) {
      return repo::search(tx, kOrg, dutch::parse_query(typed), statuses, category, tag, 500, 0);
    });
  };
  const std::vector<std::string> published{"gepubliceerd"}, all{"gepubliceerd", "concept", "ter_review"};
  int compared = 0;
  for (const std::string typed :
       {"woning ", "woning", "woni", "wo", "won", "woningc", "woningcorpo", "woningcorporaties", "buurt ", "buurt",
        "buu", "hulp ", "hulp", "overleg", "ideeen ", "idee", "ideeë", "begeleiding gezinnen ", "gezin woni",
        "huisbez", "school budget plan", "wachttijd indicatie", "de en", "xyz"}) {
    for (const auto& [statuses, category, tag] :
         std::vector<std::tuple<std::vector<std::string>, std::optional<std::string>, std::optional<std::string>>>{
             {published, {}, {}}, {all, {}, {}}, {all, "procedure", {}}, {published, {}, "wonen"}}) {
      const auto lite = search_in(sqlite, typed, statuses, category, tag);
      const auto pg = search_in(*db_, typed, statuses, category, tag);
      EXPECT_EQ(pg.page, lite.page) << "'" << typed << "'";
      EXPECT_EQ(pg.total, lite.total) << "'" << typed << "'";
      EXPECT_EQ(pg.categories, lite.categories) << "'" << typed << "'";
      EXPECT_EQ(pg.tags, lite.tags) << "'" << typed << "'";
      compared += lite.page.empty() ? 0 : 1;
    }
  }
  EXPECT_GT(compared, 60);  // most searches find something
}

INSTANTIATE_TEST_SUITE_P(Stores, KnowledgeSearch, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wk::knowledge::repo
