// The audit module: the log of every change and of every read of sensitive records.
#pragma once

#include "core/module.hpp"
#include "store/database.hpp"

namespace wk::audit {

class Module final : public wk::Module {
 public:
  explicit Module(store::Database& db) : db_(db) {}
  std::string_view name() const override { return "audit"; }
  void add_routes(http::Router& router) override;  // /api/v1/audit
  std::vector<std::string> capabilities(store::Tx& tx, const Principal& p) const override;

 private:
  store::Database& db_;
};

}  // namespace wk::audit
