// The FTS5 tokenizer `dutch` (core/dutch.hpp) on an SQLite connection: every word that
// is not a stop word becomes its stem, with the word as written (folded) as a colocated
// token so that prefixes of unfinished words match too. Offsets are the word's bytes in
// the original text, so snippet() and highlight() mark the words as written. A query's
// text is taken as the terms it names (dutch::parse_query makes them), split on spaces.
//
//   CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'dutch', prefix = '3');
#pragma once

#include <sqlite3.h>

namespace wk::store {

// Registers the tokenizer on the connection; false when FTS5 is not available.
bool register_dutch_tokenizer(sqlite3* db);

}  // namespace wk::store
