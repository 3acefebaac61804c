// The statistics of the story dashboard (Vertelpunt, SPEC §4.3): counts per value of a
// signifier (topic, valuation, archetype) in a period, their shares, and the comparison
// with another period ("in 2018 more (very) negative stories than in 2017").
//
// Shares are percentages that a table can show: rounded so that they add up to exactly
// 100 (largest remainder), and an empty period has shares of 0, not a division by zero.
// For multi-select signifiers (archetypes) the share is of the stories, so those shares
// need not add up to 100.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wk::stories {

// Percentages with `decimals` decimals, as integers in units of 10^-decimals percent
// (decimals 1: 123 means 12.3 %), adding up to exactly 100 % when any count is positive.
// Largest remainder: every share is its exact value rounded down or up, and the ones
// rounded up are those with the largest remainders (ties: the larger count, then the
// earlier position), so the table is honest to the counts.
std::vector<std::int64_t> shares_adding_to_100(const std::vector<std::int64_t>& counts, int decimals = 0);

// count / total as a percentage in the same units, rounded half up; 0 when total is 0.
std::int64_t share_of(std::int64_t count, std::int64_t total, int decimals = 0);

struct Bucket {
  std::string key;  // the signifier value's code
  std::int64_t count = 0;
  std::int64_t share = 0;  // in units of 10^-decimals percent
};

struct Distribution {
  std::int64_t total = 0;  // stories in the period (the base of the shares)
  std::vector<Bucket> buckets;
};

// Single-choice signifier: shares of the buckets add up to 100 %.
Distribution single_choice(const std::vector<std::string>& keys, const std::vector<std::int64_t>& counts,
                           int decimals = 0);
// Multi-choice signifier: each share is of `stories` (a story may count in several).
Distribution multi_choice(const std::vector<std::string>& keys, const std::vector<std::int64_t>& counts,
                          std::int64_t stories, int decimals = 0);

struct Change {
  std::string key;
  std::int64_t count_now = 0, count_before = 0;
  std::int64_t share_now = 0, share_before = 0;
  std::int64_t points = 0;  // share_now − share_before, in percentage points (same units)
};

// Side by side, by key; a key present in only one period counts 0 in the other.
std::vector<Change> compare(const Distribution& now, const Distribution& before);

// Shares of a handful of stories swing by tens of percentage points on one story: a
// shift between two periods is only stated when each has at least this many stories
// in the distribution's base (0,0 % → 38,9 % against an empty year is no shift).
constexpr std::int64_t kMinComparisonBase = 10;
bool comparable(const Distribution& now, const Distribution& before);

}  // namespace wk::stories
