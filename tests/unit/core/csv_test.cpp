#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace wk::csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Table parsed(std::string_view text, char separator) {
  auto r = parse(text, separator);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
  return r.ok() ? *r : Table{};
}

TEST(CsvToUtf8, StripsTheBom) {
  EXPECT_EQ(to_utf8("\xEF\xBB\xBFprogramma;bedrag"), "programma;bedrag");
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF"), "");
}

TEST(CsvToUtf8, KeepsValidUtf8) {
  EXPECT_EQ(to_utf8("Caf\xC3\xA9 \xE2\x82\xAC 2.400"), "Café € 2.400");
  EXPECT_EQ(to_utf8("co\xC3\xB6rdinator \xF0\x9F\x98\x80"), "coördinator 😀");
  EXPECT_EQ(to_utf8(""), "");
  EXPECT_EQ(to_utf8("plain ascii;1"), "plain ascii;1");
}

TEST(CsvToUtf8, ReadsWindows1252) {
  EXPECT_EQ(to_utf8("Caf\xE9"), "Café");
  EXPECT_EQ(to_utf8("\x80 2.400"), "€ 2.400");
  EXPECT_EQ(to_utf8("cli\xEBnt\x92s"), "cliënt’s");
  EXPECT_EQ(to_utf8("\x91quote\x92 \x93"
                    "dubbel\x94 \x85 \x96 \x97"),
            "‘quote’ “dubbel” … – —");
  EXPECT_EQ(to_utf8("\x8A\x8C\x8E\x9A\x9C\x9E\x9F\x83\x99"), "ŠŒŽšœžŸƒ™");
  EXPECT_EQ(to_utf8("\xA0\xFF"), "\xC2\xA0ÿ");
}

TEST(CsvToUtf8, UndefinedWindows1252BytesBecomeReplacementCharacters) {
  EXPECT_EQ(to_utf8("a\x81"
                    "b\x8D"
                    "c\x8F"
                    "d\x90"
                    "e\x9D"),
            "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD");
}

TEST(CsvToUtf8, InvalidUtf8WithoutBomIsWindows1252) {
  // One invalid sequence makes the whole file Windows-1252, also its valid-looking parts.
  EXPECT_EQ(to_utf8("\xC3\xA9 Caf\xE9"), "Ã© Café");
  EXPECT_EQ(to_utf8("\xC0\xAF"), "À¯");            // overlong '/'
  EXPECT_EQ(to_utf8("\xED\xA0\x80"), "í\u00A0€");  // a surrogate
  EXPECT_EQ(to_utf8("\xE2\x82"), "â\u201A");       // cut short
}

TEST(CsvToUtf8, InvalidUtf8AfterABomBecomesReplacementCharacters) {
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF"
                    "Caf\xE9 \xE2\x82\xAC"),
            "Caf\uFFFD €");
}

TEST(CsvToUtf8, Utf16WithBom) {
  EXPECT_EQ(to_utf8(std::string("\xFF\xFE"
                                "C\0a\0f\0\xE9\0\t\0\xAC\x20",
                                14)),
            "Café\t€");
  EXPECT_EQ(to_utf8(std::string("\xFE\xFF\0C\0a\0f\0\xE9", 10)), "Café");
  EXPECT_EQ(to_utf8(std::string("\xFF\xFE\x3D\xD8\x00\xDE", 6)), "😀");  // a surrogate pair
  EXPECT_EQ(to_utf8(std::string("\xFF\xFE\x3D\xD8"
                                "a\0",
                                6)),
            "\uFFFDa");  // an unpaired surrogate
  EXPECT_EQ(to_utf8(std::string("\xFF\xFE"
                                "a\0b",
                                5)),
            "a\uFFFD");  // an odd last byte
}

