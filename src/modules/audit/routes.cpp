#include "modules/audit/module.hpp"

#include <charconv>

#include "http/problem.hpp"
#include "http/query.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "modules/audit/audit_log.hpp"

namespace wk::audit {

namespace {

std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

nlohmann::json to_json(const Entry& e) {
  nlohmann::json actor = nullptr;
  if (e.actor_id) actor = {{"id", *e.actor_id}, {"name", e.actor_name.value_or("")}};
  return {{"id", e.id},           {"at", iso8601_utc(e.at)}, {"actor", actor},
          {"action", e.action},   {"entity", e.entity},      {"entity_id", e.entity_id},
          {"label", label_of(e)}, {"before", e.before},      {"after", e.after}};
}

http::Response list_entries(store::Database& db, http::Context& ctx) {
  if (!may_read_log(ctx.user())) return http::problem_response(Error::forbidden());
  Query q;
  q.org_id = ctx.user().org_id;
  std::vector<FieldError> errors;
  // limit and before are refused when empty too: a pager that sends "before=" has lost
  // its place.
  if (auto v = ctx.request.query_param("limit")) {
    auto n = parse_int(*v);
    if (!n || *n < 1 || *n > 200)
      errors.push_back({"limit", "Kies een aantal van 1 tot en met 200.", "must be 1-200"});
    else
      q.limit = static_cast<int>(*n);
  }
  if (auto v = ctx.request.query_param("before")) {
    auto n = parse_int(*v);
    if (!n || *n < 1)
      errors.push_back({"before", "Ongeldige positie.", "must be a positive id"});
    else
      q.before_id = n;
  }
  q.actor_id = http::query_id(ctx.request, "actor", errors);
  // Days as a person means them: from the start of `from` until the end of `to`, in
  // Dutch time.
  const auto from = http::query_date(ctx.request, "from", errors);
  const auto to = http::query_date(ctx.request, "to", errors);
  if (from && to && *to < *from)
    errors.push_back({"to", "De einddatum ligt vóór de begindatum.", "must not be before from"});
  if (from) q.from = start_of_day_nl(*from);
  if (to) q.until = start_of_day_nl(add_days(*to, 1));
  if (auto v = ctx.request.query_param("entity"); v && !v->empty()) q.entity = std::string(*v);
  if (auto v = ctx.request.query_param("entity_id"); v && !v->empty()) q.entity_id = std::string(*v);
  if (!errors.empty()) return http::problem_response(http::bad_query(std::move(errors)));
  auto entries = db.read([&](store::Tx& tx) { return list(tx, q); });
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : entries) items.push_back(to_json(e));
  nlohmann::json next = nullptr;
  if (static_cast<int>(entries.size()) == q.limit) next = entries.back().id;
  return http::json_response(200, {{"items", items}, {"next_before", next}});
}

}  // namespace

void Module::add_routes(http::Router& router) {
  http::add_routes(router, db_, {{"GET", "/api/v1/audit", list_entries}});
}

}  // namespace wk::audit
