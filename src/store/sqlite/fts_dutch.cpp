#include "store/sqlite/fts_dutch.hpp"

#include "core/dutch.hpp"
#include "store/sqlite/fts_api.hpp"

namespace wk::store {

fts5_api* fts5_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

namespace {

struct DutchTokenizer {};

int create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new DutchTokenizer);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer* t) {
  delete reinterpret_cast<DutchTokenizer*>(t);
}

int tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int size,
             int (*token)(void*, int, const char*, int, int, int)) {
  const std::string_view in(text, static_cast<std::size_t>(size));
  if (flags & FTS5_TOKENIZE_QUERY) {
    // A query names its terms exactly (dutch::parse_query made them): passed as they
    // are, split on spaces only, never stemmed twice.
    std::size_t i = 0;
    while (i < in.size()) {
      while (i < in.size() && in[i] == ' ') ++i;
      const std::size_t begin = i;
      while (i < in.size() && in[i] != ' ') ++i;
      if (i > begin)
        if (int rc = token(ctx, 0, in.data() + begin, static_cast<int>(i - begin), static_cast<int>(begin),
                           static_cast<int>(i));
            rc != SQLITE_OK)
          return rc;
    }
    return SQLITE_OK;
  }
  for (const auto& w : dutch::words(in)) {
    const int begin = static_cast<int>(w.begin), end = static_cast<int>(w.end);
    if (int rc = token(ctx, 0, w.term.data(), static_cast<int>(w.term.size()), begin, end); rc != SQLITE_OK) return rc;
    // Documents also carry the word as written, at the same place, for prefix queries of
    // words still being typed.
    if (w.folded != w.term)
      if (int rc = token(ctx, FTS5_TOKEN_COLOCATED, w.folded.data(), static_cast<int>(w.folded.size()), begin, end);
          rc != SQLITE_OK)
        return rc;
    // A compound's parts too, marked (decision 0009): "~woning" in woningcorporatie.
    for (const auto& part : w.parts) {
      const std::string marked = dutch::kPartMark + part;
      if (int rc = token(ctx, FTS5_TOKEN_COLOCATED, marked.data(), static_cast<int>(marked.size()), begin, end);
          rc != SQLITE_OK)
        return rc;
    }
  }
  return SQLITE_OK;
}

}  // namespace

bool register_dutch_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_of(db);
  if (!api) return false;
  static fts5_tokenizer tokenizer{create, destroy, tokenize};
  return api->xCreateTokenizer(api, "dutch", nullptr, &tokenizer, nullptr) == SQLITE_OK;
}

}  // namespace wk::store
