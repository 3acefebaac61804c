#include "modules/auth/service.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "modules/audit/audit_log.hpp"
#include "modules/auth/password.hpp"
#include "modules/auth/repository.hpp"
#include "modules/organisation/service.hpp"

namespace wk::auth {

using store::Tx;

namespace {
constexpr const char* kAccount = "account";
constexpr const char* kAddress = "address";

Error wrong_credentials() {
  return Error::unauthenticated("Unknown e-mail address or wrong password.",
                                "Het e-mailadres of het wachtwoord klopt niet.");
}
}  // namespace

Result<LoginResult> SessionService::login(const std::string& email_in, const std::string& password,
                                          const std::string& address, Millis now) {
  const std::string email = organisation::Service::normalise_email(email_in);
  const Millis since = now - throttle_.window;

  auto checked = db_.read([&](Tx& tx) {
    const auto account = repo::failures_since(tx, kAccount, email, since);
    const auto by_address = repo::failures_since(tx, kAddress, address, since);
    auto wait_account =
        throttle_wait_seconds(account.count, account.oldest, now, throttle_.account_failures, throttle_.window);
    auto wait_address =
        throttle_wait_seconds(by_address.count, by_address.oldest, now, throttle_.address_failures, throttle_.window);
    std::optional<int> wait_for = wait_account ? wait_account : wait_address;
    if (wait_account && wait_address) wait_for = std::max(*wait_account, *wait_address);
    return std::make_pair(organisation::Service::credentials(tx, email), wait_for);
  });
  const auto& credentials = checked.first;
  if (const auto wait = checked.second) {
    spdlog::warn(R"("event":"login_throttled","address":{})", nlohmann::json(address).dump());
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
      repo::add_failure(tx, kAccount, email, now);
      repo::add_failure(tx, kAddress, address, now);
      return true;
    });
    spdlog::warn(R"("event":"login_failed","address":{})", nlohmann::json(address).dump());
    return wrong_credentials();
  }

  LoginResult result;
  result.session_token = random_token();
  const std::string csrf = random_token();
  auto principal = db_.write([&](Tx& tx) -> Result<Principal> {
    auto p = organisation::Service::principal(tx, credentials->org_id, credentials->user_id);
    if (!p) return wrong_credentials();  // deactivated between the read and now
    p->csrf_token = csrf;
    repo::insert_session(tx, token_hash(result.session_token), {p->org_id, p->user_id, csrf, now, now}, address);
    repo::delete_expired_sessions(tx, p->user_id, now - sessions_.absolute_timeout, now - sessions_.idle_timeout);
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
