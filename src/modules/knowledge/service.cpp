#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/dutch.hpp"
#include "core/privacy.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/knowledge/item_view.hpp"
#include "modules/knowledge/knowledge.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/knowledge/search_replica.hpp"
#include "modules/organisation/service.hpp"

namespace wk::knowledge {

using nlohmann::json;
using store::Tx;

using namespace detail;

Service::Service(store::Database& db, std::string search_index) : db_(db), search_index_(std::move(search_index)) {}

Service::~Service() = default;

void Service::prepare_search(bool wait) {
  if (db_.dialect() != store::Dialect::postgres) return;
  if (!replica_) replica_ = std::make_unique<SearchReplica>(search_index_);
  if (wait)
    replica_->catch_up(db_);
  else
    replica_->build_in_background(db_);
}

namespace {

// How long a search waits for another thread's hold on the search index's copy (applying
// changes takes milliseconds) or for a small copy being built after a start; while a large
// one is built it answers 503 at once (search_replica.hpp).
constexpr std::chrono::seconds kSearchIndexWait{5};

std::string tags_json(const std::vector<std::string>& tags) {
  return json(tags).dump();
}

void check_input(const ItemInput& in, const People& people, std::vector<FieldError>& errors,
                 std::vector<Warning>& warnings) {
  if (in.category && !is_category(*in.category))
    errors.push_back({"category", "Kies methodiek, document, procedure of richtlijn.", "unknown category"});
  if (in.title) check_free_text("title", *in.title, errors, warnings);
  if (in.body) check_free_text("body", *in.body, errors, warnings);
  if (in.owner_id && !people.may_own(*in.owner_id))
    errors.push_back({"owner_id", "Kies een actieve medewerker als eigenaar.", "no such active user"});
}

// A new item: version 1, a concept, in the search index for quality staff.
repo::ItemRow insert_new(Tx& tx, const Principal& p, const std::string& category, const std::string& title,
                         const std::string& body, const std::vector<std::string>& tags, std::int64_t owner_id,
                         std::optional<std::string> source, Millis now) {
  repo::ItemRow item;
  item.category = category;
  item.status = "concept";
  item.owner_id = owner_id;
  item.draft_version = 1;
  item.created_by = p.user_id;
  item.created_at = item.updated_at = now;
  item.source = std::move(source);
  item.id = repo::insert_item(tx, p.org_id, item);
  repo::VersionRow v;
  v.version = 1;
  v.status = "concept";
  v.category = category;
  v.title = title;
  v.body = body;
  v.tags = tags_json(tags);
  v.author_id = p.user_id;
  v.created_at = v.updated_at = now;
  repo::insert_version(tx, p.org_id, item.id, v);
  repo::index(tx, p.org_id, item, v.title, v.body, tags);  // quality staff find drafts too
  auto after = snapshot(item, v);
  if (item.source) after["source"] = json::parse(*item.source);
  audit::record(tx, {p.org_id, p.user_id, "create", "knowledge_item", std::to_string(item.id), nullptr, after}, now);
  return item;
}

}  // namespace

std::int64_t create_draft_from(Tx& tx, const Principal& p, const std::string& title, const std::string& body,
                               const Source& source, Millis now) {
  auto ref = [](const std::optional<Ref>& r) { return r ? json{{"id", r->id}, {"title", r->name}} : json(nullptr); };
  const json from = {{"story", ref(source.story)}, {"session", ref(source.session)}};
  return insert_new(tx, p, "methodiek", title, body, {"best practice"}, p.user_id, from.dump(), now).id;
}

namespace {
// Only for a coach who is not quality staff does the organisation's setting decide.
bool setting_decides(const Principal& p) {
  return !may_author(p) && p.has_role(role::coach);
}
}  // namespace

bool Service::may_create(Tx& tx, const Principal& p) {
  if (!setting_decides(p)) return may_author(p);
  return knowledge::may_create(p, organisation::Service::settings_in(tx, p.org_id).knowledge_coach_authors);
}

bool Service::may_create(const Principal& p) const {
  if (!setting_decides(p)) return may_author(p);  // without a transaction
  return db_.read([&](Tx& tx) { return may_create(tx, p); });
}

Result<Item> Service::create(const Principal& p, const ItemInput& in, Millis now) {
  if (!may_create(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Item> {
    const auto people = People::load(tx, p.org_id);
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    check_input(in, people, errors, warnings);
    if (in.owner_id && *in.owner_id != p.user_id && !may_author(p))
      errors.push_back({"owner_id", "Alleen kwaliteitsmedewerkers kiezen een andere eigenaar.", "not allowed"});
    if (!errors.empty()) return Error::validation(std::move(errors));
    const auto item = insert_new(tx, p, *in.category, *in.title, in.body.value_or(""),
                                 normalise_tags(in.tags.value_or(std::vector<std::string>{})),
                                 in.owner_id.value_or(p.user_id), std::nullopt, now);
    auto out = *item_of(tx, p, item, people, now, Detail::full);
    out.warnings = std::move(warnings);
    return out;
  });
}

Result<std::pair<std::vector<Item>, std::int64_t>> Service::list(const Principal& p, const ItemQuery& q, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  ItemQuery query = q;
  if (!may_review(p)) {
    // Readers list published items; an owner also their own drafts (not archived ones).
    const bool own = q.owner_id == p.user_id;
    if (q.status && *q.status != "gepubliceerd" && !(own && *q.status != "gearchiveerd"))
      return Error::forbidden("Only quality staff list unpublished items.");
    if (q.draft_status && !own) return Error::forbidden("Only quality staff list the drafts of others.");
    if (own)
      query.hide_archived = true;
    else
      query.status = "gepubliceerd";
  }
  return db_.read([&](Tx& tx) {
    auto items = items_of(tx, p, repo::list_items(tx, p.org_id, query), People::load(tx, p.org_id), now);
    return std::make_pair(std::move(items), repo::count_items(tx, p.org_id, query));
  });
}

Result<Item> Service::get(const Principal& p, std::int64_t id, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<Item> {
    auto row = repo::find_item(tx, p.org_id, id);
    if (!row) return not_found();
    auto item = item_of(tx, p, *row, People::load(tx, p.org_id), now, Detail::full);
    if (!item) return not_found();
    return *item;
  });
}

Result<Item> Service::update(const Principal& p, std::int64_t id, const ItemInput& in, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Item> {
    auto seen = visible(tx, p, id);
    if (!seen) return seen.error();
    const auto& [row, draft, editor] = *seen;
    const auto* before = &row;
    if (!editor) return Error::forbidden();
    if (before->status == "gearchiveerd") return archived();
    if (in.owner_id && !may_author(p)) return Error::forbidden("Only quality staff change the owner.");
    const auto people = People::load(tx, p.org_id);
    if (!in.category && !in.title && !in.body && !in.tags && !in.owner_id)
      return *item_of(tx, p, *before, people, now, Detail::full);
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    check_input(in, people, errors, warnings);
    if (!errors.empty()) return Error::validation(std::move(errors));
    auto item = *before;
    // Editing a published item makes a new draft from it; the published version stays.
    repo::VersionRow v;
    const bool new_version = !draft;
    if (draft) {
      v = *draft;
    } else {
      v = *repo::find_version(tx, p.org_id, id, *before->published_version);
      v.version = repo::last_version(tx, p.org_id, id) + 1;
      v.author_id = p.user_id;
      v.created_at = now;
      v.submitted_at.reset();
      v.reviewed_at.reset();
      v.reviewed_by.reset();
      v.review_remark.reset();
    }
    v.status = "concept";  // an edited text is reviewed again
    v.submitted_at.reset();
    if (in.category) v.category = *in.category;
    if (in.title) v.title = *in.title;
    if (in.body) v.body = *in.body;
    if (in.tags) v.tags = tags_json(normalise_tags(*in.tags));
    v.updated_at = now;
    if (new_version)
      repo::insert_version(tx, p.org_id, id, v);
    else
      repo::update_version(tx, p.org_id, id, v);
    item.draft_version = v.version;
    if (in.owner_id) item.owner_id = *in.owner_id;
    if (!item.published_version) {
      item.status = "concept";
      item.category = v.category;
      repo::index(tx, p.org_id, item, v.title, v.body, tags_of(v.tags));
    }
    item.updated_at = now;
    repo::update_item(tx, p.org_id, item);
    audit::record(tx,
                  {p.org_id, p.user_id, "update", "knowledge_item", std::to_string(id), snapshot(*before, draft),
                   snapshot(item, v)},
                  now);
    auto out = *item_of(tx, p, item, people, now, Detail::full);
    out.warnings = std::move(warnings);
    return out;
  });
}

