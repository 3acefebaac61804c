// What happens to items besides their text: verifications, ratings, views and attached
// files. Every statement filters on org_id.
#include <cmath>
#include <map>

#include "modules/knowledge/repository.hpp"

namespace wk::knowledge::repo {

namespace {

std::optional<double> one_decimal(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return std::round(r.f64(i) * 10.0) / 10.0;
}

constexpr const char* kRatingColumns =
    "SELECT user_id, juistheid, volledigheid, remark, created_at, updated_at FROM knowledge_ratings "
    "WHERE org_id = ? AND item_id = ? AND version = ? ";

RatingRow rating_from(const store::Row& r) {
  return {r.i64(0), static_cast<int>(r.i64(1)), static_cast<int>(r.i64(2)), r.opt_str(3), r.i64(4), r.i64(5)};
}

constexpr const char* kAttachmentColumns =
    "SELECT id, name, content_type, sha256, size_bytes, uploaded_by, uploaded_at ";

AttachmentRow attachment_from(const store::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.i64(5), r.i64(6)};
}

}  // namespace

void insert_verification(Tx& tx, std::int64_t org_id, std::int64_t item_id, const VerificationRow& v) {
  tx.execute(
      "INSERT INTO knowledge_verifications (org_id, item_id, version, verified_by, verified_at, remark, "
      "review_by_before, review_by_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {org_id, item_id, v.version, v.verified_by, v.verified_at, v.remark, v.review_by_before, v.review_by_after});
}

std::vector<VerificationRow> verifications(Tx& tx, std::int64_t org_id, std::int64_t item_id, int limit) {
  std::vector<VerificationRow> out;
  for (const auto& r : tx.query("SELECT id, version, verified_by, verified_at, remark, review_by_before, "
                                "review_by_after FROM knowledge_verifications WHERE org_id = ? AND item_id = ? "
                                "ORDER BY verified_at DESC, id DESC LIMIT ?",
                                {org_id, item_id, limit}))
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.opt_str(4), r.opt_str(5), r.str(6)});
  return out;
}

std::vector<ItemRow> due_items(Tx& tx, std::int64_t org_id, std::optional<std::int64_t> owner_id,
                               const std::string& until) {
  std::vector<ItemRow> out;
  for (const auto& r :
       tx.query(item_columns() + "WHERE i.org_id = ? AND i.status = 'gepubliceerd' AND i.review_by <= ? "
                                 "AND (CAST(? AS BIGINT) IS NULL OR i.owner_id = ?) ORDER BY i.review_by, i.id",
                {org_id, until, owner_id, owner_id}))
    out.push_back(item_from(r));
  return out;
}

void put_rating(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version, const RatingRow& r) {
  tx.execute(
      "INSERT INTO knowledge_ratings (org_id, item_id, version, user_id, juistheid, volledigheid, remark, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, version, user_id) DO UPDATE SET "
      "juistheid = excluded.juistheid, volledigheid = excluded.volledigheid, remark = excluded.remark, "
      "updated_at = excluded.updated_at",
      {org_id, item_id, version, r.user_id, r.juistheid, r.volledigheid, r.remark, r.created_at, r.updated_at});
}

std::vector<RatingRow> ratings(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version) {
  std::vector<RatingRow> out;
  for (const auto& r :
       tx.query(std::string(kRatingColumns) + "ORDER BY updated_at DESC, user_id", {org_id, item_id, version}))
    out.push_back(rating_from(r));
  return out;
}

std::optional<RatingRow> rating_of(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version,
                                   std::int64_t user_id) {
  auto r = tx.query_one(std::string(kRatingColumns) + "AND user_id = ?", {org_id, item_id, version, user_id});
  if (!r) return std::nullopt;
  return rating_from(*r);
}

RatingSummary rating_summary(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version) {
  const auto r = tx.query(
                       "SELECT COUNT(*), AVG(juistheid), AVG(volledigheid) FROM knowledge_ratings "
                       "WHERE org_id = ? AND item_id = ? AND version = ?",
                       {org_id, item_id, version})
                     .front();
  return {version, r.i64(0), one_decimal(r, 1), one_decimal(r, 2)};
}

