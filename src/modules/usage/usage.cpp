#include "modules/usage/usage.hpp"

#include <algorithm>

namespace wk::usage {

namespace {
std::string two_digits(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}
}  // namespace

bool Service::counts_views_of(std::string_view module) const {
  return std::find(modules_.begin(), modules_.end(), module) != modules_.end();
}

bool may_see_views(const Principal& p) {
  return p.has_any_role({role::quality, role::director});
}

ModuleViews views_in_year(store::Tx& tx, std::int64_t org_id, std::string_view module, int year) {
  ModuleViews out{std::string(module), 0, {}};
  const std::string y = std::to_string(year);
  for (int m = 1; m <= 12; ++m) out.months.push_back({y + "-" + two_digits(m), 0});
  for (const auto& r : tx.query("SELECT month, views FROM module_views WHERE org_id = ? AND module = ? "
                                "AND month >= ? AND month <= ?",
                                {org_id, std::string(module), y + "-01", y + "-12"}))
    for (auto& mv : out.months)
      if (mv.month == r.str(0)) {
        mv.views = r.i64(1);
        out.total += mv.views;
      }
  return out;
}

Status Service::record(const Principal& p, std::string_view module, Millis now) {
  if (p.roles.empty()) return Error::forbidden();
  const std::string month = iso_date_utc(now).substr(0, 7);
  return db_.write([&](store::Tx& tx) -> Status {
    tx.execute(
        "INSERT INTO module_views (org_id, module, month, views) VALUES (?, ?, ?, 1) "
        "ON CONFLICT (org_id, module, month) DO UPDATE SET views = module_views.views + 1",
        {p.org_id, std::string(module), month});
    return ok_status();
  });
}

Result<std::vector<ModuleViews>> Service::year(const Principal& p, int year) {
  if (!may_see_views(p)) return Error::forbidden();
  return db_.read([&](store::Tx& tx) {
    std::vector<ModuleViews> out;
    for (const auto& m : modules_) out.push_back(views_in_year(tx, p.org_id, m, year));
    return out;
  });
}

}  // namespace wk::usage
