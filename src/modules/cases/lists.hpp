// The kassabon's lists of values: cost categories (kostensoorten) and payers (betalers).
#pragma once

#include <string_view>
#include <vector>

#include "core/value_lists.hpp"

namespace wk::cases {

namespace list {
inline constexpr std::string_view cost_category = "cost_category";  // kostensoort
inline constexpr std::string_view payer = "payer";                  // betaler
}  // namespace list

std::vector<ListDefinition> value_lists();

}  // namespace wk::cases
