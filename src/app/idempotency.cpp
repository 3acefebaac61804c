#include "app/idempotency.hpp"

#include <nlohmann/json.hpp>

namespace wk::app {

using Claim = http::IdempotencyClaim;

Claim DatabaseIdempotencyStore::claim(const std::string& scope, const std::string& key,
                                      std::optional<std::int64_t> org_id, const std::string& fingerprint, Millis now) {
  const bool prune = now - last_prune_.load() > 60'000;
  if (prune) last_prune_ = now;
  try {
    return db_
        .write([&](store::Tx& tx) -> Result<Claim> {
          if (prune) tx.execute("DELETE FROM idempotency_keys WHERE created_at < ?", {now - kKeptFor});
          auto row = tx.query_one(
              "SELECT fingerprint, status, content_type, headers, body, created_at FROM idempotency_keys "
              "WHERE scope = ? AND idempotency_key = ?",
              {scope, key});
          if (!row) {
            tx.execute(
                "INSERT INTO idempotency_keys (scope, idempotency_key, org_id, fingerprint, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                {scope, key, org_id ? store::Param(*org_id) : store::Param(nullptr), fingerprint, now});
            return Claim{};
          }
          if (row->str(0) != fingerprint) return Claim{Claim::Kind::mismatch, {}};
          const auto status = row->opt_i64(1);
          if (!status) {
            if (now - row->i64(5) < kAbandonedAfter) return Claim{Claim::Kind::in_progress, {}};
            tx.execute("UPDATE idempotency_keys SET created_at = ? WHERE scope = ? AND idempotency_key = ?",
                       {now, scope, key});
            return Claim{};
          }
          Claim replay{Claim::Kind::replay, {}};
          replay.stored.status = static_cast<int>(*status);
          replay.stored.content_type = row->opt_str(2).value_or("");
          replay.stored.body = row->opt_str(4).value_or("");
          const auto headers = nlohmann::json::parse(row->opt_str(3).value_or("[]"), nullptr, false);
          if (headers.is_array())
            for (const auto& h : headers)
              if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
                replay.stored.set_header(h[0].get<std::string>(), h[1].get<std::string>());
          return replay;
        })
        .value();
  } catch (const store::DbError& e) {
    // Two first requests with one key at the same moment: the other one holds it.
    if (e.kind() == store::DbError::Kind::unique) return Claim{Claim::Kind::in_progress, {}};
    throw;
  }
}

void DatabaseIdempotencyStore::complete(const std::string& scope, const std::string& key,
                                        const http::Response& response) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : response.headers)
    if (name == "Location" || name == "Content-Disposition") headers.push_back({name, value});
  db_.with_write([&](store::Tx& tx) {
    tx.execute(
        "UPDATE idempotency_keys SET status = ?, content_type = ?, headers = ?, body = ? "
        "WHERE scope = ? AND idempotency_key = ?",
        {static_cast<std::int64_t>(response.status), response.content_type, headers.dump(), response.body, scope, key});
    return true;
  });
}

void DatabaseIdempotencyStore::release(const std::string& scope, const std::string& key) {
  db_.with_write([&](store::Tx& tx) {
    tx.execute("DELETE FROM idempotency_keys WHERE scope = ? AND idempotency_key = ? AND status IS NULL", {scope, key});
    return true;
  });
}

}  // namespace wk::app
