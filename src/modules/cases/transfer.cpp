#include "modules/cases/transfer.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/lists.hpp"
#include "modules/organisation/service.hpp"
#include "modules/programmes/programmes.hpp"
#include "report/report.hpp"

namespace wk::cases {

using store::Tx;

namespace {

constexpr std::size_t kMaxReportedErrors = 500;

std::string fold(std::string_view s) {
  return text::to_lower_ascii(text::trim(s));
}

// "zo goed als afgerond", "Zo_goed_als_afgerond", "afgerond" …
std::optional<Status> status_from_cell(std::string_view cell) {
  std::string s = fold(cell);
  for (auto& c : s)
    if (c == ' ') c = '_';
  return status_from(s);
}

// A value of a list by label or code, case-insensitively; active values only.
struct ListIndex {
  std::map<std::string, std::int64_t> ids;
  static ListIndex of(Tx& tx, std::int64_t org_id, std::string_view list) {
    ListIndex index;
    for (const auto& v : organisation::Service::values(tx, org_id, list)) {
      if (!v.active) continue;
      index.ids[fold(v.label)] = v.id;
      index.ids[fold(v.code)] = v.id;
    }
    return index;
  }
  std::optional<std::int64_t> find(std::string_view cell) const {
    auto it = ids.find(fold(cell));
    if (it == ids.end()) return std::nullopt;
    return it->second;
  }
};

// One case as the file describes it: its attributes (equal on all its rows) and lines.
struct FileCase {
  int first_row = 0;
  std::string reference;
  std::int64_t programme_id = 0;
  std::string programme_slug;
  std::string group;
  std::int64_t team_id = 0;
  Status status = Status::lopend;
  std::string status_date;
  std::vector<CostLine> lines;
};

class Importer {
 public:
  Importer(Tx& tx, const Principal& p, Millis now) : tx_(tx), p_(p), now_(now) {
    categories_ = ListIndex::of(tx, p.org_id, cases::list::cost_category);
    payers_ = ListIndex::of(tx, p.org_id, cases::list::payer);
    for (const auto& t : organisation::Service::teams(tx, p.org_id)) teams_[fold(t.name)] = t.id;
  }

  void read(const csv::Table& table) {
    if (table.rows.empty()) return fail(1, "", "Het bestand is leeg.", "the file is empty");
    if (!read_header(table.rows.front())) return;
    for (std::size_t i = 1; i < table.rows.size(); ++i) read_row(table.line_numbers[i], table.rows[i]);
    report_.rows = static_cast<int>(table.rows.size()) - 1;
    if (report_.rows == 0) fail(2, "", "Het bestand bevat geen regels onder de kopregel.", "no data rows");
  }

  void write() {
    for (auto& [reference, fc] : cases_) write_case(fc);
  }

  std::vector<ImportError>& errors() { return errors_; }
  const ImportReport& report() const { return report_; }

 private:
  void fail(int row, std::string column, std::string title, std::string detail) {
    if (errors_.size() < kMaxReportedErrors)
      errors_.push_back({row, std::move(column), std::move(title), std::move(detail)});
  }

  bool read_header(const std::vector<std::string>& header) {
    for (std::size_t i = 0; i < header.size(); ++i) column_[fold(header[i])] = i;
    bool ok = true;
    for (const auto& name : transfer_columns())
      if (!column_.count(name)) {
        fail(1, name, "Kolom ‘" + name + "’ ontbreekt in de kopregel.", "missing column " + name);
        ok = false;
      }
    return ok;
  }

  std::string cell(const std::vector<std::string>& row, const std::string& name) const {
    const auto i = column_.at(name);
    return i < row.size() ? text::trim(row[i]) : std::string();
  }

