#pragma once

#include <nlohmann/json.hpp>

#include "modules/programmes/programmes.hpp"

namespace wk::programmes {

nlohmann::json to_json(const Programme& p);

}  // namespace wk::programmes
