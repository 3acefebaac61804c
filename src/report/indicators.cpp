#include "report/indicators.hpp"

#include <stdexcept>
#include <utility>

namespace wk::report {

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
