// The built web app (web/dist), loaded into memory at start-up and served at `/`.
// Paths without a file extension fall back to index.html so that the single-page
// app's own routes (/inloggen, /beheer/teams, …) survive a reload. The build leaves a
// brotli (.br) and a gzip (.gz) copy beside each text asset (web/scripts/precompress.mjs);
// a browser that accepts one gets it, with Vary: Accept-Encoding. Hashed assets are
// cached for a year, the rest is revalidated. Only the kinds of file a web build holds are
// loaded, and no hidden ones (`.vite/`, `.env`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/request.hpp"

namespace wk::http {

class StaticFiles {
 public:
  // Loads every regular file under `root`; a missing folder leaves the set empty.
  explicit StaticFiles(const std::string& root);
  // `accept_encoding`: the request's Accept-Encoding header, if any.
  std::optional<Response> serve(std::string_view path, std::optional<std::string_view> accept_encoding = {}) const;
  std::size_t size() const { return files_.size(); }
  // Files under `root` that must never be there: a database and its journal, keys,
  // configuration, and each path of `must_not_contain` (the database, the key file) that
  // lies inside it. The server refuses to start on any.
  static std::vector<std::string> forbidden_contents(const std::string& root,
                                                     const std::vector<std::string>& must_not_contain);

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::optional<std::string> brotli, gzip;  // the build's precompressed copies
  };
  std::unordered_map<std::string, File> files_;
};

// Whether an Accept-Encoding header accepts a coding ("br", "gzip"): listed, or `*`, with
// a q-value above zero (RFC 9110 §12.5.3).
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace wk::http
