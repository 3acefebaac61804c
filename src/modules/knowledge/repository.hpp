// SQL for knowledge items, their versions, tags and search index. Every statement
// filters on org_id; the search index is per dialect (docs/decisions/0006).
#pragma once

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

std::int64_t insert_item(Tx& tx, std::int64_t org_id, const ItemRow& i);
void update_item(Tx& tx, std::int64_t org_id, const ItemRow& i);
std::optional<ItemRow> find_item(Tx& tx, std::int64_t org_id, std::int64_t id);
std::vector<ItemRow> list_items(Tx& tx, std::int64_t org_id, const ItemQuery& q);
std::int64_t count_items(Tx& tx, std::int64_t org_id, const ItemQuery& q);

void insert_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, const VersionRow& v);
void update_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, const VersionRow& v);
std::optional<VersionRow> find_version(Tx& tx, std::int64_t org_id, std::int64_t item_id, std::int64_t version);
std::vector<VersionRow> versions(Tx& tx, std::int64_t org_id, std::int64_t item_id);
std::int64_t last_version(Tx& tx, std::int64_t org_id, std::int64_t item_id);

// The text readers see becomes the item's tags and search entry.
void index(Tx& tx, std::int64_t org_id, std::int64_t item_id, const std::string& title, const std::string& body,
           const std::vector<std::string>& tags);

struct Match {
  std::int64_t id = 0;
  double rank = 0;  // smaller is better
};
struct Matches {
  std::vector<Match> page;
  std::int64_t total = 0;
  std::vector<std::pair<std::string, std::int64_t>> categories, tags;
};
// Items whose indexed text has every term (the last as a prefix when asked), of the
// given statuses, category and tag; best first.
Matches search(Tx& tx, std::int64_t org_id, const dutch::Query& query, const std::vector<std::string>& statuses, const std::optional<std::string>& category,
               const std::optional<std::string>& tag, int limit, int offset);

}  // namespace wk::knowledge::repo
