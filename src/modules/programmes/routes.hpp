#pragma once

#include "http/router.hpp"
#include "modules/programmes/programmes.hpp"

namespace wk::programmes {

// /api/v1/programmes (docs/api.md).
void register_routes(http::Router& router, Service& service);

}  // namespace wk::programmes
