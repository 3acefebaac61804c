// The cases module: pseudonymous cases and their cost receipts (kassabonnen).
#pragma once

#include "core/module.hpp"
#include "modules/cases/service.hpp"
#include "modules/programmes/programmes.hpp"

namespace wk::cases {

class Module final : public wk::Module {
 public:
  Module(store::Database& db, const Modules& modules);
  std::string_view name() const override { return "cases"; }
  // /api/v1/cases, /api/v1/cases/{id}/receipt, /api/v1/receipts/{summary,import,export}.
  void add_routes(http::Router& router) override;
  void add_chapters(report::Registry& chapters) const override;
  void add_indicators(report::Indicators& indicators) const override;
  std::vector<ListDefinition> value_lists() const override;
  std::vector<std::string> capabilities(store::Tx& tx, const Principal& p) const override;
  void add_demo_content(std::int64_t org_id, Millis now) override;
  Service& service() { return service_; }

 private:
  store::Database& db_;
  Service service_;
  programmes::Service& programmes_;
};

}  // namespace wk::cases
