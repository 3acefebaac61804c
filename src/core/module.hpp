// What a module is (docs/adding-a-module.md): one object per module that the application
// makes, in the order of the list in src/app/app.cpp. A module adds its routes, its
// report chapters, its lists of values with their defaults, the pages whose openings are
// counted, and its demo content. Modules that collect from the others (the
// organisation's lists, the report's chapters, the counted views) do so in `connect`.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

#include "core/roles.hpp"
#include "core/time.hpp"
#include "core/value_lists.hpp"

namespace wk::http {
class Router;
}
namespace wk::report {
class Registry;
class Indicators;
}  // namespace wk::report
namespace wk::store {
class Tx;
}

namespace wk {

class Modules;

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;  // the folder's name: "cases", "stories"

  virtual void add_routes(http::Router&) {}
  virtual void add_chapters(report::Registry&) const {}
  // The figures the module computes for a period, that a subsidy's targets can name
  // (report/indicators.hpp, docs/decisions/0014).
  virtual void add_indicators(report::Indicators&) const {}
  virtual std::vector<ListDefinition> value_lists() const { return {}; }
  // The names the web app reports when one of the module's pages is opened
  // (POST /api/v1/module-views); counted per organisation and month.
  virtual std::vector<std::string> counted_views() const { return {}; }
  // What the caller may do in this module, by the module's own access rules: stable names
  // ("read_cases", "edit_list:story_topic") that GET /api/v1/me returns, so that the web
  // app shows what the server allows without a copy of the rules.
  // Inside the read transaction of the request that asks.
  virtual std::vector<std::string> capabilities(store::Tx&, const Principal&) const { return {}; }
  // Once every module is made, in list order: take what the other modules declare. Cheap:
  // the command line's one-off commands make the modules too.
  virtual void connect(const Modules&) {}
  // Before the server takes requests, in list order: work at start-up (defaults for
  // existing organisations, indexes).
  virtual void start() {}
  // `wijkkader serve --demo-data`: example records in a new demo organisation, in list order.
  virtual void add_demo_content(std::int64_t /*org_id*/, Millis /*now*/) {}
};

// The application's modules, in the order they were added. A module that uses another
// one's service gets it here when it is made: the other must be added before it.
class Modules {
 public:
  template <class M, class... Args>
  M& add(Args&&... args) {
    auto module = std::make_unique<M>(std::forward<Args>(args)...);
    M& added = *module;
    modules_.push_back(std::move(module));
    return added;
  }

  template <class M>
  M& get() const {
    for (const auto& m : modules_)
      if (auto* found = dynamic_cast<M*>(m.get())) return *found;
    throw std::logic_error(std::string("module list: ") + typeid(M).name() + " is used before it is added");
  }

  auto begin() const { return modules_.begin(); }
  auto end() const { return modules_.end(); }

 private:
  std::vector<std::unique_ptr<Module>> modules_;
};

}  // namespace wk
