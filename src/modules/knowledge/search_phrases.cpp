#include "modules/knowledge/search_phrases.hpp"

namespace wk::knowledge {

std::vector<Phrase> phrases_of(const dutch::Query& query) {
  std::vector<Phrase> out;
  const auto& terms = query.terms;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const int word = static_cast<int>(i);
    const bool typing = query.last_is_prefix && i + 1 == terms.size();
    const bool prefix_only = typing && terms[i].starts_with(query.prefix);
    const std::string part = std::string(1, dutch::kPartMark) + (prefix_only ? query.prefix : terms[i]);
    if (prefix_only) {
      out.push_back({query.prefix, true, false, word});
      out.push_back({part, true, true, word});
      continue;
    }
    out.push_back({terms[i], false, false, word});
    if (typing) out.push_back({query.prefix, true, false, word});
    out.push_back({part, false, true, word});
  }
  return out;
}

}  // namespace wk::knowledge
