// The rules of cases and receipts: who may read and edit which case, what a valid
// case and receipt are, the audit entry of every change, and the programme summary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/paging.hpp"
#include "core/roles.hpp"
#include "modules/cases/model.hpp"
#include "modules/cases/repository.hpp"
#include "store/database.hpp"

namespace wk::cases {

// Access (docs/openapi.json, the description of each cases operation). Pure: the
// caller's roles and teams, the case's team and its programme's slug.
bool may_read_some_cases(const Principal& p);
// Coaches (their teams' cases) and coordinators (their programme's).
bool may_edit_some_cases(const Principal& p);
bool can_read_case(const Principal& p, std::int64_t team_id, const std::string& programme_slug);
// Every case of the organisation (quality, director).
bool reads_all_cases(const Principal& p);
// Coordinates at least one programme (a role coordinator:<slug>): only then can a right
// hold per programme.
bool coordinates_some_programme(const Principal& p);
bool can_edit_case(const Principal& p, std::int64_t team_id, const std::string& programme_slug);
// A new case in one of the caller's own teams starts with the caller as its owner when no
// owner is given (coaches and team managers).
bool owns_new_cases(const Principal& p);

struct CaseInput {
  std::optional<std::string> reference;
  std::optional<std::int64_t> team_id;
  std::optional<std::int64_t> programme_id;
  bool set_group = false;
  std::optional<std::string> group;  // name; nullopt with set_group: no group
  bool set_owner = false;
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> start_date;
  std::optional<std::string> plan;
  std::optional<Status> status;
  std::optional<std::string> status_date;
};

struct LineInput {
  std::int64_t category_id = 0;
  std::int64_t payer_id = 0;
  std::string description;
  Cents amount = 0;
};

struct CaseView {
  Case c;
  std::vector<Warning> warnings;
};

struct CasePage {
  std::vector<Case> items;
  paging::Count count;
  std::optional<std::string> next_after;  // the reference of the last item, when there are more
};

struct ReceiptView {
  Receipt receipt;
  std::vector<Warning> warnings;
};

struct SummaryGroup {
  std::optional<Ref> group;
  std::vector<repo::SummaryRow> rows;
  Totals totals;
};

struct Breakdown {
  Ref item;  // the category or payer
  Totals totals;
};

struct Summary {
  std::int64_t programme_id;
  std::string programme_name;
  std::string programme_start_date;
  std::string reference_date;
  std::vector<SummaryGroup> groups;
  Totals totals;
  std::int64_t running_cases = 0;
  std::vector<Breakdown> by_category;
  std::vector<Breakdown> by_payer;
};

class Service {
 public:
  explicit Service(store::Database& db) : db_(db) {}

  Result<CasePage> list(const Principal& p, const repo::ListFilter& filter);
  Result<CaseView> get(const Principal& p, std::int64_t id);
  Result<CaseView> create(const Principal& p, CaseInput input, Millis now);
  Result<CaseView> update(const Principal& p, std::int64_t id, CaseInput change, Millis now);

  Result<ReceiptView> receipt(const Principal& p, std::int64_t case_id);
  // `malformed`: the fields the route could not read (wrong types, missing); reported
  // together with the service's own findings.
  Result<ReceiptView> put_receipt(const Principal& p, std::int64_t case_id, const std::vector<LineInput>& oud,
                                  const std::vector<LineInput>& nieuw, Millis now,
                                  std::vector<FieldError> malformed = {});

  Result<Summary> summary(const Principal& p, std::int64_t programme_id, const std::string& reference_date,
                          std::optional<std::int64_t> team_id);

  // The summary over the cases in `scope` (the report uses all of them: its figures are
  // aggregates). nullopt: no such programme.
  static std::optional<Summary> summarise(store::Tx& tx, std::int64_t org_id, std::int64_t programme_id,
                                          const std::string& reference_date, std::optional<std::int64_t> team_id,
                                          const repo::Scope& scope);

 private:
  store::Database& db_;
};

// The cases the principal may read, as a repository scope.
repo::Scope read_scope(store::Tx& tx, const Principal& p);

}  // namespace wk::cases