std::vector<std::pair<ItemRow, RatingSummary>> lowest_rated(Tx& tx, std::int64_t org_id,
                                                            std::optional<std::int64_t> owner_id, int limit) {
  std::vector<std::pair<ItemRow, RatingSummary>> out;
  // Grouped by the item's key, so its other columns may be selected (PostgreSQL knows
  // they depend on it).
  for (const auto& r : tx.query(
           "SELECT " + item_column_list() +
               ", COUNT(*), AVG(kr.juistheid), AVG(kr.volledigheid) "
               "FROM knowledge_items i JOIN knowledge_ratings kr ON kr.org_id = i.org_id AND kr.item_id = i.id AND "
               "kr.version = i.published_version WHERE i.org_id = ? AND i.status = 'gepubliceerd' "
               "AND (CAST(? AS BIGINT) IS NULL OR i.owner_id = ?) GROUP BY i.id "
               "ORDER BY AVG(kr.juistheid) + AVG(kr.volledigheid), COUNT(*) DESC, i.id LIMIT ?",
           {org_id, owner_id, owner_id, limit})) {
    auto item = item_from(r);
    const auto version = item.published_version.value_or(0);
    out.emplace_back(std::move(item), RatingSummary{version, r.i64(11), one_decimal(r, 12), one_decimal(r, 13)});
  }
  return out;
}

void add_view(Tx& tx, std::int64_t org_id, std::int64_t item_id, const std::string& month) {
  tx.execute(
      "INSERT INTO knowledge_views (org_id, item_id, month, views) VALUES (?, ?, ?, 1) "
      "ON CONFLICT (item_id, month) DO UPDATE SET views = knowledge_views.views + 1",
      {org_id, item_id, month});
}

std::vector<Consulted> most_consulted(Tx& tx, std::int64_t org_id, const std::string& from, const std::string& to,
                                      const std::optional<std::string>& category, bool published_only, int limit) {
  std::vector<Consulted> out;
  for (const auto& r :
       tx.query("SELECT i.id, v.title, i.category, CAST(SUM(kv.views) AS BIGINT) AS n FROM knowledge_views kv "
                "JOIN knowledge_items i ON i.org_id = kv.org_id AND i.id = kv.item_id "
                "JOIN knowledge_versions v ON v.org_id = i.org_id AND v.item_id = i.id AND "
                "v.version = COALESCE(i.published_version, i.draft_version) "
                "WHERE kv.org_id = ? AND kv.month >= ? AND kv.month <= ? AND (? = 0 OR i.status = 'gepubliceerd') "
                "AND (CAST(? AS TEXT) IS NULL OR i.category = ?) GROUP BY i.id, v.title, i.category "
                "ORDER BY n DESC, i.id LIMIT ?",
                {org_id, from, to, published_only, category, category, limit}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3)});
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> views_per_category(Tx& tx, std::int64_t org_id,
                                                                     const std::string& from, const std::string& to,
                                                                     bool published_only) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& r :
       tx.query("SELECT i.category, CAST(SUM(kv.views) AS BIGINT) FROM knowledge_views kv "
                "JOIN knowledge_items i ON i.org_id = kv.org_id AND i.id = kv.item_id "
                "WHERE kv.org_id = ? AND kv.month >= ? AND kv.month <= ? AND (? = 0 OR i.status = 'gepubliceerd') "
                "GROUP BY i.category ORDER BY 1",
                {org_id, from, to, published_only}))
    out.emplace_back(r.str(0), r.i64(1));
  return out;
}

