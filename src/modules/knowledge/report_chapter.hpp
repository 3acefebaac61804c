// The Kennisbank chapter of the annual report (SPEC §4.4, §4.6): the items per category
// and state on the reference date, verifications in the year, overdue items on the
// reference date, the ratings given in the year and how often the items were consulted.
#pragma once

#include <memory>

#include "report/report.hpp"

namespace wk::knowledge {

std::unique_ptr<report::Chapter> make_report_chapter();

}  // namespace wk::knowledge
