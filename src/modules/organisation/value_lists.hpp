// Lists of values per organisation (SPEC §4.1): cost categories, payers, and later story
// topics, complaint types, … Each known list has defaults that every organisation
// starts with; an administrator adds, renames and retires values. A retired value stays
// on the records that use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

struct KnownList {
  std::string_view name;               // e.g. "cost_category"
  std::vector<DefaultValue> defaults;  // in display order
};

namespace list {
inline constexpr std::string_view cost_category = "cost_category";  // kostensoort
inline constexpr std::string_view payer = "payer";                  // betaler
inline constexpr std::string_view story_topic = "story_topic";
inline constexpr std::string_view story_valuation = "story_valuation";
inline constexpr std::string_view story_archetype = "story_archetype";
inline constexpr std::string_view story_prompt = "story_prompt";
}  // namespace list

const std::vector<KnownList>& known_lists();
bool is_known_list(std::string_view name);
// The signifier lists of the vertelpunt, which quality staff edit too.
inline bool is_story_list(std::string_view name) {
  return name.starts_with("story_");
}

// "GGZ / verslavingszorg" → "ggz_verslavingszorg": lower-case ASCII letters and digits,
// everything else folded into single underscores (ë → e and friends for Dutch).
std::string code_from_label(std::string_view label);

}  // namespace wk::organisation
