#include <gtest/gtest.h>

#include "core/text.hpp"
#include "report/report.hpp"

namespace wk::report {
namespace {

// The report's table titles are longer than Excel's 31 characters and contain "—" (three
// bytes): a cut by bytes split it and made workbook.xml ill-formed.
TEST(SheetNames, CutAtThirtyOneCharactersNotBytes) {
  SheetNames names;
  const auto a = names.take("Besparing per betaler — Doorstroomwoningen");
  EXPECT_EQ(a, "Besparing per betaler — Doorstr");
  EXPECT_EQ(text::utf8_length(a), 31u);
  const auto b = names.take("Besparing per betaler — WoonStAP");
  EXPECT_EQ(b, "Besparing per betaler — WoonStA");
}

TEST(SheetNames, UniqueAfterCuttingAndWithoutRegardToCase) {
  SheetNames names;
  EXPECT_EQ(names.take("Besparing per kostencategorie — Doorstroomwoningen"), "Besparing per kostencategorie —");
  EXPECT_EQ(names.take("Besparing per kostencategorie — WoonStAP"), "Besparing per kostencategor (2)");
  EXPECT_EQ(names.take("Besparing per kostencategorie — Buurtbemiddeling"), "Besparing per kostencategor (3)");
  EXPECT_EQ(names.take("Tabel"), "Tabel");
  EXPECT_EQ(names.take("TABEL"), "TABEL (2)");
  EXPECT_EQ(names.take("Één"), "Één");
  EXPECT_EQ(names.take("één"), "één (2)");
  for (const auto* n : {"Besparing per kostencategor (2)", "Besparing per kostencategor (3)"})
    EXPECT_EQ(text::utf8_length(n), 31u);
}

TEST(SheetNames, ForbiddenCharactersApostrophesAndReservedNames) {
  SheetNames names;
  EXPECT_EQ(names.take("Kosten [oud]: 2017/2018?*\\"), "Kosten oud 20172018");
  EXPECT_EQ(names.take("'s-Hertogenbosch'"), "s-Hertogenbosch");
  EXPECT_EQ(names.take(""), "Tabel");
  EXPECT_EQ(names.take("[]"), "Tabel (2)");
  EXPECT_EQ(names.take("History"), "Tabel (3)");
  EXPECT_EQ(names.take("regel\neen"), "regeleen");
}

}  // namespace
}  // namespace wk::report
