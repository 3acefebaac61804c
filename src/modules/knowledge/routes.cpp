#include "modules/knowledge/module.hpp"

#include <cctype>

#include "core/markdown.hpp"
#include "core/paging.hpp"
#include "core/privacy.hpp"
#include "core/text.hpp"
#include "http/json_body.hpp"
#include "http/list_page.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"

namespace wk::knowledge {

namespace {

using http::Context;
using http::FieldReader;
using http::problem_response;
using nlohmann::json;

constexpr http::TextRule kBody{.required = false, .min = 0, .max = 100'000, .multiline = true, .trim = false};
constexpr http::TextRule kTag{.required = true, .min = 1, .max = 40};
constexpr http::TextRule kCategory{.required = true, .min = 1, .max = 20};

json ref_json(const Ref& r) {
  return {{"id", r.id}, {"name", r.name}};
}

json opt_time(const std::optional<Millis>& t) {
  return t ? json(iso8601_utc(*t)) : json(nullptr);
}

json version_json(const Version& v, bool with_body) {
  json out = {{"version", v.version},
              {"status", v.status},
              {"category", v.category},
              {"title", v.title},
              {"tags", v.tags},
              {"author", ref_json(v.author)},
              {"created_at", iso8601_utc(v.created_at)},
              {"updated_at", iso8601_utc(v.updated_at)},
              {"submitted_at", opt_time(v.submitted_at)},
              {"reviewed_at", opt_time(v.reviewed_at)},
              {"reviewed_by", v.reviewed_by ? ref_json(*v.reviewed_by) : json(nullptr)},
              {"review_remark", v.review_remark ? json(*v.review_remark) : json(nullptr)}};
  if (with_body) {
    out["body"] = v.body;
    out["body_html"] = markdown::to_html(v.body);
  }
  return out;
}

json summary_ratings_json(const RatingSummary& r) {
  auto avg = [](const std::optional<double>& a) { return a ? json(*a) : json(nullptr); };
  return {{"version", r.version},
          {"count", r.count},
          {"juistheid", avg(r.juistheid)},
          {"volledigheid", avg(r.volledigheid)}};
}

json rating_json(const Rating& r, bool with_person) {
  json out = {{"juistheid", r.juistheid},
              {"volledigheid", r.volledigheid},
              {"remark", r.remark ? json(*r.remark) : json(nullptr)},
              {"updated_at", iso8601_utc(r.updated_at)}};
  if (with_person) out["by"] = ref_json(r.by);
  return out;
}

json verification_json(const Verification& v) {
  return {{"id", v.id},
          {"version", v.version},
          {"at", iso8601_utc(v.at)},
          {"by", ref_json(v.by)},
          {"remark", v.remark ? json(*v.remark) : json(nullptr)},
          {"review_by_before", v.review_by_before ? json(*v.review_by_before) : json(nullptr)},
          {"review_by_after", v.review_by_after}};
}

json attachment_json(const Attachment& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"uploaded_by", ref_json(a.uploaded_by)},
          {"uploaded_at", iso8601_utc(a.uploaded_at)}};
}

json source_json(const std::optional<Source>& s) {
  if (!s) return nullptr;
  auto ref = [](const std::optional<Ref>& r) { return r ? json{{"id", r->id}, {"title", r->name}} : json(nullptr); };
  return {{"story", ref(s->story)}, {"session", ref(s->session)}};
}

json item_json(const Item& i) {
  json attachments = json::array();
  for (const auto& a : i.attachments) attachments.push_back(attachment_json(a));
  return {{"id", i.id},
          {"warnings", warnings_json(i.warnings)},
          {"status", i.status},
          {"category", i.shown.category},
          {"title", i.shown.title},
          {"body", i.shown.body},
          {"body_html", markdown::to_html(i.shown.body)},
          {"tags", i.shown.tags},
          {"version", i.shown.version},
          {"owner", ref_json(i.owner)},
          {"published_version", i.published_version ? json(*i.published_version) : json(nullptr)},
          {"draft", i.draft ? version_json(*i.draft, true) : json(nullptr)},
          {"review_by", i.review_by ? json(*i.review_by) : json(nullptr)},
          {"overdue", i.overdue},
          {"created_at", iso8601_utc(i.created_at)},
          {"updated_at", iso8601_utc(i.updated_at)},
          {"last_verified",
           i.last_verified ? json{{"at", iso8601_utc(i.last_verified->at)},
                                  {"by", ref_json(i.last_verified->by)},
                                  {"remark", i.last_verified->remark ? json(*i.last_verified->remark) : json(nullptr)}}
                           : json(nullptr)},
          {"ratings", summary_ratings_json(i.ratings)},
          {"my_rating", i.my_rating ? rating_json(*i.my_rating, false) : json(nullptr)},
          {"attachments", attachments},
          {"source", source_json(i.source)},
          {"can",
           {{"edit", i.can.edit},
            {"submit", i.can.submit},
            {"publish", i.can.publish},
            {"return", i.can.return_to_author},
            {"archive", i.can.archive},
            {"verify", i.can.verify},
            {"rate", i.can.rate}}}};
}

json summary_json(const Item& i) {
  return {{"id", i.id},
          {"status", i.status},
          {"category", i.shown.category},
          {"title", i.shown.title},
          {"tags", i.shown.tags},
          {"owner", ref_json(i.owner)},
          {"draft_status", i.draft ? json(i.draft->status) : json(nullptr)},
          {"review_by", i.review_by ? json(*i.review_by) : json(nullptr)},
          {"overdue", i.overdue},
          {"source", source_json(i.source)},
          {"updated_at", iso8601_utc(i.updated_at)}};
}

json ratings_json(const Ratings& r) {
  json out = summary_ratings_json(r.summary);
  out["mine"] = r.mine ? rating_json(*r.mine, false) : json(nullptr);
  out["remarks"] = json::array();
  for (const auto& x : r.remarks) out["remarks"].push_back(rating_json(x, true));
  return out;
}

const char* op_name(diff::Op op) {
  switch (op) {
    case diff::Op::insert:
      return "insert";
    case diff::Op::del:
      return "delete";
    case diff::Op::skip:
      return "skip";
    case diff::Op::equal:
      break;
  }
  return "equal";
}

json diff_json(const VersionDiff& d) {
  json fields = json::array(), lines = json::array();
  for (const auto& f : d.fields) fields.push_back({{"field", f.field}, {"from", f.from}, {"to", f.to}});
  for (const auto& l : d.lines) {
    json line = {{"op", op_name(l.op)}, {"text", l.text}};
    if (l.op == diff::Op::skip) line["count"] = l.count;
    lines.push_back(std::move(line));
  }
  return {{"from", d.from},         {"to", d.to},          {"fields", fields}, {"lines", lines},
          {"inserted", d.inserted}, {"deleted", d.deleted}};
}

// `owner`: me (the default), all or an id.
OwnerQuery owner_query(const Context& ctx, std::vector<FieldError>& errors) {
  OwnerQuery q;
  const auto owner = ctx.request.query_param("owner").value_or("me");
  if (owner == "me")
    q.owner_id = ctx.user().user_id;
  else if (owner != "all")
    q.owner_id = http::query_id(ctx.request, "owner", errors);
  return q;
}

// "Week 3 – verslag.pdf" for a Content-Disposition header: an ASCII fallback and the
// UTF-8 name percent-encoded (RFC 6266).
std::string disposition(const std::string& kind, const std::string& name) {
  std::string ascii, encoded;
  for (const unsigned char c : name) {
    if ((c & 0xC0) != 0x80)  // one '_' for each character beyond ASCII, not for each byte
      ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

void read_item(FieldReader& in, ItemInput& item, bool create) {
  item.category = in.text("category", create ? kCategory : optional(kCategory));
  item.title = in.text("title", create ? http::kTitleText : optional(http::kTitleText));
  item.body = in.text("body", kBody);
  item.tags = in.text_list("tags", kTag, 20);
  item.owner_id = in.integer("owner_id", {});
}

std::optional<std::string> text_query(const Context& ctx, const char* name, std::size_t max) {
  auto v = ctx.request.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return std::string(text::utf8_prefix(*v, max));
}

void check_status(const std::optional<std::string>& status, std::vector<FieldError>& errors) {
  if (status && !is_status(*status))
    errors.push_back({"status", "Kies concept, ter_review, gepubliceerd of gearchiveerd.", "unknown status"});
}

void check_category(const std::optional<std::string>& category, std::vector<FieldError>& errors) {
  if (category && !is_category(*category))
    errors.push_back({"category", "Kies methodiek, document, procedure of richtlijn.", "unknown category"});
}

http::Response item_response(const Result<Item>& r, int status = 200) {
  if (!r) return problem_response(r.error());
  return http::json_response(status, item_json(*r));
}

// A workflow step without a body on the item of the path.
template <class Step>
http::Response workflow_step(Context& ctx, Step&& step) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  return item_response(step(id));
}

}  // namespace

namespace {

http::Response list_items(Service& service, http::Context& ctx) {
  ItemQuery q;
  std::vector<FieldError> errors;
  q.category = text_query(ctx, "category", 20);
  q.tag = text_query(ctx, "tag", 40);
  q.status = text_query(ctx, "status", 20);
  q.draft_status = text_query(ctx, "draft_status", 20);
  check_category(q.category, errors);
  check_status(q.status, errors);
  if (q.draft_status && *q.draft_status != "concept" && *q.draft_status != "ter_review")
    errors.push_back({"draft_status", "Kies concept of ter_review.", "unknown draft status"});
  if (auto o = ctx.request.query_param("owner"); o && *o == "me")
    q.owner_id = ctx.user().user_id;
  else
    q.owner_id = http::query_id(ctx.request, "owner", errors);
  http::query_paging(ctx.request, q.limit, q.offset, errors);
  http::check_offset_within_count(q.offset, errors);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.list(ctx.user(), q, ctx.now));
  return http::json_response(
      200, http::list_page_json(r.first, paging::capped(r.second), [](const auto& i) { return summary_json(i); }));
}

http::Response create_item(Service& service, http::Context& ctx) {
  if (!service.may_create(ctx.user())) return problem_response(Error::forbidden());
  ItemInput item;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) { read_item(in, item, true); })) return *bad;
  return item_response(service.create(ctx.user(), item, ctx.now), 201);
}

