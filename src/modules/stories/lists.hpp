// The vertelpunt's signifier lists: topics, valuations, archetypes and extra questions.
// One list each for staff's and residents' stories, so that their statistics stay
// comparable; a value's audience says on which form it is offered.
#pragma once

#include <string_view>
#include <vector>

#include "core/roles.hpp"
#include "core/value_lists.hpp"

namespace wk::stories {

namespace list {
inline constexpr std::string_view story_topic = "story_topic";
inline constexpr std::string_view story_valuation = "story_valuation";
inline constexpr std::string_view story_archetype = "story_archetype";
inline constexpr std::string_view story_prompt = "story_prompt";
}  // namespace list

std::vector<ListDefinition> value_lists();

}  // namespace wk::stories
