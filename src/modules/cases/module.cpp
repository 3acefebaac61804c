#include "modules/cases/module.hpp"

#include "modules/cases/lists.hpp"
#include "modules/cases/report_chapter.hpp"
#include "modules/programmes/module.hpp"

namespace wk::cases {

Module::Module(store::Database& db, const Modules& modules)
    : db_(db), service_(db), programmes_(modules.get<programmes::Module>().service()) {}

void Module::add_chapters(report::Registry& chapters) const {
  chapters.add(make_report_chapter());
}

std::vector<std::string> Module::capabilities(store::Tx&, const Principal& p) const {
  std::vector<std::string> out;
  if (may_read_some_cases(p)) out.push_back("read_cases");
  if (may_edit_some_cases(p)) out.push_back("edit_cases");
  return out;
}

std::vector<ListDefinition> Module::value_lists() const {
  return cases::value_lists();
}

}  // namespace wk::cases
