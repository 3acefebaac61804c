#include "modules/cases/repository.hpp"

#include "core/paging.hpp"

namespace wk::cases::repo {

using store::Param;

namespace {

constexpr const char* kCaseColumns =
    "c.id, c.reference, c.team_id, c.programme_id, c.group_id, c.owner_user_id, c.start_date, c.plan, c.status, "
    "c.updated_at, "
    "COALESCE((SELECT SUM(l.amount_cents) FROM cost_lines l WHERE l.org_id = c.org_id AND l.case_id = c.id "
    "AND l.side = 'oud'), 0), "
    "COALESCE((SELECT SUM(l.amount_cents) FROM cost_lines l WHERE l.org_id = c.org_id AND l.case_id = c.id "
    "AND l.side = 'nieuw'), 0) ";

CaseRow case_from(const store::Row& r) {
  return {r.i64(0),
          r.str(1),
          r.i64(2),
          r.i64(3),
          r.opt_i64(4),
          r.opt_i64(5),
          r.str(6),
          r.str(7),
          status_from(r.str(8)).value_or(Status::lopend),
          r.i64(9),
          {r.i64(10), r.i64(11)}};
}

// The statement's "may see" clause and its parameters.
std::string scope_clause(const Scope& s) {
  return " AND (? = 1 OR c.team_id IN (" + store::placeholders(s.team_ids.size()) + ") OR c.programme_id IN (" +
         store::placeholders(s.programme_ids.size()) + ")) ";
}

void bind_scope(std::vector<Param>& params, const Scope& s) {
  params.emplace_back(s.all);
  if (s.team_ids.empty()) params.emplace_back(std::int64_t{-1});
  for (auto id : s.team_ids) params.emplace_back(id);
  if (s.programme_ids.empty()) params.emplace_back(std::int64_t{-1});
  for (auto id : s.programme_ids) params.emplace_back(id);
}

// The list's conditions: fixed fragments for the filters that are set (an index can
// then bound the walk; `(? IS NULL OR …)` kept PostgreSQL's generic plans from it), and
// the caller's scope unless she may see every case.
std::string filter_clause(const ListFilter& f, const Scope& scope, std::vector<Param>& params) {
  std::string sql;
  if (f.programme_id) {
    sql += " AND c.programme_id = ?";
    params.emplace_back(*f.programme_id);
  }
  if (f.team_id) {
    sql += " AND c.team_id = ?";
    params.emplace_back(*f.team_id);
  }
  if (f.status) {
    sql += " AND c.status = ?";
    params.emplace_back(*f.status);
  }
  if (f.reference_contains) {
    // Lower-cased by the store, like the reference it is compared with.
    sql += " AND LOWER(c.reference) LIKE LOWER(?) ESCAPE '\\'";
    params.emplace_back(store::like_containing(*f.reference_contains));
  }
  if (f.after_reference) {
    sql += " AND c.reference > ?";  // keyset: the page after this case
    params.emplace_back(*f.after_reference);
  }
  if (!scope.all) {
    sql += scope_clause(scope);
    bind_scope(params, scope);
  }
  return sql + " ";
}

// The status of case c on the reference date (the first parameter of the statement).
constexpr const char* kStatusOnDate =
    "(SELECT h.status FROM case_status_history h WHERE h.org_id = c.org_id AND h.case_id = c.id "
    "AND h.effective_date <= ? ORDER BY h.effective_date DESC, h.id DESC LIMIT 1)";

}  // namespace

std::optional<CaseRow> find(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(std::string("SELECT ") + kCaseColumns + "FROM cases c WHERE c.org_id = ? AND c.id = ?",
                        {org_id, id});
  if (!r) return std::nullopt;
  return case_from(*r);
}

void lock(Tx& tx, std::int64_t org_id, std::int64_t id) {
  // A no-op UPDATE locks the row in both stores' dialects.
  tx.execute("UPDATE cases SET updated_at = updated_at WHERE org_id = ? AND id = ?", {org_id, id});
}

std::optional<std::string> first_start_date(Tx& tx, std::int64_t org_id) {
  auto r = tx.query_one("SELECT MIN(start_date) FROM cases WHERE org_id = ?", {org_id});
  return r ? r->opt_str(0) : std::nullopt;
}

std::optional<std::int64_t> find_id_by_reference(Tx& tx, std::int64_t org_id, const std::string& reference) {
  auto r = tx.query_one("SELECT id FROM cases WHERE org_id = ? AND reference = ?", {org_id, reference});
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::int64_t insert(Tx& tx, std::int64_t org_id, const CaseRow& c, Millis now) {
  return tx.insert(
      "INSERT INTO cases (org_id, reference, team_id, programme_id, group_id, owner_user_id, start_date, plan, "
      "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org_id, c.reference, c.team_id, c.programme_id, c.group_id, c.owner_id, c.start_date, c.plan,
       to_string(c.status), now, now});
}

void update(Tx& tx, std::int64_t org_id, const CaseRow& c, Millis now) {
  tx.execute(
      "UPDATE cases SET reference = ?, team_id = ?, programme_id = ?, group_id = ?, owner_user_id = ?, "
      "start_date = ?, plan = ?, status = ?, updated_at = ? WHERE org_id = ? AND id = ?",
      {c.reference, c.team_id, c.programme_id, c.group_id, c.owner_id, c.start_date, c.plan, to_string(c.status), now,
       org_id, c.id});
}

std::vector<StatusEntry> history(Tx& tx, std::int64_t org_id, std::int64_t case_id) {
  std::vector<StatusEntry> out;
  for (const auto& r : tx.query("SELECT status, effective_date, recorded_at, recorded_by FROM case_status_history "
                                "WHERE org_id = ? AND case_id = ? ORDER BY id",
                                {org_id, case_id}))
    out.push_back({status_from(r.str(0)).value_or(Status::lopend), r.str(1), r.i64(2), r.opt_i64(3), std::nullopt});
  return out;
}

void add_status(Tx& tx, std::int64_t org_id, std::int64_t case_id, Status status, const std::string& date,
                std::optional<std::int64_t> actor, Millis now) {
  tx.execute(
      "INSERT INTO case_status_history (org_id, case_id, status, effective_date, recorded_at, recorded_by) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {org_id, case_id, to_string(status), date, now, actor});
}

std::vector<CostLine> lines(Tx& tx, std::int64_t org_id, std::int64_t case_id) {
  std::vector<CostLine> out;
  for (const auto& r :
       tx.query("SELECT l.id, l.side, l.category_id, l.payer_id, l.description, l.amount_cents, c.label, p.label "
                "FROM cost_lines l "
                "JOIN value_lists c ON c.org_id = l.org_id AND c.id = l.category_id "
                "JOIN value_lists p ON p.org_id = l.org_id AND p.id = l.payer_id "
                "WHERE l.org_id = ? AND l.case_id = ? ORDER BY l.side DESC, l.position",
                {org_id, case_id}))
    out.push_back({r.i64(0), r.str(1) == "oud" ? Side::oud : Side::nieuw, r.i64(2), r.i64(3), r.str(4), r.i64(5),
                   r.str(6), r.str(7)});
  return out;
}

void replace_lines(Tx& tx, std::int64_t org_id, std::int64_t case_id, const std::vector<CostLine>& lines) {
  tx.execute("DELETE FROM cost_lines WHERE org_id = ? AND case_id = ?", {org_id, case_id});
  int position = 0;
  for (const auto& l : lines)
    tx.execute(
        "INSERT INTO cost_lines (org_id, case_id, side, category_id, payer_id, description, amount_cents, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {org_id, case_id, to_string(l.side), l.category_id, l.payer_id, l.description, l.amount, ++position});
}

std::vector<CaseRow> list(Tx& tx, std::int64_t org_id, const ListFilter& f, const Scope& scope) {
  const bool ids_first = tx.dialect() == store::Dialect::postgres;  // core/paging.hpp
  std::vector<Param> params;
  if (ids_first) params.emplace_back(org_id);
  params.emplace_back(org_id);
  const auto where = "WHERE c.org_id = ?" + filter_clause(f, scope, params);
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  std::vector<CaseRow> out;
  for (const auto& r : tx.query(paging::offset_page(ids_first, std::string("SELECT ") + kCaseColumns + "FROM cases c ",
                                                    "cases", "c", where, "ORDER BY c.reference "),
                                params))
    out.push_back(case_from(r));
  return out;
}

std::int64_t count_upto(Tx& tx, std::int64_t org_id, ListFilter f, const Scope& scope, std::int64_t cap) {
  f.after_reference.reset();
  std::vector<Param> params{org_id};
  const auto where = filter_clause(f, scope, params);
  params.emplace_back(cap);
  return tx.query("SELECT COUNT(*) FROM (SELECT 1 FROM cases c WHERE c.org_id = ?" + where + "LIMIT ?) x", params)
      .front()
      .i64(0);
}

std::vector<SummaryRow> summary_rows(Tx& tx, std::int64_t org_id, std::int64_t programme_id,
                                     const std::string& reference_date, std::optional<std::int64_t> team_id,
                                     const Scope& scope) {
  std::vector<Param> params{reference_date, org_id, programme_id, team_id, team_id};
  bind_scope(params, scope);
  std::vector<SummaryRow> out;
  for (const auto& r : tx.query(
           std::string("SELECT c.id, c.reference, c.group_id, ") + kStatusOnDate +
               ", "
               "COALESCE((SELECT SUM(l.amount_cents) FROM cost_lines l WHERE l.org_id = c.org_id AND l.case_id = c.id "
               "AND l.side = 'oud'), 0), "
               "COALESCE((SELECT SUM(l.amount_cents) FROM cost_lines l WHERE l.org_id = c.org_id AND l.case_id = c.id "
               "AND l.side = 'nieuw'), 0) "
               "FROM cases c WHERE c.org_id = ? AND c.programme_id = ? "
               "AND (CAST(? AS BIGINT) IS NULL OR c.team_id = ?)" +
               scope_clause(scope) + "ORDER BY c.reference",
           params)) {
    std::optional<Status> status;
    if (!r.is_null(3)) status = status_from(r.str(3));
    out.push_back({r.i64(0), r.str(1), r.opt_i64(2), status, {r.i64(4), r.i64(5)}});
  }
  return out;
}

std::vector<BreakdownRow> breakdown(Tx& tx, std::int64_t org_id, std::int64_t programme_id,
                                    const std::string& reference_date, std::optional<std::int64_t> team_id,
                                    const Scope& scope) {
  std::vector<Param> params{org_id, programme_id, team_id, team_id};
  bind_scope(params, scope);
  params.emplace_back(reference_date);
  params.emplace_back(org_id);
  std::vector<BreakdownRow> out;
  for (const auto& r :
       tx.query(std::string("WITH counted AS (SELECT c.id FROM cases c WHERE c.org_id = ? AND c.programme_id = ? "
                            "AND (CAST(? AS BIGINT) IS NULL OR c.team_id = ?)") +
                    scope_clause(scope) + "AND " + kStatusOnDate +
                    " IN ('afgerond', 'zo_goed_als_afgerond')) "
                    "SELECT l.category_id, l.payer_id, l.side, SUM(l.amount_cents) FROM cost_lines l "
                    "JOIN counted k ON k.id = l.case_id WHERE l.org_id = ? "
                    "GROUP BY l.category_id, l.payer_id, l.side ORDER BY l.category_id, l.payer_id, l.side",
                params))
    out.push_back({r.i64(0), r.i64(1), r.str(2) == "oud" ? Side::oud : Side::nieuw, r.i64(3)});
  return out;
}

std::vector<ExportCase> export_cases(Tx& tx, std::int64_t org_id, std::int64_t programme_id, const Scope& scope) {
  std::vector<Param> params{org_id, programme_id};
  bind_scope(params, scope);
  std::vector<ExportCase> out;
  for (const auto& r :
       tx.query("SELECT c.id, c.reference, c.team_id, c.group_id, c.status, "
                "(SELECT h.effective_date FROM case_status_history h WHERE h.org_id = c.org_id AND h.case_id = c.id "
                "ORDER BY h.id DESC LIMIT 1) "
                "FROM cases c WHERE c.org_id = ? AND c.programme_id = ?" +
                    scope_clause(scope) + "ORDER BY c.reference",
                params))
    out.push_back({r.i64(0), r.str(1), r.i64(2), r.opt_i64(3), status_from(r.str(4)).value_or(Status::lopend),
                   r.opt_str(5).value_or("")});
  return out;
}

std::vector<std::pair<std::int64_t, CostLine>> programme_lines(Tx& tx, std::int64_t org_id, std::int64_t programme_id) {
  std::vector<std::pair<std::int64_t, CostLine>> out;
  for (const auto& r : tx.query(
           "SELECT l.case_id, l.id, l.side, l.category_id, l.payer_id, l.description, l.amount_cents, k.label, p.label "
           "FROM cost_lines l JOIN cases c ON c.org_id = l.org_id AND c.id = l.case_id "
           "JOIN value_lists k ON k.org_id = l.org_id AND k.id = l.category_id "
           "JOIN value_lists p ON p.org_id = l.org_id AND p.id = l.payer_id "
           "WHERE l.org_id = ? AND c.programme_id = ? ORDER BY l.case_id, l.side DESC, l.position",
           {org_id, programme_id}))
    out.push_back({r.i64(0),
                   {r.i64(1), r.str(2) == "oud" ? Side::oud : Side::nieuw, r.i64(3), r.i64(4), r.str(5), r.i64(6),
                    r.str(7), r.str(8)}});
  return out;
}

}  // namespace wk::cases::repo
