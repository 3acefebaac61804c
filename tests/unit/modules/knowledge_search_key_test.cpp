// The search index's row key (search_key.hpp): its layout, the ranges a search walks,
// and the SQLite migration that rebuilds the index computing the same keys.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "modules/knowledge/knowledge.hpp"  // categories()
#include "modules/knowledge/search_key.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace wk::knowledge::search_key {
namespace {

constexpr std::int64_t kCell = std::int64_t{1} << 40;

TEST(KnowledgeSearchKey, OrganisationThenStatusAndCategoryThenItem) {
  EXPECT_EQ(of(3, "gepubliceerd", "methodiek", 42), (std::int64_t{3} << 44) | 42);
  EXPECT_EQ(of(3, "concept", "procedure", 7), (std::int64_t{3} << 44) | (1 * 4 + 2) * kCell | 7);
  EXPECT_EQ(of(3, "gearchiveerd", "richtlijn", 7), (std::int64_t{3} << 44) | 15 * kCell | 7);
  const auto key = of(524287, "ter_review", "document", kItemMask);
  EXPECT_GT(key, 0) << "the largest organisation id still gives a positive key";
  EXPECT_EQ(item_of(key), kItemMask);
  EXPECT_EQ(category_of(key), "document");
  EXPECT_EQ(cell_of(key), 2 * 4 + 1);
  EXPECT_EQ(category_of_cell(15), "richtlijn");
  EXPECT_THROW(of(1, "vervangen", "document", 1), std::invalid_argument);
  EXPECT_THROW(of(1, "concept", "handboek", 1), std::invalid_argument);
  EXPECT_THROW(of(1, "concept", "document", kItemMask + 1), std::out_of_range);
  EXPECT_THROW(of(524288, "concept", "document", 1), std::out_of_range);
}

TEST(KnowledgeSearchKey, EveryCellOfAnItemOnce) {
  const auto keys = all_of(5, 99);
  EXPECT_EQ(std::set<std::int64_t>(keys.begin(), keys.end()).size(), 16u);
  EXPECT_NE(std::find(keys.begin(), keys.end(), of(5, "ter_review", "richtlijn", 99)), keys.end());
  for (const auto k : keys) EXPECT_EQ(item_of(k), 99);
}

TEST(KnowledgeSearchKey, ReadersAndQualityStaffWalkOneRange) {
  const std::vector<std::string> published{"gepubliceerd"};
  const std::vector<std::string> quality{"gepubliceerd", "concept", "ter_review"};
  const auto all = categories();
  const auto reader = ranges(7, published, {all.begin(), all.end()});
  ASSERT_EQ(reader.size(), 1u);
  EXPECT_EQ(reader[0].lo, std::int64_t{7} << 44);
  EXPECT_EQ(reader[0].hi, (std::int64_t{7} << 44) + 4 * kCell - 1);
  const auto staff = ranges(7, quality, {all.begin(), all.end()});
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_EQ(staff[0].hi, (std::int64_t{7} << 44) + 12 * kCell - 1);
  EXPECT_LT(staff[0].hi, of(7, "gearchiveerd", "methodiek", 1)) << "archived items stay out";
  EXPECT_LT(staff[0].hi, of(8, "gepubliceerd", "methodiek", 0)) << "the next organisation stays out";
  EXPECT_GT(staff[0].lo, of(6, "gearchiveerd", "richtlijn", kItemMask)) << "so does the previous";

  const std::vector<std::string> procedure{"procedure"};
  const auto cells = ranges(7, quality, procedure);
  ASSERT_EQ(cells.size(), 3u) << "one category in three statuses: three cells apart";
  for (const auto& r : cells) {
    EXPECT_EQ(r.hi - r.lo, kItemMask);
    EXPECT_EQ(category_of(r.lo), "procedure");
    EXPECT_EQ(category_of(r.hi), "procedure");
  }
  EXPECT_TRUE(cells[1].lo <= of(7, "concept", "procedure", 12) && of(7, "concept", "procedure", 12) <= cells[1].hi);
}

// A search whose best come from the title tier counts its matches cell by cell.
TEST(KnowledgeSearchKey, CellRangesOnePerCellInKeyOrder) {
  const std::vector<std::string> quality{"concept", "gepubliceerd", "ter_review"};
  const auto all = categories();
  const auto cells = cell_ranges(7, quality, {all.begin(), all.end()});
  ASSERT_EQ(cells.size(), 12u);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    EXPECT_EQ(cells[i].hi - cells[i].lo, kItemMask);
    EXPECT_EQ(cell_of(cells[i].lo), static_cast<int>(i)) << "gepubliceerd, concept, ter_review; each category";
  }
  const auto joined = ranges(7, quality, {all.begin(), all.end()});
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].lo, cells.front().lo);
  EXPECT_EQ(joined[0].hi, cells.back().hi);
  EXPECT_TRUE(cell_ranges(7, {}, {all.begin(), all.end()}).empty());
}

