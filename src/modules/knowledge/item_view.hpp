// Inside the knowledge module: who sees and changes an item, and the Item a caller gets.
// Shared by the service's files (service.cpp, service_review.cpp, service_files.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "modules/knowledge/knowledge.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/organisation/people.hpp"

namespace wk::knowledge::detail {

using store::Tx;

// Names for answers; an owner is active and reads the knowledge base.
struct People {
  organisation::People all;

  static People load(Tx& tx, std::int64_t org_id) { return {organisation::People::load(tx, org_id)}; }
  Ref ref(std::int64_t id) const { return {id, all.name(id)}; }
  bool may_own(std::int64_t id) const { return all.active_with(id, may_read); }
};

std::vector<std::string> tags_of(const std::string& json_text);
bool is_draft(const std::string& version_status);
Version version_of(const repo::VersionRow& v, const People& people);

// Who may see and change the drafts of an item: quality staff, its owner, the author of
// its draft.
bool is_editor(const Principal& p, const repo::ItemRow& item, const std::optional<repo::VersionRow>& draft);
std::optional<repo::VersionRow> draft_of(Tx& tx, std::int64_t org_id, const repo::ItemRow& item);
// Whether the caller may see the item at all (otherwise it is answered as 404).
bool can_see(const Principal& p, const repo::ItemRow& row, const std::optional<repo::VersionRow>& draft);

// An item the caller may see, with its draft; a 404 otherwise.
struct Visible {
  repo::ItemRow row;
  std::optional<repo::VersionRow> draft;
  bool editor = false;
};
Result<Visible> visible(Tx& tx, const Principal& p, std::int64_t id);

// How much of an item to build: lists and search need the text, the item page also its
// verification, ratings, attachments and what the caller may do.
enum class Detail { summary, full };

// nullopt: the caller may not see the item. `people` is loaded once per request.
std::optional<Item> item_of(Tx& tx, const Principal& p, const repo::ItemRow& row, const People& people, Millis now,
                            Detail detail = Detail::summary);
// The summaries of the rows the caller may see, in their order, their versions read in one
// statement (lists and search: no round trip per item).
std::vector<Item> items_of(Tx& tx, const Principal& p, const std::vector<repo::ItemRow>& rows, const People& people,
                           Millis now);

nlohmann::json snapshot(const repo::ItemRow& i, const std::optional<repo::VersionRow>& v);
// The same for a change that does not touch a version (verify, archive), with the title
// of the version readers see, so the audit log can name the item.
nlohmann::json snapshot_titled(store::Tx& tx, std::int64_t org_id, const repo::ItemRow& i);

Error not_found();
Error archived();

}  // namespace wk::knowledge::detail
