#pragma once

#include "http/router.hpp"
#include "modules/usage/usage.hpp"

namespace wk::usage {

// /api/v1/module-views (docs/api.md, "Module views").
void register_routes(http::Router& router, Service& service);

}  // namespace wk::usage