std::int64_t insert_attachment(Tx& tx, std::int64_t org_id, std::int64_t item_id, const AttachmentRow& a,
                               const std::string& data) {
  return tx.insert(
      "INSERT INTO knowledge_attachments (org_id, item_id, name, content_type, size_bytes, sha256, data, "
      "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org_id, item_id, a.name, a.content_type, a.size, a.sha256, store::Bytes{data}, a.uploaded_by, a.uploaded_at});
}

std::vector<AttachmentRow> attachments(Tx& tx, std::int64_t org_id, std::int64_t item_id) {
  std::vector<AttachmentRow> out;
  for (const auto& r : tx.query(
           std::string(kAttachmentColumns) + "FROM knowledge_attachments WHERE org_id = ? AND item_id = ? ORDER BY id",
           {org_id, item_id}))
    out.push_back(attachment_from(r));
  return out;
}

std::optional<std::pair<AttachmentRow, std::string>> find_attachment(Tx& tx, std::int64_t org_id, std::int64_t item_id,
                                                                     std::int64_t id) {
  auto r = tx.query_one(
      std::string(kAttachmentColumns) + ", data FROM knowledge_attachments WHERE org_id = ? AND item_id = ? AND id = ?",
      {org_id, item_id, id});
  if (!r) return std::nullopt;
  return std::pair{attachment_from(*r), r->str(7)};
}

void delete_attachment(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t id) {
  tx.execute("DELETE FROM knowledge_attachments WHERE org_id = ? AND item_id = ? AND id = ?", {org_id, item_id, id});
}

void mark_archived(Tx& tx, std::int64_t org_id, std::int64_t item_id, Millis at) {
  tx.execute("UPDATE knowledge_items SET archived_at = ? WHERE org_id = ? AND id = ?", {at, org_id, item_id});
}

std::optional<Millis> first_created(Tx& tx, std::int64_t org_id) {
  auto r = tx.query_one("SELECT MIN(created_at) FROM knowledge_items WHERE org_id = ?", {org_id});
  return r ? r->opt_i64(0) : std::nullopt;
}

std::vector<ItemHistory> histories(Tx& tx, std::int64_t org_id) {
  std::vector<ItemHistory> out;
  std::map<std::int64_t, std::size_t> at;
  for (const auto& r : tx.query("SELECT id, category, created_at, archived_at FROM knowledge_items WHERE org_id = ? "
                                "ORDER BY id",
                                {org_id})) {
    at.emplace(r.i64(0), out.size());
    out.push_back({r.i64(0), r.str(1), r.i64(2), r.opt_i64(3), {}, {}});
  }
  // A published or replaced version was published when it was reviewed.
  for (const auto& r : tx.query("SELECT item_id, reviewed_at FROM knowledge_versions WHERE org_id = ? AND status IN "
                                "('gepubliceerd', 'vervangen') AND reviewed_at IS NOT NULL",
                                {org_id}))
    if (auto it = at.find(r.i64(0)); it != at.end()) out[it->second].published_at.push_back(r.i64(1));
  for (const auto& r : tx.query("SELECT item_id, verified_at, review_by_after FROM knowledge_verifications "
                                "WHERE org_id = ? ORDER BY verified_at",
                                {org_id}))
    if (auto it = at.find(r.i64(0)); it != at.end()) out[it->second].verifications.emplace_back(r.i64(1), r.str(2));
  return out;
}

std::vector<RatingFigures> ratings_per_category(Tx& tx, std::int64_t org_id, Millis from, Millis to) {
  std::vector<RatingFigures> out;
  for (const auto& r :
       tx.query("SELECT i.category, COUNT(*), AVG(kr.juistheid), AVG(kr.volledigheid) FROM knowledge_ratings kr "
                "JOIN knowledge_items i ON i.org_id = kr.org_id AND i.id = kr.item_id "
                "WHERE kr.org_id = ? AND kr.updated_at >= ? AND kr.updated_at <= ? GROUP BY i.category ORDER BY 1",
                {org_id, from, to}))
    out.push_back({r.str(0), r.i64(1), one_decimal(r, 2), one_decimal(r, 3)});
  return out;
}

}  // namespace wk::knowledge::repo
