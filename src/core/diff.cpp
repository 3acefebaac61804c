#include "core/diff.hpp"

#include <algorithm>
#include <cstdint>

namespace wk::diff {

namespace {

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  if (!text.empty() && text.back() == '\n') out.pop_back();  // "a\n" is one line
  return out;
}

}  // namespace

std::vector<Line> lines(std::string_view a_text, std::string_view b_text) {
  const auto a = split(a_text), b = split(b_text);
  // Common head and tail cost nothing and keep the search small.
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const auto n = static_cast<std::int64_t>(a.size() - head - tail),
             m = static_cast<std::int64_t>(b.size() - head - tail);
  auto A = [&](std::int64_t i) { return a[head + static_cast<std::size_t>(i)]; };
  auto B = [&](std::int64_t j) { return b[head + static_cast<std::size_t>(j)]; };

  // Myers: v[k] is the furthest x on diagonal k after d edits. Each round keeps its
  // slice of v (diagonals -d…d) to walk the path back; past kMaxEdits the texts have
  // little in common and the rest reads better as "all of this went, all of that came".
  constexpr std::int64_t kMaxEdits = 1000;
  const std::int64_t max = n + m, offset = max + 1;
  std::vector<std::int64_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  const auto at = [&](std::int64_t k) -> std::int64_t& { return v[static_cast<std::size_t>(k + offset)]; };
  std::vector<std::vector<std::int32_t>> trace;
  std::int64_t found = -1;
  for (std::int64_t d = 0; d <= std::min(max, kMaxEdits) && found < 0; ++d) {
    auto& slice = trace.emplace_back(static_cast<std::size_t>(2 * d + 1));
    for (std::int64_t k = -d; k <= d; ++k) slice[static_cast<std::size_t>(k + d)] = static_cast<std::int32_t>(at(k));
    for (std::int64_t k = -d; k <= d; k += 2) {
      std::int64_t x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      std::int64_t y = x - k;
      while (x < n && y < m && A(x) == B(y)) ++x, ++y;
      at(k) = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }

  // Walk back from (n, m) to (0, 0), collecting the steps in reverse.
  std::vector<Line> middle;
  if (found < 0) {
    for (std::int64_t j = m; j-- > 0;) middle.push_back({Op::insert, std::string(B(j)), 0});
    for (std::int64_t i = n; i-- > 0;) middle.push_back({Op::del, std::string(A(i)), 0});
  }
  std::int64_t x = found < 0 ? 0 : n, y = found < 0 ? 0 : m;
  for (std::int64_t d = found; d > 0; --d) {
    const auto& slice = trace[static_cast<std::size_t>(d)];
    const auto was = [&](std::int64_t k) { return static_cast<std::int64_t>(slice[static_cast<std::size_t>(k + d)]); };
    const std::int64_t k = x - y;
    const bool down = k == -d || (k != d && was(k - 1) < was(k + 1));
    const std::int64_t pk = down ? k + 1 : k - 1;
    const std::int64_t px = was(pk), py = px - pk;
    while (x > px + (down ? 0 : 1) && y > py + (down ? 1 : 0)) {
      --x, --y;
      middle.push_back({Op::equal, std::string(A(x)), 0});
    }
    if (down)
      middle.push_back({Op::insert, std::string(B(--y)), 0});
    else
      middle.push_back({Op::del, std::string(A(--x)), 0});
  }
  while (x > 0 && y > 0) {
    --x, --y;
    middle.push_back({Op::equal, std::string(A(x)), 0});
  }
  std::reverse(middle.begin(), middle.end());

  // Within a run of changes, deletions first, then insertions: reads as "was … became …".
  std::vector<Line> out;
  out.reserve(a.size() + b.size());
  for (std::size_t i = 0; i < head; ++i) out.push_back({Op::equal, std::string(a[i]), 0});
  for (std::size_t i = 0; i < middle.size();) {
    if (middle[i].op == Op::equal) {
      out.push_back(std::move(middle[i++]));
      continue;
    }
    std::size_t j = i;
    while (j < middle.size() && middle[j].op != Op::equal) ++j;
    for (std::size_t t = i; t < j; ++t)
      if (middle[t].op == Op::del) out.push_back(std::move(middle[t]));
    for (std::size_t t = i; t < j; ++t)
      if (middle[t].op == Op::insert) out.push_back(std::move(middle[t]));
    i = j;
  }
  for (std::size_t i = a.size() - tail; i < a.size(); ++i) out.push_back({Op::equal, std::string(a[i]), 0});
  return out;
}

std::vector<Line> fold(const std::vector<Line>& in, std::size_t context) {
  std::vector<Line> out;
  for (std::size_t i = 0; i < in.size();) {
    if (in[i].op != Op::equal) {
      out.push_back(in[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < in.size() && in[j].op == Op::equal) ++j;
    const bool first = i == 0, last = j == in.size();
    const std::size_t keep_before = first ? 0 : context, keep_after = last ? 0 : context;
    const std::size_t run = j - i;
    if (run < keep_before + keep_after + 2) {  // folding fewer than two lines saves nothing
      for (std::size_t t = i; t < j; ++t) out.push_back(in[t]);
    } else {
      for (std::size_t t = i; t < i + keep_before; ++t) out.push_back(in[t]);
      out.push_back({Op::skip, "", run - keep_before - keep_after});
      for (std::size_t t = j - keep_after; t < j; ++t) out.push_back(in[t]);
    }
    i = j;
  }
  return out;
}

}  // namespace wk::diff
