// How a list page counts (issue 15): the rows a filter finds are counted up to
// kCountCap and no further, so that a page costs the same at a thousand and at a million
// rows. Beyond the cap the page says "more than 10,000" (exact = false), and pages past
// it are reached by cursor (keyset), not by offset.
//
// The page's ids first: a list selects the ids of its page by the filter, order, LIMIT and
// OFFSET in a subquery, which an index answers, and only then the rows with their
// computed columns (sums, counts). PostgreSQL computes every column of every row an
// OFFSET skips: at offset 9,000 the sessions' three counts took 80 ms a page.
#pragma once

#include <algorithm>
#include <cstdint>

namespace wk::paging {

inline constexpr std::int64_t kCountCap = 10'000;

struct Count {
  std::int64_t total = 0;
  bool exact = true;
};

// From a count taken with LIMIT kCountCap + 1.
inline Count capped(std::int64_t counted) { return {std::min(counted, kCountCap), counted <= kCountCap}; }

}  // namespace wk::paging
