#include "modules/cases/model.hpp"

#include "core/text.hpp"

namespace wk::cases {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::lopend:
      return "lopend";
    case Status::zo_goed_als_afgerond:
      return "zo_goed_als_afgerond";
    case Status::afgerond:
      return "afgerond";
  }
  return "lopend";
}

std::optional<Status> status_from(std::string_view s) {
  if (s == "lopend") return Status::lopend;
  if (s == "zo_goed_als_afgerond") return Status::zo_goed_als_afgerond;
  if (s == "afgerond") return Status::afgerond;
  return std::nullopt;
}

std::string_view to_string(Side s) {
  return s == Side::oud ? "oud" : "nieuw";
}

std::optional<Status> status_on(const std::vector<StatusEntry>& history, std::string_view date) {
  std::optional<Status> result;
  std::string_view best;
  for (const auto& e : history) {
    // ISO dates compare as strings; `>=` lets a later record on the same date win.
    if (e.date <= date && (!result || e.date >= best)) {
      result = e.status;
      best = e.date;
    }
  }
  return result;
}

Totals Receipt::totals() const {
  Totals t;
  for (const auto& l : lines) (l.side == Side::oud ? t.oud : t.nieuw) += l.amount;
  return t;
}

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

}  // namespace wk::cases
