#include "modules/auth/service.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/repository.hpp"
#include "modules/organisation/service.hpp"

namespace wk::auth {

using crypto::burn_verification_time;
using crypto::hash_password;
using crypto::random_token;
using crypto::token_hash;
using crypto::verify_password;
using store::Tx;

namespace {
constexpr const char* kAccount = "account";
constexpr const char* kAddress = "address";
constexpr const char* kDevice = "device";

Error wrong_credentials() {
  return Error::unauthenticated(Nl{"Het e-mailadres of het wachtwoord klopt niet."},
                                En{"Unknown e-mail address or wrong password."});
}
}  // namespace

Result<LoginResult> SessionService::login(const std::string& email_in, const std::string& password,
                                          const std::string& address, const std::optional<std::string>& device_token,
                                          Millis now) {
  const std::string email = organisation::Service::normalise_email(email_in);
  const Millis since = now - throttle_.window;
  const auto device_hash = device_token && !device_token->empty() && device_token->size() <= 128
                               ? std::optional<std::string>(token_hash(*device_token))
                               : std::nullopt;

  // A browser that logged in to this account before has its own count of failures
  // (decision 0010): a lock-out caused by someone else does not lock its owner out.
  struct Checked {
    std::optional<organisation::Credentials> credentials;
    bool known_device = false;
    std::optional<int> wait;
  };
  auto checked = db_.read([&](Tx& tx) {
    Checked c;
    c.credentials = organisation::Service::credentials(tx, email);
    c.known_device = device_hash && c.credentials &&
                     repo::device_known(tx, *device_hash, c.credentials->org_id, c.credentials->user_id,
                                        now - throttle_.device_lifetime);
    if (c.known_device) {
      const auto device = repo::failures_since(tx, kDevice, *device_hash, since);
      c.wait = throttle_wait_seconds(device.count, device.oldest, now, throttle_.account_failures, throttle_.window);
      return c;
    }
    const auto account = repo::failures_since(tx, kAccount, email, since);
    const auto by_address = repo::failures_since(tx, kAddress, address, since);
    auto wait_account =
        throttle_wait_seconds(account.count, account.oldest, now, throttle_.account_failures, throttle_.window);
    auto wait_address =
        throttle_wait_seconds(by_address.count, by_address.oldest, now, throttle_.address_failures, throttle_.window);
    c.wait = wait_account ? wait_account : wait_address;
    if (wait_account && wait_address) c.wait = std::max(*wait_account, *wait_address);
    return c;
  });
  const auto& credentials = checked.credentials;
  if (const auto wait = checked.wait) {
    spdlog::warn(R"("event":"login_throttled","address":{},"known_device":{})", nlohmann::json(address).dump(),
                 checked.known_device);
    return Error::too_many_requests(*wait);
  }

  // Verify outside any transaction: Argon2id takes ~0.1 s and must not hold the writer.
  bool valid = false;
  if (credentials)
    valid = verify_password(password, credentials->password_hash) && credentials->active;
  else
    burn_verification_time(password);

  if (!valid) {
    db_.with_write([&](Tx& tx) {
      if (checked.known_device) {
        repo::add_failure(tx, kDevice, *device_hash, now);
      } else {
        repo::add_failure(tx, kAccount, email, now);
        repo::add_failure(tx, kAddress, address, now);
      }
      return true;
    });
    spdlog::warn(R"("event":"login_failed","address":{})", nlohmann::json(address).dump());
    return wrong_credentials();
  }

  LoginResult result;
  result.session_token = random_token();
  result.device_token = checked.known_device ? *device_token : random_token();
  const std::string csrf = random_token();
  auto principal = db_.write([&](Tx& tx) -> Result<Principal> {
    auto p = organisation::Service::principal(tx, credentials->org_id, credentials->user_id);
    if (!p) return wrong_credentials();  // deactivated between the read and now
    p->csrf_token = csrf;
    p->session_hash = token_hash(result.session_token);
    repo::insert_session(tx, p->session_hash, {p->org_id, p->user_id, csrf, now, now}, address);
    repo::delete_expired_sessions(tx, p->user_id, now - sessions_.absolute_timeout, now - sessions_.idle_timeout);
    repo::remember_device(tx, token_hash(result.device_token), p->org_id, p->user_id, now);
    repo::prune_devices(tx, now - throttle_.device_lifetime);
    if (checked.known_device) repo::clear_failures(tx, kDevice, *device_hash);
    repo::clear_failures(tx, kAccount, email);
    repo::prune_failures(tx, since);
    organisation::Service::record_login(tx, p->org_id, p->user_id, now);
    audit::record(
        tx, {p->org_id, p->user_id, "login", "session", std::to_string(p->user_id), nullptr, {{"address", address}}},
        now);
    return std::move(*p);
  });
  if (!principal) return principal.error();
  result.principal = std::move(*principal);
  return result;
}

Status SessionService::change_own_password(const Principal& p, const std::string& current_password,
                                           const std::string& new_password, const std::string& address, Millis now) {
  const Millis since = now - throttle_.window;
  auto checked = db_.read([&](Tx& tx) {
    const auto account = repo::failures_since(tx, kAccount, p.email, since);
    return std::make_pair(
        organisation::Service::credentials(tx, p.email),
        throttle_wait_seconds(account.count, account.oldest, now, throttle_.account_failures, throttle_.window));
  });
  if (checked.second) return Error::too_many_requests(*checked.second);
  const auto& credentials = checked.first;
  if (!credentials || credentials->user_id != p.user_id ||
      !verify_password(current_password, credentials->password_hash)) {
    db_.with_write([&](Tx& tx) {
      repo::add_failure(tx, kAccount, p.email, now);
      repo::add_failure(tx, kAddress, address, now);
      return true;
    });
    return Error::validation({{"current_password", "Het huidige wachtwoord klopt niet.", "wrong current password"}});
  }
  auto errors = organisation::Service::password_errors(new_password, "new_password");
  if (new_password == current_password)
    errors.push_back(
        {"new_password", "Kies een ander wachtwoord dan het huidige.", "must differ from the current one"});
  if (!errors.empty()) return Error::validation(std::move(errors));
  const auto hash = hash_password(new_password);  // outside the transaction, as at log-in
  return db_.write([&](Tx& tx) -> Status {
    organisation::Service::store_own_password(tx, p.org_id, p.user_id, hash, now);
    repo::delete_user_sessions(tx, p.org_id, p.user_id, p.session_hash);
    repo::delete_user_devices(tx, p.org_id, p.user_id);
    return ok_status();
  });
}

void SessionService::end_sessions(Tx& tx, std::int64_t org_id, std::int64_t user_id,
                                  const std::optional<std::string>& keep_session_hash) {
  repo::delete_user_sessions(tx, org_id, user_id, keep_session_hash);
  repo::delete_user_devices(tx, org_id, user_id);
}

std::optional<Principal> SessionService::authenticate(const std::string& session_token, Millis now) {
  if (session_token.empty() || session_token.size() > 128) return std::nullopt;
  const std::string hash = token_hash(session_token);
  bool touch = false;
  auto principal = db_.read([&](Tx& tx) -> std::optional<Principal> {
    auto s = repo::find_session(tx, hash);
    if (!s || session_expired(s->created_at, s->last_seen_at, now, sessions_)) return std::nullopt;
    auto p = organisation::Service::principal(tx, s->org_id, s->user_id);
    if (!p) return std::nullopt;
    p->csrf_token = s->csrf_token;
    p->session_hash = hash;
    touch = session_needs_touch(s->last_seen_at, now, sessions_);
    return p;
  });
  if (principal && touch) {
    db_.with_write([&](Tx& tx) {
      repo::touch_session(tx, hash, now);
      return true;
    });
  }
  return principal;
}

void SessionService::logout(const Principal& p, const std::string& session_token, Millis now) {
  db_.with_write([&](Tx& tx) {
    repo::delete_session(tx, token_hash(session_token));
    audit::record(tx, {p.org_id, p.user_id, "logout", "session", std::to_string(p.user_id), nullptr, nullptr}, now);
    return true;
  });
}

}  // namespace wk::auth
