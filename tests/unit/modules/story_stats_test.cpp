#include "modules/stories/stats.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace wk::stories {
namespace {

std::int64_t sum(const std::vector<std::int64_t>& v) {
  return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

TEST(Shares, AddUpToExactlyHundred) {
  // 1/3 each: naive rounding shows 33 + 33 + 33 = 99.
  EXPECT_EQ(shares_adding_to_100({1, 1, 1}), (std::vector<std::int64_t>{34, 33, 33}));
  EXPECT_EQ(sum(shares_adding_to_100({1, 1, 1}, 1)), 1000);  // 33.4 + 33.3 + 33.3
  // 2/3 and 1/3 of 3 stories: 67 and 33.
  EXPECT_EQ(shares_adding_to_100({2, 1}), (std::vector<std::int64_t>{67, 33}));
  // The 2018 report's kind of table: 390 stories over 12 topics.
  const std::vector<std::int64_t> topics = {61, 47, 12, 58, 33, 19, 25, 30, 16, 41, 28, 20};
  ASSERT_EQ(sum(topics), 390);
  EXPECT_EQ(sum(shares_adding_to_100(topics)), 100);
  EXPECT_EQ(sum(shares_adding_to_100(topics, 1)), 1000);
}

TEST(Shares, EveryShareIsItsExactValueRoundedDownOrUp) {
  const std::vector<std::int64_t> counts = {7, 13, 1, 0, 29, 3};
  const auto shares = shares_adding_to_100(counts, 1);
  const auto total = sum(counts);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const std::int64_t down = counts[i] * 1000 / total;
    EXPECT_TRUE(shares[i] == down || shares[i] == down + 1) << i;
  }
  EXPECT_EQ(shares[3], 0);  // nothing for a zero count
}

TEST(Shares, TiesGoToTheLargerCountThenTheEarlierPosition) {
  // 1 and 2 of 7 with 0 decimals: 14.28 and 28.57; remainders decide.
  EXPECT_EQ(shares_adding_to_100({1, 2, 4}), (std::vector<std::int64_t>{14, 29, 57}));
  EXPECT_EQ(shares_adding_to_100({1, 1}), (std::vector<std::int64_t>{50, 50}));
  EXPECT_EQ(shares_adding_to_100({1, 1, 1, 1, 1, 1}), (std::vector<std::int64_t>{17, 17, 17, 17, 16, 16}));
}

TEST(Shares, EmptyPeriodIsAllZero) {
  EXPECT_EQ(shares_adding_to_100({0, 0, 0}), (std::vector<std::int64_t>{0, 0, 0}));
  EXPECT_TRUE(shares_adding_to_100({}).empty());
  EXPECT_EQ(share_of(5, 0), 0);
  const auto d = single_choice({"a", "b"}, {0, 0});
  EXPECT_EQ(d.total, 0);
  EXPECT_EQ(d.buckets[0].share, 0);
}

TEST(Shares, MultiChoiceIsShareOfStories) {
  // 10 stories; archetypes chosen 6, 5 and 2 times (a story may name several).
  const auto d = multi_choice({"redder", "specialist", "kameleon"}, {6, 5, 2}, 10);
  EXPECT_EQ(d.buckets[0].share, 60);
  EXPECT_EQ(d.buckets[1].share, 50);
  EXPECT_EQ(d.buckets[2].share, 20);
  EXPECT_EQ(share_of(1, 3), 33);
  EXPECT_EQ(share_of(2, 3), 67);
  EXPECT_EQ(share_of(1, 8, 1), 125);  // 12.5 % with one decimal
}

TEST(Compare, SideBySideWithPercentagePoints) {
  const auto y2018 =
      single_choice({"zeer_negatief", "negatief", "neutraal", "positief", "zeer_positief"}, {30, 70, 100, 150, 50});
  const auto y2017 =
      single_choice({"zeer_negatief", "negatief", "neutraal", "positief", "zeer_positief"}, {10, 40, 100, 200, 50});
  const auto changes = compare(y2018, y2017);
  ASSERT_EQ(changes.size(), 5u);
  // 2018 exact: 7.5 17.5 25 37.5 12.5 → floors 7 17 25 37 12 (98); the two points left go to
  // the ties with the largest counts: 37.5 → 38, 17.5 → 18.
  EXPECT_EQ(changes[0].share_now, 7);
  EXPECT_EQ(changes[1].share_now, 18);
  EXPECT_EQ(changes[3].share_now, 38);
  // 2017 exact: 2.5 10 25 50 12.5 → 2 10 25 50 12 (99); 12.5 (count 50) beats 2.5 (count 10).
  EXPECT_EQ(changes[0].share_before, 2);
  EXPECT_EQ(changes[4].share_before, 13);
  EXPECT_EQ(changes[0].points, 5);
  EXPECT_EQ(changes[1].points, 8);
  std::int64_t points = 0;
  for (const auto& c : changes) points += c.points;
  EXPECT_EQ(points, 0);  // shares of both periods add to 100
}

TEST(Compare, OnlyWithABaseOfTenInEachPeriod) {
  const auto ten = single_choice({"a", "b"}, {4, 6}, 1);
  const auto nine = single_choice({"a", "b"}, {4, 5}, 1);
  const auto none = single_choice({"a", "b"}, {0, 0}, 1);
  EXPECT_TRUE(comparable(ten, ten));
  EXPECT_FALSE(comparable(ten, nine));
  EXPECT_FALSE(comparable(nine, ten));
  EXPECT_FALSE(comparable(ten, none));
  EXPECT_TRUE(comparable(multi_choice({"a"}, {1}, 10, 1), ten));  // the base is the stories, not the choices
  EXPECT_FALSE(comparable(multi_choice({"a"}, {12}, 9, 1), ten));
}

TEST(Compare, KeysMissingInOnePeriodCountZero) {
  const auto now = single_choice({"a", "c"}, {1, 1});
  const auto before = single_choice({"a", "b"}, {3, 1});
  const auto changes = compare(now, before);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[1].key, "c");
  EXPECT_EQ(changes[1].count_before, 0);
  EXPECT_EQ(changes[2].key, "b");
  EXPECT_EQ(changes[2].count_now, 0);
  EXPECT_EQ(changes[2].points, -25);
}

}  // namespace
}  // namespace wk::stories
