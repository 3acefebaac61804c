#include "modules/stories/module.hpp"

#include "modules/organisation/service.hpp"
#include "modules/stories/repository.hpp"
#include "report/indicators.hpp"

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

namespace {

// stories.stories: published stories dated within the period, per team or area.
std::optional<report::Figure> stories_in(store::Tx& tx, const report::IndicatorQuery& q) {
  std::optional<std::vector<std::int64_t>> teams;
  if (q.by) {
    teams = organisation::Service::team_ids_of(tx, q.org_id, *q.by == report::Breakdown::area, q.id);
    if (!teams) return std::nullopt;
    if (teams->empty()) return report::Figure{0, 1};  // an area without teams
  }
  return report::Figure{repo::period_counts(tx, q.org_id, q.period.from, q.period.to, teams, std::nullopt).stories, 1};
}

}  // namespace

void Module::add_indicators(report::Indicators& indicators) const {
  indicators.add(
      {"stories.stories",
       report::Unit::count,
       {"Verhalen", "Stories"},
       {"Het aantal gepubliceerde verhalen met een verhaaldatum in de periode (begin- en einddatum tellen "
        "mee), van alle vertellers; per team de verhalen van dat team, per wijk die van de teams in de wijk.",
        "The number of published stories dated within the period (both edges included), of every kind of "
        "teller; per team that team's stories, per area those of the area's teams."},
       {report::Breakdown::team, report::Breakdown::area},
       stories_in});
}

}  // namespace wk::stories