TEST(CsvDetectSeparator, CountsOutsideQuotes) {
  EXPECT_EQ(detect_separator("programma;groep;casus;bedrag_per_jaar"), ';');
  EXPECT_EQ(detect_separator("programma,groep,casus,bedrag_per_jaar"), ',');
  EXPECT_EQ(detect_separator("programma\tgroep\tcasus"), '\t');
  EXPECT_EQ(detect_separator("\"a,b,c\";\"d,e\";f"), ';');
  EXPECT_EQ(detect_separator("\"a;b;c\",\"d;e\",f"), ',');
  EXPECT_EQ(detect_separator("\"say \"\"x;y\"\"\",b,c"), ',');
}

TEST(CsvDetectSeparator, TieAndNothingPreferSemicolon) {
  EXPECT_EQ(detect_separator("a;b,c"), ';');
  EXPECT_EQ(detect_separator("a,b\tc"), ',');
  EXPECT_EQ(detect_separator("bedrag"), ';');
  EXPECT_EQ(detect_separator(""), ';');
}

TEST(CsvDetectSeparator, StopsAtTheFirstLineEnd) {
  EXPECT_EQ(detect_separator("a;b\r\n1,2,3,4,5"), ';');
  EXPECT_EQ(detect_separator("a,b\n1;2;3;4"), ',');
  EXPECT_EQ(detect_separator("a;b\r1,2,3,4"), ';');
  EXPECT_EQ(detect_separator("\"x\ny,z,w\";b;c\n1,2,3,4,5,6"), ';');  // a line end inside quotes
  EXPECT_EQ(detect_separator("\xEF\xBB\xBFprogramma,groep"), ',');
}

