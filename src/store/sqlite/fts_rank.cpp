#include "store/sqlite/fts_rank.hpp"

#include <vector>

#include "store/sqlite/fts_api.hpp"

namespace wk::store {

namespace {

constexpr double kK1 = 1.2;

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  const double title_weight = argc > 0 ? sqlite3_value_double(argv[0]) : 1.0;
  const int phrases = api->xPhraseCount(fts);
  int hits = 0;
  if (const int rc = api->xInstCount(fts, &hits); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  // Hits per phrase: title counts first, then the rest. Queries name a few phrases, so the
  // counts live on the stack unless one names more than 16.
  int small[32] = {};
  std::vector<int> large(phrases > 16 ? 2 * phrases : 0);
  int* title = phrases > 16 ? large.data() : small;
  int* body = title + phrases;
  for (int i = 0; i < hits; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (const int rc = api->xInst(fts, i, &phrase, &column, &offset); rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    ++(column == 0 ? title : body)[phrase];
  }
  double score = 0;
  for (int p = 0; p < phrases; ++p) {
    const double t = title[p], b = body[p];
    score += title_weight * t / (t + kK1) + b / (b + kK1);
  }
  sqlite3_result_double(ctx, -score);
}

}  // namespace

bool register_rank_function(sqlite3* db) {
  fts5_api* api = fts5_of(db);
  return api && api->xCreateFunction(api, "wk_rank", nullptr, rank, nullptr) == SQLITE_OK;
}

}  // namespace wk::store
