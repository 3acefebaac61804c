#include "modules/auth/module.hpp"

#include <algorithm>

#include "modules/organisation/module.hpp"

namespace wk::auth {

Module::Module(store::Database& db, Config config, const Modules& modules)
    : db_(db),
      sessions_(db, config.sessions, config.throttle),
      organisations_(modules.get<organisation::Module>().service()),
      cookies_(config.cookies),
      modules_(modules) {
  organisations_.on_sessions_end(&SessionService::end_sessions);
}

std::vector<std::string> Module::all_capabilities(store::Tx& tx, const Principal& p) const {
  std::vector<std::string> out;
  for (const auto& m : modules_)
    for (auto& c : m->capabilities(tx, p)) out.push_back(std::move(c));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace wk::auth
