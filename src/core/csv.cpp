#include "core/csv.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace wk::csv {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Windows-1252 0x80–0x9F; 0 marks the five undefined bytes. 0xA0–0xFF equal Latin-1.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

unsigned char byte_at(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

// Length of the well-formed UTF-8 sequence at s[i] (Unicode table 3-7: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const unsigned char b = byte_at(s, i);
  if (b < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (byte_at(s, i + 1) < lo || byte_at(s, i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if ((byte_at(s, i + k) & 0xC0) != 0x80) return 0;
  }
  return len;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string replace_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) {
      utf8::append(out, kReplacement);
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string from_cp1252(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else if (b < 0xA0) {
      const char32_t cp = kCp1252High[b - 0x80];
      utf8::append(out, cp == 0 ? kReplacement : cp);
    } else {
      utf8::append(out, b);
    }
  }
  return out;
}

std::string from_utf16(std::string_view s, bool little_endian) {
  std::string out;
  out.reserve(s.size());
  auto unit = [&](std::size_t i) -> char32_t {
    const char32_t a = byte_at(s, i), b = byte_at(s, i + 1);
    return little_endian ? (b << 8 | a) : (a << 8 | b);
  };
  std::size_t i = 0;
  for (; i + 1 < s.size(); i += 2) {
    const char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        utf8::append(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    utf8::append(out, (u >= 0xD800 && u <= 0xDFFF) ? kReplacement : u);  // an unpaired surrogate
  }
  if (i < s.size()) utf8::append(out, kReplacement);  // an odd last byte
  return out;
}

bool is_line_end(char c) {
  return c == '\r' || c == '\n';
}

bool is_blank_row(const std::vector<std::string>& row) {
  return std::all_of(row.begin(), row.end(),
                     [](const std::string& cell) { return cell.find_first_not_of(" \t") == std::string::npos; });
}

Error unterminated_quote(int line) {
  const std::string n = std::to_string(line);
  return Error::bad_request(Nl{"Regel " + n + ": een veld tussen aanhalingstekens wordt niet afgesloten."},
                            En{"Line " + n + ": a quoted field is never closed; a '\"' is missing."});
}

Error text_after_quote(int line) {
  const std::string n = std::to_string(line);
  return Error::bad_request(Nl{"Regel " + n +
                               ": er staat tekst na het afsluitende aanhalingsteken van een veld. Schrijf een "
                               "aanhalingsteken binnen een veld als \"\"."},
                            En{"Line " + n +
                               ": text follows the closing '\"' of a quoted field. Inside a quoted field, write a "
                               "quote as \"\"."});
}

}  // namespace

std::string to_utf8(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) return replace_invalid_utf8(bytes.substr(kUtf8Bom.size()));
  if (bytes.starts_with("\xFF\xFE")) return from_utf16(bytes.substr(2), true);
  if (bytes.starts_with("\xFE\xFF")) return from_utf16(bytes.substr(2), false);
  if (is_valid_utf8(bytes)) return std::string(bytes);
  return from_cp1252(bytes);
}

char detect_separator(std::string_view first_line) {
  if (first_line.starts_with(kUtf8Bom)) first_line.remove_prefix(kUtf8Bom.size());
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool in_quotes = false;
  for (char c : first_line) {
    if (c == '"') in_quotes = !in_quotes;  // "" inside quotes toggles twice: no change
    if (in_quotes) continue;
    if (is_line_end(c)) break;
    if (c == ';') ++semicolons;
    if (c == ',') ++commas;
    if (c == '\t') ++tabs;
  }
  if (semicolons >= commas && semicolons >= tabs) return ';';
  return commas >= tabs ? ',' : '\t';
}

Result<Table> parse(std::string_view in, char separator) {
  if (separator == '"' || is_line_end(separator)) {
    return Error::bad_request(En{"The CSV separator cannot be a quote or a line end."});
  }
  if (in.starts_with(kUtf8Bom)) in.remove_prefix(kUtf8Bom.size());

  Table table;
  int line = 1;
  std::size_t i = 0;
  const std::size_t n = in.size();
  while (i < n) {
    const int row_line = line;
    std::vector<std::string> row;
    while (true) {  // one field per turn
      std::string field;
      if (i < n && in[i] == '"') {
        const int quote_line = line;
        ++i;
        while (true) {
          if (i >= n) return unterminated_quote(quote_line);
          const char c = in[i];
          if (c == '"') {
            if (i + 1 < n && in[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          // CRLF, LF and CR each count as one line end, inside quotes too.
          if (c == '\n' || (c == '\r' && !(i + 1 < n && in[i + 1] == '\n'))) ++line;
          field += c;
          ++i;
        }
        while (i < n && in[i] == ' ' && separator != ' ') ++i;
        if (i < n && in[i] != separator && !is_line_end(in[i])) return text_after_quote(line);
      } else {
        const std::size_t start = i;
        while (i < n && in[i] != separator && !is_line_end(in[i])) ++i;
        field.assign(in.substr(start, i - start));
      }
      row.push_back(std::move(field));
      if (i < n && in[i] == separator) {
        ++i;
        continue;
      }
      break;  // a line end or the end of the text
    }
    if (i < n) {  // at CRLF, LF or CR
      if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n') ++i;
      ++i;
    }
    ++line;
    if (is_blank_row(row)) continue;
    table.rows.push_back(std::move(row));
    table.line_numbers.push_back(row_line);
  }
  return table;
}

std::string escape_cell(std::string_view value, char separator) {
  std::string cell;
  cell.reserve(value.size() + 3);
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                         value[0] == '\r')) {
    cell += '\'';
  }
  cell += value;
  const bool needs_quotes = cell.find_first_of(std::string{separator, '"', '\r', '\n'}) != std::string::npos;
  if (!needs_quotes) return cell;
  std::string quoted;
  quoted.reserve(cell.size() + 4);
  quoted += '"';
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string write_row(const std::vector<std::string>& cells, char separator) {
  std::string out;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k > 0) out += separator;
    out += escape_cell(cells[k], separator);
  }
  out += "\r\n";
  return out;
}

}  // namespace wk::csv
