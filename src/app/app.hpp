// Wires the modules together: one object that owns the services and the router, used
// by `wijkkader serve` and by the tests.
#pragma once

#include <memory>
#include <string>

#include "app/idempotency.hpp"
#include "http/dispatcher.hpp"
#include "http/router.hpp"
#include "modules/auth/routes.hpp"
#include "modules/auth/service.hpp"
#include "modules/cases/service.hpp"
#include "modules/knowledge/knowledge.hpp"
#include "modules/organisation/service.hpp"
#include "modules/programmes/programmes.hpp"
#include "modules/sensemaking/sensemaking.hpp"
#include "modules/stories/stories.hpp"
#include "modules/usage/usage.hpp"
#include "report/report.hpp"
#include "store/database.hpp"

namespace wk::app {

struct Config {
  auth::SessionPolicy sessions;
  auth::ThrottlePolicy throttle;
  auth::CookieOptions cookies;
  // PostgreSQL: the file of this server's copy of the kennisbank's search index (empty: a
  // temporary file, built anew at each start; docs/decisions/0011).
  std::string search_index;
};

class App {
 public:
  App(store::Database& db, Config config);
  const http::Router& router() const { return router_; }
  http::Authenticator authenticator();
  organisation::Service& organisations() { return organisations_; }
  http::IdempotencyStore& idempotency() { return idempotency_; }
  // Fills a newly made demo organisation with example records (`serve --demo-data`).
  void add_demo_content(std::int64_t org_id, Millis now);

 private:
  store::Database& db_;
  Config config_;
  organisation::Service organisations_;
  auth::SessionService sessions_;
  programmes::Service programmes_;
  cases::Service cases_;
  stories::Service stories_;
  sensemaking::Service sensemaking_;
  usage::Service usage_;
  knowledge::Service knowledge_;
  report::Registry chapters_;
  report::Service reports_;
  DatabaseIdempotencyStore idempotency_;
  http::Router router_;
};

// The embedded OpenAPI document (docs/openapi.json).
const std::string& openapi_document();

}  // namespace wk::app
