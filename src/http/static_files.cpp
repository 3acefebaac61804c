#include "http/static_files.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace wk::http {

namespace {
// The kinds of file a built web app consists of; nothing else under the root is served
// (a stray database, key or configuration file must not become downloadable).
std::optional<std::string> content_type_for(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return std::nullopt;
}

bool hidden(const std::filesystem::path& relative) {
  for (const auto& part : relative)
    if (part.string().starts_with(".")) return true;
  return false;
}

// What a database, its journal, a key or a configuration file is called.
bool secret_looking(const std::filesystem::path& p) {
  const auto name = p.filename().string();
  for (const char* end :
       {".db",  ".db-wal", ".db-shm", ".db-journal", "-wal", "-shm",  "-journal", ".sqlite", ".sqlite3", ".key", ".pem",
        ".p12", ".toml",   ".env",    ".conf",       ".ini", ".yaml", ".yml",     ".dump",   ".backup",  ".bak"})
    if (name.ends_with(end)) return true;
  return name == ".env" || name == "demo-login.txt";
}
}  // namespace

std::vector<std::string> StaticFiles::forbidden_contents(const std::string& root,
                                                         const std::vector<std::string>& must_not_contain) {
  namespace fs = std::filesystem;
  std::vector<std::string> found;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return found;
  const auto canonical_root = fs::weakly_canonical(root, ec);
  for (const auto& other : must_not_contain) {
    if (other.empty()) continue;
    const auto path = fs::weakly_canonical(other, ec);
    if (ec) continue;
    const auto rel = path.lexically_relative(canonical_root);
    if (!rel.empty() && *rel.begin() != "..") found.push_back(path.string());
  }
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (secret_looking(it->path())) found.push_back(it->path().string());
  }
  return found;
}

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream data;
    data << in.rdbuf();
    return data.str();
  };
  std::unordered_map<std::string, std::string> brotli, gzip;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = "/";
    rel += fs::relative(entry.path(), root).generic_string();
    const auto ext = entry.path().extension().string();
    // A compressed copy is served in place of its original, never under its own name.
    if (ext == ".br" || ext == ".gz") {
      (ext == ".br" ? brotli : gzip)[rel.substr(0, rel.size() - 3)] = read(entry.path());
      continue;
    }
    const auto type = content_type_for(entry.path());
    if (!type || hidden(fs::relative(entry.path(), root))) continue;
    files_[rel] = {*type, read(entry.path()), std::nullopt, std::nullopt};
  }
  for (auto& [name, body] : brotli)
    if (auto it = files_.find(name); it != files_.end()) it->second.brotli = std::move(body);
  for (auto& [name, body] : gzip)
    if (auto it = files_.find(name); it != files_.end()) it->second.gzip = std::move(body);
}

bool accepts_encoding(std::string_view header, std::string_view coding) {
  bool star = false, listed = false, refused = false;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = item.find(';');
    std::string_view name = item.substr(0, semi), params = semi == std::string_view::npos ? "" : item.substr(semi + 1);
    auto trim = [](std::string_view v) {
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      return v;
    };
    name = trim(name);
    // q=0 (also 0.0, 0.00, 0.000) refuses the coding.
    params = trim(params);
    const bool zero = (params.starts_with("q=0") || params.starts_with("Q=0")) &&
                      params.substr(3).find_first_not_of(".0") == std::string_view::npos;
    auto same = [&](std::string_view a) {
      if (a.size() != coding.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != coding[i]) return false;
      return true;
    };
    if (same(name)) (zero ? refused : listed) = true;
    if (name == "*" && !zero) star = true;
  }
  return listed || (star && !refused);
}

std::optional<Response> StaticFiles::serve(std::string_view path,
                                           std::optional<std::string_view> accept_encoding) const {
  std::string key(path);
  if (key == "/") key = "/index.html";
  auto it = files_.find(key);
  const bool has_extension = std::filesystem::path(key).has_extension();
  if (it == files_.end() && !has_extension) it = files_.find("/index.html");
  if (it == files_.end()) return std::nullopt;
  const File& f = it->second;
  Response r;
  r.content_type = f.content_type;
  const std::string_view accepted = accept_encoding.value_or("");
  if (f.brotli && accepts_encoding(accepted, "br")) {
    r.body = *f.brotli;
    r.set_header("Content-Encoding", "br");
  } else if (f.gzip && accepts_encoding(accepted, "gzip")) {
    r.body = *f.gzip;
    r.set_header("Content-Encoding", "gzip");
  } else {
    r.body = f.body;
  }
  if (f.brotli || f.gzip) r.set_header("Vary", "Accept-Encoding");
  // Vite puts a content hash in every asset name: those never change.
  if (key.starts_with("/assets/"))
    r.set_header("Cache-Control", "public, max-age=31536000, immutable");
  else
    r.set_header("Cache-Control", "no-cache");
  return r;
}

}  // namespace wk::http
