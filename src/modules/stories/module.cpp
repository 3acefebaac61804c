#include "modules/stories/module.hpp"

#include "modules/stories/lists.hpp"

namespace wk::stories {

std::vector<ListDefinition> Module::value_lists() const {
  return stories::value_lists();
}

}  // namespace wk::stories
