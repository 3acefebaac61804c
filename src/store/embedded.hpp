// Files compiled into the binary by cmake/Embed.cmake: migrations and docs/openapi.json.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wk::embedded {

struct File {
  std::string path;  // relative to the source tree, e.g. "migrations/sqlite/0001_platform.sql"
  std::string content;
};

const std::vector<File>& files();

inline const std::string* find(std::string_view path) {
  for (const auto& f : files())
    if (f.path == path) return &f.content;
  return nullptr;
}

}  // namespace wk::embedded
