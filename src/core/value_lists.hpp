// A list of values that a module declares (SPEC §4.1): its name, the values every
// organisation starts with, and who besides an administrator may edit it. The
// organisation module keeps each organisation's values and their history; the module
// that declares a list reads its values.
#pragma once

#include <string_view>
#include <vector>

namespace wk {

// Who is offered a value on the vertelpunt's forms: everyone, staff only (the staff form)
// or residents only (the public form).
namespace audience {
inline constexpr std::string_view all = "all", staff = "staff", residents = "public";
inline bool is_valid(std::string_view a) {
  return a == all || a == staff || a == residents;
}
}  // namespace audience

struct DefaultValue {
  std::string_view nl;
  std::string_view en;
  std::string_view public_nl = {};  // in residents' words
  std::string_view audience = audience::all;
};

struct ListDefinition {
  std::string_view name;               // e.g. "cost_category"; used in /api/v1/lists/{list}
  std::vector<DefaultValue> defaults;  // in display order
  // Roles that may edit the list besides an administrator (who always may).
  std::vector<std::string_view> also_edited_by = {};
};

}  // namespace wk
