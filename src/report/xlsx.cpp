#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/dutch.hpp"
#include "core/text.hpp"
#include "report/report.hpp"

namespace wk::report {

// Excel's rules for sheet names: at most 31 characters (not bytes: a cut by bytes splits
// a multi-byte character and makes workbook.xml ill-formed), none of []:*?/\, no
// apostrophe at either end, not "History", and unique without regard to case.
std::string SheetNames::take(std::string_view wanted) {
  constexpr std::size_t kMaxChars = 31;
  std::string base;
  for (char c : wanted)
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos && c != '\n' && c != '\r') base += c;
  auto trim_apostrophes = [](std::string s) {
    while (!s.empty() && s.front() == '\'') s.erase(0, 1);
    while (!s.empty() && s.back() == '\'') s.pop_back();
    return text::trim(s);
  };
  base = trim_apostrophes(std::string(text::utf8_prefix(base, kMaxChars)));
  if (base.empty() || dutch::lower(base) == "history") base = "Tabel";
  std::string name = base;
  for (int i = 2; used_.count(dutch::lower(name)); ++i) {
    const std::string suffix = " (" + std::to_string(i) + ")";
    name = trim_apostrophes(std::string(text::utf8_prefix(base, kMaxChars - suffix.size()))) + suffix;
  }
  used_.insert(dutch::lower(name));
  return name;
}

namespace {

// A workbook being written to a temporary file (libxlsxwriter writes files).
class Workbook {
 public:
  Workbook() {
    char path_template[] = "/tmp/wijkkader-xlsx-XXXXXX";
    const int fd = ::mkstemp(path_template);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file");
    ::close(fd);
    path_ = path_template;
    wb_ = workbook_new(path_.c_str());
    if (!wb_) throw std::runtime_error("cannot create the workbook");
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    euro_ = money_format(false);
    euro_bold_ = money_format(true);
    title_ = workbook_add_format(wb_);
    format_set_bold(title_);
    format_set_font_size(title_, 13);
  }
  ~Workbook() {
    if (wb_) workbook_close(wb_);
    std::filesystem::remove(path_);
  }

  // Writes the table from `first_row` on: header, then rows; returns the next free row.
  lxw_worksheet* sheet(const std::string& name) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, names_.take(name).c_str());
    if (!ws) throw std::runtime_error("libxlsxwriter refused a sheet name");
    return ws;
  }
  lxw_row_t write(lxw_worksheet* ws, lxw_row_t row, const Table& table) {
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), table.columns[c].c_str(), bold_);
    ++row;
    for (const auto& tr : table.rows) {
      for (std::size_t c = 0; c < tr.cells.size(); ++c) {
        const auto& cell = tr.cells[c].value;
        const auto col = static_cast<lxw_col_t>(c);
        if (auto* s = std::get_if<std::string>(&cell))
          worksheet_write_string(ws, row, col, s->c_str(), tr.total ? bold_ : nullptr);
        else if (auto* m = std::get_if<Money>(&cell))
          worksheet_write_number(ws, row, col, static_cast<double>(m->cents) / 100.0, tr.total ? euro_bold_ : euro_);
        else
          worksheet_write_number(ws, row, col, static_cast<double>(std::get<std::int64_t>(cell)),
                                 tr.total ? bold_ : nullptr);
      }
      ++row;
    }
    worksheet_set_column(ws, 0, static_cast<lxw_col_t>(std::max<std::size_t>(table.columns.size(), 1) - 1), 18,
                         nullptr);
    return row;
  }
  lxw_format* title() { return title_; }

  std::string finish() {
    const auto rc = workbook_close(wb_);
    wb_ = nullptr;
    if (rc != LXW_NO_ERROR) throw std::runtime_error("cannot write the workbook");
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream data;
    data << in.rdbuf();
    return data.str();
  }

 private:
  lxw_format* money_format(bool bold) {
    lxw_format* f = workbook_add_format(wb_);
    // Dutch euro format: € 1.234 (Excel applies the reader's separators).
    format_set_num_format(f, "[$\xE2\x82\xAC-413] #,##0.00;[$\xE2\x82\xAC-413] -#,##0.00");
    if (bold) format_set_bold(f);
    return f;
  }

  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_format *bold_, *euro_, *euro_bold_, *title_;
  SheetNames names_;
};

}  // namespace

// One sheet per table, numbers as numbers: amounts in euros with a Dutch euro format, so
// that a spreadsheet can add them up again.
std::string render_xlsx(const Report& r) {
  Workbook wb;
  bool any = false;
  for (const auto& chapter : r.chapters)
    for (const auto& section : chapter.sections)
      for (const auto& table : section.tables) {
        any = true;
        lxw_worksheet* ws = wb.sheet(table.title);
        worksheet_write_string(ws, 0, 0, (std::to_string(chapter.number) + " " + table.title).c_str(), wb.title());
        worksheet_write_string(ws, 1, 0, ("Peildatum " + r.reference_date).c_str(), nullptr);
        wb.write(ws, 3, table);
      }
  if (!any) worksheet_write_string(wb.sheet("Verslag"), 0, 0, "Dit verslag bevat nog geen tabellen.", nullptr);
  return wb.finish();
}

std::string tables_xlsx(const std::vector<Table>& tables) {
  Workbook wb;
  for (const auto& table : tables) wb.write(wb.sheet(table.title), 0, table);
  return wb.finish();
}

}  // namespace wk::report
