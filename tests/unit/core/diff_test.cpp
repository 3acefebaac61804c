#include "core/diff.hpp"

#include <gtest/gtest.h>

namespace wk::diff {
namespace {

// "=a", "-b", "+c", "…3" for a compact comparison.
std::vector<std::string> show(const std::vector<Line>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    switch (l.op) {
      case Op::equal:
        out.push_back("=" + l.text);
        break;
      case Op::insert:
        out.push_back("+" + l.text);
        break;
      case Op::del:
        out.push_back("-" + l.text);
        break;
      case Op::skip:
        out.push_back("…" + std::to_string(l.count));
        break;
    }
  }
  return out;
}

using V = std::vector<std::string>;

TEST(Diff, EqualTextsAreAllEqual) {
  EXPECT_EQ(show(lines("a\nb\n", "a\nb\n")), (V{"=a", "=b"}));
  EXPECT_TRUE(lines("", "").empty());
}

TEST(Diff, FromAndToNothing) {
  EXPECT_EQ(show(lines("", "a\nb")), (V{"+a", "+b"}));
  EXPECT_EQ(show(lines("a\nb", "")), (V{"-a", "-b"}));
}

TEST(Diff, ReplacedLineReadsAsWasThenBecame) {
  EXPECT_EQ(show(lines("a\nb\nc", "a\nB\nc")), (V{"=a", "-b", "+B", "=c"}));
  EXPECT_EQ(show(lines("a\nb\nc\nd", "a\nX\nY\nd")), (V{"=a", "-b", "-c", "+X", "+Y", "=d"}));
}

TEST(Diff, ShortestEditKeepsTheCommonLines) {
  // The classic example: ABCABBA → CBABAC has 5 edits and keeps 4 lines.
  const auto d = lines("A\nB\nC\nA\nB\nB\nA", "C\nB\nA\nB\nA\nC");
  int edits = 0, kept = 0;
  std::string a, b;
  for (const auto& l : d) {
    if (l.op == Op::equal) ++kept, a += l.text, b += l.text;
    if (l.op == Op::del) ++edits, a += l.text;
    if (l.op == Op::insert) ++edits, b += l.text;
  }
  EXPECT_EQ(edits, 5);
  EXPECT_EQ(kept, 4);
  // Replaying the diff gives back both texts.
  EXPECT_EQ(a, "ABCABBA");
  EXPECT_EQ(b, "CBABAC");
}

TEST(Diff, CarriageReturnsAndTheLastNewlineDoNotCount) {
  EXPECT_EQ(show(lines("a\r\nb\r\n", "a\nb")), (V{"=a", "=b"}));
}

TEST(Diff, InsertedLineInTheMiddle) {
  EXPECT_EQ(show(lines("1\n2\n3", "1\n2\nnew\n3")), (V{"=1", "=2", "+new", "=3"}));
}

TEST(Diff, FoldKeepsThreeLinesOfContext) {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 10 ? std::string("tien") : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(show(fold(lines(a, b))), (V{"…6", "=7", "=8", "=9", "-10", "+tien", "=11", "=12", "=13", "…7"}));
}

TEST(Diff, FoldLeavesShortRunsAndSingleLines) {
  // Seven unchanged lines between two changes: 3 + 1 + 3, folding one line saves nothing.
  std::string a = "x\n1\n2\n3\n4\n5\n6\n7\ny", b = "X\n1\n2\n3\n4\n5\n6\n7\nY";
  const auto folded = fold(lines(a, b));
  EXPECT_EQ(folded.size(), 11u);
  for (const auto& l : folded) EXPECT_NE(l.op, Op::skip);
  // Eight between them: two folded.
  a = "x\n1\n2\n3\n4\n5\n6\n7\n8\ny", b = "X\n1\n2\n3\n4\n5\n6\n7\n8\nY";
  EXPECT_EQ(show(fold(lines(a, b))), (V{"-x", "+X", "=1", "=2", "=3", "…2", "=6", "=7", "=8", "-y", "+Y"}));
}

TEST(Diff, LargeTextsStayFast) {
  // 5,000 lines with every 100th changed: the common lines keep the search small.
  std::string a, b;
  for (int i = 0; i < 5000; ++i) {
    a += "regel " + std::to_string(i) + "\n";
    b += (i % 100 == 0 ? "gewijzigd " : "regel ") + std::to_string(i) + "\n";
  }
  const auto d = lines(a, b);
  int del = 0, ins = 0;
  for (const auto& l : d) del += l.op == Op::del, ins += l.op == Op::insert;
  EXPECT_EQ(del, 50);
  EXPECT_EQ(ins, 50);
}

TEST(Diff, TextsWithLittleInCommonAreAllGoneAndAllNew) {
  // More than a thousand edits: the middle reads as deleted, then inserted.
  std::string a, b;
  for (int i = 0; i < 1500; ++i) a += "oud " + std::to_string(i) + "\n", b += "nieuw " + std::to_string(i) + "\n";
  a = "kop\n" + a + "voet\n";
  b = "kop\n" + b + "voet\n";
  const auto d = lines(a, b);
  ASSERT_EQ(d.size(), 3002u);
  EXPECT_EQ(show({d.front()}), (V{"=kop"}));
  EXPECT_EQ(show({d[1]}), (V{"-oud 0"}));
  EXPECT_EQ(show({d[1501]}), (V{"+nieuw 0"}));
  EXPECT_EQ(show({d.back()}), (V{"=voet"}));
}

}  // namespace
}  // namespace wk::diff
