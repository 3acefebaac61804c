#include "core/money.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace wk {
namespace {

// "€" followed by U+00A0 NO-BREAK SPACE, as every formatted amount starts.
const std::string kNbsp = "\xC2\xA0";
const std::string kNarrowNbsp = "\xE2\x80\xAF";  // U+202F
const std::string kEuro = "€" + kNbsp;

TEST(FormatEuro, WholeEurosWithoutDecimals) {
  EXPECT_EQ(format_euro(1057700), kEuro + "10.577");
  EXPECT_EQ(format_euro(0), kEuro + "0");
  EXPECT_EQ(format_euro(123456700), kEuro + "1.234.567");
  EXPECT_EQ(format_euro(100), kEuro + "1");
  EXPECT_EQ(format_euro(99900), kEuro + "999");
  EXPECT_EQ(format_euro(100000), kEuro + "1.000");
}

TEST(FormatEuro, CentsWithComma) {
  EXPECT_EQ(format_euro(240050), kEuro + "2.400,50");
  EXPECT_EQ(format_euro(5), kEuro + "0,05");
  EXPECT_EQ(format_euro(123456789), kEuro + "1.234.567,89");
}

TEST(FormatEuro, NegativePutsMinusAfterTheSign) {
  EXPECT_EQ(format_euro(-208900), kEuro + "-2.089");
  EXPECT_EQ(format_euro(-50), kEuro + "-0,50");
}

TEST(FormatEuro, ExtremesDoNotOverflow) {
  EXPECT_EQ(format_euro(std::numeric_limits<Cents>::max()), kEuro + "92.233.720.368.547.758,07");
  EXPECT_EQ(format_euro(std::numeric_limits<Cents>::min()), kEuro + "-92.233.720.368.547.758,08");
}

TEST(FormatEuroWhole, RoundsHalfAwayFromZero) {
  EXPECT_EQ(format_euro_whole(240000), kEuro + "2.400");
  EXPECT_EQ(format_euro_whole(240049), kEuro + "2.400");
  EXPECT_EQ(format_euro_whole(208950), kEuro + "2.090");
  EXPECT_EQ(format_euro_whole(99950), kEuro + "1.000");
  EXPECT_EQ(format_euro_whole(-208950), kEuro + "-2.090");
  EXPECT_EQ(format_euro_whole(-208949), kEuro + "-2.089");
  EXPECT_EQ(format_euro_whole(-50), kEuro + "-1");
  EXPECT_EQ(format_euro_whole(50), kEuro + "1");
}

TEST(FormatEuroWhole, NoNegativeZero) {
  EXPECT_EQ(format_euro_whole(-49), kEuro + "0");
  EXPECT_EQ(format_euro_whole(0), kEuro + "0");
}

Cents parsed(std::string_view s) {
  auto r = parse_amount(s);
  EXPECT_TRUE(r.ok()) << "refused: " << s << " — " << (r.ok() ? "" : r.error().fields.at(0).title);
  return r.ok() ? *r : -1;
}

TEST(ParseAmount, PlainAndDutch) {
  EXPECT_EQ(parsed("2400"), 240000);
  EXPECT_EQ(parsed("0"), 0);
  EXPECT_EQ(parsed("2.400"), 240000);
  EXPECT_EQ(parsed("2.400,50"), 240050);
  EXPECT_EQ(parsed("2400,50"), 240050);
  EXPECT_EQ(parsed("2400,5"), 240050);
  EXPECT_EQ(parsed("0,05"), 5);
  EXPECT_EQ(parsed("1.234.567,89"), 123456789);
  EXPECT_EQ(parsed("1.234.567"), 123456700);
  EXPECT_EQ(parsed("007"), 700);
}

TEST(ParseAmount, DotWithOneOrTwoDigitsIsADecimalPoint) {
  EXPECT_EQ(parsed("2400.50"), 240050);
  EXPECT_EQ(parsed("12.5"), 1250);
  EXPECT_EQ(parsed("0.99"), 99);
}

TEST(ParseAmount, DotWithThreeDigitsGroupsThousands) {
  EXPECT_EQ(parsed("2.400"), 240000);
  EXPECT_EQ(parsed("12.345"), 1234500);
  EXPECT_EQ(parsed("123.456"), 12345600);
}

TEST(ParseAmount, CurrencyMarksAndWholeEuroDash) {
  EXPECT_EQ(parsed("€ 2.400"), 240000);
  EXPECT_EQ(parsed("€2.400,-"), 240000);
  EXPECT_EQ(parsed("2.400,-"), 240000);
  EXPECT_EQ(parsed("2400,-"), 240000);
  EXPECT_EQ(parsed("EUR 2400"), 240000);
  EXPECT_EQ(parsed("eur 2400"), 240000);
  EXPECT_EQ(parsed("EUR2400,50"), 240050);
  EXPECT_EQ(parsed("2.400 EUR"), 240000);
  EXPECT_EQ(parsed("2.400,50 €"), 240050);
}

TEST(ParseAmount, WhiteSpaceAndNoBreakSpace) {
  EXPECT_EQ(parsed("  2400 "), 240000);
  EXPECT_EQ(parsed("\t2.400,50\r\n"), 240050);
  EXPECT_EQ(parsed(kNbsp + "2400" + kNbsp), 240000);
  EXPECT_EQ(parsed(kEuro + "2.400"), 240000);
  EXPECT_EQ(parsed(kNarrowNbsp + "2400"), 240000);
}

TEST(ParseAmount, Negative) {
  EXPECT_EQ(parsed("-2.400"), -240000);
  EXPECT_EQ(parsed("-2400,50"), -240050);
  EXPECT_EQ(parsed("-€ 2.400"), -240000);
  EXPECT_EQ(parsed("€ -2.400"), -240000);
  EXPECT_EQ(parsed("-0"), 0);
}

TEST(ParseAmount, ReadsWhatFormatEuroWrites) {
  for (Cents c : {Cents{0}, Cents{5}, Cents{240050}, Cents{1057700}, Cents{-208900}, Cents{123456789}, Cents{-50}}) {
    EXPECT_EQ(parsed(format_euro(c)), c) << format_euro(c);
  }
}

TEST(ParseAmount, DropsTheExportFormulaGuard) {
  EXPECT_EQ(parsed("'-2.400"), -240000);
  EXPECT_EQ(parsed("'2400"), 240000);
}

TEST(ParseAmount, Limits) {
  EXPECT_EQ(parsed("10.000.000.000.000"), kMaxAmountCents);
  EXPECT_EQ(parsed("-10000000000000"), -kMaxAmountCents);
  EXPECT_EQ(parsed("0000000000000000000001"), 100);  // leading zeros do not count
}

// The FieldError of a refusal, with the Dutch title checked for the quoted input.
FieldError refusal(std::string_view s) {
  auto r = parse_amount(s);
  EXPECT_FALSE(r.ok()) << "accepted: " << s;
  if (r.ok()) return {};
  EXPECT_EQ(r.error().kind, ErrorKind::validation);
  EXPECT_EQ(r.error().fields.size(), 1u);
  const FieldError f = r.error().fields.at(0);
  EXPECT_EQ(f.field, "");
  EXPECT_FALSE(f.title.empty());
  EXPECT_FALSE(f.detail.empty());
  return f;
}

TEST(ParseAmount, RefusesEmpty) {
  EXPECT_EQ(refusal("").title, "Geen bedrag ingevuld.");
  EXPECT_EQ(refusal("   ").title, "Geen bedrag ingevuld.");
  EXPECT_EQ(refusal(kNbsp).title, "Geen bedrag ingevuld.");
  refusal("€");
  refusal("-");
  refusal("EUR");
  refusal(",-");
  refusal("'");
}

TEST(ParseAmount, RefusesLetters) {
  EXPECT_EQ(refusal("abc").title, "Geen geldig bedrag: ‘abc’ (alleen cijfers, een punt en een komma)");
  refusal("12a");
  refusal("1e5");
  refusal("twee");
  refusal("2 400");  // a space inside
  refusal("+2400");  // only '-' is a sign
  refusal("--2400");
  refusal("-€ -2400");
  refusal("(2400)");      // accounting negatives
  refusal("€ 2400 EUR");  // two currency marks
  refusal("USD 2400");
}

TEST(ParseAmount, RefusesMoreThanOneComma) {
  EXPECT_EQ(refusal("2,4,0").title, "Geen geldig bedrag: ‘2,4,0’ (meer dan één komma)");
}

TEST(ParseAmount, RefusesMoreThanTwoDecimalsAsAmbiguous) {
  const FieldError f = refusal("2,405");
  EXPECT_NE(f.title.find("‘2,405’"), std::string::npos);
  EXPECT_NE(f.title.find("meer dan twee cijfers na de komma; bedoelt u 2.405?"), std::string::npos);
  EXPECT_NE(f.detail.find("two decimals"), std::string::npos);
  EXPECT_EQ(refusal("2,4050").title.find("bedoelt"), std::string::npos);  // no thousands reading to offer
  EXPECT_EQ(refusal("12345,678").title.find("bedoelt"), std::string::npos);
  EXPECT_NE(refusal("1.234,567").title.find("bedoelt u 1.234.567?"), std::string::npos);
}

TEST(ParseAmount, RefusesMisplacedSeparators) {
  for (const char* s : {"2.40.0", "1..2", "1.2.3", ".50", ",50", "2400,", "2400.", "1,234.56", "2.400.5", "12345.678",
                        "1234.567", "1.2345", "2.40,-", "2400.50,-", "2,50,-", ".", ",", "2.400,", "1.234.5,6"}) {
    const FieldError f = refusal(s);
    EXPECT_NE(f.title.find("verkeerde plek"), std::string::npos) << s << ": " << f.title;
  }
}

TEST(ParseAmount, RefusesBeyondTheLimit) {
  EXPECT_NE(refusal("10.000.000.000.000,01").title.find("te groot"), std::string::npos);
  EXPECT_NE(refusal("-10000000000001").title.find("te groot"), std::string::npos);
  EXPECT_NE(refusal("99999999999999999999999999").title.find("te groot"), std::string::npos);
}

TEST(ParseAmount, LongInputIsCutInTheTitle) {
  const std::string longer(200, 'x');
  const FieldError f = refusal(longer);
  EXPECT_LT(f.title.size(), 120u);
  EXPECT_NE(f.title.find("…"), std::string::npos);
}

}  // namespace
}  // namespace wk

namespace wk {
namespace {

TEST(FormatAmountPlain, SpreadsheetCells) {
  EXPECT_EQ(format_amount_plain(240000), "2400");
  EXPECT_EQ(format_amount_plain(240050), "2400,50");
  EXPECT_EQ(format_amount_plain(5), "0,05");
  EXPECT_EQ(format_amount_plain(-3110), "-31,10");
  for (Cents c : {0LL, 1LL, 240050LL, -99LL, 123456789LL}) EXPECT_EQ(*parse_amount(format_amount_plain(c)), c);
}

}  // namespace
}  // namespace wk
