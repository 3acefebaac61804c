// Session and throttling rules: pure functions of times and counts, unit-tested.
#pragma once

#include <optional>

#include "core/time.hpp"

namespace wk::auth {

struct SessionPolicy {
  Millis idle_timeout = 2 * 60 * 60 * 1000LL;       // 2 hours without a request
  Millis absolute_timeout = 12 * 60 * 60 * 1000LL;  // 12 hours after log-in
  Millis touch_interval = 60 * 1000LL;              // write last_seen at most once a minute
};

struct ThrottlePolicy {
  int account_failures = 5;  // also per known device, counted on its own
  int address_failures = 50;
  Millis window = 15 * 60 * 1000LL;
  Millis device_lifetime = 90 * 24 * 60 * 60 * 1000LL;  // a known device not used for this long is forgotten
};

inline bool session_expired(Millis created_at, Millis last_seen_at, Millis now, const SessionPolicy& p) {
  return now - last_seen_at >= p.idle_timeout || now - created_at >= p.absolute_timeout;
}

inline bool session_needs_touch(Millis last_seen_at, Millis now, const SessionPolicy& p) {
  return now - last_seen_at >= p.touch_interval;
}

// Seconds to wait, or nullopt when another attempt is allowed. `failures` counts the
// failures inside the window; `oldest` is the time of the oldest of them.
inline std::optional<int> throttle_wait_seconds(long failures, Millis oldest, Millis now, int limit, Millis window) {
  if (failures < limit) return std::nullopt;
  const Millis wait = oldest + window - now;
  return static_cast<int>(wait <= 0 ? 1 : (wait + 999) / 1000);
}

}  // namespace wk::auth