namespace {

// Moves the item's draft from one status to the next and records it.
template <class Change>
Result<Item> move_draft(store::Database& db, const Principal& p, std::int64_t id, Millis now, const char* from,
                        Change&& change) {
  return db.write([&](Tx& tx) -> Result<Item> {
    auto seen = visible(tx, p, id);
    if (!seen) return seen.error();
    const auto& [row, draft, editor] = *seen;
    const auto* before = &row;
    // Who may move a draft is asked before whether there is one to move.
    if (!may_review(p) && !editor) return Error::forbidden();
    if (before->status == "gearchiveerd") return archived();
    if (!draft || draft->status != from)
      return Error::conflict(Nl{std::string(from) == "concept" ? "Er is geen concept om ter review aan te bieden."
                                                               : "Er is geen versie die op review wacht."},
                             En{std::string("No draft in status ") + from + "."});
    auto item = *before;
    auto v = *draft;
    if (auto r = change(tx, item, v); !r) return r.error();
    v.updated_at = item.updated_at = now;
    repo::update_version(tx, p.org_id, id, v);
    repo::update_item(tx, p.org_id, item);
    audit::record(tx,
                  {p.org_id, p.user_id, "update", "knowledge_item", std::to_string(id), snapshot(*before, draft),
                   snapshot(item, v)},
                  now);
    return *item_of(tx, p, item, People::load(tx, p.org_id), now, Detail::full);
  });
}

}  // namespace

