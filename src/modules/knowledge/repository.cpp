#include "modules/knowledge/repository.hpp"

#include "core/paging.hpp"

#include "core/dutch.hpp"
#include "modules/knowledge/search_key.hpp"
#include "modules/knowledge/search_phrases.hpp"
#include "store/id_set.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <queue>
#include <set>

namespace wk::knowledge::repo {

using store::Param;

namespace {

// The columns item_from reads, in its order.
constexpr const char* kItemColumnList =
    "i.id, i.category, i.status, i.owner_id, i.published_version, i.draft_version, i.review_by, "
    "i.created_by, i.created_at, i.updated_at, i.source";

const std::string kItemColumns = std::string("SELECT ") + kItemColumnList + " FROM knowledge_items i ";

}  // namespace

std::string item_column_list() {
  return kItemColumnList;
}

std::string item_columns() {
  return kItemColumns;
}

ItemRow item_from(const store::Row& r) {
  return {r.i64(0),     r.str(1), r.str(2), r.i64(3), r.opt_i64(4), r.opt_i64(5),
          r.opt_str(6), r.i64(7), r.i64(8), r.i64(9), r.opt_str(10)};
}

namespace {

constexpr const char* kItemFilter =
    "WHERE i.org_id = ? AND (CAST(? AS TEXT) IS NULL OR i.category = ?) AND (CAST(? AS TEXT) IS NULL OR i.status = ?) "
    "AND (CAST(? AS BIGINT) IS NULL OR i.owner_id = ?) AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM "
    "knowledge_tags t WHERE t.org_id = i.org_id AND t.item_id = i.id AND t.tag = ?)) "
    "AND (? = 0 OR i.status <> 'gearchiveerd') "
    "AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM knowledge_versions dv WHERE dv.org_id = i.org_id AND "
    "dv.item_id = i.id AND dv.version = i.draft_version AND dv.status = ?)) ";

std::vector<Param> item_params(std::int64_t org_id, const ItemQuery& q) {
  return {org_id,     q.category, q.category, q.status,        q.status,       q.owner_id,
          q.owner_id, q.tag,      q.tag,      q.hide_archived, q.draft_status, q.draft_status};
}

// The columns version_from reads, in its order.
const std::string kVersionColumnList =
    "version, status, category, title, body, tags, author_id, created_at, updated_at, submitted_at, reviewed_at, "
    "reviewed_by, review_remark";
const std::string kVersionColumns = "SELECT " + kVersionColumnList + " FROM knowledge_versions ";

VersionRow version_from(const store::Row& r) {
  VersionRow v;
  v.version = r.i64(0);
  v.status = r.str(1);
  v.category = r.str(2);
  v.title = r.str(3);
  v.body = r.str(4);
  v.tags = r.str(5);
  v.author_id = r.i64(6);
  v.created_at = r.i64(7);
  v.updated_at = r.i64(8);
  v.submitted_at = r.opt_i64(9);
  v.reviewed_at = r.opt_i64(10);
  v.reviewed_by = r.opt_i64(11);
  v.review_remark = r.opt_str(12);
  return v;
}

// On PostgreSQL, where each server searches its own copy of the index (search_replica.hpp):
// the item's indexed text, status or category may have changed, so the copies read it anew.
void note_search_change(Tx& tx, std::int64_t org_id, std::int64_t item_id) {
  tx.execute("INSERT INTO knowledge_search_changes (org_id, item_id) VALUES (?, ?)", {org_id, item_id});
}

}  // namespace

std::int64_t insert_item(Tx& tx, std::int64_t org_id, const ItemRow& i) {
  return tx.insert(
      "INSERT INTO knowledge_items (org_id, category, status, owner_id, published_version, draft_version, review_by, "
      "created_by, created_at, updated_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org_id, i.category, i.status, i.owner_id, i.published_version, i.draft_version, i.review_by, i.created_by,
       i.created_at, i.updated_at, i.source});
}

