#pragma once

#include <memory>

#include "report/report.hpp"

namespace wk::cases {

// The cost receipts' chapter of the annual report: per programme with cases, the table
// in the shape of the model report (per group its cases' nieuw/oud/besparing and a
// Totaal row, then the total over the groups), the cases still running, and the
// savings per payer and per cost category.
std::unique_ptr<report::Chapter> make_report_chapter();

}  // namespace wk::cases
