// A list page's answer (docs/openapi.json, every list endpoint): its items, the total
// counted up to paging::kCountCap, and whether that total is exact.
#pragma once

#include <utility>

#include <nlohmann/json.hpp>

#include "core/paging.hpp"

namespace wk::http {

template <class Items, class ToJson>
nlohmann::json list_page_json(const Items& items, paging::Count count, ToJson to_json) {
  auto out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return {{"items", std::move(out)}, {"total", count.total}, {"total_exact", count.exact}};
}

}  // namespace wk::http
