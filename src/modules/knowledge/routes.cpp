#include "modules/knowledge/routes.hpp"

#include "core/markdown.hpp"
#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "modules/cases/json.hpp"

namespace wk::knowledge {

namespace {

using http::Context;
using http::FieldReader;
using http::problem_response;
using nlohmann::json;

constexpr http::TextRule kTitle{.required = true, .min = 1, .max = 200};
constexpr http::TextRule kBody{.required = false, .min = 0, .max = 100'000, .multiline = true, .trim = false};
constexpr http::TextRule kTag{.required = true, .min = 1, .max = 40};
constexpr http::TextRule kCategory{.required = true, .min = 1, .max = 20};

constexpr http::TextRule optional(http::TextRule rule) {
  rule.required = false;
  return rule;
}

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

json item_json(const Item& i) {
  return {{"id", i.id},
          {"warnings", cases::to_json(i.warnings)},
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
          {"updated_at", iso8601_utc(i.updated_at)}};
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
          {"updated_at", iso8601_utc(i.updated_at)}};
}

void read_item(FieldReader& in, ItemInput& item, bool create) {
  item.category = in.text("category", create ? kCategory : optional(kCategory));
  item.title = in.text("title", create ? kTitle : optional(kTitle));
  item.body = in.text("body", kBody);
  item.tags = in.text_list("tags", kTag, 20);
  item.owner_id = in.integer("owner_id", {});
}

std::optional<std::string> text_query(const Context& ctx, const char* name, std::size_t max) {
  auto v = ctx.request.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return std::string(v->substr(0, max));
}

void check_status(const std::optional<std::string>& status, std::vector<FieldError>& errors) {
  if (status && *status != "concept" && *status != "ter_review" && *status != "gepubliceerd" &&
      *status != "gearchiveerd")
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

}  // namespace

void register_routes(http::Router& router, Service& service) {
  using http::Access;

  router.add("GET", "/api/v1/knowledge", Access::authenticated, [&service](Context& ctx) {
    ItemQuery q;
    std::vector<FieldError> errors;
    q.category = text_query(ctx, "category", 20);
    q.tag = text_query(ctx, "tag", 40);
    q.status = text_query(ctx, "status", 20);
    check_category(q.category, errors);
    check_status(q.status, errors);
    if (auto o = ctx.request.query_param("owner"); o && *o == "me")
      q.owner_id = ctx.user().user_id;
    else
      q.owner_id = http::query_id(ctx.request, "owner", errors);
    http::query_paging(ctx.request, q.limit, q.offset, errors);
    if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
    auto r = service.list(ctx.user(), q, ctx.now);
    if (!r) return problem_response(r.error());
    json items = json::array();
    for (const auto& i : r->first) items.push_back(summary_json(i));
    return http::json_response(200, {{"items", items}, {"total", r->second}});
  });

  router.add("POST", "/api/v1/knowledge", Access::authenticated, [&service](Context& ctx) {
    if (!may_author(ctx.user())) return problem_response(Error::forbidden());
    ItemInput item;
    if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) { read_item(in, item, true); })) return *bad;
    return item_response(service.create(ctx.user(), item, ctx.now), 201);
  });

  router.add("GET", "/api/v1/knowledge/search", Access::authenticated, [&service](Context& ctx) {
    SearchQuery q;
    std::vector<FieldError> errors;
    q.q = text_query(ctx, "q", 200).value_or("");
    q.category = text_query(ctx, "category", 20);
    q.tag = text_query(ctx, "tag", 40);
    q.status = text_query(ctx, "status", 20);
    check_category(q.category, errors);
    check_status(q.status, errors);
    http::query_paging(ctx.request, q.limit, q.offset, errors, 100);
    if (!errors.empty()) return problem_response(http::bad_query(std::move(errors)));
    auto r = service.search(ctx.user(), q, ctx.now);
    if (!r) return problem_response(r.error());
    json items = json::array(), categories = json::array(), tags = json::array();
    for (const auto& h : r->items)
      items.push_back({{"id", h.id},
                       {"title", h.title},
                       {"category", h.category},
                       {"status", h.status},
                       {"tags", h.tags},
                       {"snippet_html", h.snippet_html},
                       {"review_by", h.review_by ? json(*h.review_by) : json(nullptr)},
                       {"overdue", h.overdue}});
    for (const auto& [c, n] : r->categories) categories.push_back({{"category", c}, {"count", n}});
    for (const auto& [t, n] : r->tags) tags.push_back({{"tag", t}, {"count", n}});
    return http::json_response(
        200, {{"items", items}, {"total", r->total}, {"facets", {{"categories", categories}, {"tags", tags}}}});
  });

  router.add("POST", "/api/v1/knowledge/preview", Access::authenticated, [](Context& ctx) {
    if (!may_read(ctx.user())) return problem_response(Error::forbidden());
    std::string body;
    if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) { body = in.text("body", kBody).value_or(""); }))
      return *bad;
    return http::json_response(200, {{"html", markdown::to_html(body)}});
  });

  router.add("GET", "/api/v1/knowledge/{id}", Access::authenticated, [&service](Context& ctx) {
    const auto id = ctx.id_param();
    if (!id) return problem_response(Error::not_found("No such knowledge item."));
    return item_response(service.get(ctx.user(), *id, ctx.now));
  });

  router.add("PATCH", "/api/v1/knowledge/{id}", Access::authenticated, [&service](Context& ctx) {
    const auto id = ctx.id_param();
    if (!id) return problem_response(Error::not_found("No such knowledge item."));
    ItemInput item;
    if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) { read_item(in, item, false); })) return *bad;
    return item_response(service.update(ctx.user(), *id, item, ctx.now));
  });

  // The workflow: submit, publish, archive (no body), and return to the author (a remark).
  for (const std::string step : {"submit", "publish", "archive"}) {
    router.add("POST", "/api/v1/knowledge/{id}/" + step, Access::authenticated, [&service, step](Context& ctx) {
      const auto id = ctx.id_param();
      if (!id) return problem_response(Error::not_found("No such knowledge item."));
      if (step == "submit") return item_response(service.submit(ctx.user(), *id, ctx.now));
      if (step == "publish") return item_response(service.publish(ctx.user(), *id, ctx.now));
      return item_response(service.archive(ctx.user(), *id, ctx.now));
    });
  }
  router.add("POST", "/api/v1/knowledge/{id}/return", Access::authenticated, [&service](Context& ctx) {
    if (!may_review(ctx.user())) return problem_response(Error::forbidden());
    const auto id = ctx.id_param();
    if (!id) return problem_response(Error::not_found("No such knowledge item."));
    std::string remark;
    if (auto bad = http::read_json_body(ctx.request, [&](FieldReader& in) {
          remark = in.text("remark", {.required = true, .min = 1, .max = 2000, .multiline = true}).value_or("");
        }))
      return *bad;
    return item_response(service.return_to_author(ctx.user(), *id, remark, ctx.now));
  });

  router.add("GET", "/api/v1/knowledge/{id}/versions", Access::authenticated, [&service](Context& ctx) {
    const auto id = ctx.id_param();
    if (!id) return problem_response(Error::not_found("No such knowledge item."));
    auto r = service.versions(ctx.user(), *id);
    if (!r) return problem_response(r.error());
    json items = json::array();
    for (const auto& v : *r) items.push_back(version_json(v, true));
    return http::json_response(200, {{"items", items}});
  });
}

}  // namespace wk::knowledge
