// SQL for knowledge items, their versions, tags and search index. Every statement
// filters on org_id. The search index is SQLite's FTS5 table knowledge_fts: in the
// embedded store itself, or on PostgreSQL in each server's copy (search_replica.hpp,
// docs/decisions/0011).
#pragma once

#include <map>
#include <utility>

#include "modules/knowledge/knowledge.hpp"

namespace wk::knowledge::repo {

using store::Tx;

struct ItemRow {
  std::int64_t id = 0;
  std::string category, status;
  std::int64_t owner_id = 0;
  std::optional<std::int64_t> published_version, draft_version;
  std::optional<std::string> review_by;
  std::int64_t created_by = 0;
  Millis created_at = 0, updated_at = 0;
  std::optional<std::string> source;  // JSON: {"story":{"id","title"},"session":…}
};

struct VersionRow {
  std::int64_t version = 0;
  std::string status, category, title, body, tags;  // tags: JSON array
  std::int64_t author_id = 0;
  Millis created_at = 0, updated_at = 0;
  std::optional<Millis> submitted_at, reviewed_at;
  std::optional<std::int64_t> reviewed_by;
  std::optional<std::string> review_remark;
};

// "SELECT … FROM knowledge_items i " and the row it reads, for the queries of both files;
// the column list alone for queries that select more.
std::string item_columns();
std::string item_column_list();
ItemRow item_from(const store::Row& r);

std::int64_t insert_item(Tx& tx, std::int64_t org_id, const ItemRow& i);
void update_item(Tx& tx, std::int64_t org_id, const ItemRow& i);
std::optional<ItemRow> find_item(Tx& tx, std::int64_t org_id, std::int64_t id);
// The items with these ids, in no particular order; ids of no item are left out.
std::vector<ItemRow> find_items(Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids);
std::vector<ItemRow> list_items(Tx& tx, std::int64_t org_id, const ItemQuery& q);
// Counted up to paging::kCountCap + 1 (core/paging.hpp).
std::int64_t count_items(Tx& tx, std::int64_t org_id, const ItemQuery& q);

void insert_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, const VersionRow& v);
void update_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, const VersionRow& v);
std::optional<VersionRow> find_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version);
// The versions (item id, version) asked for, in one statement: a page of items without a
// round trip per item (on PostgreSQL each costs a network round trip).
std::map<std::pair<std::int64_t, std::int64_t>, VersionRow> find_versions(
    Tx& tx, std::int64_t org_id, const std::vector<std::pair<std::int64_t, std::int64_t>>& wanted);
// Its statement, for the test of SQLite's plan (by the key, never the organisation's index).
std::string versions_by_key_sql(std::size_t items, std::size_t versions);
std::vector<VersionRow> versions(Tx& tx, std::int64_t org_id, std::int64_t item_id);
std::int64_t last_version(Tx& tx, std::int64_t org_id, std::int64_t item_id);

// Rebuilds the embedded store's search index when it was made by another tokenizer version
// than dutch::tokenizer_version() (decision 0009) and records the version; true when it
// did. PostgreSQL's copies check their own.
bool reindex_if_tokenizer_changed(Tx& tx);

// The text readers see becomes the item's tags and search entry.
// On SQLite the entry is keyed by the item's status and category (search_key.hpp), which
// update_item keeps in step; on PostgreSQL both note the change in knowledge_search_changes
// for the servers' copies to read.
void index(Tx& tx, std::int64_t org_id, const ItemRow& item, const std::string& title, const std::string& body,
           const std::vector<std::string>& tags);

// The item's entry in knowledge_fts (the embedded store's, or a server's copy): every key
// it could have removed; written under the key of its status and category.
void remove_search_entry(Tx& index, std::int64_t org_id, std::int64_t item_id);
void put_search_entry(Tx& index, std::int64_t org_id, std::int64_t item_id, const std::string& status,
                      const std::string& category, const std::string& title, const std::string& body);

