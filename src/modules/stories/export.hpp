// The stories and their signification as a table for analysis elsewhere (SPEC §4.3):
// one row per published story, one column per signifier value (1 or 0), one per extra
// prompt. Served as CSV (formula-guarded, as Dutch Excel reads it) and as .xlsx.
#pragma once

#include "core/result.hpp"
#include "core/roles.hpp"
#include "modules/stories/stories.hpp"
#include "report/report.hpp"
#include "store/database.hpp"

namespace wk::stories {

inline constexpr int kMaxExported = 100'000;

bool may_export(const Principal& p);  // quality, director

// Published stories that match `f` (its status, limit and offset are ignored); more
// than kMaxExported is refused with 422, so that a narrower filter is asked for.
Result<report::Table> export_table(store::Database& db, const Principal& p, StoryFilter f);

}  // namespace wk::stories
