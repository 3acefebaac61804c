// The FTS5 extension interface of an SQLite connection, through which the tokenizer
// (fts_dutch.hpp) and the ranking function (fts_rank.hpp) are registered.
#pragma once

#include <sqlite3.h>

namespace wk::store {

// The connection's fts5_api; nullptr when SQLite was built without FTS5.
fts5_api* fts5_of(sqlite3* db);

}  // namespace wk::store
