#pragma once

#include "http/router.hpp"
#include "modules/sensemaking/sensemaking.hpp"

namespace wk::sensemaking {

// /api/v1/sensemaking-sessions…, /api/v1/sensemaking-actions…, best practices
// (docs/api.md, "Vertelpunt — sense-making").
void register_routes(http::Router& router, Service& service);

}  // namespace wk::sensemaking
