// The FTS5 ranking function `wk_rank(table, title_weight [, phrases [, part_mask]])` on an SQLite connection, for
// ORDER BY in ascending order (lower is better, as with FTS5's bm25()):
//
//   −Σ over the query's phrases of  title_weight · t / (t + 1.2)  +  b / (b + 1.2)
//
// with t and b the places the phrase finds in the title (column 0) and in the other columns (a place
// counts once however many of its terms a prefix finds). That
// is BM25's saturating term frequency without inverse document frequency or length
// normalisation, close to PostgreSQL's ts_rank with weighted title and body. A phrase's
// body part stays below 1, so with title_weight 10 one title hit (10 / 2.2 ≈ 4.5)
// outweighs any number of body hits; among equals, the item that uses the words more
// often comes first. FTS5's bm25() reads every matching row's
// column sizes from the docsize table, a lookup per row that dominated a search matching
// tens of thousands of items; wk_rank works from the hit positions FTS5 already holds
// (docs/modules/kennisbank.md, "Zoeken op schaal"). With `phrases`, only the query's first
// that many phrases count: the phrases after them only filter (a search's title tier
// repeats the query's phrases under a column filter, and scores as the query alone). With
// `part_mask`, the phrases whose bit is set (phrase p: bit p) find compounds' parts
// (decision 0009) and count 0.3 of their score: 0.3 · (10 + 1) stays below one title hit
// of the word itself (4.5) less the body hits of another phrase (< 1).
#pragma once

#include <sqlite3.h>

namespace wk::store {

// Registers the function on the connection; false when FTS5 is not available.
bool register_rank_function(sqlite3* db);

}  // namespace wk::store
