#include "modules/cases/json.hpp"

namespace wk::cases {

namespace {
nlohmann::json ref(const Ref& r) {
  return {{"id", r.id}, {"name", r.name}};
}
nlohmann::json ref(const std::optional<Ref>& r) {
  return r ? ref(*r) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json to_json(const Totals& t) {
  return {{"oud_cents", t.oud}, {"nieuw_cents", t.nieuw}, {"saving_cents", t.saving()}};
}

nlohmann::json summary_json(const Case& c) {
  return {{"id", c.id},
          {"reference", c.reference},
          {"team", ref(c.team)},
          {"programme", ref(c.programme)},
          {"group", ref(c.group)},
          {"owner", ref(c.owner)},
          {"status", to_string(c.status)},
          {"start_date", c.start_date},
          {"totals", to_json(c.totals)},
          {"updated_at", iso8601_utc(c.updated_at)}};
}

nlohmann::json to_json(const CaseView& v) {
  auto j = summary_json(v.c);
  j["plan"] = v.c.plan;
  auto& history = j["status_history"] = nlohmann::json::array();
  for (const auto& e : v.c.history) {
    nlohmann::json by = nullptr;
    if (e.recorded_by) by = {{"id", *e.recorded_by}, {"name", e.recorded_by_name.value_or("")}};
    history.push_back({{"status", to_string(e.status)},
                       {"date", e.date},
                       {"recorded_at", iso8601_utc(e.recorded_at)},
                       {"recorded_by", by}});
  }
  j["warnings"] = warnings_json(v.warnings);
  return j;
}

nlohmann::json to_json(const ReceiptView& r) {
  nlohmann::json out = {
      {"case_id", r.receipt.case_id}, {"oud", nlohmann::json::array()}, {"nieuw", nlohmann::json::array()}};
  for (const auto& l : r.receipt.lines)
    out[std::string(to_string(l.side))].push_back({{"id", l.id},
                                                   {"category", {{"id", l.category_id}, {"label", l.category_label}}},
                                                   {"payer", {{"id", l.payer_id}, {"label", l.payer_label}}},
                                                   {"description", l.description},
                                                   {"amount_cents", l.amount}});
  const auto totals = r.receipt.totals();
  out["totals"] = to_json(totals);
  out["negative_saving"] = totals.saving() < 0;
  out["warnings"] = warnings_json(r.warnings);
  return out;
}

// Built with moves, not initializer lists (which copy): a large programme has tens of
// thousands of rows.
nlohmann::json to_json(const Summary& s) {
  using nlohmann::json;
  json groups = json::array();
  for (const auto& g : s.groups) {
    json rows = json::array();
    for (const auto& r : g.rows) {
      json row = json::object();
      row["case_id"] = r.case_id;
      row["reference"] = r.reference;
      row["status"] = to_string(r.status.value_or(Status::lopend));
      row["nieuw_cents"] = r.totals.nieuw;
      row["oud_cents"] = r.totals.oud;
      row["saving_cents"] = r.totals.saving();
      rows.push_back(std::move(row));
    }
    json group = json::object();
    group["group"] = ref(g.group);
    group["rows"] = std::move(rows);
    group["totals"] = to_json(g.totals);
    groups.push_back(std::move(group));
  }
  auto breakdown = [](const std::vector<Breakdown>& items, const char* key) {
    json out = json::array();
    for (const auto& b : items)
      out.push_back({{key, {{"id", b.item.id}, {"label", b.item.name}}},
                     {"oud_cents", b.totals.oud},
                     {"nieuw_cents", b.totals.nieuw},
                     {"saving_cents", b.totals.saving()}});
    return out;
  };
  json out = json::object();
  out["programme"] = {{"id", s.programme_id}, {"name", s.programme_name}, {"start_date", s.programme_start_date}};
  out["reference_date"] = s.reference_date;
  out["groups"] = std::move(groups);
  out["totals"] = to_json(s.totals);
  out["running_cases"] = s.running_cases;
  out["by_category"] = breakdown(s.by_category, "category");
  out["by_payer"] = breakdown(s.by_payer, "payer");
  return out;
}

nlohmann::json audit_snapshot(const repo::CaseRow& c) {
  return {{"reference", c.reference},
          {"team_id", c.team_id},
          {"programme_id", c.programme_id},
          {"group_id", c.group_id ? nlohmann::json(*c.group_id) : nlohmann::json(nullptr)},
          {"owner_id", c.owner_id ? nlohmann::json(*c.owner_id) : nlohmann::json(nullptr)},
          {"start_date", c.start_date},
          {"plan", c.plan},
          {"status", to_string(c.status)}};
}

nlohmann::json audit_snapshot(const std::vector<CostLine>& lines) {
  nlohmann::json out = {{"oud", nlohmann::json::array()}, {"nieuw", nlohmann::json::array()}};
  for (const auto& l : lines)
    out[std::string(to_string(l.side))].push_back({{"category_id", l.category_id},
                                                   {"payer_id", l.payer_id},
                                                   {"description", l.description},
                                                   {"amount_cents", l.amount}});
  return out;
}

}  // namespace wk::cases
