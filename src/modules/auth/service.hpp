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
  Principal principal;
};

class SessionService {
 public:
  SessionService(store::Database& db, SessionPolicy sessions, ThrottlePolicy throttle)
      : db_(db), sessions_(sessions), throttle_(throttle) {}

  Result<LoginResult> login(const std::string& email, const std::string& password, const std::string& address,
                            Millis now);
  std::optional<Principal> authenticate(const std::string& session_token, Millis now);
  void logout(const Principal& p, const std::string& session_token, Millis now);

  const SessionPolicy& policy() const { return sessions_; }

 private:
  store::Database& db_;
  SessionPolicy sessions_;
  ThrottlePolicy throttle_;
};

}  // namespace wk::auth
