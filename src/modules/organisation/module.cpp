#include "modules/organisation/module.hpp"

namespace wk::organisation {

void Module::connect(const Modules& modules) {
  std::vector<ListDefinition> lists;
  for (const auto& m : modules)
    for (auto& l : m->value_lists()) lists.push_back(std::move(l));
  service_.define_lists(std::move(lists));
}

void Module::start() {
  service_.seed_default_lists(now_millis());
}

}  // namespace wk::organisation
