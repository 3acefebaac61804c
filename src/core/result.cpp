#include "core/result.hpp"

namespace wk {

Error Error::bad_request(Nl title, En detail) {
  return {ErrorKind::bad_request, std::move(title.text), std::move(detail.text), {}, 0};
}

Error Error::bad_request(En detail) {
  return bad_request(Nl{"Het verzoek is niet geldig."}, std::move(detail));
}

Error Error::unauthenticated(Nl title, En detail) {
  return {ErrorKind::unauthenticated, std::move(title.text), std::move(detail.text), {}, 0};
}

Error Error::forbidden(std::string detail_en) {
  return {ErrorKind::forbidden, "U heeft geen toegang tot deze gegevens of handeling.", std::move(detail_en), {}, 0};
}

Error Error::not_found(std::string detail_en) {
  return {ErrorKind::not_found, "Niet gevonden.", std::move(detail_en), {}, 0};
}

Error Error::conflict(Nl title, En detail) {
  return {ErrorKind::conflict, std::move(title.text), std::move(detail.text), {}, 0};
}

Error Error::validation(std::vector<FieldError> fields) {
  return {ErrorKind::validation, "De invoer is niet geldig.", "The input is not valid.", std::move(fields), 0};
}

Error Error::too_many_requests(int retry_after_seconds) {
  return {ErrorKind::too_many_requests,
          "Te veel mislukte inlogpogingen. Probeer het later opnieuw.",
          "Too many failed log-in attempts; try again later.",
          {},
          retry_after_seconds};
}

}  // namespace wk
