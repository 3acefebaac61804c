// JSON shapes of the vertelpunt that other modules answer too (docs/openapi.json).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "modules/stories/stories.hpp"

namespace wk::stories {

// Value {"id","code","label","label_en"}: a value without an English label answers its Dutch one.
nlohmann::json value_json(const organisation::ListValue& v);
// {"id","name"} or null.
nlohmann::json ref_json(const std::optional<Ref>& r);

}  // namespace wk::stories
