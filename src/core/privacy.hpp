// The privacy rule for free text (SPEC §5): every module that stores text typed by staff
// or residents checks it here. A citizen service number (BSN) is refused; an e-mail
// address, a phone number or a postal address is allowed but answered with a warning,
// because personal data belong in the municipality's own systems.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace wk {

// A remark on a saved text: the record is kept, the user is asked to look again.
struct Warning {
  std::string field, title, detail;  // JSON path, Dutch, English
};

// Checks free text: a BSN is refused (a FieldError), an e-mail address, a phone number or
// an address gives a Warning.
void check_free_text(std::string_view field, std::string_view text, std::vector<FieldError>& errors,
                     std::vector<Warning>& warnings);

// [{field, title, detail}], as every response that saved a text carries it.
nlohmann::json warnings_json(const std::vector<Warning>& warnings);

}  // namespace wk
