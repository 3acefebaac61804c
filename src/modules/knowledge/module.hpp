// The knowledge module: the kennisbank, its reviews and its search.
#pragma once

#include <string>

#include "core/module.hpp"
#include "modules/knowledge/knowledge.hpp"

namespace wk::knowledge {

class Module final : public wk::Module {
 public:
  // `search_index`: PostgreSQL's copy of the search index (docs/decisions/0011).
  Module(store::Database& db, const std::string& search_index) : db_(db), service_(db, search_index) {}
  std::string_view name() const override { return "knowledge"; }
  void add_routes(http::Router& router) override;
  void add_chapters(report::Registry& chapters) const override;
  std::vector<std::string> capabilities(store::Tx& tx, const Principal& p) const override;
  // Rebuilds an index made by another tokenizer (decision 0009) and readies the search.
  void start() override;
  void add_demo_content(std::int64_t org_id, Millis now) override;
  Service& service() { return service_; }

 private:
  store::Database& db_;
  Service service_;
};

}  // namespace wk::knowledge