http::Response search_items(Service& service, http::Context& ctx) {
  SearchQuery q;
  std::vector<FieldError> errors;
  q.q = text_query(ctx, "q", 200).value_or("");
  q.category = text_query(ctx, "category", 20);
  q.tag = text_query(ctx, "tag", 40);
  q.status = text_query(ctx, "status", 20);
  check_category(q.category, errors);
  check_status(q.status, errors);
  http::query_paging(ctx.request, q.limit, q.offset, errors, 100);
  http::check_offset_within_count(q.offset, errors);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.search(ctx.user(), q, ctx.now));
  json items = json::array(), categories = json::array(), tags = json::array();
  for (const auto& h : r.items)
    items.push_back({{"id", h.id},
                     {"title", h.title},
                     {"category", h.category},
                     {"status", h.status},
                     {"tags", h.tags},
                     {"snippet_html", h.snippet_html},
                     {"review_by", h.review_by ? json(*h.review_by) : json(nullptr)},
                     {"overdue", h.overdue}});
  for (const auto& [c, n] : r.categories) categories.push_back({{"category", c}, {"count", n}});
  for (const auto& [t, n] : r.tags) tags.push_back({{"tag", t}, {"count", n}});
  return http::json_response(
      200, {{"items", items},
            {"total", r.total},
            {"facets", {{"categories", categories}, {"tags", tags}, {"tags_counted_over", r.tags_counted_over}}}});
}

