// Lists of values per organisation (SPEC §4.1): cost categories, payers, story topics, …
// Each module declares its lists with their defaults (core/value_lists.hpp,
// Module::value_lists); every organisation starts with the defaults, and an
// administrator adds, renames and retires values. A retired value stays on the records
// that use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/value_lists.hpp"

namespace wk::organisation {

struct ListValue {
  std::int64_t id;
  std::string code;   // stable key, e.g. "ggz_verslavingszorg"
  std::string label;  // Dutch label shown to users
  std::int64_t position;
  bool active;
  std::string label_en = {};  // English label; empty: the Dutch one is shown
  // Who is offered the value on the vertelpunt's forms: everyone, staff only (the staff
  // form) or residents only (the public form). One list, so that the statistics of
  // staff's and residents' stories stay comparable.
  std::string audience = "all";
  std::string public_label = {};  // the words residents see; empty: the label
};

// "GGZ / verslavingszorg" → "ggz_verslavingszorg": lower-case ASCII letters and digits,
// everything else folded into single underscores (ë → e and friends for Dutch).
std::string code_from_label(std::string_view label);

}  // namespace wk::organisation
