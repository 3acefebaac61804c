#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/dutch.hpp"
#include "core/markdown.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/cases/model.hpp"
#include "modules/knowledge/knowledge.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/organisation/people.hpp"

namespace wk::knowledge {

using nlohmann::json;
using store::Tx;

namespace {

std::string tags_json(const std::vector<std::string>& tags) {
  return json(tags).dump();
}

std::vector<std::string> tags_of(const std::string& text) {
  const auto j = json::parse(text, nullptr, false);
  return j.is_array() ? j.get<std::vector<std::string>>() : std::vector<std::string>{};
}

bool is_draft(const std::string& version_status) {
  return version_status == "concept" || version_status == "ter_review";
}

// Names for answers; an owner is active and reads the knowledge base.
struct People {
  organisation::People all;

  static People load(Tx& tx, std::int64_t org_id) { return {organisation::People::load(tx, org_id)}; }
  Ref ref(std::int64_t id) const { return {id, all.name(id)}; }
  bool may_own(std::int64_t id) const { return all.active_with(id, may_read); }
};

Version version_of(const repo::VersionRow& v, const People& people) {
  Version out;
  out.version = v.version;
  out.status = v.status;
  out.category = v.category;
  out.title = v.title;
  out.body = v.body;
  out.tags = tags_of(v.tags);
  out.author = people.ref(v.author_id);
  out.created_at = v.created_at;
  out.updated_at = v.updated_at;
  out.submitted_at = v.submitted_at;
  out.reviewed_at = v.reviewed_at;
  if (v.reviewed_by) out.reviewed_by = people.ref(*v.reviewed_by);
  out.review_remark = v.review_remark;
  return out;
}

// Who may see and change the drafts of an item: quality staff, its owner, the author of
// its draft.
bool is_editor(const Principal& p, const repo::ItemRow& item, const std::optional<repo::VersionRow>& draft) {
  return may_author(p) || item.owner_id == p.user_id || (draft && draft->author_id == p.user_id);
}

std::optional<repo::VersionRow> draft_of(Tx& tx, std::int64_t org_id, const repo::ItemRow& item) {
  if (!item.draft_version) return std::nullopt;
  return repo::find_version(tx, org_id, item.id, *item.draft_version);
}

// Whether the caller may see the item at all (otherwise it is answered as 404).
bool can_see(const Principal& p, const repo::ItemRow& row, const std::optional<repo::VersionRow>& draft) {
  if (row.status == "gearchiveerd" && !may_review(p)) return false;
  return row.published_version || is_editor(p, row, draft);
}

// nullopt: the caller may not see the item. `people` is loaded once per request.
std::optional<Item> item_of(Tx& tx, const Principal& p, const repo::ItemRow& row, const People& people, Millis now) {
  const auto draft = draft_of(tx, p.org_id, row);
  if (!can_see(p, row, draft)) return std::nullopt;
  const bool editor = is_editor(p, row, draft);
  Item out;
  out.id = row.id;
  out.status = row.status;
  out.owner = people.ref(row.owner_id);
  const auto shown = row.published_version ? repo::find_version(tx, p.org_id, row.id, *row.published_version) : draft;
  if (shown) out.shown = version_of(*shown, people);
  if (draft && row.published_version && editor) out.draft = version_of(*draft, people);
  out.published_version = row.published_version;
  out.review_by = row.review_by;
  out.overdue = row.status == "gepubliceerd" && row.review_by && *row.review_by < iso_date_utc(now);
  out.created_at = row.created_at;
  out.updated_at = row.updated_at;
  return out;
}

json snapshot(const repo::ItemRow& i, const std::optional<repo::VersionRow>& v) {
  json out = {{"category", i.category},
              {"status", i.status},
              {"owner_id", i.owner_id},
              {"published_version", i.published_version ? json(*i.published_version) : json(nullptr)},
              {"draft_version", i.draft_version ? json(*i.draft_version) : json(nullptr)},
              {"review_by", i.review_by ? json(*i.review_by) : json(nullptr)}};
  if (v)
    out["version"] = {{"version", v->version}, {"status", v->status}, {"title", v->title},
                      {"body", v->body},       {"tags", json::parse(v->tags)}};
  return out;
}

void check_input(const ItemInput& in, const People& people, std::vector<FieldError>& errors,
                 std::vector<cases::Warning>& warnings) {
  if (in.category && !is_category(*in.category))
    errors.push_back({"category", "Kies methodiek, document, procedure of richtlijn.", "unknown category"});
  if (in.title) cases::check_free_text("title", *in.title, errors, warnings);
  if (in.body) cases::check_free_text("body", *in.body, errors, warnings);
  if (in.owner_id && !people.may_own(*in.owner_id))
    errors.push_back({"owner_id", "Kies een actieve medewerker als eigenaar.", "no such active user"});
}

Error not_found() {
  return Error::not_found("No such knowledge item.");
}

Error archived() {
  return Error::conflict("Dit item is gearchiveerd.", "The item is archived.");
}

}  // namespace

Result<Item> Service::create(const Principal& p, const ItemInput& in, Millis now) {
  if (!may_author(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Item> {
    const auto people = People::load(tx, p.org_id);
    std::vector<FieldError> errors;
    std::vector<cases::Warning> warnings;
    check_input(in, people, errors, warnings);
    if (!errors.empty()) return Error::validation(std::move(errors));
    repo::ItemRow item;
    item.category = *in.category;
    item.status = "concept";
    item.owner_id = in.owner_id.value_or(p.user_id);
    item.draft_version = 1;
    item.created_by = p.user_id;
    item.created_at = item.updated_at = now;
    item.id = repo::insert_item(tx, p.org_id, item);
    repo::VersionRow v;
    v.version = 1;
    v.status = "concept";
    v.category = item.category;
    v.title = *in.title;
    v.body = in.body.value_or("");
    const auto tags = normalise_tags(in.tags.value_or(std::vector<std::string>{}));
    v.tags = tags_json(tags);
    v.author_id = p.user_id;
    v.created_at = v.updated_at = now;
    repo::insert_version(tx, p.org_id, item.id, v);
    repo::index(tx, p.org_id, item.id, v.title, v.body, tags);  // quality staff find drafts too
    audit::record(tx, {p.org_id, p.user_id, "create", "knowledge_item", std::to_string(item.id), nullptr, snapshot(item, v)},
                  now);
    auto out = *item_of(tx, p, item, people, now);
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
    if (own)
      query.hide_archived = true;
    else
      query.status = "gepubliceerd";
  }
  return db_.read([&](Tx& tx) {
    const auto people = People::load(tx, p.org_id);
    std::vector<Item> items;
    for (const auto& r : repo::list_items(tx, p.org_id, query))
      if (auto i = item_of(tx, p, r, people, now)) items.push_back(std::move(*i));
    return std::make_pair(std::move(items), repo::count_items(tx, p.org_id, query));
  });
}

Result<Item> Service::get(const Principal& p, std::int64_t id, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<Item> {
    auto row = repo::find_item(tx, p.org_id, id);
    if (!row) return not_found();
    auto item = item_of(tx, p, *row, People::load(tx, p.org_id), now);
    if (!item) return not_found();
    return *item;
  });
}

Result<Item> Service::update(const Principal& p, std::int64_t id, const ItemInput& in, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Item> {
    auto before = repo::find_item(tx, p.org_id, id);
    if (!before) return not_found();
    const auto draft = draft_of(tx, p.org_id, *before);
    if (!can_see(p, *before, draft)) return not_found();
    if (!is_editor(p, *before, draft)) return Error::forbidden();
    if (before->status == "gearchiveerd") return archived();
    if (in.owner_id && !may_author(p)) return Error::forbidden("Only quality staff change the owner.");
    const auto people = People::load(tx, p.org_id);
    if (!in.category && !in.title && !in.body && !in.tags && !in.owner_id) return *item_of(tx, p, *before, people, now);
    std::vector<FieldError> errors;
    std::vector<cases::Warning> warnings;
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
      repo::index(tx, p.org_id, id, v.title, v.body, tags_of(v.tags));
    }
    item.updated_at = now;
    repo::update_item(tx, p.org_id, item);
    audit::record(tx,
                  {p.org_id, p.user_id, "update", "knowledge_item", std::to_string(id), snapshot(*before, draft),
                   snapshot(item, v)},
                  now);
    auto out = *item_of(tx, p, item, people, now);
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
    auto before = repo::find_item(tx, p.org_id, id);
    if (!before) return not_found();
    const auto draft = draft_of(tx, p.org_id, *before);
    if (!can_see(p, *before, draft)) return not_found();
    // Who may move a draft is asked before whether there is one to move.
    if (!may_review(p) && !is_editor(p, *before, draft)) return Error::forbidden();
    if (before->status == "gearchiveerd") return archived();
    if (!draft || draft->status != from)
      return Error::conflict(std::string(from) == "concept" ? "Er is geen concept om ter review aan te bieden."
                                                            : "Er is geen versie die op review wacht.",
                             std::string("No draft in status ") + from + ".");
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
    return *item_of(tx, p, item, People::load(tx, p.org_id), now);
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
    repo::index(tx, p.org_id, item.id, v.title, v.body, tags_of(v.tags));
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
    audit::record(tx,
                  {p.org_id, p.user_id, "update", "knowledge_item", std::to_string(id), snapshot(*before, std::nullopt),
                   snapshot(item, std::nullopt)},
                  now);
    return *item_of(tx, p, item, People::load(tx, p.org_id), now);
  });
}

