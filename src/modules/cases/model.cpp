#include "modules/cases/model.hpp"

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace wk::cases {

namespace {
constexpr auto kStatusNames = enum_names<Status>({{Status::lopend, "lopend"},
                                                  {Status::zo_goed_als_afgerond, "zo_goed_als_afgerond"},
                                                  {Status::afgerond, "afgerond"}});
static_assert(kStatusNames.names_every(Status::afgerond));
}  // namespace

std::string_view to_string(Status s) {
  return kStatusNames.name(s);
}

std::optional<Status> status_from(std::string_view s) {
  return kStatusNames.value(s);
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
