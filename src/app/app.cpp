#include "app/app.hpp"

#include "app/demo.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/dutch.hpp"
#include "http/problem.hpp"
#include "modules/audit/routes.hpp"
#include "modules/cases/report_chapter.hpp"
#include "modules/cases/routes.hpp"
#include "modules/knowledge/report_chapter.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/knowledge/routes.hpp"
#include "modules/organisation/routes.hpp"
#include "modules/programmes/routes.hpp"
#include "modules/sensemaking/report_chapter.hpp"
#include "modules/sensemaking/routes.hpp"
#include "modules/stories/routes.hpp"
#include "modules/usage/routes.hpp"
#include "report/routes.hpp"
#include "store/embedded.hpp"

namespace wk::app {

const std::string& openapi_document() {
  static const std::string empty = "{}";
  const std::string* doc = embedded::find("docs/openapi.json");
  return doc ? *doc : empty;
}

App::App(store::Database& db, Config config)
    : db_(db),
      config_(config),
      organisations_(db),
      sessions_(db, config.sessions, config.throttle),
      programmes_(db),
      cases_(db),
      stories_(db),
      sensemaking_(db),
      usage_(db),
      knowledge_(db, config.search_index),
      reports_(db, chapters_),
      idempotency_(db) {
  organisations_.on_sessions_end(&auth::SessionService::end_sessions);
  // An index made by another tokenizer or word list is rebuilt once (decision 0009).
  const auto started = std::chrono::steady_clock::now();
  db_.with_write([&](store::Tx& tx) {
    if (knowledge::repo::reindex_if_tokenizer_changed(tx))
      spdlog::info(
          "kennisbank: search index rebuilt for tokenizer '{}' ({} ms)", dutch::tokenizer_version(),
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    return true;
  });
  knowledge_.prepare_search();
  using http::Access;
  router_.add("GET", "/healthz", Access::public_route, [](http::Context&) {
    return http::json_response(200, {{"status", "ok"}});
  });
  router_.add("GET", "/readyz", Access::public_route, [this](http::Context&) {
    if (db_.ping()) return http::json_response(200, {{"status", "ready"}});
    return http::problem_response(
        {ErrorKind::unavailable, "De database is niet bereikbaar.", "The database is not reachable.", {}, 0});
  });
  router_.add("GET", "/api/v1/openapi.json", Access::public_route, [](http::Context&) {
    http::Response r;
    r.content_type = "application/json";
    r.body = openapi_document();
    return r;
  });
  auth::register_routes(router_, sessions_, organisations_, config_.cookies);
  organisation::register_routes(router_, organisations_);
  audit::register_routes(router_, db_);
  programmes::register_routes(router_, programmes_);
  cases::register_routes(router_, cases_, db_);
  stories::register_routes(router_, stories_, db_);
  sensemaking::register_routes(router_, sensemaking_);
  usage::register_routes(router_, usage_);
  knowledge::register_routes(router_, knowledge_);
  chapters_.add(cases::make_report_chapter());
  chapters_.add(sensemaking::make_report_chapter());
  chapters_.add(knowledge::make_report_chapter());
  report::register_routes(router_, reports_);
  organisations_.seed_default_lists(now_millis());
}

void App::add_demo_content(std::int64_t org_id, Millis now) {
  add_demo_kassabonnen(db_, programmes_, cases_, org_id, now);
  add_demo_vertelpunt(db_, stories_, sensemaking_, usage_, org_id, now);
  add_demo_kennisbank(db_, knowledge_, org_id, now);
  add_demo_jaarverslag(db_, reports_, org_id, now);
}

http::Authenticator App::authenticator() {
  return [this](const http::Request& r, Millis now) { return auth::authenticate_request(sessions_, r, now); };
}

}  // namespace wk::app
