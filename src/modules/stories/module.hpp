// The stories module: the vertelpunt, where staff, residents and partners tell stories.
#pragma once

#include "core/module.hpp"
#include "modules/stories/stories.hpp"

namespace wk::stories {

class Module final : public wk::Module {
 public:
  explicit Module(store::Database& db) : db_(db), service_(db) {}
  std::string_view name() const override { return "stories"; }
  void add_routes(http::Router& router) override;
  std::vector<ListDefinition> value_lists() const override;
  std::vector<std::string> counted_views() const override { return {"vertelpunt"}; }
  std::vector<std::string> capabilities(store::Tx& tx, const Principal& p) const override;
  void add_indicators(report::Indicators& indicators) const override;
  Service& service() { return service_; }

 private:
  store::Database& db_;
  Service service_;
};

}  // namespace wk::stories
