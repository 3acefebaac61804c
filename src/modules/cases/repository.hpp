// SQL for cases, their status history and cost lines. Every statement filters on
// org_id; list-like queries also on the caller's Scope.
#pragma once

#include "modules/cases/model.hpp"
#include "store/database.hpp"

namespace wk::cases::repo {

using store::Tx;

// Which cases a caller may see: all of the organisation, or those of some teams and
// some programmes.
struct Scope {
  bool all = false;
  std::vector<std::int64_t> team_ids;
  std::vector<std::int64_t> programme_ids;
};

struct CaseRow {
  std::int64_t id;
  std::string reference;
  std::int64_t team_id;
  std::int64_t programme_id;
  std::optional<std::int64_t> group_id;
  std::optional<std::int64_t> owner_id;
  std::string start_date;
  std::string plan;
  Status status;
  Millis updated_at;
  Totals totals;
};

std::optional<CaseRow> find(Tx& tx, std::int64_t org_id, std::int64_t id);
// Takes the case's row lock for the rest of the transaction (PostgreSQL; SQLite has one
// writer anyway), so that read-then-write sequences on one case do not interleave.
void lock(Tx& tx, std::int64_t org_id, std::int64_t id);
std::optional<std::int64_t> find_id_by_reference(Tx& tx, std::int64_t org_id, const std::string& reference);
// The earliest start date of any case (the report's first year).
std::optional<std::string> first_start_date(Tx& tx, std::int64_t org_id);
std::int64_t insert(Tx& tx, std::int64_t org_id, const CaseRow& c, Millis now);
void update(Tx& tx, std::int64_t org_id, const CaseRow& c, Millis now);

std::vector<StatusEntry> history(Tx& tx, std::int64_t org_id, std::int64_t case_id);
void add_status(Tx& tx, std::int64_t org_id, std::int64_t case_id, Status status, const std::string& date,
                std::optional<std::int64_t> actor, Millis now);

std::vector<CostLine> lines(Tx& tx, std::int64_t org_id, std::int64_t case_id);
void replace_lines(Tx& tx, std::int64_t org_id, std::int64_t case_id, const std::vector<CostLine>& lines);

struct ListFilter {
  std::optional<std::int64_t> programme_id;
  std::optional<std::int64_t> team_id;
  std::optional<std::string> status;
  std::optional<std::string> reference_contains;
  int limit = 100;
  int offset = 0;
  std::optional<std::string> after_reference;  // keyset paging: the page after this case
};
// By reference (unique in the organisation).
std::vector<CaseRow> list(Tx& tx, std::int64_t org_id, const ListFilter& f, const Scope& scope);
// The cases the filter (without its keyset) finds, counted up to `cap`.
std::int64_t count_upto(Tx& tx, std::int64_t org_id, ListFilter f, const Scope& scope, std::int64_t cap);

// One case of a programme with its status on the reference date (nullopt: none yet)
// and its receipt totals.
struct SummaryRow {
  std::int64_t case_id;
  std::string reference;
  std::optional<std::int64_t> group_id;
  std::optional<Status> status;
  Totals totals;
};
std::vector<SummaryRow> summary_rows(Tx& tx, std::int64_t org_id, std::int64_t programme_id,
                                     const std::string& reference_date, std::optional<std::int64_t> team_id,
                                     const Scope& scope);

// Sums of the lines of the cases that count on the reference date, per category, payer
// and side.
struct BreakdownRow {
  std::int64_t category_id;
  std::int64_t payer_id;
  Side side;
  Cents amount;
};
std::vector<BreakdownRow> breakdown(Tx& tx, std::int64_t org_id, std::int64_t programme_id,
                                    const std::string& reference_date, std::optional<std::int64_t> team_id,
                                    const Scope& scope);

// For the export: the programme's cases in reference order, with the date of their
// current status, and all their lines.
struct ExportCase {
  std::int64_t id;
  std::string reference;
  std::int64_t team_id;
  std::optional<std::int64_t> group_id;
  Status status;
  std::string status_date;
};
std::vector<ExportCase> export_cases(Tx& tx, std::int64_t org_id, std::int64_t programme_id, const Scope& scope);
std::vector<std::pair<std::int64_t, CostLine>> programme_lines(Tx& tx, std::int64_t org_id, std::int64_t programme_id);

}  // namespace wk::cases::repo
