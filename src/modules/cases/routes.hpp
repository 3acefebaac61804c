#pragma once

#include "http/router.hpp"
#include "modules/cases/service.hpp"

namespace wk::cases {

// /api/v1/cases, /api/v1/cases/{id}/receipt, /api/v1/receipts/{summary,import,export}
// (docs/api.md).
void register_routes(http::Router& router, Service& service, store::Database& db);

}  // namespace wk::cases
