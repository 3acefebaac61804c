#include "modules/sensemaking/module.hpp"

#include "modules/sensemaking/report_chapter.hpp"
#include "modules/stories/module.hpp"
#include "modules/usage/module.hpp"

namespace wk::sensemaking {

Module::Module(store::Database& db, const Modules& modules)
    : db_(db),
      service_(db),
      stories_(modules.get<stories::Module>().service()),
      usage_(modules.get<usage::Module>().service()) {}

std::vector<std::string> Module::capabilities(store::Tx&, const Principal& p) const {
  std::vector<std::string> out;
  if (may_read(p)) out.push_back("read_sessions");
  if (may_run(p)) out.push_back("run_sessions");
  return out;
}

void Module::add_chapters(report::Registry& chapters) const {
  chapters.add(make_report_chapter());
}

}  // namespace wk::sensemaking
