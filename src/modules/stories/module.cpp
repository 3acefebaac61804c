#include "modules/stories/module.hpp"

#include "modules/stories/export.hpp"
#include "modules/stories/lists.hpp"

namespace wk::stories {

std::vector<std::string> Module::capabilities(store::Tx&, const Principal& p) const {
  std::vector<std::string> out;
  if (may_read(p)) out.push_back("read_stories");
  if (may_share(p)) out.push_back("share_stories");
  if (may_see_stats(p)) out.push_back("see_story_stats");
  if (may_see_all_stats(p)) out.push_back("see_all_story_stats");  // else the own teams' only
  if (may_moderate(p)) out.push_back("moderate_stories");
  if (may_export(p)) out.push_back("export_stories");
  return out;
}

std::vector<ListDefinition> Module::value_lists() const {
  return stories::value_lists();
}

}  // namespace wk::stories
