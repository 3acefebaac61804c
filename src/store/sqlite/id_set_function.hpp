// The SQL function `wk_in_ids(x, ids)` on an SQLite connection: 1 when the integer x is one
// of the ids in the blob `ids` (store/id_set.hpp makes it), else 0.
//
// `x IN (SELECT …)` seeks a temporary b-tree for each row it tests; over the 68,000
// matches of a common word that took 13 ms of a search within a tag. wk_in_ids reads the
// blob once per statement into a bitmap (a sorted list when the ids lie far apart) and
// keeps it as the argument's auxiliary data, which SQLite holds for a bound parameter from
// row to row: under a millisecond for the same rows (docs/modules/kennisbank.md).
#pragma once

#include <sqlite3.h>

namespace wk::store {

// Registers the function on the connection; false when SQLite refuses it.
bool register_id_set_function(sqlite3* db);

}  // namespace wk::store
