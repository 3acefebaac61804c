#include "http/router.hpp"

#include <charconv>
#include <stdexcept>

namespace wk::http {

namespace {
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}
bool is_param(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}
}  // namespace

std::string_view Context::param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

std::optional<std::int64_t> Context::id_param(std::string_view name) const {
  const auto s = param(name);
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

Result<std::int64_t> Context::id(std::string_view not_found, std::string_view name) const {
  if (auto v = id_param(name)) return *v;
  return Error::not_found(std::string(not_found));
}

void Router::accept_idempotency_key(std::string_view method, std::string_view pattern) {
  for (auto& r : routes_)
    if (r.method == method && r.pattern == pattern) {
      r.idempotent = true;
      return;
    }
  throw std::logic_error("no route " + std::string(method) + " " + std::string(pattern));
}

void Router::add(std::string method, std::string pattern, Access access, Handler handler) {
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route pattern must start with /");
  Route r{std::move(method), std::move(pattern), access, std::move(handler), {}};
  for (auto seg : split_path(r.pattern)) r.segments.emplace_back(seg);
  for (const auto& existing : routes_)
    if (existing.method == r.method && existing.pattern == r.pattern)
      throw std::invalid_argument("route registered twice: " + r.method + " " + r.pattern);
  routes_.push_back(std::move(r));
}

Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  if (path.empty() || path.front() != '/') return result;
  const auto segs = split_path(path);
  for (const auto& route : routes_) {
    if (route.segments.size() != segs.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool same = true;
    for (std::size_t i = 0; i < segs.size() && same; ++i) {
      if (is_param(route.segments[i])) {
        if (segs[i].empty())
          same = false;
        else
          params.emplace_back(route.segments[i].substr(1, route.segments[i].size() - 2), std::string(segs[i]));
      } else {
        same = route.segments[i] == segs[i];
      }
    }
    if (!same) continue;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      result.route = &route;
      result.params = std::move(params);
      result.allowed.clear();
      return result;
    }
    result.allowed.push_back(route.method);
  }
  return result;
}

}  // namespace wk::http
