// How a list page counts (issue 15): the rows a filter finds are counted up to
// kCountCap and no further, so that a page costs the same at a thousand and at a million
// rows. Beyond the cap the page says "more than 10,000" (exact = false), and pages past
// it are reached by cursor (keyset), not by offset.
//
// The page's ids first, on PostgreSQL: a list selects the ids of its page by the filter,
// order, LIMIT and OFFSET in a subquery, which an index answers, and only then the rows
// with their computed columns (sums, counts). PostgreSQL computes every column of every
// row an OFFSET skips: at offset 9,000 the sessions' three counts took 80 ms a page. SQLite
// skips those rows before computing them, and given `id IN (…)` with an ORDER BY its index
// can answer, it walks that index and tests every row: a million cases, 1.4 → 130 ms. So
// on SQLite the page is read as it is.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

namespace wk::paging {

inline constexpr std::int64_t kCountCap = 10'000;

struct Count {
  std::int64_t total = 0;
  bool exact = true;
};

// From a count taken with LIMIT kCountCap + 1.
inline Count capped(std::int64_t counted) {
  return {std::min(counted, kCountCap), counted <= kCountCap};
}

// The SQL of a page by LIMIT and OFFSET (its last two parameters). `select_from` is
// "SELECT … FROM <table> <alias> ", `where` "WHERE <alias>.org_id = ? …" and `order`
// "ORDER BY … ". With `ids_first` (PostgreSQL) the ids come first, as above, and the
// statement takes the organisation's id as one more parameter, before the where's.
inline std::string offset_page(bool ids_first, const std::string& select_from, const std::string& table,
                               const std::string& alias, const std::string& where, const std::string& order) {
  if (!ids_first) return select_from + where + order + "LIMIT ? OFFSET ?";
  return select_from + "WHERE " + alias + ".org_id = ? AND " + alias + ".id IN (SELECT " + alias + ".id FROM " + table +
         " " + alias + " " + where + order + "LIMIT ? OFFSET ?) " + order;
}

}  // namespace wk::paging