http::Response preview_body(Service&, http::Context& ctx) {
  if (!may_read(ctx.user())) return problem_response(Error::forbidden());
  std::string body;
  if (auto bad =
          http::read_json_body(ctx.request, [&](FieldReader& in) { body = in.text("body", kBody).value_or(""); }))
    return *bad;
  return http::json_response(200, {{"html", markdown::to_html(body)}});
}

http::Response items_due_for_review(Service& service, http::Context& ctx) {
  std::vector<FieldError> errors;
  auto q = owner_query(ctx, errors);
  if (auto w = http::query_int(ctx.request, "within", 0, 365, errors)) q.within_days = static_cast<int>(*w);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.review_due(ctx.user(), q, ctx.now));
  json items = json::array();
  std::int64_t overdue = 0;
  for (const auto& d : r) {
    auto j = summary_json(d.item);
    j["days_left"] = d.days_left;
    overdue += d.days_left < 0;
    items.push_back(std::move(j));
  }
  return http::json_response(
      200, {{"items", items}, {"overdue", overdue}, {"due", static_cast<std::int64_t>(r.size()) - overdue}});
}

http::Response lowest_rated_items(Service& service, http::Context& ctx) {
  std::vector<FieldError> errors;
  auto q = owner_query(ctx, errors);
  if (auto l = http::query_int(ctx.request, "limit", 1, 100, errors)) q.limit = static_cast<int>(*l);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.lowest_rated(ctx.user(), q, ctx.now));
  json items = json::array();
  for (const auto& d : r) {
    auto j = summary_json(d.item);
    j["ratings"] = summary_ratings_json(d.item.ratings);
    items.push_back(std::move(j));
  }
  return http::json_response(200, {{"items", items}});
}

