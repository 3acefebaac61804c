#include "store/sqlite/fts_rank.hpp"

#include "store/sqlite/fts_api.hpp"

#include <algorithm>
#include <cstdint>

namespace wk::store {

namespace {

constexpr double kK1 = 1.2;
constexpr double kPartWeight = 0.3;

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  const double title_weight = argc > 0 ? sqlite3_value_double(argv[0]) : 1.0;
  int phrases = api->xPhraseCount(fts);
  if (argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL) phrases = std::min(phrases, sqlite3_value_int(argv[1]));
  // Phrases that find a compound's part (bit p of the mask) weigh kPartWeight: a title with
  // the part scores below one with the word itself, but above every body-only match.
  const auto part_mask = argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL
                             ? static_cast<std::uint64_t>(sqlite3_value_int64(argv[2]))
                             : std::uint64_t{0};
  double score = 0;
  // Each phrase's hits straight from its position list: xInstCount would first gather
  // every phrase's hits of the row into one sorted list, which this score does not need.
  for (int p = 0; p < phrases; ++p) {
    Fts5PhraseIter it;
    int column = 0, offset = 0, title = 0, body = 0;
    if (const int rc = api->xPhraseFirst(fts, p, &it, &column, &offset); rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    // A place counts once. A prefix index holds a place once per term of it that starts
    // with the prefix (woning and woningen at "woningen", both indexed there), so the same
    // (column, offset) can come twice in a row; merged doclists of longer prefixes come
    // without the repeat.
    for (int last_column = -1, last_offset = -1; column >= 0; api->xPhraseNext(fts, &it, &column, &offset)) {
      if (column == last_column && offset == last_offset) continue;
      last_column = column;
      last_offset = offset;
      ++(column == 0 ? title : body);
    }
    const double t = title, b = body;
    const double phrase = title_weight * t / (t + kK1) + b / (b + kK1);
    score += p < 64 && (part_mask >> p & 1) ? kPartWeight * phrase : phrase;
  }
  sqlite3_result_double(ctx, -score);
}

}  // namespace

bool register_rank_function(sqlite3* db) {
  fts5_api* api = fts5_of(db);
  return api && api->xCreateFunction(api, "wk_rank", nullptr, rank, nullptr) == SQLITE_OK;
}

}  // namespace wk::store
