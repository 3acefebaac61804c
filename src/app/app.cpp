#include "app/app.hpp"

#include "http/problem.hpp"
#include "modules/audit/module.hpp"
#include "modules/cases/module.hpp"
#include "modules/knowledge/module.hpp"
#include "modules/organisation/module.hpp"
#include "modules/programmes/module.hpp"
#include "modules/sensemaking/module.hpp"
#include "modules/stories/module.hpp"
#include "modules/usage/module.hpp"
#include "report/module.hpp"
#include "store/embedded.hpp"

namespace wk::app {

const std::string& openapi_document() {
  static const std::string empty = "{}";
  const std::string* doc = embedded::find("docs/openapi.json");
  return doc ? *doc : empty;
}

namespace {
void add_system_routes(http::Router& router, store::Database& db) {
  using http::Access;
  router.add("GET", "/healthz", Access::public_route, [](http::Context&) {
    return http::json_response(200, {{"status", "ok"}});
  });
  router.add("GET", "/readyz", Access::public_route, [&db](http::Context&) {
    if (db.ping()) return http::json_response(200, {{"status", "ready"}});
    return http::problem_response(
        {ErrorKind::unavailable, "De database is niet bereikbaar.", "The database is not reachable.", {}, 0});
  });
  router.add("GET", "/api/v1/openapi.json", Access::public_route, [](http::Context&) {
    http::Response r;
    r.content_type = "application/json";
    r.body = openapi_document();
    return r;
  });
}
}  // namespace

App::App(store::Database& db, Config config) : db_(db), idempotency_(db) {
  // The modules, each after the ones whose services it uses (docs/adding-a-module.md).
  // Their demo content is added in this order too.
  modules_.add<audit::Module>(db);
  modules_.add<organisation::Module>(db);
  modules_.add<auth::Module>(db, auth::Config{config.sessions, config.throttle, config.cookies}, modules_);
  modules_.add<usage::Module>(db);
  modules_.add<programmes::Module>(db);
  modules_.add<cases::Module>(db, modules_);
  modules_.add<stories::Module>(db);
  modules_.add<sensemaking::Module>(db, modules_);
  modules_.add<knowledge::Module>(db, config.search_index);
  modules_.add<report::Module>(db);

  for (const auto& m : modules_) m->connect(modules_);
  add_system_routes(router_, db_);
  for (const auto& m : modules_) m->add_routes(router_);
}

void App::start() {
  for (const auto& m : modules_) m->start();
}

organisation::Service& App::organisations() {
  return modules_.get<organisation::Module>().service();
}

void App::add_demo_content(std::int64_t org_id, Millis now) {
  for (const auto& m : modules_) m->add_demo_content(org_id, now);
}

http::Authenticator App::authenticator() {
  return [&sessions = modules_.get<auth::Module>().sessions()](const http::Request& r, Millis now) {
    return auth::authenticate_request(sessions, r, now);
  };
}

}  // namespace wk::app
