#include "modules/usage/module.hpp"

namespace wk::usage {

std::vector<std::string> Module::capabilities(store::Tx&, const Principal& p) const {
  if (may_see_views(p)) return {"see_module_views"};
  return {};
}

void Module::connect(const Modules& modules) {
  std::vector<std::string> counted;
  for (const auto& m : modules)
    for (auto& name : m->counted_views()) counted.push_back(std::move(name));
  service_.count_views_of(std::move(counted));
}

}  // namespace wk::usage
