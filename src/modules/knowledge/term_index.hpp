// The kennisbank's search index on PostgreSQL (migration 0022): a plain inverted index,
// one row per item and term with the term's hits in the title and in the body, keyed
// (org_id, term, cell, item_id, after) so that a phrase is one range of the primary key,
// read by an index-only scan, and ranked in SQL by wk_rank's own formula, so both stores
// order alike (docs/modules/kennisbank.md, "Zoeken op schaal"). Terms are the Dutch
// tokenizer's, as FTS5 gets them on SQLite: the stem, the word as written, and the
// compounds' parts with dutch::kPartMark.
//
// FTS5 counts a place in the text once for a prefix even when several of the terms there
// start with it (woning and woningen, at the place of "woningen"). So does this index:
// `after` is the term sorted just before this one among the terms of the same place ('' for
// the first), and a prefix counts a row's hits only when `after` does not start with it,
// that is, once per place, at the first of its terms the prefix finds.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/knowledge/search_key.hpp"
#include "modules/knowledge/search_phrases.hpp"
#include "store/database.hpp"

namespace wk::knowledge::term_index {

struct TermRow {
  std::string term, after;
  int title_hits = 0, body_hits = 0;
  friend bool operator==(const TermRow&, const TermRow&) = default;
};
// The rows of a text, sorted by (term, after).
std::vector<TermRow> rows_of(std::string_view title, std::string_view body);

// Replaces the item's rows (none when the text has no terms).
void write(store::Tx& tx, std::int64_t org_id, std::int64_t item_id, int cell, std::string_view title,
           std::string_view body);
// Moves the item's rows to another cell (its status or category changed).
void move(store::Tx& tx, std::int64_t org_id, std::int64_t item_id, int cell);

struct Found {
  std::vector<std::int64_t> best;  // item ids, best first, ties by (cell, item id)
  std::array<std::int64_t, search_key::kCells> per_cell{};
};
// The best `depth` items of the cells that have every word of the phrases (within the tag,
// when given), and the matches per cell.
Found search(store::Tx& tx, std::int64_t org_id, const std::vector<Phrase>& phrases, const std::vector<int>& cells,
             const std::optional<std::string>& tag, int depth);

}  // namespace wk::knowledge::term_index
