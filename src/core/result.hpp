// Expected failures travel as values: Result<T> holds either a T or an Error.
// The route layer maps an Error to an HTTP status and a problem+json body once
// (http/problem.cpp); services never think in status codes.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace wk {

enum class ErrorKind {
  bad_request,
  unauthenticated,
  forbidden,
  csrf,
  not_found,
  method_not_allowed,
  conflict,
  payload_too_large,
  unsupported_media_type,
  validation,
  too_many_requests,
  unavailable,
  not_implemented,
};

// One offending input field: a JSON path (`roles[1]`) with a Dutch and an English message.
struct FieldError {
  std::string field;
  std::string title;   // Dutch, shown to the user
  std::string detail;  // English
};

// The two texts of an error, typed so that they cannot be passed in each other's place:
// Error::conflict(Nl{"Deze naam bestaat al."}, En{"The name exists."}).
struct Nl {
  std::string text;  // Dutch, shown to the user
};
struct En {
  std::string text;  // English, for API clients and logs
};

struct Error {
  ErrorKind kind;
  std::string title;   // Dutch
  std::string detail;  // English
  std::vector<FieldError> fields;
  int retry_after_seconds = 0;

  static Error bad_request(Nl title, En detail);
  static Error bad_request(En detail);  // Dutch: "Het verzoek is niet geldig."
  static Error unauthenticated(Nl title = Nl{"U bent niet ingelogd."}, En detail = En{"Authentication required."});
  static Error forbidden(std::string detail_en = "You are not allowed to do this.");
  static Error not_found(std::string detail_en = "No such resource.");
  static Error conflict(Nl title, En detail);
  static Error validation(std::vector<FieldError> fields);
  static Error too_many_requests(int retry_after_seconds);
};

struct Unit {};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Unit>;
inline Status ok_status() {
  return Unit{};
}

}  // namespace wk
