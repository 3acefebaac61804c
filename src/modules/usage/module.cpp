#include "modules/usage/module.hpp"

namespace wk::usage {

void Module::connect(const Modules& modules) {
  std::vector<std::string> counted;
  for (const auto& m : modules)
    for (auto& name : m->counted_views()) counted.push_back(std::move(name));
  service_.count_views_of(std::move(counted));
}

}  // namespace wk::usage
