// A reference to a record of another kind, with the name a reader sees (a team, a user,
// a list value): what responses embed instead of a bare id.
#pragma once

#include <cstdint>
#include <string>

namespace wk {

struct Ref {
  std::int64_t id = 0;
  std::string name;
};

}  // namespace wk