struct Matches {
  std::vector<std::int64_t> page;  // item ids, best first
  std::int64_t total = 0;
  std::vector<std::pair<std::string, std::int64_t>> categories;  // over every match
  std::vector<std::pair<std::string, std::int64_t>> tags;        // over the best tags_counted_over
  std::int64_t tags_counted_over = 0;
};
// Items whose indexed text has every term (the last as a prefix when asked), of the
// given statuses, category and tag; best first: title matches above body matches, then
// by how often the words occur. `index` reads the search index (on SQLite `tx` itself),
// `tx` the items' tags.
Matches search(Tx& tx, Tx& index, std::int64_t org_id, const dutch::Query& query,
               const std::vector<std::string>& statuses, const std::optional<std::string>& category,
               const std::optional<std::string>& tag, int limit, int offset);

// ---- repository_events.cpp: verifications, ratings, views, attachments ----

struct VerificationRow {
  std::int64_t id = 0, version = 0, verified_by = 0;
  Millis verified_at = 0;
  std::optional<std::string> remark, review_by_before;
  std::string review_by_after;
};
void insert_verification(Tx& tx, std::int64_t org_id, std::int64_t item_id, const VerificationRow& v);
std::vector<VerificationRow> verifications(Tx& tx, std::int64_t org_id, std::int64_t item_id, int limit);

// Published items of an owner (nullopt: every owner) due for review on or before `until`.
std::vector<ItemRow> due_items(Tx& tx, std::int64_t org_id, std::optional<std::int64_t> owner_id,
                               const std::string& until);

struct RatingRow {
  std::int64_t user_id = 0;
  int juistheid = 0, volledigheid = 0;
  std::optional<std::string> remark;
  Millis created_at = 0, updated_at = 0;
};
// Inserts or replaces the person's rating of the version.
void put_rating(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version, const RatingRow& r);
std::vector<RatingRow> ratings(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version);
std::optional<RatingRow> rating_of(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version,
                                   std::int64_t user_id);
RatingSummary rating_summary(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version);
// Published items with ratings of their published version, lowest average first.
std::vector<std::pair<ItemRow, RatingSummary>> lowest_rated(Tx& tx, std::int64_t org_id,
                                                            std::optional<std::int64_t> owner_id, int limit);

void add_view(Tx& tx, std::int64_t org_id, std::int64_t item_id, const std::string& month);
// Views per item in the months [from, to] (YYYY-MM), most first; `published_only` for readers.
std::vector<Consulted> most_consulted(Tx& tx, std::int64_t org_id, const std::string& from, const std::string& to,
                                      const std::optional<std::string>& category, bool published_only, int limit);
std::vector<std::pair<std::string, std::int64_t>> views_per_category(Tx& tx, std::int64_t org_id,
                                                                     const std::string& from, const std::string& to,
                                                                     bool published_only);

struct AttachmentRow {
  std::int64_t id = 0;
  std::string name, content_type, sha256;
  std::int64_t size = 0, uploaded_by = 0;
  Millis uploaded_at = 0;
};
std::int64_t insert_attachment(Tx& tx, std::int64_t org_id, std::int64_t item_id, const AttachmentRow& a,
                               const std::string& data);
std::vector<AttachmentRow> attachments(Tx& tx, std::int64_t org_id, std::int64_t item_id);
// The row and the file's bytes.
std::optional<std::pair<AttachmentRow, std::string>> find_attachment(Tx& tx, std::int64_t org_id, std::int64_t item_id,
                                                                     std::int64_t id);
void delete_attachment(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t id);

void mark_archived(Tx& tx, std::int64_t org_id, std::int64_t item_id, Millis at);

// ---- for the report chapter: the history that gives an item's state on a date ----
struct ItemHistory {
  std::int64_t id = 0;
  std::string category;
  Millis created_at = 0;
  std::optional<Millis> archived_at;
  std::vector<Millis> published_at;                           // each version's publication
  std::vector<std::pair<Millis, std::string>> verifications;  // at, review-by after
};
std::vector<ItemHistory> histories(Tx& tx, std::int64_t org_id);
std::optional<Millis> first_created(Tx& tx, std::int64_t org_id);

struct RatingFigures {
  std::string category;
  std::int64_t count = 0;
  std::optional<double> juistheid, volledigheid;
};
// Ratings given or changed in [from, to] (Millis), per category of the item.
std::vector<RatingFigures> ratings_per_category(Tx& tx, std::int64_t org_id, Millis from, Millis to);

}  // namespace wk::knowledge::repo
