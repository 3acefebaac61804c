#include "modules/cases/module.hpp"

#include "modules/cases/lists.hpp"
#include "modules/cases/report_chapter.hpp"
#include "modules/organisation/service.hpp"
#include "modules/programmes/module.hpp"
#include "report/indicators.hpp"

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

namespace {

// The cases that count on `date` as the report's receipts table counts them (afgerond or
// zo goed als afgerond on that date, every team), and the sum of their savings.
struct Counted {
  std::int64_t cases = 0;
  Cents saving = 0;
};

// The programmes and the team a query asks for; nullopt when its id is not the
// organisation's. Read once per figure, then counted on as many dates as it needs.
struct Where {
  std::vector<std::int64_t> programme_ids;
  std::optional<std::int64_t> team_id;
};

std::optional<Where> where_of(store::Tx& tx, const report::IndicatorQuery& q) {
  Where where;
  if (q.by == report::Breakdown::programme) {
    if (!programmes::Service::find(tx, q.org_id, q.id)) return std::nullopt;
    where.programme_ids.push_back(q.id);
  } else {
    for (const auto& programme : programmes::Service::all(tx, q.org_id)) where.programme_ids.push_back(programme.id);
  }
  if (q.by == report::Breakdown::team) {
    if (!organisation::Service::team(tx, q.org_id, q.id)) return std::nullopt;
    where.team_id = q.id;
  }
  return where;
}

Counted counted_on(store::Tx& tx, std::int64_t org_id, const Where& where, const std::string& date) {
  repo::Scope all;
  all.all = true;
  Counted counted;
  for (const auto id : where.programme_ids) {
    const auto summary = Service::summarise(tx, org_id, id, date, where.team_id, all);
    if (!summary) continue;
    counted.saving += summary->totals.saving();
    for (const auto& group : summary->groups) counted.cases += static_cast<std::int64_t>(group.rows.size());
  }
  return counted;
}

// cases.saving: the savings of the cases that count on the period's last day.
std::optional<report::Figure> saving(store::Tx& tx, const report::IndicatorQuery& q) {
  const auto where = where_of(tx, q);
  if (!where) return std::nullopt;
  return report::Figure{counted_on(tx, q.org_id, *where, q.period.to).saving, 1};
}

// cases.cases_closed: those counting on the last day less those on the day before the first.
std::optional<report::Figure> cases_closed(store::Tx& tx, const report::IndicatorQuery& q) {
  const auto where = where_of(tx, q);
  if (!where) return std::nullopt;
  const auto at_end = counted_on(tx, q.org_id, *where, q.period.to);
  const auto before = counted_on(tx, q.org_id, *where, add_days(q.period.from, -1));
  return report::Figure{at_end.cases - before.cases, 1};
}

}  // namespace

void Module::add_indicators(report::Indicators& indicators) const {
  const std::vector<report::Breakdown> by{report::Breakdown::programme, report::Breakdown::team};
  indicators.add({"cases.saving",
                  report::Unit::cents,
                  {"Besparing per jaar (kassabonnen)", "Saving per year (receipts)"},
                  {"De besparing per jaar (kassabon oud − kassabon nieuw) van de casussen die op de laatste dag van de "
                   "periode afgerond of zo goed als afgerond zijn, zoals de tabel Kassabonnen van het jaarverslag ze "
                   "telt; in centen, niet afgerond. De begindatum van de periode telt niet mee.",
                   "The saving per year (old receipt − new receipt) of the cases that are closed or nearly closed on "
                   "the period's last day, as the report's receipts table counts them; in cents, not rounded. The "
                   "period's first day does not matter."},
                  by,
                  saving});
  indicators.add({"cases.cases_closed",
                  report::Unit::count,
                  {"Afgeronde casussen", "Cases closed"},
                  {"Het aantal casussen dat op de laatste dag van de periode afgerond of zo goed als afgerond is, min "
                   "het aantal op de dag vóór de eerste dag: de casussen die in de periode (begin- en einddatum tellen "
                   "mee) zijn bijgekomen. Een casus die weer loopt, telt niet meer mee.",
                   "The number of cases closed or nearly closed on the period's last day, less the number on the day "
                   "before its first day: the cases added within the period (both edges included). A case that runs "
                   "again no longer counts."},
                  by,
                  cases_closed});
}

}  // namespace wk::cases
