#include "modules/auth/module.hpp"

#include "modules/organisation/module.hpp"

namespace wk::auth {

Module::Module(store::Database& db, Config config, const Modules& modules)
    : sessions_(db, config.sessions, config.throttle),
      organisations_(modules.get<organisation::Module>().service()),
      cookies_(config.cookies) {
  organisations_.on_sessions_end(&SessionService::end_sessions);
}

}  // namespace wk::auth
