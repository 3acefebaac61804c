// Passwords (Argon2id via libsodium's crypto_pwhash_str) and random tokens.
// A leaf: used by the organisation module to set passwords and by the session service
// to check them.
#pragma once

#include <string>
#include <string_view>

namespace wk::crypto {

// Must be called once before any other function here (main does).
void init_crypto();

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);
// Spends the time of one verification without a real hash, so that an unknown e-mail
// address takes as long as a wrong password (no account enumeration by timing).
void burn_verification_time(std::string_view password);

// 32 random bytes, URL-safe base64 without padding (43 characters).
std::string random_token();
// Hex BLAKE2b-256 of a token: what the sessions table keeps instead of the token.
std::string token_hash(std::string_view token);

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

}  // namespace wk::crypto
