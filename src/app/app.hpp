// Wires the modules together: the list of modules (app.cpp), the router they add their
// routes to, used by `wijkkader serve` and by the tests.
#pragma once

#include <string>

#include "app/idempotency.hpp"
#include "core/module.hpp"
#include "http/dispatcher.hpp"
#include "http/router.hpp"
#include "modules/auth/module.hpp"
#include "modules/organisation/service.hpp"
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
  // Makes the modules and connects them: enough for the command line's commands.
  App(store::Database& db, Config config);
  // Before serving: each module's start-up work (Module::start).
  void start();
  const http::Router& router() const { return router_; }
  http::Authenticator authenticator();
  organisation::Service& organisations();
  const Modules& modules() const { return modules_; }
  http::IdempotencyStore& idempotency() { return idempotency_; }
  // Fills a newly made demo organisation with example records (`serve --demo-data`).
  void add_demo_content(std::int64_t org_id, Millis now);

 private:
  store::Database& db_;
  Modules modules_;
  DatabaseIdempotencyStore idempotency_;
  http::Router router_;
};

// The embedded OpenAPI document (docs/openapi.json).
const std::string& openapi_document();

}  // namespace wk::app
