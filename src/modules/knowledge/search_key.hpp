// The row key of the knowledge base's SQLite search index (knowledge_fts):
//
//   org_id << 44 | cell << 40 | item_id,   cell = status · 4 + category
//
// with the statuses in the order gepubliceerd, concept, ter_review, gearchiveerd and the
// categories methodiek, document, procedure, richtlijn. The items a search may return lie
// in one key range per run of neighbouring cells (a reader's published items in one, the
// quality staff's published, concept and ter_review items in one), and FTS5 walks a rowid
// range without touching other rows: no join with knowledge_items and no test per row for
// organisation, status or category. The cell in a matching key gives the category's facet.
// docs/modules/kennisbank.md, "Zoeken op schaal".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wk::knowledge::search_key {

constexpr int kItemBits = 40, kCellBits = 4;
constexpr std::int64_t kItemMask = (std::int64_t{1} << kItemBits) - 1;
constexpr int kCells = 1 << kCellBits;

// Throws std::invalid_argument for an unknown status or category and std::out_of_range
// for an id beyond the key's bits (organisation ids below 2^19, item ids below 2^40).
std::int64_t of(std::int64_t org_id, std::string_view status, std::string_view category, std::int64_t item_id);
inline std::int64_t item_of(std::int64_t key) {
  return key & kItemMask;
}
inline int cell_of(std::int64_t key) {
  return static_cast<int>((key >> kItemBits) & (kCells - 1));
}
const std::string& category_of_cell(int cell);
inline const std::string& category_of(std::int64_t key) {
  return category_of_cell(cell_of(key));
}

// Every key the item could have, one per cell: where to find it whatever its state.
std::vector<std::int64_t> all_of(std::int64_t org_id, std::int64_t item_id);

struct Range {
  std::int64_t lo = 0, hi = 0;
};
// The key ranges of the organisation's items in the statuses and categories, neighbouring
// cells joined.
std::vector<Range> ranges(std::int64_t org_id, std::span<const std::string> statuses,
                          std::span<const std::string> categories);
// The same keys, one range per cell, in key order.
std::vector<Range> cell_ranges(std::int64_t org_id, std::span<const std::string> statuses,
                               std::span<const std::string> categories);

}  // namespace wk::knowledge::search_key