  void read_row(int line, const std::vector<std::string>& row) {
    const std::size_t before = errors_.size();
    FileCase fc;
    fc.first_row = line;
    // programma
    const auto programme_key = cell(row, "programma");
    auto programme = programme_by_key(programme_key);
    if (!programme)
      fail(line, "programma", "Onbekend programma: ‘" + programme_key + "’.", "unknown programme");
    else {
      fc.programme_id = programme->id;
      fc.programme_slug = programme->slug;
    }
    fc.group = cell(row, "groep");
    if (text::utf8_length(fc.group) > 120)
      fail(line, "groep", "De groepsnaam is te lang (hoogstens 120 tekens).", "group name too long");
    // casus
    fc.reference = cell(row, "casus");
    if (fc.reference.empty())
      fail(line, "casus", "Vul de casusreferentie in.", "case reference is required");
    else if (text::utf8_length(fc.reference) > 40)
      fail(line, "casus", "De casusreferentie is te lang (hoogstens 40 tekens).", "reference too long");
    check_text(line, "casus", fc.reference);
    // team
    const auto team_name = cell(row, "team");
    if (auto t = teams_.find(fold(team_name)); t != teams_.end())
      fc.team_id = t->second;
    else
      fail(line, "team", "Onbekend team: ‘" + team_name + "’.", "unknown team");
    // status, statusdatum
    if (auto s = status_from_cell(cell(row, "status")))
      fc.status = *s;
    else
      fail(line, "status", "Kies lopend, zo goed als afgerond of afgerond.", "unknown status");
    if (auto d = parse_date_nl_or_iso(cell(row, "statusdatum")))
      fc.status_date = *d;
    else
      fail(line, "statusdatum", "Geen geldige datum: ‘" + cell(row, "statusdatum") + "’ (schrijf 31-12-2017).",
           "invalid date");
    // The line itself; all four empty means: a case without lines.
    const auto side = fold(cell(row, "kant"));
    const auto category = cell(row, "kostensoort"), payer = cell(row, "betaler"), amount = cell(row, "bedrag_per_jaar");
    const auto description = cell(row, "omschrijving");
    const bool no_line = side.empty() && category.empty() && payer.empty() && amount.empty();
    CostLine l{};
    if (!no_line) {
      if (side == "oud")
        l.side = Side::oud;
      else if (side == "nieuw")
        l.side = Side::nieuw;
      else
        fail(line, "kant", "Kies oud of nieuw.", "must be oud or nieuw");
      if (auto id = categories_.find(category))
        l.category_id = *id;
      else
        fail(line, "kostensoort", "Onbekende kostensoort: ‘" + category + "’.", "unknown cost category");
      if (auto id = payers_.find(payer))
        l.payer_id = *id;
      else
        fail(line, "betaler", "Onbekende betaler: ‘" + payer + "’.", "unknown payer");
      auto cents = parse_amount(amount);
      if (!cents)
        fail(line, "bedrag_per_jaar",
             cents.error().fields.empty() ? cents.error().title : cents.error().fields.front().title, "invalid amount");
      else if (*cents < 0)
        fail(line, "bedrag_per_jaar", "Een bedrag per jaar kan niet negatief zijn.", "negative amount");
      else
        l.amount = *cents;
      if (text::utf8_length(description) > 500)
        fail(line, "omschrijving", "De omschrijving is te lang (hoogstens 500 tekens).", "description too long");
      check_text(line, "omschrijving", description);
      l.description = description;
    }
    if (errors_.size() != before) return;
    if (!may_edit(fc))
      return fail(line, "casus", "U mag deze casus niet wijzigen (team of programma).",
                  "not allowed to edit this case");
    merge(line, std::move(fc), no_line ? std::nullopt : std::optional<CostLine>(std::move(l)));
  }

  void check_text(int line, const std::string& column, const std::string& value) {
    if (text::find_bsn(value))
      fail(line, column, "Dit lijkt een burgerservicenummer (BSN); dat hoort niet in Wijkkader.", "contains a BSN");
  }

  std::optional<programmes::Programme> programme_by_key(const std::string& key) {
    auto it = programmes_.find(fold(key));
    if (it != programmes_.end()) return it->second;
    auto p = programmes::Service::find_by_name_or_slug(tx_, p_.org_id, key);
    programmes_.emplace(fold(key), p);
    return p;
  }

