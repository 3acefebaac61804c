#pragma once

#include "http/router.hpp"
#include "report/report.hpp"

namespace wk::report {

// GET /api/v1/reports/{year}, GET/PUT /api/v1/reports/{year}/texts/{chapter},
// GET /verslag.css (docs/api.md).
void register_routes(http::Router& router, Service& service);

}  // namespace wk::report
