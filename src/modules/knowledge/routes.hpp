#pragma once

#include "http/router.hpp"
#include "modules/knowledge/knowledge.hpp"

namespace wk::knowledge {

// /api/v1/knowledge… (docs/api.md, "Kennisbank").
void register_routes(http::Router& router, Service& service);

}  // namespace wk::knowledge
