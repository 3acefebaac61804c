// The names of an enum's values as they stand in the database, the API and the files: one
// table per enum, read both ways, so that the two directions cannot disagree.
//
//   constexpr auto kStatusNames = enum_names<Status>({{Status::lopend, "lopend"}, ...});
//   kStatusNames.name(Status::lopend) == "lopend";  kStatusNames.value("x") == nullopt
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace wk {

template <class E, std::size_t N>
class EnumNames {
 public:
  constexpr explicit EnumNames(std::array<std::pair<E, std::string_view>, N> names) : names_(names) {}

  // The value's name; empty for a value the table does not hold.
  constexpr std::string_view name(E value) const {
    for (const auto& [v, n] : names_)
      if (v == value) return n;
    return {};
  }

  // Whether every value from 0 to `last` has a name (for an enum numbered from 0): next
  // to a table, static_assert(kNames.names_every(Status::afgerond)) does what -Wswitch
  // did for a switch.
  constexpr bool names_every(E last) const {
    for (int v = 0; v <= static_cast<int>(last); ++v)
      if (name(static_cast<E>(v)).empty()) return false;
    return true;
  }

  // The value of a name, exactly as written (no case folding, no trimming).
  constexpr std::optional<E> value(std::string_view name) const {
    for (const auto& [v, n] : names_)
      if (n == name) return v;
    return std::nullopt;
  }

 private:
  std::array<std::pair<E, std::string_view>, N> names_;
};

template <class E, std::size_t N>
constexpr EnumNames<E, N> enum_names(const std::pair<E, std::string_view> (&names)[N]) {
  std::array<std::pair<E, std::string_view>, N> table{};
  for (std::size_t i = 0; i < N; ++i) table[i] = names[i];
  return EnumNames<E, N>(table);
}

}  // namespace wk
