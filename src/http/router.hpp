// A small router: exact segments and `{name}` parameters, e.g. /api/v1/users/{id}.
// Unknown path → 404; known path with another method → 405 with the allowed methods.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"
#include "http/request.hpp"

namespace wk::http {

struct Context {
  const Request& request;
  std::vector<std::pair<std::string, std::string>> params;
  std::optional<Principal> principal;  // set for routes that need a session
  Millis now = 0;

  const Principal& user() const { return *principal; }
  std::string_view param(std::string_view name) const;
  // A positive integer id from the path; nullopt when it is not one (callers answer 404).
  std::optional<std::int64_t> id_param(std::string_view name = "id") const;
  // The same as a Result: Error::not_found(not_found) when the path's id is not one. WK_ASSIGN_OR_RETURN(const auto id,
  // ctx.id("No such case."));
  Result<std::int64_t> id(std::string_view not_found, std::string_view name = "id") const;
};

using Handler = std::function<Response(Context&)>;

enum class Access {
  public_route,   // no session needed
  authenticated,  // a valid session; the handler checks roles
};

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'
  bool idempotent = false;            // takes an Idempotency-Key (http/idempotency.hpp)
};

struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string> allowed;  // set when the path matched but the method did not
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler handler);
  Match match(std::string_view method, std::string_view path) const;
  // Lets a creating POST take an Idempotency-Key; throws when no such route was added.
  void accept_idempotency_key(std::string_view method, std::string_view pattern);
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace wk::http
