#pragma once

#include "http/router.hpp"
#include "modules/stories/stories.hpp"

namespace wk::stories {

// /api/v1/stories…, /api/v1/public/{org}/… (docs/api.md, "Vertelpunt").
void register_routes(http::Router& router, Service& service, store::Database& db);

}  // namespace wk::stories
