// The annual report: the chapters the modules add, the texts per year, the documents.
#pragma once

#include "core/module.hpp"
#include "report/report.hpp"

namespace wk::report {

class Module final : public wk::Module {
 public:
  explicit Module(store::Database& db) : db_(db), service_(db, chapters_, indicators_) {}
  std::string_view name() const override { return "report"; }
  void add_routes(http::Router& router) override;
  // Takes every module's chapters and indicators.
  void connect(const Modules& modules) override;
  std::vector<std::string> capabilities(store::Tx& tx, const Principal& p) const override;
  void add_demo_content(std::int64_t org_id, Millis now) override;
  Service& service() { return service_; }

 private:
  store::Database& db_;
  Registry chapters_;
  Indicators indicators_;
  Service service_;
};

}  // namespace wk::report
