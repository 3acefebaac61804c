// Markdown to HTML: what writers use renders; known XSS payloads come out harmless (no
// script, no event handler, no javascript:/vbscript:/data:text URL, no embedded frames).
#include "core/markdown.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

namespace wk::markdown {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

TEST(Markdown, RendersWhatWritersUse) {
  const auto html = to_html(
      "# Procedure\n\nEen **vet** en *schuin* woord, ~~weg~~.\n\n- een\n- [x] klaar\n\n"
      "| Kolom | Waarde |\n|---|---|\n| a | 1 |\n\n[Gemeente](https://www.enschede.nl) en www.smd.nl\n");
  EXPECT_NE(html.find("<h1>Procedure</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<strong>vet</strong>"), std::string::npos);
  EXPECT_NE(html.find("<del>weg</del>"), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos);
  EXPECT_NE(html.find("checked"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://www.enschede.nl\">Gemeente</a>"), std::string::npos);
  EXPECT_NE(html.find("href=\"http://www.smd.nl\""), std::string::npos) << "autolink";
}

TEST(Markdown, PlainTextForSnippets) {
  EXPECT_EQ(markdown::to_text("# Doel\n\nDe **begeleiding** van [gezinnen](https://x.example)."),
            "Doel  De begeleiding van gezinnen. ");
}

TEST(Markdown, KnownXssPayloadsAreNeutralised) {
  const char* payloads[] = {
      "<script>alert(1)</script>",
      "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
      "<img src=x onerror=alert(1)>",
      "<svg onload=alert(1)>",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<a href=\"javascript:alert(1)\">klik</a>",
      "<div style=\"background:url(javascript:alert(1))\">x</div>",
      "<body onload=alert(1)>",
      "<details open ontoggle=alert(1)>",
      "[klik](javascript:alert(1))",
      "[klik](JaVaScRiPt:alert(1))",
      "[klik](javascript&colon;alert(1))",
      "[klik](&#106;avascript:alert(1))",
      "[klik](java\tscript:alert(1))",
      "[klik](vbscript:msgbox(1))",
      "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "![plaatje](javascript:alert(1))",
      "<javascript:alert(1)>",
      "[klik][ref]\n\n[ref]: javascript:alert(1)",
      "[klik](https://ok.example \"\\\"><script>alert(1)</script>\")",
      "`<script>` in code is text",
      "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
      "<object data=\"javascript:alert(1)\"></object>",
      "<embed src=javascript:alert(1)>",
      "<form action=javascript:alert(1)><input type=submit>",
      "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
      "<style>*{background:url(x)}</style>",
      "www.example.com/<script>alert(1)</script>",
  };
  const std::regex handler(R"(<[^>]*\son[a-z]+\s*=)");
  // A dangerous scheme in a URL attribute (as text on the page it does no harm).
  const std::regex bad_url(R"((href|src|action|data|formaction)\s*=\s*"\s*(javascript|vbscript|data:text))");
  for (const char* p : payloads) {
    const auto html = lower(to_html(p));
    EXPECT_EQ(html.find("<script"), std::string::npos) << p << " → " << html;
    EXPECT_FALSE(std::regex_search(html, bad_url)) << p << " → " << html;
    for (const char* tag : {"<iframe", "<svg", "<img src=x", "<object", "<embed", "<form", "<meta", "<style", "<math",
                            "<body", "<details"})
      EXPECT_EQ(html.find(tag), std::string::npos) << p << " → " << html;
    EXPECT_FALSE(std::regex_search(html, handler)) << p << " → " << html;
  }
}

}  // namespace
}  // namespace wk::markdown
