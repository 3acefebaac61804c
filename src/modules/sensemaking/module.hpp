// The sense-making module: sessions on the vertelpunt's stories, their themes and actions.
#pragma once

#include "core/module.hpp"
#include "modules/sensemaking/sensemaking.hpp"
#include "modules/stories/stories.hpp"
#include "modules/usage/usage.hpp"

namespace wk::sensemaking {

class Module final : public wk::Module {
 public:
  Module(store::Database& db, const Modules& modules);
  std::string_view name() const override { return "sensemaking"; }
  void add_routes(http::Router& router) override;
  void add_chapters(report::Registry& chapters) const override;
  std::vector<std::string> capabilities(store::Tx& tx, const Principal& p) const override;
  // The vertelpunt's demo: stories, residents' stories, sessions and the views.
  void add_demo_content(std::int64_t org_id, Millis now) override;
  Service& service() { return service_; }

 private:
  store::Database& db_;
  Service service_;
  stories::Service& stories_;
  usage::Service& usage_;
};

}  // namespace wk::sensemaking
