// A kennisbank search as phrases, the one reading of a query for both stores
// (docs/modules/kennisbank.md, "Zoeken op schaal"): SQLite's FTS5 gets them as a MATCH
// expression, PostgreSQL as a tsquery. An item matches when it has, for every word of the
// query, at least one of that word's phrases; on SQLite it ranks by wk_rank's formula over
// all the phrases (store/sqlite/fts_rank.hpp).
#pragma once

#include <string>
#include <vector>

#include "core/dutch.hpp"

namespace wk::knowledge {

struct Phrase {
  std::string text;     // a term, or the start of terms; a compound's part with dutch::kPartMark
  bool prefix = false;  // every term that starts with text
  bool part = false;    // finds compounds' parts (wk_rank weighs it less)
  int word = 0;         // the query's word it stands for
};

// A finished word: its stem, and the stem as a compound's part. The word being typed:
// its stem, the start of the words as written, and the stem as a part; or, when the stem
// already covers the start (woni), the start as written and as a part.
std::vector<Phrase> phrases_of(const dutch::Query& query);

// The query's words: phrases_of's `word` runs from 0 to this less one.
inline int words_of(const std::vector<Phrase>& phrases) {
  return phrases.empty() ? 0 : phrases.back().word + 1;
}

}  // namespace wk::knowledge