void update_item(Tx& tx, std::int64_t org_id, const ItemRow& i) {
  tx.execute(
      "UPDATE knowledge_items SET category = ?, status = ?, owner_id = ?, published_version = ?, draft_version = ?, "
      "review_by = ?, updated_at = ? WHERE org_id = ? AND id = ?",
      {i.category, i.status, i.owner_id, i.published_version, i.draft_version, i.review_by, i.updated_at, org_id,
       i.id});
  if (tx.dialect() != store::Dialect::sqlite) return note_search_change(tx, org_id, i.id);
  // The search entry follows the item's status and category (search_key.hpp).
  const auto key = search_key::of(org_id, i.status, i.category, i.id);
  std::vector<Param> params{key};
  for (const auto k : search_key::all_of(org_id, i.id))
    if (k != key) params.emplace_back(k);
  tx.execute("UPDATE knowledge_fts SET rowid = ? WHERE rowid IN (" + store::placeholders(params.size() - 1) + ")",
             params);
}

std::optional<ItemRow> find_item(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(kItemColumns + "WHERE i.org_id = ? AND i.id = ?", {org_id, id});
  if (!r) return std::nullopt;
  return item_from(*r);
}

std::vector<ItemRow> find_items(Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids) {
  std::vector<ItemRow> out;
  if (ids.empty()) return out;
  std::vector<Param> params{org_id};
  params.insert(params.end(), ids.begin(), ids.end());
  tx.each(kItemColumns + "WHERE i.org_id = ? AND i.id IN (" + store::placeholders(ids.size()) + ")", params,
          [&](store::Row& r) { out.push_back(item_from(r)); });
  return out;
}

std::vector<ItemRow> list_items(Tx& tx, std::int64_t org_id, const ItemQuery& q) {
  const bool ids_first = tx.dialect() == store::Dialect::postgres;  // core/paging.hpp
  std::vector<Param> params;
  if (ids_first) params.emplace_back(org_id);
  const auto filter = item_params(org_id, q);
  params.insert(params.end(), filter.begin(), filter.end());
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  std::vector<ItemRow> out;
  for (const auto& r : tx.query(paging::offset_page(ids_first, kItemColumns, "knowledge_items", "i", kItemFilter,
                                                    "ORDER BY i.updated_at DESC, i.id DESC "),
                                params))
    out.push_back(item_from(r));
  return out;
}

std::int64_t count_items(Tx& tx, std::int64_t org_id, const ItemQuery& q) {
  auto params = item_params(org_id, q);
  params.emplace_back(paging::kCountCap + 1);
  return tx
      .query(std::string("SELECT COUNT(*) FROM (SELECT 1 FROM knowledge_items i ") + kItemFilter + "LIMIT ?) x", params)
      .front()
      .i64(0);
}

void insert_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, const VersionRow& v) {
  tx.execute(
      "INSERT INTO knowledge_versions (org_id, item_id, version, status, category, title, body, tags, author_id, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {org_id, item_id, v.version, v.status, v.category, v.title, v.body, v.tags, v.author_id, v.created_at,
       v.updated_at});
}

void update_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, const VersionRow& v) {
  tx.execute(
      "UPDATE knowledge_versions SET status = ?, category = ?, title = ?, body = ?, tags = ?, updated_at = ?, "
      "submitted_at = ?, reviewed_at = ?, reviewed_by = ?, review_remark = ? "
      "WHERE org_id = ? AND item_id = ? AND version = ?",
      {v.status, v.category, v.title, v.body, v.tags, v.updated_at, v.submitted_at, v.reviewed_at, v.reviewed_by,
       v.review_remark, org_id, item_id, v.version});
}

std::optional<VersionRow> find_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version) {
  auto r = tx.query_one(std::string(kVersionColumns) + "WHERE org_id = ? AND item_id = ? AND version = ?",
                        {org_id, item_id, version});
  if (!r) return std::nullopt;
  return version_from(*r);
}

