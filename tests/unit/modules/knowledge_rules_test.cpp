// The knowledge base's rules: review periods and dates, who may publish, tags as typed,
// and search snippets (escaped, the matches marked, also a prefix being typed).
#include <gtest/gtest.h>

#include "core/dutch.hpp"
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
  EXPECT_EQ(s, "Bij &lt;b&gt;huisbezoeken&lt;/b&gt; letten wij op de <mark>woningen</mark> &amp; de "
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

}  // namespace
}  // namespace wk::knowledge
