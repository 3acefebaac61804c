#include "modules/knowledge/search_key.hpp"

#include <array>
#include <stdexcept>

#include "modules/knowledge/knowledge.hpp"

namespace wk::knowledge::search_key {

namespace {

constexpr int kOrgShift = kItemBits + kCellBits;
constexpr std::int64_t kOrgLimit = std::int64_t{1} << (63 - kOrgShift);

// The position in the rules' list (knowledge.hpp): four statuses, four categories.
int index_in(std::span<const std::string> names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  throw std::invalid_argument("search key: unknown status or category '" + std::string(name) + "'");
}

std::int64_t key(std::int64_t org_id, int cell, std::int64_t item_id) {
  if (org_id < 0 || org_id >= kOrgLimit || item_id < 0 || item_id > kItemMask)
    throw std::out_of_range("search key: organisation or item id beyond the key");
  return org_id << kOrgShift | std::int64_t{cell} << kItemBits | item_id;
}

}  // namespace

std::int64_t of(std::int64_t org_id, std::string_view status, std::string_view category, std::int64_t item_id) {
  return key(org_id, index_in(statuses(), status) * 4 + index_in(categories(), category), item_id);
}

const std::string& category_of_cell(int cell) {
  return categories()[static_cast<std::size_t>(cell & 3)];
}

std::vector<std::int64_t> all_of(std::int64_t org_id, std::int64_t item_id) {
  std::vector<std::int64_t> out;
  for (int cell = 0; cell < kCells; ++cell) out.push_back(key(org_id, cell, item_id));
  return out;
}

std::vector<Range> cell_ranges(std::int64_t org_id, std::span<const std::string> in_statuses,
                               std::span<const std::string> in_categories) {
  std::array<bool, kCells> wanted{};
  for (const auto& s : in_statuses)
    for (const auto& c : in_categories) wanted[index_in(statuses(), s) * 4 + index_in(categories(), c)] = true;
  std::vector<Range> out;
  for (int cell = 0; cell < kCells; ++cell)
    if (wanted[cell]) out.push_back({key(org_id, cell, 0), key(org_id, cell, kItemMask)});
  return out;
}

std::vector<Range> ranges(std::int64_t org_id, std::span<const std::string> in_statuses,
                          std::span<const std::string> in_categories) {
  std::vector<Range> out;
  for (const auto& r : cell_ranges(org_id, in_statuses, in_categories)) {
    if (!out.empty() && out.back().hi + 1 == r.lo)
      out.back().hi = r.hi;
    else
      out.push_back(r);
  }
  return out;
}

}  // namespace wk::knowledge::search_key
