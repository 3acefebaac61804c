// The knowledge base's rules: review periods and dates, who may publish, tags as typed,
// and search snippets (escaped, the matches marked, also a prefix being typed).
#include <gtest/gtest.h>

#include "core/dutch.hpp"
#include "core/markdown.hpp"
#include "modules/knowledge/knowledge.hpp"

namespace wk::knowledge {
namespace {

TEST(KnowledgeReview, PeriodsPerCategoryAndMonthArithmetic) {
  EXPECT_EQ(review_months("procedure"), 12);
  EXPECT_EQ(review_months("richtlijn"), 12);
  EXPECT_EQ(review_months("methodiek"), 24);
  EXPECT_EQ(review_months("document"), 24);
  EXPECT_EQ(add_months("2026-11-23", 12), "2027-11-23");
  EXPECT_EQ(add_months("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(add_months("2027-12-31", 2), "2028-02-29") << "leap year";
  EXPECT_EQ(add_months("2026-11-30", 3), "2027-02-28");
  EXPECT_EQ(add_months("2026-06-15", 24), "2028-06-15");
}

TEST(KnowledgeWorkflow, ReviewerIsQualityAndNotTheAuthor) {
  Principal quality;
  quality.user_id = 7;
  quality.roles = {"quality"};
  EXPECT_TRUE(check_reviewer(quality, 8).ok());
  EXPECT_EQ(check_reviewer(quality, 7).error().kind, ErrorKind::conflict) << "not one's own text";
  Principal coach;
  coach.user_id = 9;
  coach.roles = {"coach"};
  EXPECT_EQ(check_reviewer(coach, 8).error().kind, ErrorKind::forbidden);
  Principal funder;
  funder.roles = {"funder"};
  EXPECT_FALSE(may_read(funder));
  EXPECT_TRUE(may_read(coach));
  EXPECT_FALSE(may_author(coach));
}

TEST(KnowledgeTags, TrimmedLowerCaseOnce) {
  EXPECT_EQ(normalise_tags({" Wonen", "wonen", "", "  ", "Huisbezoek", "WONEN "}),
            (std::vector<std::string>{"wonen", "huisbezoek"}));
  EXPECT_EQ(normalise_tags({"ÉÉN-OP-ÉÉN", "Ĳssel", "één-op-één"}), (std::vector<std::string>{"één-op-één", "ĳssel"}));
}

TEST(KnowledgeSnippet, EscapedWithTheMatchesMarked) {
  const std::string text = "Bij <b>huisbezoeken</b> letten wij op de woningen & de begeleiding van gezinnen.";
  const auto s = snippet(text, dutch::parse_query("woningen begeleiding "));
  EXPECT_EQ(s,
            "Bij &lt;b&gt;huisbezoeken&lt;/b&gt; letten wij op de <mark>woningen</mark> &amp; de "
            "<mark>begeleiding</mark> van gezinnen.");
  const auto typing = snippet(text, dutch::parse_query("huisbez"));
  EXPECT_NE(typing.find("<mark>huisbezoeken</mark>"), std::string::npos) << typing;
  std::string long_text;
  for (int i = 0; i < 100; ++i) long_text += "tekst" + std::to_string(i) + " ";
  long_text += "woningnood";
  const auto q = dutch::parse_query("woningnood ");
  const auto far = snippet(long_text, q, 10);
  EXPECT_TRUE(far.starts_with("… ")) << far;
  EXPECT_NE(far.find("<mark>woningnood</mark>"), std::string::npos) << far;
}

TEST(KnowledgeSnippet, WordsWithGeMatchTheirStem) {
  // A stemmer that takes off ge- (Snowball 3) must not make the snippet lose its marks.
  const auto s = snippet("Het formulier wordt gebruikt; wij gebruiken het.", dutch::parse_query("gebruikt "));
  EXPECT_NE(s.find("<mark>gebruikt</mark>"), std::string::npos) << s;
}

TEST(KnowledgeSnippet, StemsThatChangeTheWordStillMatch) {
  // Snowball undoubles vowels (baan → ban, noot → not): the words are stemmed when they
  // share their first two letters with a term, and these do.
  const auto s =
      snippet("Zij zoekt een baan; banen zijn schaars. Noten en een noot.", dutch::parse_query("banen noot "));
  EXPECT_EQ(s,
            "Zij zoekt een <mark>baan</mark>; <mark>banen</mark> zijn schaars. <mark>Noten</mark> en een "
            "<mark>noot</mark>.");
}

// A part of a compound matched (decision 0009): the compound is marked, as it was found.
TEST(KnowledgeSnippet, CompoundsMarkedWhenAPartMatched) {
  EXPECT_EQ(snippet("Het wijkteamoverleg en het overleg.", dutch::parse_query("overleg ")),
            "Het <mark>wijkteamoverleg</mark> en het <mark>overleg</mark>.");
  EXPECT_EQ(snippet("Bel de woningcorporatie.", dutch::parse_query("woningen")),
            "Bel de <mark>woningcorporatie</mark>.");
  EXPECT_EQ(body_snippet("Over **huisbezoeken** en het verlenen.", dutch::parse_query("bezoek ")),
            "Over <mark>huisbezoeken</mark> en het verlenen.");
}

// body_snippet renders only the blocks around the first match of an item's Markdown.
TEST(KnowledgeSnippet, FromTheMarkdownAroundTheFirstMatch) {
  const auto q = dutch::parse_query("woningnood ");
  EXPECT_EQ(body_snippet("**Woningnood** in de _wijk_.", q), "<mark>Woningnood</mark> in de wijk.");

  std::string body;
  for (int i = 0; i < 12; ++i) {
    body += "Alinea " + std::to_string(i) + ":";
    for (int w = 0; w < 40; ++w) body += " tekst" + std::to_string(w);
    body += i == 8 ? " over **woningnood** in de buurt.\n\n" : ".\n\n";
  }
  const auto far = body_snippet(body, q);
  EXPECT_TRUE(far.starts_with("… ")) << far;
  EXPECT_TRUE(far.ends_with(" …")) << far;
  EXPECT_NE(far.find("tekst39 over <mark>woningnood</mark> in de buurt.  Alinea 9: tekst0"), std::string::npos) << far;
  EXPECT_EQ(far.find("**"), std::string::npos) << "Markdown's marks left out";
  EXPECT_EQ(far, snippet(markdown::to_text(body), q)) << "the same as from the whole text";

  const auto none = body_snippet(body, dutch::parse_query("schuldhulp "));
  EXPECT_TRUE(none.starts_with("Alinea 0: tekst0 tekst1")) << none;
  EXPECT_TRUE(none.ends_with(" …")) << none;
  EXPECT_EQ(none.find("<mark>"), std::string::npos);

  // A link's address holds the word, the text does not: the snippet is the text's start.
  const std::string linked = "Zie [de kaart](https://example.nl/woningnood) voor de wijk.\n\n" + body.substr(0, 300);
  // The source block ends with a line break more than 800 bytes after the match (a long
  // link address): only blank space is left out, so no ellipsis.
  EXPECT_EQ(body_snippet("Over **woningnood** in de [wijk](https://example.nl/" + std::string(900, 'a') + ").\n\n", q),
            "Over <mark>woningnood</mark> in de wijk.");
  const auto via_link = body_snippet(linked, q);
  EXPECT_TRUE(via_link.starts_with("Zie de kaart voor de wijk.")) << via_link;
  EXPECT_EQ(via_link.find("<mark>"), std::string::npos) << via_link;
  // … and when the text has it further on, that is the match shown.
  const auto both = body_snippet("Zie [de kaart](https://example.nl/woningnood).\n\n" + body, q);
  EXPECT_NE(both.find("<mark>woningnood</mark> in de buurt"), std::string::npos) << both;
}

TEST(KnowledgeReview, DaysBetweenDatesForTheOwnersList) {
  EXPECT_EQ(days_between("2026-11-23", "2026-12-23"), 30);
  EXPECT_EQ(days_between("2026-11-23", "2026-11-20"), -3) << "overdue is negative";
  EXPECT_EQ(days_between("2027-12-31", "2028-03-01"), 61) << "29 February 2028";
  EXPECT_EQ(days_between("1999-12-31", "2000-01-01"), 1);
  EXPECT_EQ(add_days("2026-11-23", 30), "2026-12-23");
  EXPECT_EQ(add_days("2028-02-28", 1), "2028-02-29");
  EXPECT_EQ(add_days("2027-02-28", 1), "2027-03-01");
  EXPECT_EQ(add_days("2026-01-01", -1), "2025-12-31");
  for (const char* d : {"2026-01-31", "2028-02-29", "2100-03-01", "2000-02-29"})
    EXPECT_EQ(add_days(d, days_between(d, "2026-11-23")), "2026-11-23") << d;
}

TEST(KnowledgeAccess, CoachesWriteOnlyWhereTheOrganisationAllows) {
  Principal coach;
  coach.roles = {"coach"};
  Principal quality;
  quality.roles = {"quality"};
  Principal manager;
  manager.roles = {"team_manager"};
  EXPECT_FALSE(may_create(coach, false));
  EXPECT_TRUE(may_create(coach, true));
  EXPECT_TRUE(may_create(quality, false));
  EXPECT_FALSE(may_create(manager, true)) << "only coaches and quality staff write";
}

// A minimal ZIP: local headers are not read, only the central directory of names.
std::string zip_with(const std::vector<std::string>& names) {
  auto le16 = [](std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xff), s += static_cast<char>(v >> 8 & 0xff);
  };
  auto le32 = [&](std::string& s, unsigned v) { le16(s, v & 0xffff), le16(s, v >> 16); };
  std::string out = std::string("PK\x03\x04", 4) + std::string(26, '\0');
  const auto cd_offset = static_cast<unsigned>(out.size());
  for (const auto& n : names) {
    out += std::string("PK\x01\x02", 4);
    out += std::string(24, '\0');
    le16(out, static_cast<unsigned>(n.size()));
    le16(out, 0), le16(out, 0);    // extra, comment
    out += std::string(12, '\0');  // disk, attributes, local header offset
    out += n;
  }
  const auto cd_size = static_cast<unsigned>(out.size()) - cd_offset;
  out += std::string("PK\x05\x06", 4);
  le16(out, 0), le16(out, 0);
  le16(out, static_cast<unsigned>(names.size())), le16(out, static_cast<unsigned>(names.size()));
  le32(out, cd_size), le32(out, cd_offset);
  le16(out, 0);
  return out;
}

TEST(KnowledgeAttachments, TypeComesFromTheContent) {
  EXPECT_EQ(file_type_of("%PDF-1.7\n...")->content_type, "application/pdf");
  EXPECT_EQ(file_type_of(std::string("\x89PNG\r\n\x1a\n\0\0", 10))->content_type, "image/png");
  EXPECT_EQ(file_type_of("\xff\xd8\xff\xe0 JFIF")->content_type, "image/jpeg");
  EXPECT_EQ(file_type_of("GIF89a....")->content_type, "image/gif");
  EXPECT_EQ(file_type_of(std::string("RIFF\0\0\0\0WEBPVP8 ", 16))->content_type, "image/webp");
  EXPECT_EQ(file_type_of(zip_with({"[Content_Types].xml", "_rels/.rels", "word/document.xml"}))->extensions.front(),
            "docx");
  EXPECT_EQ(file_type_of(zip_with({"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"}))
                ->extensions.front(),
            "xlsx");
  // Not taken: scripts and markup, whatever they are called; a plain ZIP; Office with macros;
  // SVG (it can carry script); a truncated ZIP.
  EXPECT_FALSE(file_type_of("<script>alert(1)</script>"));
  EXPECT_FALSE(file_type_of("<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>"));
  EXPECT_FALSE(file_type_of("MZ\x90\x00 executable"));
  EXPECT_FALSE(file_type_of(zip_with({"readme.txt"})));
  EXPECT_FALSE(file_type_of(zip_with({"[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"})));
  const auto zip = zip_with({"[Content_Types].xml", "word/document.xml"});
  EXPECT_FALSE(file_type_of(zip.substr(0, zip.size() - 10)));
  EXPECT_FALSE(file_type_of(""));
}

TEST(KnowledgeAttachments, FileNamesAreSafeAndMatchTheContent) {
  const auto pdf = *file_type_of("%PDF-1.4");
  const auto jpeg = *file_type_of("\xff\xd8\xff\xe0");
  EXPECT_EQ(attachment_name("Werkinstructie.pdf", pdf), "Werkinstructie.pdf");
  EXPECT_EQ(attachment_name("Werkinstructie.PDF", pdf), "Werkinstructie.pdf") << "the extension in lower case";
  EXPECT_EQ(attachment_name("../../etc/passwd.pdf", pdf), "passwd.pdf") << "no path";
  EXPECT_EQ(attachment_name("C:\\Users\\x\\verslag.pdf", pdf), "verslag.pdf");
  EXPECT_EQ(attachment_name("foto.jpeg", jpeg), "foto.jpeg");
  EXPECT_EQ(attachment_name("foto", jpeg), "foto.jpg") << "an extension is added";
  EXPECT_EQ(attachment_name("Verslag v2.1", pdf), "Verslag v2.1.pdf") << "a version number is no extension";
  EXPECT_EQ(attachment_name("a\"b\r\nc.pdf", pdf), "abc.pdf") << "no quotes or control characters";
  EXPECT_EQ(attachment_name(".pdf", pdf), "bijlage.pdf");
  EXPECT_EQ(attachment_name("", pdf), "bijlage.pdf");
  EXPECT_FALSE(attachment_name("rapport.exe", pdf)) << "the name says something else";
  EXPECT_FALSE(attachment_name("notities.txt", pdf));
  EXPECT_FALSE(attachment_name("plaatje.png", jpeg));
  const auto long_name = attachment_name(std::string(200, 'a') + "é.pdf", pdf);
  ASSERT_TRUE(long_name);
  EXPECT_EQ(long_name->size(), 120u);
  EXPECT_TRUE(long_name->ends_with(".pdf"));
  const auto accents = attachment_name(std::string(114, 'a') + "ééé.pdf", pdf);
  ASSERT_TRUE(accents);
  EXPECT_LE(accents->size(), 120u);
  EXPECT_EQ(accents->substr(0, 114), std::string(114, 'a'));
  EXPECT_EQ(accents->substr(114), "é.pdf") << "cut on a character boundary";
}

}  // namespace
}  // namespace wk::knowledge
