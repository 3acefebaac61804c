#include "modules/stories/stats.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace wk::stories {

namespace {
std::int64_t scale(int decimals) {
  std::int64_t s = 100;  // percent
  for (int i = 0; i < decimals; ++i) s *= 10;
  return s;
}
}  // namespace

std::vector<std::int64_t> shares_adding_to_100(const std::vector<std::int64_t>& counts, int decimals) {
  std::vector<std::int64_t> shares(counts.size(), 0);
  const std::int64_t total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  if (total <= 0) return shares;
  const std::int64_t whole = scale(decimals);
  std::vector<std::int64_t> remainder(counts.size());
  std::int64_t handed_out = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    shares[i] = counts[i] * whole / total;  // rounded down
    remainder[i] = counts[i] * whole % total;
    handed_out += shares[i];
  }
  std::vector<std::size_t> order(counts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
    return counts[a] > counts[b];
  });
  for (std::size_t k = 0; handed_out < whole && k < order.size(); ++k, ++handed_out) ++shares[order[k]];
  return shares;
}

std::int64_t share_of(std::int64_t count, std::int64_t total, int decimals) {
  if (total <= 0) return 0;
  const std::int64_t whole = scale(decimals);
  return (count * whole * 2 + total) / (total * 2);  // half up
}

Distribution single_choice(const std::vector<std::string>& keys, const std::vector<std::int64_t>& counts,
                           int decimals) {
  Distribution d;
  d.total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  const auto shares = shares_adding_to_100(counts, decimals);
  for (std::size_t i = 0; i < keys.size() && i < counts.size(); ++i)
    d.buckets.push_back({keys[i], counts[i], shares[i]});
  return d;
}

Distribution multi_choice(const std::vector<std::string>& keys, const std::vector<std::int64_t>& counts,
                          std::int64_t stories, int decimals) {
  Distribution d;
  d.total = stories;
  for (std::size_t i = 0; i < keys.size() && i < counts.size(); ++i)
    d.buckets.push_back({keys[i], counts[i], share_of(counts[i], stories, decimals)});
  return d;
}

bool comparable(const Distribution& now, const Distribution& before) {
  return now.total >= kMinComparisonBase && before.total >= kMinComparisonBase;
}

std::vector<Change> compare(const Distribution& now, const Distribution& before) {
  std::vector<Change> out;
  std::map<std::string, std::size_t> index;
  auto slot = [&](const std::string& key) -> Change& {
    auto [it, inserted] = index.try_emplace(key, out.size());
    if (inserted) out.push_back({key});
    return out[it->second];
  };
  for (const auto& b : now.buckets) {
    auto& c = slot(b.key);
    c.count_now = b.count;
    c.share_now = b.share;
  }
  for (const auto& b : before.buckets) {
    auto& c = slot(b.key);
    c.count_before = b.count;
    c.share_before = b.share;
  }
  for (auto& c : out) c.points = c.share_now - c.share_before;
  return out;
}

}  // namespace wk::stories
