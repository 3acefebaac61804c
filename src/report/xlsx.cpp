#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "report/report.hpp"

namespace wk::report {

namespace {

// Excel forbids []:*?/\ in sheet names and allows 31 characters; names must be unique.
std::string sheet_name(const std::string& wanted, std::set<std::string>& used) {
  std::string base;
  for (char c : wanted)
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) base += c;
  base = base.substr(0, 28);
  if (base.empty()) base = "Tabel";
  std::string name = base;
  for (int i = 2; used.count(name); ++i) name = base + " " + std::to_string(i);
  used.insert(name);
  return name;
}

}  // namespace

// One sheet per table, numbers as numbers: amounts in euros with a Dutch euro format, so
// that a spreadsheet can add them up again.
std::string render_xlsx(const Report& r) {
  namespace fs = std::filesystem;
  char path_template[] = "/tmp/wijkkader-xlsx-XXXXXX";
  const int fd = ::mkstemp(path_template);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  ::close(fd);
  const std::string path = path_template;

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("cannot create the workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* euro = workbook_add_format(wb);
  format_set_num_format(euro, "[$\xE2\x82\xAC-413] #,##0;[$\xE2\x82\xAC-413] -#,##0");
  lxw_format* euro_bold = workbook_add_format(wb);
  format_set_num_format(euro_bold, "[$\xE2\x82\xAC-413] #,##0;[$\xE2\x82\xAC-413] -#,##0");
  format_set_bold(euro_bold);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 13);

  std::set<std::string> used;
  bool any = false;
  for (const auto& chapter : r.chapters)
    for (const auto& section : chapter.sections)
      for (const auto& table : section.tables) {
        any = true;
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(table.title, used).c_str());
        worksheet_write_string(ws, 0, 0, (std::to_string(chapter.number) + " " + table.title).c_str(), title);
        worksheet_write_string(ws, 1, 0, ("Peildatum " + r.reference_date).c_str(), nullptr);
        for (std::size_t c = 0; c < table.columns.size(); ++c)
          worksheet_write_string(ws, 3, static_cast<lxw_col_t>(c), table.columns[c].c_str(), bold);
        lxw_row_t row = 4;
        for (const auto& tr : table.rows) {
          for (std::size_t c = 0; c < tr.cells.size(); ++c) {
            const auto& cell = tr.cells[c].value;
            const auto col = static_cast<lxw_col_t>(c);
            if (auto* s = std::get_if<std::string>(&cell))
              worksheet_write_string(ws, row, col, s->c_str(), tr.total ? bold : nullptr);
            else if (auto* m = std::get_if<Money>(&cell))
              worksheet_write_number(ws, row, col, static_cast<double>(m->cents) / 100.0, tr.total ? euro_bold : euro);
            else
              worksheet_write_number(ws, row, col, static_cast<double>(std::get<std::int64_t>(cell)),
                                     tr.total ? bold : nullptr);
          }
          ++row;
        }
        worksheet_set_column(ws, 0, 0, 28, nullptr);
        worksheet_set_column(ws, 1, static_cast<lxw_col_t>(std::max<std::size_t>(table.columns.size(), 2) - 1), 16,
                             nullptr);
      }
  if (!any) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Verslag");
    worksheet_write_string(ws, 0, 0, "Dit verslag bevat nog geen tabellen.", nullptr);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    throw std::runtime_error("cannot write the workbook");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream data;
  data << in.rdbuf();
  std::filesystem::remove(path);
  return data.str();
}

}  // namespace wk::report
