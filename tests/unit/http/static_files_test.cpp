#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace wk::http {
namespace {

TEST(AcceptEncoding, ListedStarAndRefused) {
  EXPECT_TRUE(accepts_encoding("gzip, deflate, br", "br"));
  EXPECT_TRUE(accepts_encoding("gzip, deflate, br", "gzip"));
  EXPECT_TRUE(accepts_encoding("BR;q=0.5", "br"));
  EXPECT_FALSE(accepts_encoding("gzip", "br"));
  EXPECT_FALSE(accepts_encoding("", "gzip"));
  EXPECT_FALSE(accepts_encoding("br;q=0", "br"));
  EXPECT_FALSE(accepts_encoding("br; q=0.000, gzip", "br"));
  EXPECT_TRUE(accepts_encoding("br; q=0.001", "br"));
  EXPECT_TRUE(accepts_encoding("*", "gzip"));
  EXPECT_FALSE(accepts_encoding("*, gzip;q=0", "gzip"));
  EXPECT_FALSE(accepts_encoding("identity", "gzip"));
  EXPECT_FALSE(accepts_encoding("brotli", "br"));  // a name, not a prefix
}

// The build's compressed copies are served in place of their original to a browser that
// accepts them, never under their own names.
TEST(StaticFiles, PrecompressedCopies) {
  namespace fs = std::filesystem;
  const auto root = fs::temp_directory_path() / ("wk-static-" + std::to_string(::getpid()));
  fs::create_directories(root / "assets");
  auto write = [&](const fs::path& p, const std::string& data) { std::ofstream(root / p, std::ios::binary) << data; };
  write("index.html", "<!doctype html>");
  write("assets/app-1.js", "console.log(1)");
  write("assets/app-1.js.br", "BROTLI");
  write("assets/app-1.js.gz", "GZIP");
  write("assets/only-gz.css", "body{}");
  write("assets/only-gz.css.gz", "GZ-CSS");
  const StaticFiles files(root.string());
  fs::remove_all(root);
  EXPECT_EQ(files.size(), 3u);

  auto get = [&](std::string_view path, std::optional<std::string_view> ae) { return *files.serve(path, ae); };
  auto header = [](const Response& r, std::string_view name) -> std::string {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  };
  const auto br = get("/assets/app-1.js", "gzip, br");
  EXPECT_EQ(br.body, "BROTLI");
  EXPECT_EQ(header(br, "Content-Encoding"), "br");
  EXPECT_EQ(header(br, "Vary"), "Accept-Encoding");
  EXPECT_EQ(header(br, "Cache-Control"), "public, max-age=31536000, immutable");
  const auto gz = get("/assets/app-1.js", "gzip");
  EXPECT_EQ(gz.body, "GZIP");
  EXPECT_EQ(header(gz, "Content-Encoding"), "gzip");
  const auto plain = get("/assets/app-1.js", std::nullopt);
  EXPECT_EQ(plain.body, "console.log(1)");
  EXPECT_EQ(header(plain, "Content-Encoding"), "");
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");
  EXPECT_EQ(get("/assets/only-gz.css", "br, gzip").body, "GZ-CSS");
  EXPECT_EQ(get("/assets/only-gz.css", "br").body, "body{}");
  const auto index = get("/", "br");
  EXPECT_EQ(index.body, "<!doctype html>");
  EXPECT_EQ(header(index, "Vary"), "");
  EXPECT_EQ(header(index, "Cache-Control"), "no-cache");
  EXPECT_FALSE(files.serve("/assets/app-1.js.br", "br").has_value());
}

}  // namespace
}  // namespace wk::http
