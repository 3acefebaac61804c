#include "report/module.hpp"

namespace wk::report {

std::vector<std::string> Module::capabilities(store::Tx&, const Principal& p) const {
  std::vector<std::string> out;
  if (may_read_report(p)) out.push_back("read_report");
  if (may_write_texts(p)) out.push_back("write_report");
  return out;
}

void Module::connect(const Modules& modules) {
  for (const auto& m : modules) {
    m->add_chapters(chapters_);
    m->add_indicators(indicators_);
  }
}

}  // namespace wk::report
