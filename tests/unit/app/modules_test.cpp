// The module list (src/app/app.cpp): what the modules declare fits together.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "app/app.hpp"
#include "store/open.hpp"

namespace wk::app {
namespace {

class ModuleList : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("wk-modules-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    db_ = store::open_database((dir_ / "x.db").string());
    app_ = std::make_unique<App>(*db_, Config{});
  }
  void TearDown() override {
    app_.reset();
    db_->close();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<App> app_;
};

TEST_F(ModuleList, NamesListsAndCountedViewsAreEachDeclaredOnce) {
  std::set<std::string> names, lists, views;
  for (const auto& m : app_->modules()) {
    EXPECT_TRUE(names.insert(std::string(m->name())).second) << m->name();
    for (const auto& l : m->value_lists()) {
      EXPECT_TRUE(lists.insert(std::string(l.name)).second) << l.name << " is declared twice";
      EXPECT_FALSE(l.defaults.empty()) << l.name << " has no defaults";
    }
    for (const auto& v : m->counted_views()) EXPECT_TRUE(views.insert(v).second) << v << " is counted twice";
  }
  // The names that the web app, the CSV import and the API tests use.
  for (const char* l : {"cost_category", "payer", "story_topic", "story_valuation", "story_archetype", "story_prompt"})
    EXPECT_TRUE(lists.count(l)) << l;
  EXPECT_TRUE(views.count("vertelpunt"));
}

TEST_F(ModuleList, ANewOrganisationStartsWithEveryDeclaredList) {
  auto& organisations = app_->organisations();
  const auto org = organisations.create_organisation("Proef", "proef", {}, 0);
  ASSERT_TRUE(org);
  for (const auto& m : app_->modules())
    for (const auto& l : m->value_lists()) {
      EXPECT_TRUE(organisations.has_list(l.name));
      const auto values = db_->read([&](store::Tx& tx) { return organisation::Service::values(tx, org->id, l.name); });
      EXPECT_EQ(values.size(), l.defaults.size()) << l.name;
    }
}

}  // namespace
}  // namespace wk::app
