#include <gtest/gtest.h>

#include "report/report.hpp"

namespace wk::report {
namespace {

// A report that says "0 keer geraadpleegd" or begins a sentence with "0" reads as a
// machine wrote it: zero is a word, and the verb agrees with the count.
TEST(ReportProse, ZeroIsAWordAndTheVerbAgrees) {
  EXPECT_EQ(counted(0, "verhaal", "verhalen"), "geen verhalen");
  EXPECT_EQ(counted(1, "verhaal", "verhalen"), "1 verhaal");
  EXPECT_EQ(counted(2, "verhaal", "verhalen"), "2 verhalen");
  EXPECT_EQ(counted(1234, "actie", "acties"), "1234 acties");
  EXPECT_EQ(verb(0, "is", "zijn"), "zijn");
  EXPECT_EQ(verb(1, "is", "zijn"), "is");
  EXPECT_EQ(verb(2, "is", "zijn"), "zijn");
  EXPECT_EQ(times(0), "niet");
  EXPECT_EQ(times(1), "1 keer");
  EXPECT_EQ(times(40), "40 keer");
  EXPECT_EQ(sentence_case("geen acties zijn afgerond."), "Geen acties zijn afgerond.");
  EXPECT_EQ(sentence_case("In 2025"), "In 2025");
  EXPECT_EQ(sentence_case(""), "");
}

TEST(ReportProse, TenthsWithOneDecimal) {
  EXPECT_EQ(tenths_text(0), "0,0");
  EXPECT_EQ(tenths_text(5), "0,5");
  EXPECT_EQ(tenths_text(-5), "-0,5");
  EXPECT_EQ(tenths_text(389), "38,9");
  EXPECT_EQ(tenths_text(1000), "100,0");
}

}  // namespace
}  // namespace wk::report