TEST(CsvParse, SemicolonAndComma) {
  EXPECT_EQ(parsed("a;b;c\n1;2;3\n", ';').rows, (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(parsed("a,b,c\n1,2,3\n", ',').rows, (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(parsed("a\tb\n1\t2", '\t').rows, (Rows{{"a", "b"}, {"1", "2"}}));
  // The other separator is ordinary text: Dutch amounts keep their comma.
  EXPECT_EQ(parsed("bedrag;x\n2.400,50;1,5\n", ';').rows, (Rows{{"bedrag", "x"}, {"2.400,50", "1,5"}}));
}

TEST(CsvParse, LineEnds) {
  const Rows want{{"a", "b"}, {"1", "2"}, {"3", "4"}};
  EXPECT_EQ(parsed("a;b\r\n1;2\r\n3;4\r\n", ';').rows, want);
  EXPECT_EQ(parsed("a;b\n1;2\n3;4\n", ';').rows, want);
  EXPECT_EQ(parsed("a;b\r1;2\r3;4\r", ';').rows, want);
  EXPECT_EQ(parsed("a;b\r\n1;2\n3;4", ';').rows, want);  // mixed, no line end at the last line
}

TEST(CsvParse, EmptyFields) {
  EXPECT_EQ(parsed("a;;c;\n", ';').rows, (Rows{{"a", "", "c", ""}}));
  EXPECT_EQ(parsed(";x", ';').rows, (Rows{{"", "x"}}));
  EXPECT_EQ(parsed("\"\";x", ';').rows, (Rows{{"", "x"}}));
  EXPECT_EQ(parsed("a; b ;c", ';').rows, (Rows{{"a", " b ", "c"}}));  // spaces are data
}

TEST(CsvParse, QuotedFields) {
  EXPECT_EQ(parsed("\"a;b\";c\n", ';').rows, (Rows{{"a;b", "c"}}));
  EXPECT_EQ(parsed("\"zei \"\"ja\"\"\";\"\"\"\"\n", ';').rows, (Rows{{"zei \"ja\"", "\""}}));
  EXPECT_EQ(parsed("\"regel 1\nregel 2\";x\n", ';').rows, (Rows{{"regel 1\nregel 2", "x"}}));
  EXPECT_EQ(parsed("\"regel 1\r\nregel 2\";x\r\n", ';').rows, (Rows{{"regel 1\r\nregel 2", "x"}}));
  EXPECT_EQ(parsed("\"2.400,50\",\"a,b\"", ',').rows, (Rows{{"2.400,50", "a,b"}}));
  EXPECT_EQ(parsed("\"a\"  ;b", ';').rows, (Rows{{"a", "b"}}));  // spaces after the closing quote
  EXPECT_EQ(parsed("\"a\";\"\"", ';').rows, (Rows{{"a", ""}}));
}

TEST(CsvParse, QuoteInsideAnUnquotedFieldIsText) {
  EXPECT_EQ(parsed("tablet 10\";x", ';').rows, (Rows{{"tablet 10\"", "x"}}));
  EXPECT_EQ(parsed(" \"a\";x", ';').rows, (Rows{{" \"a\"", "x"}}));
}

TEST(CsvParse, BlankLinesAreSkippedAndLinesCounted) {
  const Table t = parsed("\r\na;b\r\n\r\n1;2\n;\n  \n\"x\ny\";3\n4;5\n\n", ';');
  EXPECT_EQ(t.rows, (Rows{{"a", "b"}, {"1", "2"}, {"x\ny", "3"}, {"4", "5"}}));
  EXPECT_EQ(t.line_numbers, (std::vector<int>{2, 4, 7, 9}));
}

TEST(CsvParse, LineNumbersCountCrAndCrlfInsideQuotesOnce) {
  const Table t = parsed("\"a\r\nb\rc\nd\";1\r\ne;2", ';');
  EXPECT_EQ(t.rows, (Rows{{"a\r\nb\rc\nd", "1"}, {"e", "2"}}));
  EXPECT_EQ(t.line_numbers, (std::vector<int>{1, 5}));
}

TEST(CsvParse, ExcelEmptyRowsOfSeparatorsAreSkipped) {
  const Table t = parsed("a;b;c\r\n1;2;3\r\n;;\r\n;;\r\n", ';');
  EXPECT_EQ(t.rows, (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvParse, RowsMayDifferInLength) {
  EXPECT_EQ(parsed("a;b;c\n1\n1;2;3;4", ';').rows, (Rows{{"a", "b", "c"}, {"1"}, {"1", "2", "3", "4"}}));
}

TEST(CsvParse, EmptyInputHasNoRows) {
  EXPECT_TRUE(parsed("", ';').rows.empty());
  EXPECT_TRUE(parsed("\r\n\n", ';').rows.empty());
  EXPECT_TRUE(parsed("\xEF\xBB\xBF", ';').rows.empty());
}

TEST(CsvParse, IgnoresABom) {
  EXPECT_EQ(parsed("\xEF\xBB\xBFprogramma;groep", ';').rows, (Rows{{"programma", "groep"}}));
}

TEST(CsvParse, AfterToUtf8) {
  const Table t = parsed(to_utf8("omschrijving;bedrag\r\nCaf\xE9;\x80 2.400\r\n"), ';');
  EXPECT_EQ(t.rows, (Rows{{"omschrijving", "bedrag"}, {"Café", "€ 2.400"}}));
}

TEST(CsvParse, RefusesAnUnterminatedQuoteNamingItsLine) {
  const auto r = parse("a;b\n1;2\n\"open;3\n4;5\n", ';');
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::bad_request);
  EXPECT_EQ(r.error().title, "Regel 3: een veld tussen aanhalingstekens wordt niet afgesloten.");
  EXPECT_NE(r.error().detail.find("Line 3"), std::string::npos);
  EXPECT_FALSE(parse("\"", ';').ok());
  EXPECT_FALSE(parse("a;\"b\"\"", ';').ok());  // the last quote is an escaped one
}

TEST(CsvParse, RefusesTextAfterAClosingQuote) {
  const auto r = parse("a;b\n\"x\ny\"z;1\n", ';');
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::bad_request);
  EXPECT_NE(r.error().title.find("Regel 3"), std::string::npos);
  EXPECT_NE(r.error().detail.find("Line 3"), std::string::npos);
  EXPECT_FALSE(parse("\"a\" b;c", ';').ok());
}

TEST(CsvParse, RefusesAQuoteOrLineEndAsSeparator) {
  EXPECT_FALSE(parse("a", '"').ok());
  EXPECT_FALSE(parse("a", '\n').ok());
  EXPECT_FALSE(parse("a", '\r').ok());
}

TEST(CsvEscapeCell, PlainValuesStayAsTheyAre) {
  EXPECT_EQ(escape_cell("Doorstroomwoningen", ';'), "Doorstroomwoningen");
  EXPECT_EQ(escape_cell("2.400,50", ';'), "2.400,50");
  EXPECT_EQ(escape_cell("", ';'), "");
  EXPECT_EQ(escape_cell("Café €", ';'), "Café €");
  EXPECT_EQ(escape_cell("a-b", ';'), "a-b");  // a minus inside is no formula
}

TEST(CsvEscapeCell, QuotesWhenNeeded) {
  EXPECT_EQ(escape_cell("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(escape_cell("2.400,50", ','), "\"2.400,50\"");
  EXPECT_EQ(escape_cell("zei \"ja\"", ';'), "\"zei \"\"ja\"\"\"");
  EXPECT_EQ(escape_cell("regel 1\nregel 2", ';'), "\"regel 1\nregel 2\"");
  EXPECT_EQ(escape_cell("a\rb", ';'), "\"a\rb\"");
  EXPECT_EQ(escape_cell("a\tb", '\t'), "\"a\tb\"");
}

TEST(CsvEscapeCell, GuardsAgainstFormulaInjection) {
  EXPECT_EQ(escape_cell("=HYPERLINK(\"http://x\")", ';'), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(escape_cell("=1+1", ';'), "'=1+1");
  EXPECT_EQ(escape_cell("+31 6 1234", ';'), "'+31 6 1234");
  EXPECT_EQ(escape_cell("-2.400", ';'), "'-2.400");
  EXPECT_EQ(escape_cell("@SUM(A1)", ';'), "'@SUM(A1)");
  EXPECT_EQ(escape_cell("\tx", ';'), "'\tx");
  EXPECT_EQ(escape_cell("\rx", ';'), "\"'\rx\"");
  EXPECT_EQ(escape_cell("=a;b", ';'), "\"'=a;b\"");
}

TEST(CsvWriteRow, JoinsAndEndsWithCrlf) {
  EXPECT_EQ(write_row({"a", "b;c", "", "=1"}, ';'), "a;\"b;c\";;'=1\r\n");
  EXPECT_EQ(write_row({}, ';'), "\r\n");
  EXPECT_EQ(write_row({"x"}, ','), "x\r\n");
}

TEST(CsvRoundTrip, WriteThenParseGivesTheCellsBack) {
  const Rows rows{
      {"programma", "groep", "omschrijving", "bedrag_per_jaar"},
      {"Doorstroomwoningen", "Groep \"A\"", "huur; servicekosten", "2.400,50"},
      {"Meldpunt", "", "regel 1\nregel 2\r\nregel 3", "\xE2\x82\xAC 10.577"},
      {"a,b", " spatie ", "\"", "0"},
      {"", "", "", "x"},
  };
  for (char separator : {';', ',', '\t'}) {
    std::string text(kUtf8Bom);
    for (const auto& row : rows) text += write_row(row, separator);
    const Table t = parsed(to_utf8(text), separator);
    EXPECT_EQ(t.rows, rows) << "separator " << separator;
    EXPECT_EQ(t.line_numbers, (std::vector<int>{1, 2, 3, 6, 7}));
    EXPECT_EQ(detect_separator(text), separator);
  }
}

TEST(CsvRoundTrip, GuardedCellsComeBackWithTheirApostrophe) {
  const Table t = parsed(write_row({"-2.400", "=1+1", "@x"}, ';'), ';');
  EXPECT_EQ(t.rows, (Rows{{"'-2.400", "'=1+1", "'@x"}}));
}

}  // namespace
}  // namespace wk::csv
