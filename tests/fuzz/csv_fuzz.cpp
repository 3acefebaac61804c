// Fuzzes the CSV reader (core/csv.hpp) and the receipts import's cell rules that need
// no database. The input is an uploaded file's bytes, as POST /api/v1/receipts/import
// receives them (modules/cases/transfer.cpp): to_utf8, detect_separator, parse. The
// text is also parsed with ';' and ',' whatever the header says, and the raw bytes
// with the separator found, so that the reader is exercised apart from the transcoding.
//
// Each row's cells then go through what the import checks without the database
// (Importer::read_row): a Dutch amount (parse_amount), a date (parse_date_nl_or_iso), a
// status, lengths, the BSN finder, and the free-text checks of a case's fields. Looking
// up programmes, teams, cost categories and payers needs the database and is left out.
//
// A refusal (an unclosed quote, text after a closing quote, a bad amount or date) is a
// normal outcome. A bug is a crash, a sanitizer report, an escaping exception, or one
// of the checks below, each a promise of a header comment.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/money.hpp"
#include "core/privacy.hpp"
#include "core/result.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "fuzz_check.hpp"
#include "modules/cases/model.hpp"
#include "modules/cases/transfer.hpp"

namespace {

using wk::csv::Table;

constexpr std::size_t kMaxRowsChecked = 2000;  // keeps one input's run short

bool is_blank(const std::vector<std::string>& row) {
  for (const auto& cell : row)
    if (cell.find_first_not_of(" \t") != std::string::npos) return false;
  return true;
}

// Table's promises: one line number per row, 1-based and increasing; blank rows skipped.
void check_table(const Table& table) {
  WK_FUZZ_CHECK(table.rows.size() == table.line_numbers.size(), "rows and line numbers differ in count");
  int previous = 0;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    WK_FUZZ_CHECK(table.line_numbers[i] > previous, "line numbers are not increasing from 1");
    previous = table.line_numbers[i];
    WK_FUZZ_CHECK(!table.rows[i].empty(), "a row without cells");
    WK_FUZZ_CHECK(!is_blank(table.rows[i]), "a blank row was kept");
  }
}

// The export writes what the import reads: a row written by write_row parses back to its
// cells, with the formula guard "'" in front of the cells escape_cell guards.
void check_round_trip(const std::vector<std::string>& cells, char separator) {
  std::vector<std::string> expected;
  for (const auto& cell : cells) {
    const bool guarded = !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                                           cell[0] == '\t' || cell[0] == '\r');
    expected.push_back(guarded ? "'" + cell : cell);
  }
  // A row of blanks is skipped on reading; a first cell that starts with a BOM loses it
  // (parse ignores a leading BOM, as the export's own BOM must be).
  if (expected.empty() || is_blank(expected) || std::string_view(expected[0]).starts_with(wk::csv::kUtf8Bom)) return;
  const std::string line = wk::csv::write_row(cells, separator);
  auto back = wk::csv::parse(line, separator);
  WK_FUZZ_CHECK(back.ok(), "a row written by write_row is refused by parse");
  WK_FUZZ_CHECK(back->rows.size() == 1, "a row written by write_row parses as another number of rows");
  WK_FUZZ_CHECK(back->rows[0] == expected, "a row written by write_row parses back to other cells");
}

std::string fold(std::string_view s) {
  return wk::text::to_lower_ascii(wk::text::trim(s));
}

void check_amount(std::string_view cell) {
  auto cents = wk::parse_amount(cell);
  if (!cents) {
    // "a validation Error with one FieldError whose field is left "" for the caller".
    WK_FUZZ_CHECK(cents.error().kind == wk::ErrorKind::validation, "an amount refused as something else");
    WK_FUZZ_CHECK(cents.error().fields.size() == 1 && cents.error().fields[0].field.empty(),
                  "an amount refusal without exactly one field error with an empty field");
    return;
  }
  const wk::Cents c = *cents;
  WK_FUZZ_CHECK(c >= -wk::kMaxAmountCents && c <= wk::kMaxAmountCents, "an amount beyond kMaxAmountCents");
  // format_amount_plain: "what Dutch Excel reads as a number and parse_amount reads back";
  // format_euro: "€ -2.400, as format_euro writes it" is read.
  auto plain = wk::parse_amount(wk::format_amount_plain(c));
  WK_FUZZ_CHECK(plain.ok() && *plain == c, "format_amount_plain does not read back");
  auto euro = wk::parse_amount(wk::format_euro(c));
  WK_FUZZ_CHECK(euro.ok() && *euro == c, "format_euro does not read back");
}

