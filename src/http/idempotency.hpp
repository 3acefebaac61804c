// Idempotency-Key on the creating POSTs (the IETF httpapi draft; Stripe's practice).
// A client that lost an answer (a dropped connection, a server that restarted) sends
// the same request again with the same key and gets the first answer, instead of a
// second record. The dispatcher claims the key before the handler runs and keeps the
// answer after a success (2xx); a failure releases the key, so the retry runs anew.
// The same key with another request (method, path or body) is refused, and a retry
// while the first is still being handled answers 409 with Retry-After.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"
#include "http/request.hpp"

namespace wk::http {

struct IdempotencyClaim {
  enum class Kind { fresh, replay, in_progress, mismatch } kind = Kind::fresh;
  Response stored;  // for replay
};

class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;
  // `scope` keeps callers apart ('user:<id>', or the public path); `fingerprint` is a
  // hash of the request.
  virtual IdempotencyClaim claim(const std::string& scope, const std::string& key, std::optional<std::int64_t> org_id,
                                 const std::string& fingerprint, Millis now) = 0;
  virtual void complete(const std::string& scope, const std::string& key, const Response& response) = 0;
  virtual void release(const std::string& scope, const std::string& key) = 0;
};

// A key is 1 to 255 visible ASCII characters (a UUID, typically).
bool valid_idempotency_key(std::string_view key);

}  // namespace wk::http
