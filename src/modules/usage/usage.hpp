// How often a module is opened, per organisation and month (SPEC §4.3: "views of the
// module are counted"; the model report quotes "1200 keer geraadpleegd"). The web app
// reports one view per page opened; nothing about who opened it is kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace wk::usage {

struct MonthViews {
  std::string month;  // YYYY-MM
  std::int64_t views = 0;
};

struct ModuleViews {
  std::string module;
  std::int64_t total = 0;
  std::vector<MonthViews> months;  // the twelve months of the year, in order
};

// The views of one module in a year (for the annual report too).
ModuleViews views_in_year(store::Tx& tx, std::int64_t org_id, std::string_view module, int year);

bool may_see_views(const Principal& p);  // quality, director

class Service {
 public:
  explicit Service(store::Database& db) : db_(db) {}
  // The names whose views are counted (Module::counted_views of every module), in order.
  void count_views_of(std::vector<std::string> modules) { modules_ = std::move(modules); }
  bool counts_views_of(std::string_view module) const;

  Status record(const Principal& p, std::string_view module, Millis now);
  Result<std::vector<ModuleViews>> year(const Principal& p, int year);

 private:
  store::Database& db_;
  std::vector<std::string> modules_;
};

}  // namespace wk::usage