// `+org_id`: SQLite, without statistics (decision 0007), took the (org_id, …) index for
// `org_id = ?` and walked every version of the organisation, and planned an OR of
// (item, version) pairs the same way beyond a few (bench/lists.sh, a million items: 880 ms
// a page). By the key (item_id, version) it reads the pairs asked for and a few more.
std::string versions_by_key_sql(std::size_t items, std::size_t versions) {
  return "SELECT " + kVersionColumnList + ", item_id FROM knowledge_versions WHERE +org_id = ? AND item_id IN (" +
         store::placeholders(items) + ") AND version IN (" + store::placeholders(versions) + ")";
}

std::map<std::pair<std::int64_t, std::int64_t>, VersionRow> find_versions(
    Tx& tx, std::int64_t org_id, const std::vector<std::pair<std::int64_t, std::int64_t>>& wanted) {
  std::map<std::pair<std::int64_t, std::int64_t>, VersionRow> out;
  if (wanted.empty()) return out;
  const std::set<std::pair<std::int64_t, std::int64_t>> pairs(wanted.begin(), wanted.end());
  std::set<std::int64_t> items, versions;
  for (const auto& [item, version] : pairs) {
    items.insert(item);
    versions.insert(version);
  }
  std::vector<Param> params{org_id};
  params.insert(params.end(), items.begin(), items.end());
  params.insert(params.end(), versions.begin(), versions.end());
  tx.each(versions_by_key_sql(items.size(), versions.size()), params, [&](store::Row& r) {
    const std::pair key{r.i64(13), r.i64(0)};
    if (pairs.contains(key)) out.emplace(key, version_from(r));
  });
  return out;
}

std::vector<VersionRow> versions(Tx& tx, std::int64_t org_id, std::int64_t item_id) {
  std::vector<VersionRow> out;
  for (const auto& r : tx.query(std::string(kVersionColumns) + "WHERE org_id = ? AND item_id = ? ORDER BY version DESC",
                                {org_id, item_id}))
    out.push_back(version_from(r));
  return out;
}

std::int64_t last_version(Tx& tx, std::int64_t org_id, std::int64_t item_id) {
  return tx
      .query("SELECT COALESCE(MAX(version), 0) FROM knowledge_versions WHERE org_id = ? AND item_id = ?",
             {org_id, item_id})
      .front()
      .i64(0);
}

void remove_search_entry(Tx& index, std::int64_t org_id, std::int64_t item_id) {
  const auto keys = search_key::all_of(org_id, item_id);
  index.execute("DELETE FROM knowledge_fts WHERE rowid IN (" + store::placeholders(keys.size()) + ")",
                std::vector<Param>(keys.begin(), keys.end()));
}

void put_search_entry(Tx& index, std::int64_t org_id, std::int64_t item_id, const std::string& status,
                      const std::string& category, const std::string& title, const std::string& body) {
  index.execute("INSERT INTO knowledge_fts (rowid, title, body) VALUES (?, ?, ?)",
                {search_key::of(org_id, status, category, item_id), title, body});
}

void index(Tx& tx, std::int64_t org_id, const ItemRow& item, const std::string& title, const std::string& body,
           const std::vector<std::string>& tags) {
  // By the item's key (item_id, tag): through knowledge_tags_tag (org_id, tag) SQLite walked
  // every tag of the organisation, 60 ms of each save at 100,000 items.
  tx.execute("DELETE FROM knowledge_tags WHERE +org_id = ? AND item_id = ?", {org_id, item.id});
  for (const auto& t : tags)
    tx.execute("INSERT INTO knowledge_tags (org_id, item_id, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
               {org_id, item.id, t});
  if (tx.dialect() == store::Dialect::sqlite) {
    remove_search_entry(tx, org_id, item.id);
    put_search_entry(tx, org_id, item.id, item.status, item.category, title, body);
  } else {
    note_search_change(tx, org_id, item.id);
  }
}

