// repo::search on SQLite against the ranking it promises (store/sqlite/fts_rank.hpp: per
// phrase 10·t/(t+1.2) + b/(b+1.2) for t title and b body hits, the best first, ties by key)
// and the counts per category over every match. The same order whether the best come from
// the title tier alone (at least `depth` items with the word in the title, depth being 200
// or offset + limit) or from one pass over every match (fewer, a tag, several words).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/dutch.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/knowledge/search_key.hpp"
#include "store/migrations.hpp"
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

class KnowledgeSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_);
    db_ = std::make_unique<store::SqliteDatabase>((dir_ / "kb.db").string(), 1);
    store::migrate(*db_, store::embedded_migrations(store::Dialect::sqlite));
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
    fs::remove_all(dir_);
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
      return repo::search(tx, tx, kOrg, dutch::parse_query(typed), {"gepubliceerd"}, std::nullopt, tag, limit, offset);
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
  std::unique_ptr<store::SqliteDatabase> db_;
  std::vector<Item> items_;
  int added_ = 0;
};

TEST_F(KnowledgeSearch, TheTitleTierOrdersAsOnePassOverEveryMatch) {
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

TEST_F(KnowledgeSearch, FewerTitlesThanTheDepthTakeOnePass) {
  add(60, 1, 3);
  add(200, 0, 5);
  expect_page("woning ", 20, 0);
  expect_page("woning ", 20, 40);
}

// The word being typed adds a phrase (its stem or its prefix), and two words have no tier:
// the first page whichever way it is found is the head of one long list.
TEST_F(KnowledgeSearch, TypedWordsAndTwoWordsPageAlike) {
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
TEST_F(KnowledgeSearch, CompoundPartsFindTheWordAndRankBelowIt) {
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
TEST_F(KnowledgeSearch, RebuiltOnceForANewTokenizer) {
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
    tx.execute("INSERT INTO knowledge_fts (rowid, title, body) VALUES (?, 'Huisbezoek', '')",
               {search_key::of(kOrg, "gepubliceerd", "methodiek", row.id)});
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

// A place in the text counts once for a prefix, however many of its terms start with it:
// "woni" finds "Woningen" by its stem woning and by woningen as written, one title hit,
// 10 / 2.2, below "Woning woning", two, 20 / 3.2. FTS5's prefix index holds that place once
// per term, so wk_rank counted it twice, and the first tied with the second and came first
// by its key; a prefix beyond the indexes' 8 letters (merged doclists) counted it once.
TEST_F(KnowledgeSearch, APrefixCountsAPlaceOnce) {
  std::vector<std::int64_t> ids;
  db_->with_write([&](Tx& tx) {
    for (const std::string title :
         {"Woningen", "Woning woning", "Woningcorporaties", "Woningcorporatie woningcorporatie"}) {
      ItemRow row;
      row.category = "methodiek";
      row.status = "gepubliceerd";
      row.owner_id = row.created_by = kOwner;
      row.published_version = 1;
      row.id = insert_item(tx, kOrg, row);
      index(tx, kOrg, row, title, "", {});
      ids.push_back(row.id);
    }
    return true;
  });
  const auto before = [](const std::vector<std::int64_t>& page, std::int64_t a, std::int64_t b) {
    const auto pa = std::find(page.begin(), page.end(), a), pb = std::find(page.begin(), page.end(), b);
    return pa != page.end() && pb != page.end() && pa < pb;
  };
  const auto woni = search("woni", 20, 0).page;
  ASSERT_EQ(woni.size(), 4u);
  EXPECT_TRUE(before(woni, ids[1], ids[0])) << "Woning woning above Woningen";
  EXPECT_TRUE(before(woni, ids[3], ids[2])) << "two compounds above one, each a place";
  EXPECT_EQ(search("woningcorpo", 20, 0).page, (std::vector{ids[3], ids[2]}));
}

// A page's versions by their key: SQLite without statistics took the organisation's
// index for `org_id = ?` (and for an OR of pairs) and walked every version of it, 880 ms a
// page at a million items (bench/lists.sh).
TEST_F(KnowledgeSearch, APagesVersionsAreReadByTheirKey) {
  add(60, 1, 2);
  const auto plan = db_->read([&](Tx& tx) {
    std::string out;
    std::vector<store::Param> params{kOrg};
    for (int i = 1; i <= 50; ++i) params.emplace_back(std::int64_t{i});
    params.emplace_back(std::int64_t{1});
    params.emplace_back(std::int64_t{2});
    for (const auto& r : tx.query("EXPLAIN QUERY PLAN " + versions_by_key_sql(50, 2), params)) out += r.str(3) + "\n";
    return out;
  });
  EXPECT_NE(plan.find("sqlite_autoindex_knowledge_versions_1 (item_id=? AND version=?)"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("knowledge_versions_reviewed"), std::string::npos) << plan;
  // And it finds exactly the pairs asked for, not the others the two IN lists allow.
  db_->with_write([&](Tx& tx) {
    for (const auto& item : {items_[0], items_[1]})
      for (std::int64_t n = 1; n <= 2; ++n) {
        VersionRow v;
        v.version = n;
        v.status = "concept";
        v.category = item.category;
        v.title = "versie " + std::to_string(n);
        v.tags = "[]";
        v.author_id = kOwner;
        insert_version(tx, kOrg, item.id, v);
      }
    return true;
  });
  const auto found = db_->read([&](Tx& tx) { return find_versions(tx, kOrg, {{items_[0].id, 1}, {items_[1].id, 2}}); });
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found.at({items_[0].id, 1}).title, "versie 1");
  EXPECT_EQ(found.at({items_[1].id, 2}).title, "versie 2");
}

}  // namespace
}  // namespace wk::knowledge::repo
