#include "modules/auth/repository.hpp"

namespace wk::auth::repo {

std::optional<SessionRow> find_session(store::Tx& tx, const std::string& token_hash) {
  auto r = tx.query_one(
      "SELECT org_id, user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = ?", {token_hash});
  if (!r) return std::nullopt;
  return SessionRow{r->i64(0), r->i64(1), r->str(2), r->i64(3), r->i64(4)};
}

void insert_session(store::Tx& tx, const std::string& token_hash, const SessionRow& s, const std::string& address) {
  tx.execute(
      "INSERT INTO sessions (token_hash, org_id, user_id, csrf_token, created_at, last_seen_at, address) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {token_hash, s.org_id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, address});
}

void touch_session(store::Tx& tx, const std::string& token_hash, Millis now) {
  tx.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {now, token_hash});
}

void delete_session(store::Tx& tx, const std::string& token_hash) {
  tx.execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void delete_expired_sessions(store::Tx& tx, std::int64_t user_id, Millis created_before, Millis seen_before) {
  tx.execute("DELETE FROM sessions WHERE user_id = ? AND (created_at < ? OR last_seen_at < ?)",
             {user_id, created_before, seen_before});
}

void delete_user_sessions(store::Tx& tx, std::int64_t org_id, std::int64_t user_id,
                          const std::optional<std::string>& keep) {
  tx.execute("DELETE FROM sessions WHERE org_id = ? AND user_id = ? AND token_hash <> ?",
             {org_id, user_id, keep.value_or("")});
}

bool device_known(store::Tx& tx, const std::string& token_hash, std::int64_t org_id, std::int64_t user_id,
                  Millis used_since) {
  return tx
      .query_one(
          "SELECT 1 FROM known_devices WHERE token_hash = ? AND org_id = ? AND user_id = ? AND last_used_at >= ?",
          {token_hash, org_id, user_id, used_since})
      .has_value();
}

void remember_device(store::Tx& tx, const std::string& token_hash, std::int64_t org_id, std::int64_t user_id,
                     Millis now) {
  if (tx.execute("UPDATE known_devices SET last_used_at = ? WHERE token_hash = ? AND org_id = ? AND user_id = ?",
                 {now, token_hash, org_id, user_id}) > 0)
    return;
  tx.execute("INSERT INTO known_devices (token_hash, org_id, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)",
             {token_hash, org_id, user_id, now, now});
}

void delete_user_devices(store::Tx& tx, std::int64_t org_id, std::int64_t user_id) {
  tx.execute("DELETE FROM known_devices WHERE org_id = ? AND user_id = ?", {org_id, user_id});
}

void prune_devices(store::Tx& tx, Millis used_before) {
  tx.execute("DELETE FROM known_devices WHERE last_used_at < ?", {used_before});
}

FailureCount failures_since(store::Tx& tx, const std::string& scope, const std::string& subject, Millis since) {
  auto r = tx.query_one("SELECT COUNT(*), MIN(at) FROM login_failures WHERE scope = ? AND subject = ? AND at >= ?",
                        {scope, subject, since});
  return {static_cast<long>(r->i64(0)), r->opt_i64(1).value_or(0)};
}

void add_failure(store::Tx& tx, const std::string& scope, const std::string& subject, Millis at) {
  tx.execute("INSERT INTO login_failures (scope, subject, at) VALUES (?, ?, ?)", {scope, subject, at});
}

void clear_failures(store::Tx& tx, const std::string& scope, const std::string& subject) {
  tx.execute("DELETE FROM login_failures WHERE scope = ? AND subject = ?", {scope, subject});
}

void prune_failures(store::Tx& tx, Millis before) {
  tx.execute("DELETE FROM login_failures WHERE at < ?", {before});
}

}  // namespace wk::auth::repo
