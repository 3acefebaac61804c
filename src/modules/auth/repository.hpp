// SQL for sessions, known devices and failed log-ins.
#pragma once

#include <optional>
#include <string>

#include "core/time.hpp"
#include "store/database.hpp"

namespace wk::auth::repo {

struct SessionRow {
  std::int64_t org_id;
  std::int64_t user_id;
  std::string csrf_token;
  Millis created_at;
  Millis last_seen_at;
};

std::optional<SessionRow> find_session(store::Tx& tx, const std::string& token_hash);
void insert_session(store::Tx& tx, const std::string& token_hash, const SessionRow& s, const std::string& address);
void touch_session(store::Tx& tx, const std::string& token_hash, Millis now);
void delete_session(store::Tx& tx, const std::string& token_hash);
void delete_expired_sessions(store::Tx& tx, std::int64_t user_id, Millis created_before, Millis seen_before);
// Every session of a user but the one whose hash is `keep` (if given).
void delete_user_sessions(store::Tx& tx, std::int64_t org_id, std::int64_t user_id,
                          const std::optional<std::string>& keep = std::nullopt);

// Known devices (decision 0010): a browser that logged in to an account before.
bool device_known(store::Tx& tx, const std::string& token_hash, std::int64_t org_id, std::int64_t user_id,
                  Millis used_since);
void remember_device(store::Tx& tx, const std::string& token_hash, std::int64_t org_id, std::int64_t user_id,
                     Millis now);
void delete_user_devices(store::Tx& tx, std::int64_t org_id, std::int64_t user_id);
void prune_devices(store::Tx& tx, Millis used_before);

struct FailureCount {
  long count;
  Millis oldest;
};
FailureCount failures_since(store::Tx& tx, const std::string& scope, const std::string& subject, Millis since);
void add_failure(store::Tx& tx, const std::string& scope, const std::string& subject, Millis at);
void clear_failures(store::Tx& tx, const std::string& scope, const std::string& subject);
void prune_failures(store::Tx& tx, Millis before);

}  // namespace wk::auth::repo
