// The server's own request and response types. Beast stays inside server.cpp, so the
// modules compile without its headers.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wk::http {

struct Request {
  std::string method;  // upper case
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;
  std::unordered_map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string remote_address;      // the client's (http/proxies.hpp)
  bool via_trusted_proxy = false;  // so X-Forwarded-Proto may be believed

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set instead of the fields above for heavy work (http/background.hpp): the server
  // runs it off the request threads and sends what it returns.
  std::function<Response()> deferred;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Splits `/a/b?x=1&y=%20` into a decoded path and decoded query pairs. Returns nullopt
// for a target that is not origin-form or decodes to invalid bytes (NUL, bad escape).
struct Target {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};
std::optional<Target> parse_target(std::string_view target);

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

}  // namespace wk::http
