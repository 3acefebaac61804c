#include "core/privacy.hpp"

#include "core/text.hpp"

namespace wk {

void check_free_text(std::string_view field, std::string_view value, std::vector<FieldError>& errors,
                     std::vector<Warning>& warnings) {
  if (text::find_bsn(value)) {
    errors.push_back({std::string(field),
                      "Dit lijkt een burgerservicenummer (BSN). Leg geen BSN vast in Wijkkader: gebruik de "
                      "pseudoniem-referentie van de casus.",
                      "contains what looks like a BSN (9 digits passing the 11-test); refused"});
    return;
  }
  if (text::contains_email(value))
    warnings.push_back({std::string(field),
                        "Dit veld bevat een e-mailadres. Is dat nodig? Persoonsgegevens horen in het systeem van de "
                        "gemeente.",
                        "contains an e-mail address"});
  if (text::contains_phone_number(value))
    warnings.push_back({std::string(field),
                        "Dit veld bevat een telefoonnummer. Is dat nodig? Persoonsgegevens horen in het systeem van de "
                        "gemeente.",
                        "contains a phone number"});
  if (text::contains_address(value))
    warnings.push_back({std::string(field),
                        "Dit veld bevat een adres (postcode met huisnummer). Is dat nodig? Persoonsgegevens horen in "
                        "het systeem van de gemeente.",
                        "contains an address (a postcode with a house number)"});
}

nlohmann::json warnings_json(const std::vector<Warning>& warnings) {
  auto out = nlohmann::json::array();
  for (const auto& w : warnings) out.push_back({{"field", w.field}, {"title", w.title}, {"detail", w.detail}});
  return out;
}

}  // namespace wk
