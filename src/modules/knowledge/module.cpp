#include "modules/knowledge/module.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/dutch.hpp"
#include "modules/knowledge/report_chapter.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/organisation/service.hpp"

namespace wk::knowledge {

void Module::add_chapters(report::Registry& chapters) const {
  chapters.add(make_report_chapter());
}

std::vector<std::string> Module::capabilities(store::Tx& tx, const Principal& p) const {
  std::vector<std::string> out;
  if (may_read(p)) out.push_back("read_knowledge");
  if (Service::may_create(tx, p)) out.push_back("write_knowledge");
  if (may_review(p)) out.push_back("review_knowledge");
  return out;
}

void Module::start() {
  // An index made by another tokenizer or word list is rebuilt once (decision 0009).
  const auto started = std::chrono::steady_clock::now();
  db_.with_write([&](store::Tx& tx) {
    if (repo::reindex_if_tokenizer_changed(tx))
      spdlog::info(
          "kennisbank: search index rebuilt for tokenizer '{}' ({} ms)", dutch::tokenizer_version(),
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    return true;
  });
  service_.prepare_search();
}

}  // namespace wk::knowledge