Result<std::vector<Version>> Service::versions(const Principal& p, std::int64_t id) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<std::vector<Version>> {
    auto row = repo::find_item(tx, p.org_id, id);
    if (!row) return not_found();
    const auto draft = draft_of(tx, p.org_id, *row);
    if (!can_see(p, *row, draft)) return not_found();
    const bool editor = is_editor(p, *row, draft);
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
  return db_.read([&](Tx& tx) {
    SearchResult out;
    const auto m = repo::search(tx, p.org_id, query, statuses, q.category, q.tag, q.limit, q.offset);
    out.total = m.total;
    out.categories = m.categories;
    out.tags = m.tags;
    const auto people = People::load(tx, p.org_id);
    for (const auto& match : m.page) {
      auto row = repo::find_item(tx, p.org_id, match.id);
      if (!row) continue;
      auto item = item_of(tx, p, *row, people, now);
      if (!item) continue;
      Hit h;
      h.id = item->id;
      h.title = item->shown.title;
      h.category = item->shown.category;
      h.status = item->status;
      h.tags = item->shown.tags;
      h.snippet_html = snippet(markdown::to_text(item->shown.body), query);
      h.review_by = item->review_by;
      h.overdue = item->overdue;
      out.items.push_back(std::move(h));
    }
    return out;
  });
}

}  // namespace wk::knowledge
