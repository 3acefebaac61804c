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

}  // namespace wk::cases
