// The OpenAPI document is kept true: every registered route must be in it, with its
// method, and it must not describe routes that do not exist.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "app/app.hpp"
#include "store/open.hpp"

namespace wk::app {
namespace {

TEST(OpenApi, DescribesExactlyTheRegisteredRoutes) {
  const auto doc = nlohmann::json::parse(openapi_document());
  ASSERT_TRUE(doc.contains("openapi"));
  EXPECT_TRUE(doc["openapi"].get<std::string>().starts_with("3."));

  // The router needs a database to exist, not to be used.
  auto dir = std::filesystem::temp_directory_path() / ("wk-openapi-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = store::open_database((dir / "x.db").string());
  App app(*db, {});

  std::set<std::string> registered, documented;
  for (const auto& r : app.router().routes()) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    registered.insert(method + " " + r.pattern);
  }
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, op] : ops.items())
      if (method != "parameters") documented.insert(method + " " + path);

  for (const auto& r : registered) EXPECT_TRUE(documented.count(r)) << r << " is not in docs/openapi.json";
  for (const auto& d : documented) EXPECT_TRUE(registered.count(d)) << d << " is documented but not registered";
  db->close();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace wk::app
