// Indicators (docs/decisions/0014-subsidies-targets-deviations.md): the figures a module
// can compute for a period — for the whole organisation or per programme, team or area —
// that a subsidy decision's targets name. A module declares them (Module::add_indicators);
// GET /api/v1/indicators lists them and GET /api/v1/indicators/{key} computes one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"

namespace wk::store {
class Tx;
}

namespace wk::report {

enum class Unit { count, cents, percent };
enum class Breakdown { programme, team, area };  // area: a district (wijk) with its teams

// Their names in the API.
inline constexpr auto kUnitNames =
    enum_names<Unit>({{Unit::count, "count"}, {Unit::cents, "cents"}, {Unit::percent, "percent"}});
inline constexpr auto kBreakdownNames =
    enum_names<Breakdown>({{Breakdown::programme, "programme"}, {Breakdown::team, "team"}, {Breakdown::area, "area"}});
static_assert(kUnitNames.names_every(Unit::percent) && kBreakdownNames.names_every(Breakdown::area));

// A period of days, both edges inclusive (YYYY-MM-DD).
struct Period {
  std::string from;
  std::string to;
};

// An exact figure: a count or an amount in cents over 1, or a share as numerator over
// denominator (a percent). Never rounded, so that comparing it with a target never meets
// a rounding; a page rounds only what it shows.
struct Figure {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
};

struct IndicatorQuery {
  std::int64_t org_id = 0;
  Period period;
  std::optional<Breakdown> by;  // with the programme's, team's or district's id
  std::int64_t id = 0;
};

struct Text {
  std::string nl, en;
};

using Compute = std::function<std::optional<Figure>(store::Tx&, const IndicatorQuery&)>;

struct Indicator {
  std::string key;  // "<module>.<name>": stable, what a target names
  Unit unit = Unit::count;
  Text label;
  Text definition;                    // what is counted and how: the population, the period's edges, the rounding shown
  std::vector<Breakdown> breakdowns;  // besides the whole organisation
  // Inside the caller's read transaction; the query's breakdown is one of `breakdowns`.
  // nullopt: the breakdown's id is not one of the organisation's programmes, teams or areas.
  Compute compute;

  std::string module() const { return key.substr(0, key.find('.')); }
};

// Every module's indicators, in the order the modules add them.
class Indicators {
 public:
  void add(Indicator indicator);  // a key given twice is a programming error (throws)
  const std::vector<Indicator>& all() const { return items_; }
  const Indicator* find(std::string_view key) const;

 private:
  std::vector<Indicator> items_;
};

}  // namespace wk::report