void check_date(std::string_view cell) {
  const auto iso = wk::parse_date_nl_or_iso(cell);
  if (!iso) return;
  WK_FUZZ_CHECK(wk::is_valid_iso_date(*iso), "parse_date_nl_or_iso returned a date that is not ISO and real");
  const auto again = wk::parse_date_nl_or_iso(wk::iso_to_dutch_date(*iso));
  WK_FUZZ_CHECK(again && *again == *iso, "a date written the Dutch way does not read back");
}

void check_free_text(std::string_view column, const std::string& value) {
  if (auto bsn = wk::text::find_bsn(value)) {
    WK_FUZZ_CHECK(bsn->size() == 9 && wk::text::is_valid_bsn(*bsn), "find_bsn returned something that is no BSN");
  }
  std::vector<wk::FieldError> errors;
  std::vector<wk::Warning> warnings;
  wk::check_free_text(column, value, errors, warnings);
}

// Importer::read_row without the look-ups: the cells of one row by column name.
void check_import_row(const std::vector<std::string>& row, const std::map<std::string, std::size_t>& column) {
  auto cell = [&](const std::string& name) -> std::string {
    const auto it = column.find(name);
    return it != column.end() && it->second < row.size() ? wk::text::trim(row[it->second]) : std::string();
  };
  const auto group = cell("groep");
  (void)wk::text::utf8_length(group);
  const auto reference = cell("casus");
  (void)wk::text::utf8_length(reference);
  check_free_text("casus", reference);
  std::string status = fold(cell("status"));
  for (auto& c : status)
    if (c == ' ') c = '_';
  if (auto s = wk::cases::status_from(status))
    WK_FUZZ_CHECK(wk::cases::to_string(*s) == status, "a status does not read back from its name");
  check_date(cell("statusdatum"));
  (void)fold(cell("kant"));
  check_amount(cell("bedrag_per_jaar"));
  const auto description = cell("omschrijving");
  (void)wk::text::utf8_length(description);
  check_free_text("omschrijving", description);
}

void check_import(const Table& table) {
  if (table.rows.empty()) return;
  // The header names the columns. Where it lacks one the import stops; here the cells
  // are read by position instead, so that the cell rules see every input.
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < table.rows[0].size(); ++i) column[fold(table.rows[0][i])] = i;
  const auto& names = wk::cases::transfer_columns();
  for (std::size_t i = 0; i < names.size(); ++i) column.try_emplace(names[i], i);
  for (std::size_t r = 1; r < table.rows.size() && r < kMaxRowsChecked; ++r) check_import_row(table.rows[r], column);
}

void parse_and_check(std::string_view text, char separator, bool round_trip) {
  auto table = wk::csv::parse(text, separator);
  if (!table) {
    WK_FUZZ_CHECK(table.error().kind == wk::ErrorKind::bad_request, "a CSV refused as something other than 400");
    return;
  }
  check_table(*table);
  if (!round_trip) return;
  for (std::size_t r = 0; r < table->rows.size() && r < kMaxRowsChecked; ++r)
    check_round_trip(table->rows[r], separator);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // "The result is always valid UTF-8."
  const std::string text = wk::csv::to_utf8(bytes);
  WK_FUZZ_CHECK(wk::fuzz::is_valid_utf8(text), "to_utf8 returned invalid UTF-8");
  const char separator = wk::csv::detect_separator(text);
  WK_FUZZ_CHECK(separator == ';' || separator == ',' || separator == '\t', "detect_separator returned another byte");

  // The import's own path, then the cell rules on its rows.
  auto table = wk::csv::parse(text, separator);
  if (table) {
    check_table(*table);
    check_import(*table);
    for (std::size_t r = 0; r < table->rows.size() && r < kMaxRowsChecked; ++r)
      check_round_trip(table->rows[r], separator);
  } else {
    WK_FUZZ_CHECK(table.error().kind == wk::ErrorKind::bad_request, "a CSV refused as something other than 400");
  }

  // Both separators whatever the header says, and the bytes before transcoding.
  for (char other : {';', ','})
    if (other != separator) parse_and_check(text, other, true);
  parse_and_check(bytes, separator, false);
  return 0;
}
