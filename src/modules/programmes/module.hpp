// The programmes module: the organisation's programmes (Doorstroomwoningen, WoonStAP, …).
#pragma once

#include "core/module.hpp"
#include "modules/programmes/programmes.hpp"

namespace wk::programmes {

class Module final : public wk::Module {
 public:
  explicit Module(store::Database& db) : service_(db) {}
  std::string_view name() const override { return "programmes"; }
  void add_routes(http::Router& router) override;
  Service& service() { return service_; }

 private:
  Service service_;
};

}  // namespace wk::programmes