http::Response most_consulted_items(Service& service, http::Context& ctx) {
  std::vector<FieldError> errors;
  const auto year = http::query_int(ctx.request, "year", 2000, 2100, errors);
  if (!year && errors.empty()) errors.push_back({"year", "Kies een jaar.", "required"});
  const auto category = text_query(ctx, "category", 20);
  check_category(category, errors);
  int limit = 10;
  if (auto l = http::query_int(ctx.request, "limit", 1, 100, errors)) limit = static_cast<int>(*l);
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.most_consulted(ctx.user(), static_cast<int>(*year), category, limit));
  json items = json::array(), categories = json::array();
  for (const auto& c : r.items)
    items.push_back({{"id", c.id}, {"title", c.title}, {"category", c.category}, {"views", c.views}});
  for (const auto& [c, n] : r.categories) categories.push_back({{"category", c}, {"views", n}});
  return http::json_response(200, {{"year", r.year}, {"items", items}, {"categories", categories}, {"total", r.total}});
}

http::Response show_item(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  return item_response(service.get(ctx.user(), id, ctx.now));
}

http::Response update_item(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  ItemInput item;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) { read_item(in, item, false); })) return *bad;
  return item_response(service.update(ctx.user(), id, item, ctx.now));
}

// The workflow: submit, publish, archive (no body), and return to the author (a remark).
http::Response submit_item(Service& service, http::Context& ctx) {
  return workflow_step(ctx, [&](std::int64_t id) { return service.submit(ctx.user(), id, ctx.now); });
}

http::Response publish_item(Service& service, http::Context& ctx) {
  return workflow_step(ctx, [&](std::int64_t id) { return service.publish(ctx.user(), id, ctx.now); });
}

http::Response archive_item(Service& service, http::Context& ctx) {
  return workflow_step(ctx, [&](std::int64_t id) { return service.archive(ctx.user(), id, ctx.now); });
}

http::Response return_item(Service& service, http::Context& ctx) {
  if (!may_review(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  std::string remark;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) {
        remark = in.text("remark", {.required = true, .min = 1, .max = 2000, .multiline = true}).value_or("");
      }))
    return *bad;
  return item_response(service.return_to_author(ctx.user(), id, remark, ctx.now));
}

http::Response verify_item(Service& service, http::Context& ctx) {
  if (!may_read(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  std::optional<std::string> remark;  // the body is optional, like the other workflow steps'
  if (!ctx.request.body.empty())
    if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) {
          remark = in.text("remark", {.required = false, .min = 1, .max = 2000, .multiline = true});
        }))
      return *bad;
  return item_response(service.verify(ctx.user(), id, remark, ctx.now));
}

http::Response list_verifications(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  WK_ASSIGN_OR_RETURN(auto r, service.verifications(ctx.user(), id));
  json items = json::array();
  for (const auto& v : r) items.push_back(verification_json(v));
  return http::json_response(200, {{"items", items}});
}

http::Response rate_item(Service& service, http::Context& ctx) {
  if (!may_read(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  RatingInput in;
  if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& body) {
        in.juistheid = static_cast<int>(body.integer("juistheid", {.required = true, .min = 1, .max = 5}).value_or(0));
        in.volledigheid =
            static_cast<int>(body.integer("volledigheid", {.required = true, .min = 1, .max = 5}).value_or(0));
        in.remark = body.text("remark", {.required = false, .min = 1, .max = 2000, .multiline = true});
      }))
    return *bad;
  WK_ASSIGN_OR_RETURN(auto r, service.rate(ctx.user(), id, in, ctx.now));
  return http::json_response(200, ratings_json(r));
}

http::Response list_ratings(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  WK_ASSIGN_OR_RETURN(auto r, service.ratings(ctx.user(), id));
  return http::json_response(200, ratings_json(r));
}

http::Response diff_versions(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  std::vector<FieldError> errors;
  const auto from = http::query_int(ctx.request, "from", 1, 1'000'000, errors);
  const auto to = http::query_int(ctx.request, "to", 1, 1'000'000, errors);
  if (!from && errors.empty()) errors.push_back({"from", "Kies de eerste versie.", "required"});
  if (!to && errors.empty()) errors.push_back({"to", "Kies de tweede versie.", "required"});
  if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
  WK_ASSIGN_OR_RETURN(auto r, service.compare(ctx.user(), id, *from, *to));
  return http::json_response(200, diff_json(r));
}

