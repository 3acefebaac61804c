// The organisation module: districts, teams, users, settings and the lists of values.
#pragma once

#include "core/module.hpp"
#include "modules/organisation/service.hpp"

namespace wk::organisation {

class Module final : public wk::Module {
 public:
  explicit Module(store::Database& db) : service_(db) {}
  std::string_view name() const override { return "organisation"; }
  void add_routes(http::Router& router) override;
  // Takes the lists of values every module declares.
  void connect(const Modules& modules) override;
  std::vector<std::string> capabilities(store::Tx& tx, const Principal& p) const override;
  // Gives each organisation the defaults of the lists it has no values of yet.
  void start() override;
  Service& service() { return service_; }

 private:
  Service service_;
};

}  // namespace wk::organisation
