#include "report/module.hpp"

namespace wk::report {

void Module::connect(const Modules& modules) {
  for (const auto& m : modules) m->add_chapters(chapters_);
}

}  // namespace wk::report