http::Response add_attachment(Service& service, http::Context& ctx) {
  if (!may_read(ctx.user())) return problem_response(Error::forbidden());
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  const auto name = ctx.request.query_param("name").value_or("");
  if (name.empty() || name.size() > 255)
    return problem_response(http::bad_query(
        {{"name", "Geef de bestandsnaam mee (ten hoogste 255 tekens).", "name is required, at most 255 bytes"}}));
  WK_ASSIGN_OR_RETURN(auto r, service.attach(ctx.user(), id, name, std::move(ctx.request.body), ctx.now));
  return http::json_response(201, attachment_json(r));
}

http::Response download_attachment(Service& service, http::Context& ctx) {
  const auto id = ctx.id_param();
  const auto attachment_id = ctx.id_param("attachment_id");
  if (!id || !attachment_id) return problem_response(Error::not_found("No such attachment."));
  WK_ASSIGN_OR_RETURN(auto r, service.attachment(ctx.user(), *id, *attachment_id));
  http::Response out;
  out.content_type = r.meta.content_type;
  out.body = std::move(r.data);
  // Images show in the page; documents are saved, never opened by the browser.
  const bool image = r.meta.content_type.starts_with("image/");
  out.set_header("Content-Disposition", disposition(image ? "inline" : "attachment", r.meta.name));
  out.set_header("Cache-Control", "private, no-store");
  return out;
}

http::Response remove_attachment(Service& service, http::Context& ctx) {
  const auto id = ctx.id_param();
  const auto attachment_id = ctx.id_param("attachment_id");
  if (!id || !attachment_id) return problem_response(Error::not_found("No such attachment."));
  if (auto r = service.detach(ctx.user(), *id, *attachment_id, ctx.now); !r) return problem_response(r.error());
  return http::no_content();
}

http::Response record_item_view(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  if (auto r = service.count_view(ctx.user(), id, ctx.now); !r) return problem_response(r.error());
  return http::no_content();
}

http::Response list_versions(Service& service, http::Context& ctx) {
  WK_ASSIGN_OR_RETURN(const auto id, ctx.id("No such knowledge item."));
  WK_ASSIGN_OR_RETURN(auto r, service.versions(ctx.user(), id));
  json items = json::array();
  for (const auto& v : r) items.push_back(version_json(v, true));
  return http::json_response(200, {{"items", items}});
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(
      router, service_,
      {
          {"GET", "/api/v1/knowledge", list_items},
          {"POST", "/api/v1/knowledge", create_item, http::Access::authenticated, true},
          {"GET", "/api/v1/knowledge/search", search_items},
          {"POST", "/api/v1/knowledge/preview", preview_body},
          {"GET", "/api/v1/knowledge/review-due", items_due_for_review},
          {"GET", "/api/v1/knowledge/lowest-rated", lowest_rated_items},
          {"GET", "/api/v1/knowledge/most-consulted", most_consulted_items},
          {"GET", "/api/v1/knowledge/{id}", show_item},
          {"PATCH", "/api/v1/knowledge/{id}", update_item},
          {"POST", "/api/v1/knowledge/{id}/submit", submit_item},
          {"POST", "/api/v1/knowledge/{id}/publish", publish_item},
          {"POST", "/api/v1/knowledge/{id}/archive", archive_item},
          {"POST", "/api/v1/knowledge/{id}/return", return_item},
          {"POST", "/api/v1/knowledge/{id}/verification", verify_item},
          {"GET", "/api/v1/knowledge/{id}/verifications", list_verifications},
          {"PUT", "/api/v1/knowledge/{id}/rating", rate_item},
          {"GET", "/api/v1/knowledge/{id}/ratings", list_ratings},
          {"GET", "/api/v1/knowledge/{id}/diff", diff_versions},
          {"POST", "/api/v1/knowledge/{id}/attachments", add_attachment, http::Access::authenticated, true},
          {"GET", "/api/v1/knowledge/{id}/attachments/{attachment_id}", download_attachment},
          {"DELETE", "/api/v1/knowledge/{id}/attachments/{attachment_id}", remove_attachment},
          {"POST", "/api/v1/knowledge/{id}/view", record_item_view},
          {"GET", "/api/v1/knowledge/{id}/versions", list_versions},
      });
}

}  // namespace wk::knowledge