bool reindex_if_tokenizer_changed(Tx& tx) {
  // On PostgreSQL each server's copy records its tokenizer and is built anew when it differs.
  if (tx.dialect() != store::Dialect::sqlite) return false;
  const auto version = dutch::tokenizer_version();
  const auto stored = tx.query_one("SELECT version FROM search_index_version WHERE name = 'knowledge'");
  if (stored && stored->str(0) == version) return false;
  // FTS5 keeps the text: it tokenizes it anew (decision 0006).
  tx.execute("INSERT INTO knowledge_fts (knowledge_fts) VALUES ('rebuild')");
  tx.execute("INSERT INTO knowledge_fts (knowledge_fts) VALUES ('optimize')");
  tx.execute("DELETE FROM search_index_version WHERE name = 'knowledge'");
  tx.execute("INSERT INTO search_index_version (name, version) VALUES ('knowledge', ?)", {version});
  return true;
}

namespace {

// The tag facet counts the tags of the best this many matches: exact up to that many, and
// what the first ten pages of a larger result hold beyond (counting every match's tags costs
// a lookup per match, tens of milliseconds at 100,000 items).
constexpr int kTagFacetDepth = 200;

// A search's FTS5 MATCH expression: each word's phrases (search_phrases.hpp) in brackets,
// joined by OR, the words joined by AND.
struct Match {
  std::string text;
  int phrases = 0;  // FTS5's phrases in it
  bool one_term = true;
  std::uint64_t part_mask = 0;  // the phrases that find compounds' parts (bit i: phrase i)
  // FTS5 reads each phrase's hits from the index as they are, except a prefix of a length
  // without a prefix index (migration 0009: 3 to 8 letters), whose words' hits it first
  // merges: that costs as much again each time the expression is evaluated.
  bool repeats_cheaply = true;
};

constexpr std::size_t kShortestIndexedPrefix = 3, kLongestIndexedPrefix = 8;

// Terms are letters and digits only (dutch::parse_query), so quoting them is enough.
Match match_expression(const std::vector<Phrase>& phrases) {
  Match match;
  match.one_term = words_of(phrases) == 1;
  for (std::size_t k = 0; k < phrases.size(); ++k) {
    const auto& p = phrases[k];
    const bool first_of_word = k == 0 || phrases[k - 1].word != p.word;
    const bool last_of_word = k + 1 == phrases.size() || phrases[k + 1].word != p.word;
    // FTS5 wants an explicit AND before a bracketed group.
    match.text += first_of_word ? (k ? " AND (" : "(") : " OR ";
    match.text += "\"" + p.text + "\"" + (p.prefix ? " *" : "");
    if (last_of_word) match.text += ")";
    if (p.part) match.part_mask |= std::uint64_t{1} << k;
    const auto letters = p.text.size() - (p.part ? 1 : 0);
    if (p.prefix && !p.part && (letters < kShortestIndexedPrefix || letters > kLongestIndexedPrefix))
      match.repeats_cheaply = false;
  }
  match.phrases = static_cast<int>(phrases.size());
  return match;
}

using Cells = std::array<std::int64_t, search_key::kCells>;

// The categories with matches, in the rules' order (both stores answer alike).
std::vector<std::pair<std::string, std::int64_t>> in_order(const std::map<std::string, std::int64_t>& counted,
                                                           const std::vector<std::string>& categories) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& c : categories)
    if (const auto it = counted.find(c); it != counted.end() && it->second) out.emplace_back(c, it->second);
  return out;
}

// The same from the matches per cell (search_key.hpp).
std::vector<std::pair<std::string, std::int64_t>> per_category(const Cells& per_cell,
                                                               const std::vector<std::string>& categories) {
  std::map<std::string, std::int64_t> counted;
  for (int cell = 0; cell < search_key::kCells; ++cell)
    counted[search_key::category_of_cell(cell)] += per_cell[static_cast<std::size_t>(cell)];
  return in_order(counted, categories);
}

