#include "modules/knowledge/repository.hpp"

#include "core/dutch.hpp"

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
  return {r.i64(0), r.str(1), r.str(2), r.i64(3), r.opt_i64(4), r.opt_i64(5), r.opt_str(6),
          r.i64(7), r.i64(8), r.i64(9), r.opt_str(10)};
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
  return {org_id,      q.category, q.category,       q.status,       q.status, q.owner_id, q.owner_id, q.tag,
          q.tag,       q.hide_archived, q.draft_status, q.draft_status};
}

constexpr const char* kVersionColumns =
    "SELECT version, status, category, title, body, tags, author_id, created_at, updated_at, submitted_at, "
    "reviewed_at, reviewed_by, review_remark FROM knowledge_versions ";

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

// The terms of a text for PostgreSQL's `simple` configuration: stems and words as written.
std::string terms_of(const std::string& text) {
  std::string out;
  for (const auto& w : dutch::words(text)) {
    out += w.term;
    out += ' ';
    if (w.folded != w.term) {
      out += w.folded;
      out += ' ';
    }
  }
  return out;
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
}

std::optional<ItemRow> find_item(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(kItemColumns + "WHERE i.org_id = ? AND i.id = ?", {org_id, id});
  if (!r) return std::nullopt;
  return item_from(*r);
}

std::vector<ItemRow> list_items(Tx& tx, std::int64_t org_id, const ItemQuery& q) {
  auto params = item_params(org_id, q);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  std::vector<ItemRow> out;
  for (const auto& r :
       tx.query(kItemColumns + kItemFilter + "ORDER BY i.updated_at DESC, i.id DESC LIMIT ? OFFSET ?",
                params))
    out.push_back(item_from(r));
  return out;
}

std::int64_t count_items(Tx& tx, std::int64_t org_id, const ItemQuery& q) {
  return tx.query(std::string("SELECT COUNT(*) FROM knowledge_items i ") + kItemFilter, item_params(org_id, q))
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

std::vector<VersionRow> versions(Tx& tx, std::int64_t org_id, std::int64_t item_id) {
  std::vector<VersionRow> out;
  for (const auto& r :
       tx.query(std::string(kVersionColumns) + "WHERE org_id = ? AND item_id = ? ORDER BY version DESC", {org_id, item_id}))
    out.push_back(version_from(r));
  return out;
}

std::int64_t last_version(Tx& tx, std::int64_t org_id, std::int64_t item_id) {
  return tx.query("SELECT COALESCE(MAX(version), 0) FROM knowledge_versions WHERE org_id = ? AND item_id = ?",
                  {org_id, item_id})
      .front()
      .i64(0);
}

void index(Tx& tx, std::int64_t org_id, std::int64_t item_id, const std::string& title, const std::string& body,
           const std::vector<std::string>& tags) {
  tx.execute("DELETE FROM knowledge_tags WHERE org_id = ? AND item_id = ?", {org_id, item_id});
  for (const auto& t : tags)
    tx.execute("INSERT INTO knowledge_tags (org_id, item_id, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
               {org_id, item_id, t});
  if (tx.dialect() == store::Dialect::sqlite) {
    // The FTS table is keyed by item id (ids are unique across organisations).
    tx.execute("DELETE FROM knowledge_fts WHERE rowid = ?", {item_id});
    tx.execute("INSERT INTO knowledge_fts (rowid, title, body) VALUES (?, ?, ?)", {item_id, title, body});
  } else {
    tx.execute(
        "UPDATE knowledge_items SET search = setweight(to_tsvector('simple', ?), 'A') || "
        "setweight(to_tsvector('simple', ?), 'B') WHERE org_id = ? AND id = ?",
        {terms_of(title), terms_of(body), org_id, item_id});
  }
}

Matches search(Tx& tx, std::int64_t org_id, const dutch::Query& query, const std::vector<std::string>& statuses,
               const std::optional<std::string>& category, const std::optional<std::string>& tag, int limit,
               int offset) {
  Matches out;
  const auto& terms = query.terms;
  if (terms.empty() || statuses.empty()) return out;
  const bool sqlite = tx.dialect() == store::Dialect::sqlite;
  // Terms are letters and digits only (dutch::parse_query), so quoting them is enough. The
  // word being typed matches by its stem or as a prefix of words as written.
  std::string match;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const bool typing = query.last_is_prefix && i + 1 == terms.size();
    if (sqlite) {
      match += i ? " AND " : "";  // FTS5 wants an explicit AND before a bracketed group
      match += typing ? "(\"" + terms[i] + "\" OR \"" + query.prefix + "\" *)" : "\"" + terms[i] + "\"";
    } else {
      match += i ? " & " : "";
      match += typing ? "(" + terms[i] + " | " + query.prefix + ":*)" : terms[i];
    }
  }
  // FROM, the match condition and the filters, shared by the page, the count and the facets.
  const std::string from =
      // CROSS JOIN keeps the full-text match as the outer loop: SQLite would otherwise
      // walk the items and run the match once per item (seconds at 100,000 items).
      sqlite ? "FROM knowledge_fts f CROSS JOIN knowledge_items i ON i.id = f.rowid WHERE knowledge_fts MATCH ? "
             : "FROM knowledge_items i WHERE i.search @@ to_tsquery('simple', ?) ";
  const std::string filters = "AND i.org_id = ? AND i.status IN (" + store::placeholders(statuses.size()) +
                              ") AND (CAST(? AS TEXT) IS NULL OR i.category = ?) AND (CAST(? AS TEXT) IS NULL OR "
                              "EXISTS (SELECT 1 FROM knowledge_tags t WHERE t.org_id = i.org_id AND t.item_id = i.id "
                              "AND t.tag = ?)) ";
  std::vector<Param> params{match, org_id};
  for (const auto& s : statuses) params.emplace_back(s);
  for (const auto* v : {&category, &category, &tag, &tag}) params.emplace_back(*v);

  // Title matches weigh more than body matches: bm25 column weights 10:1 on SQLite,
  // ts_rank's A:B = 1.0:0.4 on PostgreSQL.
  const std::string rank = sqlite ? "bm25(knowledge_fts, 10.0, 1.0)"
                                  : "-ts_rank(i.search, to_tsquery('simple', ?))";
  auto page_params = params;
  if (!sqlite) page_params.insert(page_params.begin(), Param(match));
  page_params.emplace_back(limit);
  page_params.emplace_back(offset);
  for (const auto& r : tx.query("SELECT i.id, " + rank + " AS r " + from + filters + "ORDER BY r, i.id LIMIT ? OFFSET ?",
                                page_params))
    out.page.push_back({r.i64(0), r.f64(1)});
  // The category facet covers every match once, so its counts add up to the total.
  for (const auto& r : tx.query("SELECT i.category, COUNT(*) " + from + filters + "GROUP BY i.category ORDER BY 1",
                                params)) {
    out.categories.emplace_back(r.str(0), r.i64(1));
    out.total += r.i64(1);
  }
  auto tag_params = params;
  tag_params.emplace_back(org_id);
  for (const auto& r : tx.query("SELECT kt.tag, COUNT(*) FROM knowledge_tags kt WHERE kt.item_id IN (SELECT i.id " +
                                    from + filters + ") AND kt.org_id = ? GROUP BY kt.tag ORDER BY 2 DESC, 1 LIMIT 20",
                                tag_params))
    out.tags.emplace_back(r.str(0), r.i64(1));
  return out;
}

}  // namespace wk::knowledge::repo
