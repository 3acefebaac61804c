// The Idempotency-Key store (http/idempotency.hpp) in the database: table
// idempotency_keys (migration 0017). Keys live 24 hours; a claim whose first request
// never finished (the server died between its commit and the answer being kept) is
// taken over after a minute.
#pragma once

#include <atomic>

#include "http/idempotency.hpp"
#include "store/database.hpp"

namespace wk::app {

class DatabaseIdempotencyStore final : public http::IdempotencyStore {
 public:
  explicit DatabaseIdempotencyStore(store::Database& db) : db_(db) {}
  http::IdempotencyClaim claim(const std::string& scope, const std::string& key, std::optional<std::int64_t> org_id,
                               const std::string& fingerprint, Millis now) override;
  void complete(const std::string& scope, const std::string& key, const http::Response& response) override;
  void release(const std::string& scope, const std::string& key) override;

  static constexpr Millis kKeptFor = 24LL * 60 * 60 * 1000;
  static constexpr Millis kAbandonedAfter = 60LL * 1000;

 private:
  store::Database& db_;
  std::atomic<Millis> last_prune_{0};
};

}  // namespace wk::app
