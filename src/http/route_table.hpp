// A module's routes as a table of named handlers, one line each:
//
//   http::add_routes(router, service, {
//       {"GET", "/api/v1/module-views", views_of_year},
//       {"POST", "/api/v1/module-views", record_view},
//   });
//
// A handler is a function `Response name(Owner&, Context&)`; the owner is what the
// handlers share (a module's service, or a small struct of what they need).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "http/problem.hpp"
#include "http/router.hpp"

namespace wk::http {

template <class Owner>
struct RouteEntry {
  std::string_view method;
  std::string_view pattern;
  Response (*handler)(Owner&, Context&);
  Access access = Access::authenticated;
  bool idempotency_key = false;  // a creating POST that takes an Idempotency-Key
};

template <class Owner>
void add_routes(Router& router, Owner& owner, std::initializer_list<RouteEntry<Owner>> routes) {
  for (const auto& r : routes) {
    router.add(std::string(r.method), std::string(r.pattern), r.access,
               [&owner, handler = r.handler](Context& ctx) { return handler(owner, ctx); });
    if (r.idempotency_key) router.accept_idempotency_key(r.method, r.pattern);
  }
}

}  // namespace wk::http

// Inside a handler: evaluates `expr` (a Result); on an error the handler returns its
// problem+json response, otherwise the value is moved into `lhs`:
//   WK_ASSIGN_OR_RETURN(auto views, service.year(ctx.user(), year));
#define WK_ASSIGN_OR_RETURN(lhs, expr) WK_ASSIGN_OR_RETURN_IMPL(WK_CONCAT_(wk_result_, __LINE__), lhs, expr)
#define WK_ASSIGN_OR_RETURN_IMPL(result, lhs, expr)                 \
  auto result = (expr);                                             \
  if (!result) return ::wk::http::problem_response(result.error()); \
  lhs = std::move(*result)
// The same for a Status: returns the problem response on an error.
#define WK_RETURN_IF_ERROR(expr)                                                                        \
  do {                                                                                                  \
    if (auto wk_status_ = (expr); !wk_status_) return ::wk::http::problem_response(wk_status_.error()); \
  } while (false)
#define WK_CONCAT_(a, b) WK_CONCAT_INNER_(a, b)
#define WK_CONCAT_INNER_(a, b) a##b
