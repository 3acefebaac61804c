// The usage module: counts how often each module's pages are opened.
#pragma once

#include "core/module.hpp"
#include "modules/usage/usage.hpp"

namespace wk::usage {

class Module final : public wk::Module {
 public:
  explicit Module(store::Database& db) : service_(db) {}
  std::string_view name() const override { return "usage"; }
  void add_routes(http::Router& router) override;
  void connect(const Modules& modules) override;
  std::vector<std::string> capabilities(store::Tx& tx, const Principal& p) const override;
  Service& service() { return service_; }

 private:
  Service service_;
};

}  // namespace wk::usage
