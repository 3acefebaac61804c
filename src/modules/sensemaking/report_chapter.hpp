// The Kwaliteit chapter of the annual report (SPEC §4.6, the model report's
// "grootschalig luisteren"): the vertelpunt's stories in the year and the year before,
// the topic table, valuation and archetype shifts, the sense-making sessions held and
// the actions that closed the loop, and how often the vertelpunt was opened.
#pragma once

#include <memory>

#include "report/report.hpp"

namespace wk::sensemaking {

std::unique_ptr<report::Chapter> make_report_chapter();

}  // namespace wk::sensemaking
