#include "modules/knowledge/item_view.hpp"

namespace wk::knowledge::detail {

using nlohmann::json;

std::vector<std::string> tags_of(const std::string& text) {
  const auto j = json::parse(text, nullptr, false);
  return j.is_array() ? j.get<std::vector<std::string>>() : std::vector<std::string>{};
}

bool is_draft(const std::string& version_status) {
  return version_status == "concept" || version_status == "ter_review";
}

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

bool is_editor(const Principal& p, const repo::ItemRow& item, const std::optional<repo::VersionRow>& draft) {
  return may_author(p) || item.owner_id == p.user_id || (draft && draft->author_id == p.user_id);
}

std::optional<repo::VersionRow> draft_of(Tx& tx, std::int64_t org_id, const repo::ItemRow& item) {
  if (!item.draft_version) return std::nullopt;
  return repo::find_version(tx, org_id, item.id, *item.draft_version);
}

bool can_see(const Principal& p, const repo::ItemRow& row, const std::optional<repo::VersionRow>& draft) {
  if (row.status == "gearchiveerd" && !may_review(p)) return false;
  return row.published_version || is_editor(p, row, draft);
}

Result<Visible> visible(Tx& tx, const Principal& p, std::int64_t id) {
  auto row = repo::find_item(tx, p.org_id, id);
  if (!row) return not_found();
  auto draft = draft_of(tx, p.org_id, *row);
  if (!can_see(p, *row, draft)) return not_found();
  const bool editor = is_editor(p, *row, draft);
  return Visible{std::move(*row), std::move(draft), editor};
}

namespace {

Source source_of(const std::string& text) {
  Source out;
  const auto j = json::parse(text, nullptr, false);
  auto ref = [&](const char* key) -> std::optional<Ref> {
    if (!j.is_object() || !j.contains(key) || !j[key].is_object()) return std::nullopt;
    return Ref{j[key].value("id", std::int64_t{0}), j[key].value("title", std::string())};
  };
  out.story = ref("story");
  out.session = ref("session");
  return out;
}

Can can_of(const Principal& p, const repo::ItemRow& row, const std::optional<repo::VersionRow>& draft, bool editor) {
  Can can;
  if (row.status == "gearchiveerd") return can;
  const bool published = row.status == "gepubliceerd";
  can.edit = editor;
  can.submit = editor && draft && draft->status == "concept";
  can.publish = may_review(p) && draft && draft->status == "ter_review" && draft->author_id != p.user_id;
  can.return_to_author = may_review(p) && draft && draft->status == "ter_review";
  can.archive = may_review(p);
  can.verify = published && (row.owner_id == p.user_id || may_review(p));
  can.rate = published && may_read(p);
  return can;
}

// What lists and search show of an item the caller may see, from its row and versions.
std::optional<Item> summary_of(const Principal& p, const repo::ItemRow& row,
                               const std::optional<repo::VersionRow>& draft,
                               const std::optional<repo::VersionRow>& published, const People& people, Millis now) {
  if (!can_see(p, row, draft)) return std::nullopt;
  const bool editor = is_editor(p, row, draft);
  Item out;
  out.id = row.id;
  out.status = row.status;
  out.owner = people.ref(row.owner_id);
  const auto& shown = row.published_version ? published : draft;
  if (shown) out.shown = version_of(*shown, people);
  if (draft && row.published_version && editor) out.draft = version_of(*draft, people);
  out.published_version = row.published_version;
  out.review_by = row.review_by;
  out.overdue = row.status == "gepubliceerd" && row.review_by && *row.review_by < iso_date_utc(now);
  out.created_at = row.created_at;
  out.updated_at = row.updated_at;
  if (row.source) out.source = source_of(*row.source);
  return out;
}

}  // namespace

std::vector<Item> items_of(Tx& tx, const Principal& p, const std::vector<repo::ItemRow>& rows, const People& people,
                           Millis now) {
  std::vector<std::pair<std::int64_t, std::int64_t>> wanted;
  for (const auto& r : rows) {
    if (r.draft_version) wanted.emplace_back(r.id, *r.draft_version);
    if (r.published_version) wanted.emplace_back(r.id, *r.published_version);
  }
  const auto versions = repo::find_versions(tx, p.org_id, wanted);
  const auto version = [&](std::int64_t id, const std::optional<std::int64_t>& v) -> std::optional<repo::VersionRow> {
    if (!v) return std::nullopt;
    const auto it = versions.find({id, *v});
    return it == versions.end() ? std::nullopt : std::optional(it->second);
  };
  std::vector<Item> out;
  for (const auto& r : rows)
    if (auto item = summary_of(p, r, version(r.id, r.draft_version), version(r.id, r.published_version), people, now))
      out.push_back(std::move(*item));
  return out;
}

std::optional<Item> item_of(Tx& tx, const Principal& p, const repo::ItemRow& row, const People& people, Millis now,
                            Detail detail) {
  const auto draft = draft_of(tx, p.org_id, row);
  if (!can_see(p, row, draft)) return std::nullopt;
  const bool editor = is_editor(p, row, draft);
  const auto published =
      row.published_version ? repo::find_version(tx, p.org_id, row.id, *row.published_version) : std::nullopt;
  auto out = *summary_of(p, row, draft, published, people, now);
  if (detail == Detail::summary) return out;

  if (auto last = repo::verifications(tx, p.org_id, row.id, 1); !last.empty()) {
    const auto& v = last.front();
    out.last_verified = Verification{v.id,     v.version,          v.verified_at,    people.ref(v.verified_by),
                                     v.remark, v.review_by_before, v.review_by_after};
  }
  if (row.published_version) {
    out.ratings = repo::rating_summary(tx, p.org_id, row.id, *row.published_version);
    if (auto r = repo::rating_of(tx, p.org_id, row.id, *row.published_version, p.user_id))
      out.my_rating = Rating{r->juistheid, r->volledigheid, r->remark, people.ref(r->user_id), r->updated_at};
  }
  for (const auto& a : repo::attachments(tx, p.org_id, row.id))
    out.attachments.push_back({a.id, a.name, a.content_type, a.size, people.ref(a.uploaded_by), a.uploaded_at});
  out.can = can_of(p, row, draft, editor);
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
    out["version"] = {{"version", v->version},
                      {"status", v->status},
                      {"title", v->title},
                      {"body", v->body},
                      {"tags", json::parse(v->tags)}};
  return out;
}

json snapshot_titled(Tx& tx, std::int64_t org_id, const repo::ItemRow& i) {
  auto out = snapshot(i, std::nullopt);
  if (const auto shown = i.published_version ? i.published_version : i.draft_version)
    if (const auto v = repo::find_version(tx, org_id, i.id, *shown)) out["title"] = v->title;
  return out;
}

Error not_found() {
  return Error::not_found("No such knowledge item.");
}

Error archived() {
  return Error::conflict(Nl{"Dit item is gearchiveerd."}, En{"The item is archived."});
}

}  // namespace wk::knowledge::detail