struct Ranked {
  std::vector<std::int64_t> ids;                                 // best first
  std::vector<std::pair<std::string, std::int64_t>> categories;  // methodiek, document, procedure, richtlijn
};

// wk_rank's weight of a title hit (store/sqlite/fts_rank.hpp): one title hit, 10 / 2.2,
// outweighs the body hits of up to four phrases (each part below 1).
constexpr int kTitleWeight = 10;
constexpr int kPhrasesBelowOneTitleHit = 4;

// A condition after an FTS5 MATCH that keeps a scan to the items a search may return.
struct Filter {
  std::string sql;  // empty, or " AND …"
  std::vector<Param> params;
  Filter& operator+=(const Filter& more) {
    sql += more.sql;
    params.insert(params.end(), more.params.begin(), more.params.end());
    return *this;
  }
};

// The key ranges of the statuses and categories (search_key.hpp).
Filter in_ranges(const std::vector<search_key::Range>& ranges) {
  Filter f;
  for (const auto& r : ranges) {
    f.sql += f.sql.empty() ? " AND (" : " OR ";
    f.sql += "rowid BETWEEN ? AND ?";
    f.params.insert(f.params.end(), {r.lo, r.hi});
  }
  f.sql += f.sql.empty() ? " AND 0" : ")";  // no range, no match
  return f;
}

// The items with the tag, if any: wk_in_ids (store/sqlite/id_set_function.hpp) tests a
// bitmap of them where `IN (SELECT …)` would seek a temporary b-tree for every match.
Filter with_tag(Tx& tx, std::int64_t org_id, const std::optional<std::string>& tag) {
  if (!tag) return {};
  std::vector<std::int64_t> items;
  tx.each("SELECT item_id FROM knowledge_tags WHERE org_id = ? AND tag = ?", {org_id, *tag},
          [&](store::Row& r) { items.push_back(r.i64(0)); });
  return {" AND wk_in_ids(rowid & " + std::to_string(search_key::kItemMask) + ", ?)", {store::id_set(items)}};
}

// The best `depth` keys by wk_rank on the search's own phrases (ties by key), and the
// matches per cell counted from their keys, in one pass of FTS5: a heap keeps the best, so
// no match is sorted beyond them.
struct Scan {
  std::vector<std::int64_t> best;  // keys, best first
  Cells per_cell{};
};

Scan scan(Tx& tx, const std::string& fts_match, int phrases, std::uint64_t part_mask, const Filter& filter,
          std::size_t depth) {
  std::vector<Param> params{kTitleWeight, phrases, static_cast<std::int64_t>(part_mask), fts_match};
  params.insert(params.end(), filter.params.begin(), filter.params.end());
  using Scored = std::pair<double, std::int64_t>;  // wk_rank (lower is better), key
  std::priority_queue<Scored> kept;                // the worst kept on top
  Scan out;
  tx.each("SELECT rowid, wk_rank(knowledge_fts, ?, ?, ?) FROM knowledge_fts WHERE knowledge_fts MATCH ?" + filter.sql,
          params, [&](store::Row& r) {
            const Scored s{r.f64(1), r.i64(0)};
            ++out.per_cell[static_cast<std::size_t>(search_key::cell_of(s.second))];
            if (kept.size() < depth) {
              kept.push(s);
            } else if (s < kept.top()) {
              kept.pop();
              kept.push(s);
            }
          });
  out.best.resize(kept.size());
  for (auto i = kept.size(); i-- > 0; kept.pop()) out.best[i] = kept.top().second;
  return out;
}

// The matches per cell without scoring them: a count within each cell's key range, which
// FTS5 seeks to, so that no match leaves SQLite.
Cells count_cells(Tx& tx, const std::string& fts_match, const std::vector<search_key::Range>& cells) {
  Cells out{};
  for (const auto& cell : cells)
    out[static_cast<std::size_t>(search_key::cell_of(cell.lo))] =
        tx.query_one("SELECT count(*) FROM knowledge_fts WHERE knowledge_fts MATCH ? AND rowid BETWEEN ? AND ?",
                     {fts_match, cell.lo, cell.hi})
            ->i64(0);
  return out;
}