// The migration that rebuilds the index on an existing database computes the keys in SQL.
TEST(KnowledgeSearchKey, MigrationKeysTheExistingItemsAlike) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / ("wk-search-key-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    store::SqliteDatabase db((dir / "kb.db").string(), 1);
    auto migrations = store::embedded_migrations(store::Dialect::sqlite);
    const auto rebuild = std::find_if(migrations.begin(), migrations.end(),
                                      [](const auto& m) { return m.name == "0009_knowledge_search_key"; });
    ASSERT_NE(rebuild, migrations.end());
    std::vector<store::Migration> before(migrations.begin(), rebuild);
    store::migrate(db, before);
    db.with_write([](store::Tx& tx) {
      tx.execute("INSERT INTO organisations (id, name, slug, created_at) VALUES (3, 'Org', 'org', 1)");
      tx.execute(
          "INSERT INTO users (id, org_id, email, name, password_hash, created_at) VALUES (4, 3, 'a@b.nl', 'A', 'x', "
          "1)");
      const std::vector<std::tuple<int, const char*, const char*, int, int>> items{
          {10, "methodiek", "gepubliceerd", 1, 0},
          {11, "procedure", "concept", 0, 1},
          {12, "richtlijn", "gearchiveerd", 2, 0},
          {13, "document", "ter_review", 0, 1}};
      for (const auto& [id, category, status, published, draft] : items) {
        tx.execute(
            "INSERT INTO knowledge_items (id, org_id, category, status, owner_id, published_version, draft_version, "
            "created_by, created_at, updated_at) VALUES (?, 3, ?, ?, 4, NULLIF(?, 0), NULLIF(?, 0), 4, 1, 1)",
            {id, std::string(category), std::string(status), published, draft});
        for (int v = 1; v <= std::max(published, draft); ++v)
          tx.execute(
              "INSERT INTO knowledge_versions (org_id, item_id, version, status, category, title, body, tags, "
              "author_id, created_at, updated_at) VALUES (3, ?, ?, 'concept', ?, ?, 'tekst', '[]', 4, 1, 1)",
              {id, v, std::string(category), "versie " + std::to_string(v)});
      }
      return true;
    });
    store::migrate(db, migrations);
    db.with_read([](store::Tx& tx) {
      const auto rows = tx.query("SELECT rowid, title FROM knowledge_fts ORDER BY rowid & ?", {kItemMask});
      ASSERT_EQ(rows.size(), 4u);
      EXPECT_EQ(rows[0].i64(0), of(3, "gepubliceerd", "methodiek", 10));
      EXPECT_EQ(rows[1].i64(0), of(3, "concept", "procedure", 11));
      EXPECT_EQ(rows[2].i64(0), of(3, "gearchiveerd", "richtlijn", 12));
      EXPECT_EQ(rows[2].str(1), "versie 2") << "the published version, not an older one";
      EXPECT_EQ(rows[3].i64(0), of(3, "ter_review", "document", 13));
    });
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace wk::knowledge::search_key
