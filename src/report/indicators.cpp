#include "report/indicators.hpp"

#include <stdexcept>
#include <utility>

#include "core/enum_names.hpp"

namespace wk::report {

namespace {
constexpr auto kUnits = enum_names<Unit>({{Unit::count, "count"}, {Unit::cents, "cents"}, {Unit::percent, "percent"}});
constexpr auto kBreakdowns = enum_names<Breakdown>(
    {{Breakdown::programme, "programme"}, {Breakdown::team, "team"}, {Breakdown::area, "area"}});
}  // namespace

std::string_view to_string(Unit unit) {
  return kUnits.name(unit);
}

std::string_view to_string(Breakdown by) {
  return kBreakdowns.name(by);
}

std::optional<Breakdown> breakdown_from(std::string_view name) {
  return kBreakdowns.value(name);
}

void Indicators::add(Indicator indicator) {
  if (find(indicator.key)) throw std::logic_error("indicator " + indicator.key + " is added twice");
  items_.push_back(std::move(indicator));
}

const Indicator* Indicators::find(std::string_view key) const {
  for (const auto& i : items_)
    if (i.key == key) return &i;
  return nullptr;
}

}  // namespace wk::report
