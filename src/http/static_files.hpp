// The built web app (web/dist), loaded into memory at start-up and served at `/`.
// Paths without a file extension fall back to index.html so that the single-page
// app's own routes (/inloggen, /beheer/teams, …) survive a reload.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.hpp"

namespace wk::http {

class StaticFiles {
 public:
  // Loads every regular file under `root`; a missing folder leaves the set empty.
  explicit StaticFiles(const std::string& root);
  std::optional<Response> serve(std::string_view path) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace wk::http
