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

// Beside read_cases and edit_cases, where: read_all_cases, or per team
// (read_cases_in_team:<id>, edit_cases_in_team:<id>) and per programme
// (read_cases_in_programme:<slug>, edit_cases_in_programme:<slug>), each asked of the
// rules can_read_case and can_edit_case; and own_new_cases (owns_new_cases).
std::vector<std::string> Module::capabilities(store::Tx& tx, const Principal& p) const {
  std::vector<std::string> out;
  if (!may_read_some_cases(p)) return out;
  out.push_back("read_cases");
  if (may_edit_some_cases(p)) out.push_back("edit_cases");
  constexpr std::int64_t kNoTeam = 0;
  const bool all = reads_all_cases(p);  // then no list of teams and programmes to read
  if (all) out.push_back("read_all_cases");
  for (const auto team_id : p.team_ids) {
    const auto id = std::to_string(team_id);
    if (!all && can_read_case(p, team_id, "")) out.push_back("read_cases_in_team:" + id);
    if (can_edit_case(p, team_id, "")) out.push_back("edit_cases_in_team:" + id);
  }
  // The programmes are read only for a coordinator: the one role whose rights hold per programme.
  if (coordinates_some_programme(p))
    for (const auto& programme : programmes::Service::all(tx, p.org_id)) {
      if (!all && can_read_case(p, kNoTeam, programme.slug)) out.push_back("read_cases_in_programme:" + programme.slug);
      if (can_edit_case(p, kNoTeam, programme.slug)) out.push_back("edit_cases_in_programme:" + programme.slug);
    }
  if (owns_new_cases(p)) out.push_back("own_new_cases");
  return out;
}

std::vector<ListDefinition> Module::value_lists() const {
  return cases::value_lists();
}

}  // namespace wk::cases
