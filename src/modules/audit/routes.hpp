#pragma once

#include "http/router.hpp"
#include "store/database.hpp"

namespace wk::audit {

// GET /api/v1/audit (admin).
void register_routes(http::Router& router, store::Database& db);

}  // namespace wk::audit
