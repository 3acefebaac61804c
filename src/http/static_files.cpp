#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace wk::http {

namespace {
std::string content_type_for(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}
}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream data;
    data << in.rdbuf();
    std::string rel = "/";
    rel += fs::relative(entry.path(), root).generic_string();
    files_[rel] = {content_type_for(entry.path()), data.str()};
  }
}

std::optional<Response> StaticFiles::serve(std::string_view path) const {
  std::string key(path);
  if (key == "/") key = "/index.html";
  auto it = files_.find(key);
  const bool has_extension = std::filesystem::path(key).has_extension();
  if (it == files_.end() && !has_extension) it = files_.find("/index.html");
  if (it == files_.end()) return std::nullopt;
  Response r;
  r.content_type = it->second.content_type;
  r.body = it->second.body;
  // Vite puts a content hash in every asset name: those never change.
  if (key.starts_with("/assets/"))
    r.set_header("Cache-Control", "public, max-age=31536000, immutable");
  else
    r.set_header("Cache-Control", "no-cache");
  return r;
}

}  // namespace wk::http
