#include "modules/organisation/module.hpp"

namespace wk::organisation {

void Module::connect(const Modules& modules) {
  std::vector<ListDefinition> lists;
  for (const auto& m : modules)
    for (auto& l : m->value_lists()) lists.push_back(std::move(l));
  service_.define_lists(std::move(lists));
}

std::vector<std::string> Module::capabilities(store::Tx&, const Principal& p) const {
  std::vector<std::string> out;
  if (can_administer(p)) out.push_back("administer");
  if (may_list_users(p)) out.push_back("list_users");
  for (const auto& list : service_.lists())
    if (service_.may_edit_list(p, list.name)) out.push_back("edit_list:" + std::string(list.name));
  return out;
}

void Module::start() {
  service_.seed_default_lists(now_millis());
}

}  // namespace wk::organisation
