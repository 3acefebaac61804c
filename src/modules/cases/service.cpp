#include "modules/cases/service.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/paging.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/lists.hpp"
#include "modules/organisation/service.hpp"
#include "modules/programmes/programmes.hpp"

namespace wk::cases {

using store::Tx;

namespace {
constexpr std::size_t kMaxLinesPerSide = 100;

bool is_coordinator_of(const Principal& p, const std::string& slug) {
  return programmes::coordinates(p, slug);
}
}  // namespace

bool coordinates_some_programme(const Principal& p) {
  return std::any_of(p.roles.begin(), p.roles.end(), [](const std::string& r) {
    return r.starts_with(role::coordinator_prefix) && r.size() > role::coordinator_prefix.size();
  });
}

bool may_read_some_cases(const Principal& p) {
  if (p.has_any_role({role::coach, role::team_manager, role::quality, role::director})) return true;
  return std::any_of(p.roles.begin(), p.roles.end(),
                     [](const std::string& r) { return r.starts_with(role::coordinator_prefix); });
}

bool may_edit_some_cases(const Principal& p) {
  return p.has_role(role::coach) || coordinates_some_programme(p);
}

bool reads_all_cases(const Principal& p) {
  return p.has_any_role({role::quality, role::director});
}

bool can_read_case(const Principal& p, std::int64_t team_id, const std::string& programme_slug) {
  if (reads_all_cases(p)) return true;
  if (p.has_any_role({role::coach, role::team_manager}) && p.in_team(team_id)) return true;
  return is_coordinator_of(p, programme_slug);
}

bool can_edit_case(const Principal& p, std::int64_t team_id, const std::string& programme_slug) {
  if (p.has_role(role::coach) && p.in_team(team_id)) return true;
  return is_coordinator_of(p, programme_slug);
}

bool owns_new_cases(const Principal& p) {
  return p.has_any_role({role::coach, role::team_manager});
}

repo::Scope read_scope(Tx& tx, const Principal& p) {
  repo::Scope scope;
  scope.all = reads_all_cases(p);
  if (p.has_any_role({role::coach, role::team_manager})) scope.team_ids = p.team_ids;
  for (const auto& programme : programmes::Service::all(tx, p.org_id))
    if (is_coordinator_of(p, programme.slug)) scope.programme_ids.push_back(programme.id);
  return scope;
}

namespace {

// Names of everything a case refers to, loaded once per request.
struct Names {
  std::map<std::int64_t, std::string> teams, users;
  std::map<std::int64_t, programmes::Programme> programmes;

  static Names load(Tx& tx, std::int64_t org_id) {
    Names n;
    auto names = organisation::Service::names(tx, org_id);
    n.teams = std::move(names.teams);
    n.users = std::move(names.users);
    for (auto& p : programmes::Service::all(tx, org_id)) n.programmes.emplace(p.id, std::move(p));
    return n;
  }

  Case to_case(const repo::CaseRow& row) const {
    Case c;
    c.id = row.id;
    c.reference = row.reference;
    c.team = {row.team_id, lookup(teams, row.team_id)};
    const auto prog = programmes.find(row.programme_id);
    c.programme = {row.programme_id, prog != programmes.end() ? prog->second.name : ""};
    c.programme_slug = prog != programmes.end() ? prog->second.slug : "";
    if (row.group_id && prog != programmes.end())
      for (const auto& g : prog->second.groups)
        if (g.id == *row.group_id) c.group = Ref{g.id, g.name};
    if (row.owner_id) c.owner = Ref{*row.owner_id, lookup(users, *row.owner_id)};
    c.start_date = row.start_date;
    c.plan = row.plan;
    c.status = row.status;
    c.totals = row.totals;
    c.updated_at = row.updated_at;
    return c;
  }