  bool may_edit(const FileCase& fc) {
    if (!can_edit_case(p_, fc.team_id, fc.programme_slug)) return false;
    // An existing case must also be editable where it is now.
    auto existing = repo::find_id_by_reference(tx_, p_.org_id, fc.reference);
    if (!existing) return true;
    auto row = repo::find(tx_, p_.org_id, *existing);
    auto programme = programmes::Service::find(tx_, p_.org_id, row->programme_id);
    return can_edit_case(p_, row->team_id, programme ? programme->slug : "");
  }

  // Rows of one case must agree on everything but the line.
  void merge(int line, FileCase fc, std::optional<CostLine> l) {
    auto [it, inserted] = cases_.try_emplace(fc.reference, fc);
    FileCase& known = it->second;
    if (!inserted) {
      auto differs = [&](const char* column, bool same) {
        if (!same)
          fail(line, column, "Dit verschilt van regel " + std::to_string(known.first_row) + " van dezelfde casus.",
               "differs from an earlier row of the same case");
        return !same;
      };
      if (differs("programma", known.programme_id == fc.programme_id) | differs("groep", known.group == fc.group) |
          differs("team", known.team_id == fc.team_id) | differs("status", known.status == fc.status) |
          differs("statusdatum", known.status_date == fc.status_date))
        return;
    }
    if (l) known.lines.push_back(std::move(*l));
  }

  static nlohmann::json snapshot(const repo::CaseRow& row, const std::vector<CostLine>& lines) {
    return {{"case", audit_snapshot(row)}, {"receipt", audit_snapshot(lines)}};
  }

  // An imported case's audit entry: `before` is null for a case the import made.
  void record_import(std::int64_t case_id, nlohmann::json before, nlohmann::json after) {
    audit::record(
        tx_, {p_.org_id, p_.user_id, "import", "case", std::to_string(case_id), std::move(before), std::move(after)},
        now_);
  }

  void write_case(FileCase& fc) {
    std::optional<std::int64_t> group_id;
    if (!fc.group.empty()) {
      bool created = false;
      group_id =
          programmes::Service::ensure_group(tx_, p_.org_id, fc.programme_id, fc.group, p_.user_id, now_, &created);
      if (created) ++report_.groups_created;
    }
    report_.lines += static_cast<int>(fc.lines.size());
    auto existing_id = repo::find_id_by_reference(tx_, p_.org_id, fc.reference);
    if (!existing_id) {
      repo::CaseRow row{
          0,         fc.reference, fc.team_id, fc.programme_id, group_id, std::nullopt, fc.status_date, "",
          fc.status, now_,         {}};
      row.id = repo::insert(tx_, p_.org_id, row, now_);
      repo::add_status(tx_, p_.org_id, row.id, fc.status, fc.status_date, p_.user_id, now_);
      repo::replace_lines(tx_, p_.org_id, row.id, fc.lines);
      record_import(row.id, nullptr, snapshot(row, fc.lines));
      ++report_.cases_created;
      return;
    }
    repo::lock(tx_, p_.org_id, *existing_id);
    const auto before = *repo::find(tx_, p_.org_id, *existing_id);
    const auto lines_before = repo::lines(tx_, p_.org_id, before.id);
    repo::CaseRow row = before;
    row.team_id = fc.team_id;
    row.programme_id = fc.programme_id;
    row.group_id = group_id;
    const auto history = repo::history(tx_, p_.org_id, row.id);
    const bool same_status =
        !history.empty() && history.back().status == fc.status && history.back().date == fc.status_date;
    if (!same_status) {
      repo::add_status(tx_, p_.org_id, row.id, fc.status, fc.status_date, p_.user_id, now_);
      row.status = status_on(repo::history(tx_, p_.org_id, row.id), iso_date_utc(now_)).value_or(fc.status);
    }
    repo::update(tx_, p_.org_id, row, now_);
    repo::replace_lines(tx_, p_.org_id, row.id, fc.lines);
    record_import(row.id, snapshot(before, lines_before), snapshot(row, fc.lines));
    ++report_.cases_updated;
  }

