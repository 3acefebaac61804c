// CSV as Dutch offices exchange it: Excel writes ';' (the decimal comma takes ',') in
// Windows-1252 or UTF-8 with a BOM, other tools write ',' in UTF-8. The import reads
// all of them (RFC 4180 quoting); the export writes ';', CRLF and a BOM so Excel opens
// it in UTF-8, and guards against formula injection. Pure functions, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace wk::csv {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The bytes of an uploaded file as UTF-8:
//   - a UTF-8 BOM is stripped; the rest is UTF-8 by declaration, and any invalid
//     sequence in it becomes U+FFFD (a BOM before Windows-1252 bytes is no real file);
//   - a UTF-16 BOM (Excel's "Unicode text", tab-separated) converts from UTF-16LE/BE;
//   - without a BOM, valid UTF-8 is returned as it is, and anything else is read as
//     Windows-1252 (0x80 → €, 0x92 → ’, the undefined 0x81 0x8D 0x8F 0x90 0x9D → U+FFFD).
// The result is always valid UTF-8.
std::string to_utf8(std::string_view bytes);

// The separator of a file from its header line: whichever of ';', ',' and '\t' occurs
// most outside quotes; a tie prefers ';' then ','; none at all gives ';'. Reading
// stops at the first line end outside quotes, so the whole text may be passed.
char detect_separator(std::string_view first_line);

struct Table {
  std::vector<std::vector<std::string>> rows;
  // For each row, the 1-based physical line where it starts (a quoted field may span
  // lines, and blank lines are skipped), so errors can point at the file's line.
  std::vector<int> line_numbers;
};

// RFC 4180: fields in '"' may hold the separator, line ends and "" for a quote; a '"'
// inside an unquoted field is kept as it is. Line ends are CRLF, LF or CR; the last
// line may lack one. Rows whose cells are all empty or blank (spaces, tabs) are
// skipped: Excel writes ";;;;" for an empty row. Rows may differ in length; checking
// the columns is the caller's business. A leading UTF-8 BOM is ignored.
// Refused (bad_request, Dutch title and English detail naming the line): a quote
// that is never closed, and text after a closing quote other than spaces (`"a"b`).
Result<Table> parse(std::string_view utf8, char separator);

// One cell for export. A value starting with '=', '+', '-', '@', tab or CR gets a
// leading "'" so a spreadsheet does not run it as a formula (OWASP "CSV injection");
// then the value is quoted when it holds the separator, a '"', CR or LF.
std::string escape_cell(std::string_view value, char separator);

// The escaped cells joined by the separator, ending with "\r\n" (RFC 4180).
std::string write_row(const std::vector<std::string>& cells, char separator);

}  // namespace wk::csv
