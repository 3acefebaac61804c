// SQL for sessions and failed log-ins.
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

struct FailureCount {
  long count;
  Millis oldest;
};
FailureCount failures_since(store::Tx& tx, const std::string& scope, const std::string& subject, Millis since);
void add_failure(store::Tx& tx, const std::string& scope, const std::string& subject, Millis at);
void clear_failures(store::Tx& tx, const std::string& scope, const std::string& subject);
void prune_failures(store::Tx& tx, Millis before);

}  // namespace wk::auth::repo