  Tx& tx_;
  const Principal& p_;
  Millis now_;
  ListIndex categories_, payers_;
  std::map<std::string, std::int64_t> teams_;
  std::map<std::string, std::optional<programmes::Programme>> programmes_;
  std::map<std::string, std::size_t> column_;
  std::map<std::string, FileCase> cases_;
  std::vector<ImportError> errors_;
  ImportReport report_;
};

}  // namespace

ImportOutcome import_receipts(store::Database& db, const Principal& p, std::string_view bytes, bool dry_run,
                              Millis now) {
  ImportOutcome outcome;
  if (!may_read_some_cases(p)) {
    outcome.failure = Error::forbidden();
    return outcome;
  }
  const std::string text = csv::to_utf8(bytes);
  auto table = csv::parse(text, csv::detect_separator(text));
  if (!table) {
    outcome.failure = table.error();
    return outcome;
  }
  db.with_write([&](Tx& tx) {
    Importer importer(tx, p, now);
    importer.read(*table);
    if (!importer.errors().empty()) {
      outcome.errors = std::move(importer.errors());
      return false;
    }
    importer.write();
    outcome.report = importer.report();
    outcome.report->dry_run = dry_run;
    return !dry_run;  // a dry run does everything, then rolls back
  });
  return outcome;
}

namespace {

// The export's rows: the first ten columns as text, the amount as cents (empty for a case
// without lines).
struct ExportRow {
  std::vector<std::string> cells;
  std::optional<Cents> amount;
};

Result<std::vector<ExportRow>> export_rows(store::Database& db, const Principal& p, std::int64_t programme_id) {
  if (!may_read_some_cases(p)) return Error::forbidden();
  return db.read([&](Tx& tx) -> Result<std::vector<ExportRow>> {
    auto programme = programmes::Service::find(tx, p.org_id, programme_id);
    if (!programme) return Error::not_found("No such programme.");
    std::map<std::int64_t, std::string> teams, groups;
    for (const auto& t : organisation::Service::teams(tx, p.org_id)) teams[t.id] = t.name;
    for (const auto& g : programme->groups) groups[g.id] = g.name;
    std::multimap<std::int64_t, CostLine> lines;
    for (auto& [case_id, line] : repo::programme_lines(tx, p.org_id, programme_id))
      lines.emplace(case_id, std::move(line));
    std::vector<ExportRow> rows;
    for (const auto& c : repo::export_cases(tx, p.org_id, programme_id, read_scope(tx, p))) {
      const std::vector<std::string> base = {
          programme->name,  c.group_id ? groups[*c.group_id] : "", c.reference,
          teams[c.team_id], std::string(to_string(c.status)),      iso_to_dutch_date(c.status_date)};
      auto [from, to] = lines.equal_range(c.id);
      if (from == to) {
        auto cells = base;
        cells.resize(transfer_columns().size() - 1);
        rows.push_back({std::move(cells), std::nullopt});
      }
      for (auto it = from; it != to; ++it) {
        const auto& l = it->second;
        auto cells = base;
        cells.insert(cells.end(), {std::string(to_string(l.side)), l.category_label, l.payer_label, l.description});
        rows.push_back({std::move(cells), l.amount});
      }
    }
    return rows;
  });
}

}  // namespace

Result<std::string> export_receipts_csv(store::Database& db, const Principal& p, std::int64_t programme_id) {
  auto rows = export_rows(db, p, programme_id);
  if (!rows) return rows.error();
  constexpr char sep = ';';
  std::string out(csv::kUtf8Bom);
  out += csv::write_row(transfer_columns(), sep);
  for (auto& r : *rows) {
    r.cells.push_back(r.amount ? format_amount_plain(*r.amount) : "");
    out += csv::write_row(r.cells, sep);
  }
  return out;
}

Result<std::string> export_receipts_xlsx(store::Database& db, const Principal& p, std::int64_t programme_id) {
  auto rows = export_rows(db, p, programme_id);
  if (!rows) return rows.error();
  report::Table table{"kassabonnen", "Kassabonnen", transfer_columns(), {}};
  for (auto& r : *rows) {
    report::Row row;
    for (auto& c : r.cells) row.cells.push_back(report::Cell::text(std::move(c)));
    row.cells.push_back(r.amount ? report::Cell::money(*r.amount) : report::Cell::text(""));
    table.rows.push_back(std::move(row));
  }
  return report::tables_xlsx({table});
}

}  // namespace wk::cases
