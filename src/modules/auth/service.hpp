// Log-in, sessions and log-out. Sessions live in the database (several servers can
// share them); the cookie carries a random token, the table only its hash. Failed
// log-ins are throttled per account and per address.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "core/roles.hpp"
#include "modules/auth/rules.hpp"
#include "store/database.hpp"

namespace wk::auth {

struct LoginResult {
  std::string session_token;  // goes into the cookie, nowhere else
  std::string device_token;   // the known-device cookie (decision 0010)
  Principal principal;
};

class SessionService {
 public:
  SessionService(store::Database& db, SessionPolicy sessions, ThrottlePolicy throttle)
      : db_(db), sessions_(sessions), throttle_(throttle) {}

  // `device_token`: the known-device cookie the browser sent, if any.
  Result<LoginResult> login(const std::string& email, const std::string& password, const std::string& address,
                            const std::optional<std::string>& device_token, Millis now);
  std::optional<Principal> authenticate(const std::string& session_token, Millis now);
  void logout(const Principal& p, const std::string& session_token, Millis now);
  // The user's own new password: the current one must be right (wrong ones count as
  // failed log-ins); every other session of the user ends, the one it came from stays.
  Status change_own_password(const Principal& p, const std::string& current_password, const std::string& new_password,
                             const std::string& address, Millis now);
  // Ends every session of a user (but `keep_session_hash`, the caller's own when she
  // changes herself) and forgets their known devices, inside the caller's transaction
  // (organisation::Service::on_sessions_end).
  static void end_sessions(store::Tx& tx, std::int64_t org_id, std::int64_t user_id,
                           const std::optional<std::string>& keep_session_hash);

  const SessionPolicy& policy() const { return sessions_; }
  const ThrottlePolicy& throttle() const { return throttle_; }

 private:
  store::Database& db_;
  SessionPolicy sessions_;
  ThrottlePolicy throttle_;
};

}  // namespace wk::auth
