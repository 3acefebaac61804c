// Staying right: verification, the owner's lists, ratings and the comparison of versions.
#include "core/diff.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/knowledge/item_view.hpp"

namespace wk::knowledge {

using nlohmann::json;
using store::Tx;
using namespace detail;

namespace {

// Whose items a list is about: the caller's own, or (quality) anyone's or everyone's.
Result<std::optional<std::int64_t>> owner_of_list(const Principal& p, const OwnerQuery& q) {
  if (!may_read(p)) return Error::forbidden();
  if (q.owner_id == p.user_id) return q.owner_id;
  if (!may_review(p)) return Error::forbidden("Only quality staff list the items of other owners.");
  return q.owner_id;
}

}  // namespace

Result<Item> Service::verify(const Principal& p, std::int64_t id, const std::optional<std::string>& remark,
                             Millis now) {
  if (!may_read(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<Item> {
    auto v = visible(tx, p, id);
    if (!v) return v.error();
    auto& before = v->row;
    if (before.owner_id != p.user_id && !may_review(p))
      return Error::forbidden("Only the owner and quality staff verify an item.");
    if (before.status == "gearchiveerd") return archived();
    if (before.status != "gepubliceerd")
      return Error::conflict(Nl{"Alleen een gepubliceerd item kan als juist worden bevestigd."},
                             En{"The item is not published."});
    auto item = before;
    const auto today = iso_date_utc(now);
    item.review_by = add_months(today, review_months(item.category));
    item.updated_at = now;
    repo::VerificationRow row{0, *item.published_version, p.user_id, now, remark, before.review_by, *item.review_by};
    repo::insert_verification(tx, p.org_id, id, row);
    repo::update_item(tx, p.org_id, item);
    auto after = snapshot_titled(tx, p.org_id, item);
    after["verified"] = {{"version", row.version}, {"remark", remark ? json(*remark) : json(nullptr)}};
    audit::record(tx,
                  {p.org_id, p.user_id, "verify", "knowledge_item", std::to_string(id),
                   snapshot_titled(tx, p.org_id, before), after},
                  now);
    return *item_of(tx, p, item, People::load(tx, p.org_id), now, Detail::full);
  });
}

Result<std::vector<Verification>> Service::verifications(const Principal& p, std::int64_t id) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<std::vector<Verification>> {
    if (auto v = visible(tx, p, id); !v) return v.error();
    const auto people = People::load(tx, p.org_id);
    std::vector<Verification> out;
    for (const auto& r : repo::verifications(tx, p.org_id, id, 500))
      out.push_back(
          {r.id, r.version, r.verified_at, people.ref(r.verified_by), r.remark, r.review_by_before, r.review_by_after});
    return out;
  });
}

Result<std::vector<DueItem>> Service::review_due(const Principal& p, const OwnerQuery& q, Millis now) {
  auto owner = owner_of_list(p, q);
  if (!owner) return owner.error();
  return db_.read([&](Tx& tx) {
    const auto today = iso_date_utc(now);
    const auto people = People::load(tx, p.org_id);
    std::vector<DueItem> out;
    for (const auto& r : repo::due_items(tx, p.org_id, *owner, add_days(today, q.within_days)))
      if (auto item = item_of(tx, p, r, people, now))
        out.push_back({std::move(*item), days_between(today, *r.review_by)});
    return out;
  });
}

