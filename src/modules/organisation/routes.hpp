#pragma once

#include "http/router.hpp"
#include "modules/organisation/service.hpp"

namespace wk::organisation {

// /api/v1/districts, /api/v1/teams, /api/v1/users (docs/api.md).
void register_routes(http::Router& router, Service& service);

}  // namespace wk::organisation
