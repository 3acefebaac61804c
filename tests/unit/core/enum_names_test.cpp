#include "core/enum_names.hpp"

#include <gtest/gtest.h>

namespace wk {
namespace {

enum class Colour { red, green, blue };
constexpr auto kColours = enum_names<Colour>({{Colour::red, "rood"}, {Colour::green, "groen"}});

static_assert(kColours.name(Colour::green) == "groen");
static_assert(kColours.value("rood") == Colour::red);
static_assert(kColours.names_every(Colour::green));
static_assert(!kColours.names_every(Colour::blue));  // blue has no name

TEST(EnumNamesTest, ReadsBothWays) {
  EXPECT_EQ(kColours.name(Colour::red), "rood");
  EXPECT_EQ(kColours.value("groen"), Colour::green);
}

TEST(EnumNamesTest, AnUnknownNameOrValueIsNothing) {
  EXPECT_EQ(kColours.value("Rood"), std::nullopt);  // exactly as written
  EXPECT_EQ(kColours.value(" rood"), std::nullopt);
  EXPECT_EQ(kColours.value(""), std::nullopt);
  EXPECT_EQ(kColours.name(Colour::blue), "");  // not in the table
}

}  // namespace
}  // namespace wk
