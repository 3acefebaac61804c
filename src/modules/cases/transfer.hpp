// Import and export of receipts as spreadsheets (docs/openapi.json, POST
// /api/v1/receipts/import and GET /api/v1/receipts/export): the way users bring the
// spreadsheets they keep today, and take the data out again.
// One row per cost line with the columns below; a case without lines is one row with
// kant, kostensoort, betaler and bedrag_per_jaar empty.
#pragma once

#include <string>
#include <vector>

#include "core/roles.hpp"
#include "modules/cases/service.hpp"

namespace wk::cases {

inline const std::vector<std::string>& transfer_columns() {
  static const std::vector<std::string> columns = {"programma", "groep",        "casus",          "team",
                                                   "status",    "statusdatum",  "kant",           "kostensoort",
                                                   "betaler",   "omschrijving", "bedrag_per_jaar"};
  return columns;
}

struct ImportError {
  int row;  // the file's line number; the header is row 1
  std::string column;
  std::string title;   // Dutch
  std::string detail;  // English
};

struct ImportReport {
  bool dry_run = false;
  int rows = 0;
  int cases_created = 0;
  int cases_updated = 0;
  int groups_created = 0;
  int lines = 0;
};

// All or nothing: either every row is valid and written (or, with dry_run, checked and
// rolled back), or nothing is written and every bad row and column is listed.
struct ImportOutcome {
  std::optional<ImportReport> report;
  std::vector<ImportError> errors;
  std::optional<Error> failure;  // the file as a whole is unreadable
};

ImportOutcome import_receipts(store::Database& db, const Principal& p, std::string_view bytes, bool dry_run,
                              Millis now);

// CSV (separator ';', UTF-8 with BOM) of the programme's cases the caller may read.
Result<std::string> export_receipts_csv(store::Database& db, const Principal& p, std::int64_t programme_id);
// The same rows as an .xlsx workbook, amounts as numbers.
Result<std::string> export_receipts_xlsx(store::Database& db, const Principal& p, std::int64_t programme_id);

}  // namespace wk::cases