// SQLite: FTS5 within the key ranges of the statuses and categories (search_key.hpp).
// Items with a search word in the title rank above all others (kTitleWeight), so when a
// one-word search has at least `depth` of them, the best are among those: that title tier,
// a column filter FTS5 applies as it reads, is scored, and the other matches are only
// counted. That is what makes the commonest words cheap (docs/modules/kennisbank.md,
// "Zoeken op schaal"). Otherwise one pass scores and counts every match: for several words,
// whose tier's second AND costs more than it saves; for a prefix FTS5 merges anew on each
// evaluation; and within a tag, whose items' titles seldom hold enough matches.
Ranked ranked_in_fts(Tx& tx, Tx& index, std::int64_t org_id, const Match& match,
                     const std::vector<std::string>& statuses, const std::vector<std::string>& categories,
                     const std::optional<std::string>& tag, int depth) {
  static_assert(kTitleWeight / (1 + 1.2) > kPhrasesBelowOneTitleHit, "one title hit outweighs the body hits");
  auto within = in_ranges(search_key::ranges(org_id, statuses, categories));
  within += with_tag(tx, org_id, tag);
  const auto wanted = static_cast<std::size_t>(depth);
  Scan found;
  if (!tag && match.one_term && match.repeats_cheaply && match.phrases <= kPhrasesBelowOneTitleHit) {
    found = scan(index, "(" + match.text + ") AND ({title} : (" + match.text + "))", match.phrases, match.part_mask,
                 within, wanted);
    if (found.best.size() >= wanted)
      found.per_cell = count_cells(index, match.text, search_key::cell_ranges(org_id, statuses, categories));
  }
  if (found.best.size() < wanted) found = scan(index, match.text, match.phrases, match.part_mask, within, wanted);
  Ranked out;
  for (const auto key : found.best) out.ids.push_back(search_key::item_of(key));
  out.categories = per_category(found.per_cell, categories);
  return out;
}

}  // namespace

Matches search(Tx& tx, Tx& index, std::int64_t org_id, const dutch::Query& query,
               const std::vector<std::string>& statuses, const std::optional<std::string>& category,
               const std::optional<std::string>& tag, int limit, int offset) {
  Matches out;
  if (query.terms.empty() || statuses.empty()) return out;
  const auto phrases = phrases_of(query);
  const auto all = knowledge::categories();
  const auto categories = category ? std::vector{*category} : std::vector<std::string>(all.begin(), all.end());
  const int depth = std::max(kTagFacetDepth, offset + limit);
  const auto ranked = ranked_in_fts(tx, index, org_id, match_expression(phrases), statuses, categories, tag, depth);
  out.categories = ranked.categories;
  for (const auto& [c, n] : ranked.categories) out.total += n;
  for (std::size_t i = offset; i < ranked.ids.size() && i < static_cast<std::size_t>(offset + limit); ++i)
    out.page.push_back(ranked.ids[i]);
  const auto counted = std::min<std::size_t>(ranked.ids.size(), kTagFacetDepth);
  out.tags_counted_over = static_cast<std::int64_t>(counted);
  if (counted == 0) return out;
  std::vector<Param> params{org_id};
  params.insert(params.end(), ranked.ids.begin(), ranked.ids.begin() + counted);
  // By the items' keys: the unary + keeps SQLite from walking every tag of the
  // organisation through knowledge_tags_tag (ninety milliseconds at 100,000 items).
  for (const auto& r : tx.query("SELECT tag, COUNT(*) FROM knowledge_tags WHERE +org_id = ? AND item_id IN (" +
                                    store::placeholders(counted) + ") GROUP BY tag ORDER BY 2 DESC, 1 LIMIT 20",
                                params))
    out.tags.emplace_back(r.str(0), r.i64(1));
  return out;
}

}  // namespace wk::knowledge::repo