  static std::string lookup(const std::map<std::int64_t, std::string>& m, std::int64_t id) {
    auto it = m.find(id);
    return it == m.end() ? "" : it->second;
  }
};

Case load_case(Tx& tx, std::int64_t org_id, const repo::CaseRow& row) {
  const auto names = Names::load(tx, org_id);
  Case c = names.to_case(row);
  c.history = repo::history(tx, org_id, row.id);
  for (auto& e : c.history)
    if (e.recorded_by) e.recorded_by_name = Names::lookup(names.users, *e.recorded_by);
  return c;
}

Error reference_taken() {
  Error e = Error::conflict(Nl{"Deze casusreferentie bestaat al."}, En{"A case with this reference already exists."});
  e.fields.push_back({"reference", "Deze casusreferentie bestaat al.", "already in use"});
  return e;
}

// Validates the parts of a case that refer to other records; fills errors.
// `placement_changed`: the case is new or moves to another team or programme; only then
// are the programme's own rules (active, its team) checked, so that editing the plan of
// an existing case never fails on a rule the case was placed under before.
void check_references(Tx& tx, std::int64_t org_id, const repo::CaseRow& c,
                      const std::optional<programmes::Programme>& programme, bool placement_changed,
                      std::vector<FieldError>& errors) {
  if (!organisation::Service::team(tx, org_id, c.team_id))
    errors.push_back({"team_id", "Dit team bestaat niet.", "no such team"});
  if (!programme) {
    errors.push_back({"programme_id", "Dit programma bestaat niet.", "no such programme"});
  } else {
    if (placement_changed && !programme->active)
      errors.push_back({"programme_id", "Dit programma is niet meer actief.", "the programme is not active"});
    if (placement_changed && programme->team_id && *programme->team_id != c.team_id)
      errors.push_back({"team_id", "Dit programma hoort bij een ander team.", "the programme belongs to another team"});
  }
  if (c.owner_id) {
    auto owner = organisation::Service::user(tx, org_id, *c.owner_id);
    if (!owner || !owner->active)
      errors.push_back({"owner_id", "Deze medewerker bestaat niet of is niet actief.", "no such active user"});
  }
  if (!is_valid_iso_date(c.start_date))
    errors.push_back({"start_date", "Vul een geldige datum in (JJJJ-MM-DD).", "must be a date YYYY-MM-DD"});
}

}  // namespace

Result<CasePage> Service::list(const Principal& p, const repo::ListFilter& filter) {
  if (!may_read_some_cases(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<CasePage> {
    const auto scope = read_scope(tx, p);
    const auto names = Names::load(tx, p.org_id);
    auto one_more = filter;
    ++one_more.limit;  // is there a next page?
    auto rows = repo::list(tx, p.org_id, one_more, scope);
    CasePage page;
    if (rows.size() > static_cast<std::size_t>(filter.limit)) {
      rows.pop_back();
      page.next_after = rows.back().reference;
    }
    for (const auto& row : rows) page.items.push_back(names.to_case(row));
    page.count = paging::capped(repo::count_upto(tx, p.org_id, filter, scope, paging::kCountCap + 1));
    return page;
  });
}

Result<CaseView> Service::get(const Principal& p, std::int64_t id) {
  if (!may_read_some_cases(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<CaseView> {
    auto row = repo::find(tx, p.org_id, id);
    if (!row) return Error::not_found("No such case.");
    auto c = load_case(tx, p.org_id, *row);
    if (!can_read_case(p, c.team.id, c.programme_slug)) return Error::forbidden();
    return CaseView{std::move(c), {}};
  });
}

Result<CaseView> Service::create(const Principal& p, CaseInput in, Millis now) {
  if (!may_read_some_cases(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<CaseView> {
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    repo::CaseRow row{0,
                      in.reference.value_or(""),
                      in.team_id.value_or(0),
                      in.programme_id.value_or(0),
                      std::nullopt,
                      in.owner_id,
                      in.start_date.value_or(""),
                      in.plan.value_or(""),
                      in.status.value_or(Status::lopend),
                      now,
                      {}};
    check_free_text("reference", row.reference, errors, warnings);
    check_free_text("plan", row.plan, errors, warnings);
    const auto programme = programmes::Service::find(tx, p.org_id, row.programme_id);
    check_references(tx, p.org_id, row, programme, true, errors);
    const std::string status_date = in.status_date.value_or(row.start_date);
    if (in.status_date && !is_valid_iso_date(*in.status_date))
      errors.push_back({"status_date", "Vul een geldige datum in (JJJJ-MM-DD).", "must be a date YYYY-MM-DD"});
    if (!errors.empty()) return Error::validation(std::move(errors));
    if (!can_edit_case(p, row.team_id, programme->slug))
      return Error::forbidden("You may not add cases to this team or programme.");
    if (repo::find_id_by_reference(tx, p.org_id, row.reference)) return reference_taken();
    // A coach who files a case of her own team owns it, unless the request names an
    // owner (or none, with null).
    if (!in.set_owner && p.in_team(row.team_id) && owns_new_cases(p)) row.owner_id = p.user_id;
    if (in.group)
      row.group_id = programmes::Service::ensure_group(tx, p.org_id, row.programme_id, *in.group, p.user_id, now);
    row.id = repo::insert(tx, p.org_id, row, now);
    repo::add_status(tx, p.org_id, row.id, row.status, status_date, p.user_id, now);
    audit::record(tx, {p.org_id, p.user_id, "create", "case", std::to_string(row.id), nullptr, audit_snapshot(row)},
                  now);
    return CaseView{load_case(tx, p.org_id, *repo::find(tx, p.org_id, row.id)), std::move(warnings)};
  });
}

namespace {

// A case the caller is about to change, locked so that concurrent changes of one case
// take turns, with its programme: not found, or forbidden (`refusal` when the caller may
// read it but not change it).
struct Locked {
  repo::CaseRow row;
  std::optional<programmes::Programme> programme;
};
Result<Locked> lock_for_change(Tx& tx, const Principal& p, std::int64_t id, const char* refusal) {
  repo::lock(tx, p.org_id, id);
  auto row = repo::find(tx, p.org_id, id);
  if (!row) return Error::not_found("No such case.");
  auto programme = programmes::Service::find(tx, p.org_id, row->programme_id);
  const std::string slug = programme ? programme->slug : "";
  if (!can_read_case(p, row->team_id, slug)) return Error::forbidden();
  if (!can_edit_case(p, row->team_id, slug)) return Error::forbidden(refusal);
  return Locked{std::move(*row), std::move(programme)};
}

}  // namespace

Result<CaseView> Service::update(const Principal& p, std::int64_t id, CaseInput in, Millis now) {
  if (!may_read_some_cases(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<CaseView> {
    auto locked = lock_for_change(tx, p, id, "You may read this case, not change it.");
    if (!locked) return locked.error();
    const auto& [before, old_programme] = *locked;

    repo::CaseRow row = before;
    std::vector<FieldError> errors;
    std::vector<Warning> warnings;
    if (in.reference) row.reference = *in.reference;
    if (in.team_id) row.team_id = *in.team_id;
    const bool programme_changed = in.programme_id && *in.programme_id != before.programme_id;
    if (in.programme_id) row.programme_id = *in.programme_id;
    if (in.set_owner) row.owner_id = in.owner_id;
    if (in.start_date) row.start_date = *in.start_date;
    if (in.plan) row.plan = *in.plan;
    if (in.reference) check_free_text("reference", row.reference, errors, warnings);
    if (in.plan) check_free_text("plan", row.plan, errors, warnings);
    const auto programme =
        programme_changed ? programmes::Service::find(tx, p.org_id, row.programme_id) : old_programme;
    const bool team_changed = in.team_id && *in.team_id != before.team_id;
    check_references(tx, p.org_id, row, programme, programme_changed || team_changed, errors);
    if (in.status_date && !is_valid_iso_date(*in.status_date))
      errors.push_back({"status_date", "Vul een geldige datum in (JJJJ-MM-DD).", "must be a date YYYY-MM-DD"});
    if (!errors.empty()) return Error::validation(std::move(errors));
    if (!can_edit_case(p, row.team_id, programme->slug))
      return Error::forbidden("You may not move the case to this team or programme.");
    if (in.reference && *in.reference != before.reference && repo::find_id_by_reference(tx, p.org_id, row.reference))
      return reference_taken();

    if (in.set_group) {
      row.group_id = in.group ? std::optional(programmes::Service::ensure_group(tx, p.org_id, row.programme_id,
                                                                                *in.group, p.user_id, now))
                              : std::nullopt;
    } else if (programme_changed) {
      row.group_id = std::nullopt;  // a group belongs to its programme
    }
    if (in.status && *in.status != before.status) {
      repo::add_status(tx, p.org_id, id, *in.status, in.status_date.value_or(iso_date_utc(now)), p.user_id, now);
      // The case's status is its status today: a back-dated entry may be overtaken by a
      // later one, a future-dated one takes effect on its date.
      row.status = status_on(repo::history(tx, p.org_id, id), iso_date_utc(now)).value_or(*in.status);
    }
    repo::update(tx, p.org_id, row, now);
    audit::record(
        tx, {p.org_id, p.user_id, "update", "case", std::to_string(id), audit_snapshot(before), audit_snapshot(row)},
        now);
    return CaseView{load_case(tx, p.org_id, *repo::find(tx, p.org_id, id)), std::move(warnings)};
  });
}

Result<ReceiptView> Service::receipt(const Principal& p, std::int64_t case_id) {
  auto c = get(p, case_id);
  if (!c) return c.error();
  return db_.read([&](Tx& tx) { return ReceiptView{{case_id, repo::lines(tx, p.org_id, case_id)}, {}}; });
}

Result<ReceiptView> Service::put_receipt(const Principal& p, std::int64_t case_id, const std::vector<LineInput>& oud,
                                         const std::vector<LineInput>& nieuw, Millis now,
                                         std::vector<FieldError> malformed) {
  if (!may_read_some_cases(p)) return Error::forbidden();
  return db_.write([&](Tx& tx) -> Result<ReceiptView> {
    // Two saves of one receipt at once must not both delete and both insert.
    auto locked = lock_for_change(tx, p, case_id, "You may read this receipt, not change it.");
    if (!locked) return locked.error();

    std::map<std::int64_t, bool> categories, payers;  // id → active
    for (const auto& v : organisation::Service::values(tx, p.org_id, cases::list::cost_category))
      categories[v.id] = v.active;
    for (const auto& v : organisation::Service::values(tx, p.org_id, cases::list::payer)) payers[v.id] = v.active;

    std::vector<FieldError> errors = std::move(malformed);
    std::vector<Warning> warnings;
    std::vector<CostLine> lines;
    // One message per field: what could not be read is not also called unknown.
    auto flag = [&](FieldError e) {
      for (const auto& known : errors)
        if (e.field == known.field || e.field.starts_with(known.field + ".")) return;
      errors.push_back(std::move(e));
    };
    auto take = [&](Side side, const std::vector<LineInput>& in) {
      const std::string name(to_string(side));
      if (in.size() > kMaxLinesPerSide) flag({name, "Te veel regels (hoogstens 100).", "at most 100 lines"});
      for (std::size_t i = 0; i < in.size(); ++i) {
        const std::string at = name + "[" + std::to_string(i) + "].";
        const auto& l = in[i];
        auto cat = categories.find(l.category_id);
        if (cat == categories.end() || !cat->second)
          flag({at + "category_id", "Kies een kostensoort uit de lijst.", "no such active cost category"});
        auto pay = payers.find(l.payer_id);
        if (pay == payers.end() || !pay->second)
          flag({at + "payer_id", "Kies een betaler uit de lijst.", "no such active payer"});
        if (l.amount < 0 || l.amount > kMaxLineAmount)
          flag({at + "amount_cents", "Het bedrag moet tussen € 0 en € 100 miljoen per jaar liggen.",
                "must be between 0 and 10000000000 cents"});
        std::vector<FieldError> text_errors;
        check_free_text(at + "description", l.description, text_errors, warnings);
        for (auto& e : text_errors) flag(std::move(e));
        lines.push_back({0, side, l.category_id, l.payer_id, l.description, l.amount, "", ""});
      }
    };
    take(Side::oud, oud);
    take(Side::nieuw, nieuw);
    if (!errors.empty()) return Error::validation(std::move(errors));

    const auto before = repo::lines(tx, p.org_id, case_id);
    repo::replace_lines(tx, p.org_id, case_id, lines);
    repo::update(tx, p.org_id, locked->row, now);  // touches updated_at
    audit::record(tx,
                  {p.org_id, p.user_id, "update", "receipt", std::to_string(case_id), audit_snapshot(before),
                   audit_snapshot(lines)},
                  now);
    return ReceiptView{{case_id, repo::lines(tx, p.org_id, case_id)}, std::move(warnings)};
  });
}

Result<Summary> Service::summary(const Principal& p, std::int64_t programme_id, const std::string& reference_date,
                                 std::optional<std::int64_t> team_id) {
  if (!may_read_some_cases(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<Summary> {
    auto s = summarise(tx, p.org_id, programme_id, reference_date, team_id, read_scope(tx, p));
    if (!s) return Error::not_found("No such programme.");
    return std::move(*s);
  });
}

std::optional<Summary> Service::summarise(Tx& tx, std::int64_t org_id, std::int64_t programme_id,
                                          const std::string& reference_date, std::optional<std::int64_t> team_id,
                                          const repo::Scope& scope) {
  const auto programme = programmes::Service::find(tx, org_id, programme_id);
  if (!programme) return std::nullopt;
  Summary s;
  s.programme_id = programme->id;
  s.programme_name = programme->name;
  s.programme_start_date = programme->start_date;
  s.reference_date = reference_date;

  std::map<std::optional<std::int64_t>, SummaryGroup> groups;
  for (auto& row : repo::summary_rows(tx, org_id, programme_id, reference_date, team_id, scope)) {
    if (!row.status) continue;  // no status yet on the reference date
    if (!counts_in_report(*row.status)) {
      ++s.running_cases;
      continue;
    }
    auto& g = groups[row.group_id];
    g.totals.add(row.totals);
    s.totals.add(row.totals);
    g.rows.push_back(std::move(row));
  }
  for (auto& [gid, g] : groups) {
    if (gid)
      for (const auto& known : programme->groups)
        if (known.id == *gid) g.group = Ref{known.id, known.name};
    s.groups.push_back(std::move(g));
  }
  // By name; the cases without a group last.
  std::stable_sort(s.groups.begin(), s.groups.end(), [](const SummaryGroup& a, const SummaryGroup& b) {
    if (a.group.has_value() != b.group.has_value()) return a.group.has_value();
    return a.group && b.group && a.group->name < b.group->name;
  });

  std::map<std::int64_t, std::string> labels;
  for (auto list : {cases::list::cost_category, cases::list::payer})
    for (const auto& v : organisation::Service::values(tx, org_id, list)) labels[v.id] = v.label;
  std::map<std::int64_t, Totals> by_category, by_payer;
  for (const auto& b : repo::breakdown(tx, org_id, programme_id, reference_date, team_id, scope)) {
    auto& c = by_category[b.category_id];
    auto& y = by_payer[b.payer_id];
    (b.side == Side::oud ? c.oud : c.nieuw) += b.amount;
    (b.side == Side::oud ? y.oud : y.nieuw) += b.amount;
  }
  for (const auto& [id, t] : by_category) s.by_category.push_back({{id, labels[id]}, t});
  for (const auto& [id, t] : by_payer) s.by_payer.push_back({{id, labels[id]}, t});
  return s;
}

}  // namespace wk::cases