Result<Ratings> Service::rate(const Principal& p, std::int64_t id, const RatingInput& in, Millis now) {
  if (!may_read(p)) return Error::forbidden();
  auto done = db_.write([&](Tx& tx) -> Status {
    auto v = visible(tx, p, id);
    if (!v) return v.error();
    if (v->row.status == "gearchiveerd") return archived();
    if (v->row.status != "gepubliceerd" || !v->row.published_version)
      return Error::conflict(Nl{"Alleen een gepubliceerd item kan worden beoordeeld."},
                             En{"The item is not published."});
    const auto version = *v->row.published_version;
    const auto before = repo::rating_of(tx, p.org_id, id, version, p.user_id);
    repo::RatingRow row{p.user_id, in.juistheid, in.volledigheid, in.remark, before ? before->created_at : now, now};
    repo::put_rating(tx, p.org_id, id, version, row);
    auto as_json = [&](const repo::RatingRow& r) {
      return json{{"version", version},
                  {"juistheid", r.juistheid},
                  {"volledigheid", r.volledigheid},
                  {"remark", r.remark ? json(*r.remark) : json(nullptr)}};
    };
    audit::record(
        tx,
        {p.org_id, p.user_id, before ? "update" : "create", "knowledge_rating",
         std::to_string(id) + "/" + std::to_string(version), before ? as_json(*before) : json(nullptr), as_json(row)},
        now);
    return ok_status();
  });
  if (!done) return done.error();
  return ratings(p, id);
}

Result<Ratings> Service::ratings(const Principal& p, std::int64_t id) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<Ratings> {
    auto v = visible(tx, p, id);
    if (!v) return v.error();
    Ratings out;
    if (!v->row.published_version) return out;
    const auto version = *v->row.published_version;
    out.summary = repo::rating_summary(tx, p.org_id, id, version);
    // Remarks are feedback for the owner and quality staff, with the name of who gave it.
    const bool owner_view = v->row.owner_id == p.user_id || may_review(p);
    const auto people = People::load(tx, p.org_id);
    for (const auto& r : repo::ratings(tx, p.org_id, id, version)) {
      Rating rating{r.juistheid, r.volledigheid, r.remark, people.ref(r.user_id), r.updated_at};
      if (r.user_id == p.user_id) out.mine = rating;
      if (owner_view && r.remark) out.remarks.push_back(std::move(rating));
    }
    return out;
  });
}

Result<std::vector<RatedItem>> Service::lowest_rated(const Principal& p, const OwnerQuery& q, Millis now) {
  auto owner = owner_of_list(p, q);
  if (!owner) return owner.error();
  return db_.read([&](Tx& tx) {
    const auto people = People::load(tx, p.org_id);
    std::vector<RatedItem> out;
    for (const auto& [row, summary] : repo::lowest_rated(tx, p.org_id, *owner, q.limit))
      if (auto item = item_of(tx, p, row, people, now)) {
        item->ratings = summary;
        out.push_back({std::move(*item)});
      }
    return out;
  });
}

Result<VersionDiff> Service::compare(const Principal& p, std::int64_t id, std::int64_t from, std::int64_t to) {
  if (!may_read(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<VersionDiff> {
    auto v = visible(tx, p, id);
    if (!v) return v.error();
    // Readers compare versions that were published; editors every version.
    auto load = [&](std::int64_t n) -> std::optional<repo::VersionRow> {
      auto version = repo::find_version(tx, p.org_id, id, n);
      if (!version || (!v->editor && is_draft(version->status))) return std::nullopt;
      return version;
    };
    const auto a = load(from), b = load(to);
    if (!a || !b) return Error::not_found("No such version of this item.");
    VersionDiff out;
    out.from = from;
    out.to = to;
    if (a->title != b->title) out.fields.push_back({"title", a->title, b->title});
    if (a->category != b->category) out.fields.push_back({"category", a->category, b->category});
    auto joined = [](const std::string& tags) {
      std::string text;
      for (const auto& t : tags_of(tags)) text += (text.empty() ? "" : ", ") + t;
      return text;
    };
    if (joined(a->tags) != joined(b->tags)) out.fields.push_back({"tags", joined(a->tags), joined(b->tags)});
    const auto all = diff::lines(a->body, b->body);
    for (const auto& l : all) {
      out.inserted += l.op == diff::Op::insert;
      out.deleted += l.op == diff::Op::del;
    }
    out.lines = diff::fold(all);
    return out;
  });
}

}  // namespace wk::knowledge