Result<Item> Service::submit(const Principal& p, std::int64_t id, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return move_draft(db_, p, id, now, "concept", [&](Tx&, repo::ItemRow& item, repo::VersionRow& v) -> Status {
    v.status = "ter_review";
    v.submitted_at = now;
    if (!item.published_version) item.status = "ter_review";
    return ok_status();
  });
}

Result<Item> Service::publish(const Principal& p, std::int64_t id, Millis now) {
  if (!may_review(p)) return Error::forbidden();
  return move_draft(db_, p, id, now, "ter_review", [&](Tx& tx, repo::ItemRow& item, repo::VersionRow& v) -> Status {
    if (auto ok = check_reviewer(p, v.author_id); !ok) return ok.error();
    if (item.published_version) {
      auto old = *repo::find_version(tx, p.org_id, item.id, *item.published_version);
      old.status = "vervangen";
      old.updated_at = now;
      repo::update_version(tx, p.org_id, item.id, old);
    }
    v.status = "gepubliceerd";
    v.reviewed_at = now;
    v.reviewed_by = p.user_id;
    item.status = "gepubliceerd";
    item.category = v.category;
    item.published_version = v.version;
    item.draft_version.reset();
    item.review_by = add_months(iso_date_utc(now), review_months(v.category));
    repo::index(tx, p.org_id, item, v.title, v.body, tags_of(v.tags));
    return ok_status();
  });
}

Result<Item> Service::return_to_author(const Principal& p, std::int64_t id, const std::string& remark, Millis now) {
  if (!may_review(p)) return Error::forbidden();
  return move_draft(db_, p, id, now, "ter_review", [&](Tx&, repo::ItemRow& item, repo::VersionRow& v) -> Status {
    v.status = "concept";
    v.review_remark = remark;
    v.reviewed_by = p.user_id;
    v.reviewed_at = now;
    if (!item.published_version) item.status = "concept";
    return ok_status();
  });
}

