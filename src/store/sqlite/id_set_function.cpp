#include "store/sqlite/id_set_function.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace wk::store {

namespace {

// A bitmap from the smallest id to the largest while that stays small, else the ids sorted.
class IdSet {
 public:
  explicit IdSet(std::vector<std::int64_t> ids) : sorted_(std::move(ids)) {
    if (sorted_.empty()) return;
    const auto [lo, hi] = std::minmax_element(sorted_.begin(), sorted_.end());
    const auto span = static_cast<std::uint64_t>(*hi) - static_cast<std::uint64_t>(*lo);
    if (span < kMaxBits) {
      lo_ = *lo;
      bits_.assign(span + 1, false);
      for (const auto id : sorted_) bits_[static_cast<std::size_t>(id - lo_)] = true;
      sorted_.clear();
      return;
    }
    std::sort(sorted_.begin(), sorted_.end());
  }
  bool contains(std::int64_t x) const {
    if (bits_.empty()) return std::binary_search(sorted_.begin(), sorted_.end(), x);
    if (x < lo_) return false;
    const auto at = static_cast<std::uint64_t>(x) - static_cast<std::uint64_t>(lo_);
    return at < bits_.size() && bits_[static_cast<std::size_t>(at)];
  }

 private:
  static constexpr std::uint64_t kMaxBits = std::uint64_t{1} << 24;  // two megabytes
  std::int64_t lo_ = 0;
  std::vector<bool> bits_;
  std::vector<std::int64_t> sorted_;
};

void in_ids(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* set = static_cast<IdSet*>(sqlite3_get_auxdata(ctx, 1));
  if (!set) {
    const int type = sqlite3_value_type(argv[1]);
    const auto bytes = static_cast<std::size_t>(sqlite3_value_bytes(argv[1]));
    if ((type != SQLITE_BLOB && type != SQLITE_NULL) || bytes % sizeof(std::int64_t) != 0) {
      sqlite3_result_error(ctx, "wk_in_ids: the ids must be a blob of 8-byte integers", -1);
      return;
    }
    std::vector<std::int64_t> ids(bytes / sizeof(std::int64_t));
    if (bytes) std::memcpy(ids.data(), sqlite3_value_blob(argv[1]), bytes);
    sqlite3_set_auxdata(ctx, 1, new IdSet(std::move(ids)), [](void* p) { delete static_cast<IdSet*>(p); });
    set = static_cast<IdSet*>(sqlite3_get_auxdata(ctx, 1));
    if (!set) {  // SQLite ran out of memory keeping it, and has freed it
      sqlite3_result_error_nomem(ctx);
      return;
    }
  }
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  sqlite3_result_int(ctx, set->contains(sqlite3_value_int64(argv[0])) ? 1 : 0);
}

}  // namespace

bool register_id_set_function(sqlite3* db) {
  return sqlite3_create_function(db, "wk_in_ids", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                 in_ids, nullptr, nullptr) == SQLITE_OK;
}

}  // namespace wk::store
