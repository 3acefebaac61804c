// A line diff for people: which lines of one text were deleted and which inserted to
// make the other (Myers' O(ND) algorithm, the shortest such edit), with long runs of
// unchanged lines folded away.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wk::diff {

enum class Op { equal, insert, del, skip };

struct Line {
  Op op = Op::equal;
  std::string text;       // empty for skip
  std::size_t count = 0;  // skip: how many unchanged lines were folded
};

// Every line of `a` and `b` (split on \n; a final \r is dropped) as equal, delete or
// insert, in order; deletions before insertions where lines were replaced.
std::vector<Line> lines(std::string_view a, std::string_view b);

// Runs of unchanged lines keep `context` lines next to each change; the rest of the run
// becomes one skip line (when that hides at least two lines).
std::vector<Line> fold(const std::vector<Line>& lines, std::size_t context = 3);

}  // namespace wk::diff