Result<Item> Service::archive(const Principal& p, std::int64_t id, Millis now) {
  if (!may_review(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Item> {
    auto before = repo::find_item(tx, p.org_id, id);
    if (!before) return not_found();
    if (before->status == "gearchiveerd") return archived();
    auto item = *before;
    item.status = "gearchiveerd";
    item.updated_at = now;
    repo::update_item(tx, p.org_id, item);
    repo::mark_archived(tx, p.org_id, id, now);
    audit::record(tx,
                  {p.org_id, p.user_id, "update", "knowledge_item", std::to_string(id),
                   snapshot_titled(tx, p.org_id, *before), snapshot_titled(tx, p.org_id, item)},
                  now);
    return *item_of(tx, p, item, People::load(tx, p.org_id), now, Detail::full);
  });
}

Result<std::vector<Version>> Service::versions(const Principal& p, std::int64_t id) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<std::vector<Version>> {
    auto seen = visible(tx, p, id);
    if (!seen) return seen.error();
    const bool editor = seen->editor;
    const auto people = People::load(tx, p.org_id);
    std::vector<Version> out;
    // Readers see the versions that were published; editors every version.
    for (const auto& v : repo::versions(tx, p.org_id, id))
      if (editor || !is_draft(v.status)) out.push_back(version_of(v, people));
    return out;
  });
}

Result<SearchResult> Service::search(const Principal& p, const SearchQuery& q, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  std::vector<std::string> statuses{"gepubliceerd"};
  if (q.status) {
    if (*q.status != "gepubliceerd" && !may_review(p)) return Error::forbidden("Only quality staff search drafts.");
    statuses = {*q.status};
  } else if (may_review(p)) {
    statuses = {"gepubliceerd", "concept", "ter_review"};
  }
  const auto query = dutch::parse_query(q.q);
  if (query.terms.empty()) return SearchResult{};  // stop words alone find nothing (decision 0006)
  const auto answer = [&](Tx& tx, Tx& index) {
    SearchResult out;
    const auto m = repo::search(tx, index, p.org_id, query, statuses, q.category, q.tag, q.limit, q.offset);
    out.total = m.total;
    out.categories = m.categories;
    out.tags = m.tags;
    out.tags_counted_over = m.tags_counted_over;
    // The page's items in one statement and their versions in another, in the page's order.
    std::map<std::int64_t, repo::ItemRow> found;
    for (auto& row : repo::find_items(tx, p.org_id, m.page)) found.emplace(row.id, std::move(row));
    std::vector<repo::ItemRow> rows;
    for (const auto id : m.page)
      if (const auto it = found.find(id); it != found.end()) rows.push_back(it->second);
    for (const auto& item : items_of(tx, p, rows, People::load(tx, p.org_id), now)) {
      Hit h;
      h.id = item.id;
      h.title = item.shown.title;
      h.category = item.shown.category;
      h.status = item.status;
      h.tags = item.shown.tags;
      h.snippet_html = body_snippet(item.shown.body, query);
      h.review_by = item.review_by;
      h.overdue = item.overdue;
      out.items.push_back(std::move(h));
    }
    return out;
  };
  if (db_.dialect() != store::Dialect::postgres) return db_.read([&](Tx& tx) { return answer(tx, tx); });
  if (!replica_ || !replica_->catch_up_for_search(db_, kSearchIndexWait))
    return Error{ErrorKind::unavailable,
                 "De zoekfunctie van de kennisbank wordt voorbereid. Probeer het zo opnieuw.",
                 "The knowledge base's search index is being built; try again shortly.",
                 {},
                 30};
  return replica_->index().read([&](Tx& index) { return db_.read([&](Tx& tx) { return answer(tx, index); }); });
}

}  // namespace wk::knowledge
