// The annual report (activiteitenverslag, SPEC §4.6): chapters in the order of the
// model report; narrative paragraphs written in the application per year and chapter;
// every table computed from the records as of the reference date. Modules contribute
// chapters through one interface; the framework assembles them and renders HTML (a
// printable document, also the source of the PDF), JSON and XLSX.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"
#include "report/indicators.hpp"
#include "store/database.hpp"

namespace wk::report {

// A figure or text in a table. `link` points at the records behind the figure (a page of
// the web app); it is left empty for readers who may not see those records.
struct Money {
  Cents cents;
};

struct Cell {
  std::variant<std::string, Money, std::int64_t> value;
  std::string link;
  bool figure = false;  // text that is a figure ("12,3"): aligned as a number

  static Cell text(std::string s, std::string link = {}) { return {std::move(s), std::move(link)}; }
  static Cell figure_text(std::string s, std::string link = {}) { return {std::move(s), std::move(link), true}; }
  static Cell money(Cents c, std::string link = {}) { return {Money{c}, std::move(link)}; }
  static Cell count(std::int64_t n, std::string link = {}) { return {n, std::move(link)}; }
};

struct Row {
  std::vector<Cell> cells;
  bool total = false;  // a Totaal row: shown bold
};

struct Table {
  std::string id;     // stable, used for the XLSX sheet name
  std::string title;  // Dutch caption
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

// A block of a chapter: an optional heading, sentences, tables.
struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<Table> tables;
};

struct BuildContext {
  store::Tx& tx;
  const Principal& reader;
  std::int64_t org_id;
  int year;
  std::string reference_date;  // YYYY-MM-DD
};

class Chapter {
 public:
  // key: stable, used in URLs and for the texts; title: Dutch; order: the position in the
  // model report.
  Chapter(std::string key, std::string title, int order)
      : key_(std::move(key)), title_(std::move(title)), order_(order) {}
  virtual ~Chapter() = default;
  const std::string& key() const { return key_; }
  const std::string& title() const { return title_; }
  int order() const { return order_; }
  // The computed part; empty for chapters that are narrative only.
  virtual std::vector<Section> build(const BuildContext&) const { return {}; }
  // The first year the chapter's records say something about (its earliest date), so
  // the report's year list starts at the organisation's first data; nullopt: none.
  virtual std::optional<int> first_year(store::Tx&, std::int64_t /*org_id*/) const { return std::nullopt; }

 private:
  std::string key_;
  std::string title_;
  int order_;
};

class Registry {
 public:
  // The narrative chapters of the model report (introduction, developments, …).
  Registry();
  void add(std::unique_ptr<Chapter> chapter);
  std::vector<const Chapter*> ordered() const;
  const Chapter* find(std::string_view key) const;

 private:
  std::vector<std::unique_ptr<Chapter>> chapters_;
};

struct AssembledChapter {
  int number;
  std::string key;
  std::string title;
  std::optional<std::string> text;  // Markdown written in the app; nullopt: not yet
  std::vector<Section> sections;
};

struct Report {
  int year;
  std::string organisation;
  std::string reference_date;
  std::vector<AssembledChapter> chapters;
};

// Who may read the report: the director, quality staff and the funder (figures only).
bool may_read_report(const Principal& p);
// Who writes the narrative paragraphs.
bool may_write_texts(const Principal& p);
// Whether figures link to the records behind them for this reader.
bool may_follow_links(const Principal& p);
// Who computes an indicator for any period and breakdown (GET /api/v1/indicators/{key}):
// the director and quality staff, who prepare the report and the subsidy's targets. The
// funder reads the figures of the activities it funds through the report.
bool may_compute_indicators(const Principal& p);

// A figure with one decimal as the report writes it, from tenths: 123 → "12,3", -5 → "-0,5".
std::string tenths_text(std::int64_t tenths);

// The year of a YYYY-MM-DD date (the first four digits); nullopt for an empty one.
std::optional<int> year_of(const std::optional<std::string>& date);

// Counts in the report's sentences. Zero is written as a word and no sentence begins with
// a figure: counted(0, "verhaal", "verhalen") → "geen verhalen", (1, …) → "1 verhaal",
// (7, …) → "7 verhalen"; the verb agrees: verb(1, "is", "zijn") → "is", otherwise "zijn".
std::string counted(std::int64_t n, std::string_view one, std::string_view many);
std::string_view verb(std::int64_t n, std::string_view one, std::string_view many);
// How often something happened: 0 → "niet", 1 → "1 keer", 12 → "12 keer".
std::string times(std::int64_t n);
// The first letter in upper case (ASCII), for a sentence that begins with a phrase.
std::string sentence_case(std::string s);

class Service {
 public:
  Service(store::Database& db, const Registry& registry, const Indicators& indicators)
      : db_(db), registry_(registry), indicators_(indicators) {}

  Result<Report> assemble(const Principal& p, int year, const std::string& reference_date);
  // The years a report can be asked for: from the first year with records (or texts) to
  // this year, and the one to show first: the last full year, the year whose report one
  // writes now.
  struct Years {
    std::vector<int> years;
    int default_year;
  };
  Result<Years> years(const Principal& p, const std::string& today);
  Result<std::optional<std::string>> text(const Principal& p, int year, const std::string& chapter);
  Result<std::string> put_text(const Principal& p, int year, const std::string& chapter, const std::string& body,
                               Millis now);

  // What a target can name: every module's indicators (readers of the report).
  Result<const std::vector<Indicator>*> indicators(const Principal& p) const;
  // One indicator's figure for a period and breakdown (q.org_id is the caller's).
  // 404 for an unknown key or a breakdown id that is not the organisation's; 400 for a
  // breakdown the indicator does not have.
  Result<Figure> indicator_value(const Principal& p, std::string_view key, IndicatorQuery q);

 private:
  store::Database& db_;
  const Registry& registry_;
  const Indicators& indicators_;
};

// The page of each chapter's anchor ("h-<key>") in the printed PDF.
using TocPages = std::map<std::string, int>;
// The document; with `toc_pages` (printing) the table of contents shows page numbers.
std::string render_html(const Report& report, bool inline_css, const TocPages* toc_pages = nullptr);
std::string render_xlsx(const Report& report);  // the bytes of an .xlsx workbook
// The sheet names of one workbook: each wanted name made valid for Excel and unique.
class SheetNames {
 public:
  std::string take(std::string_view wanted);

 private:
  std::set<std::string> used_;  // lower case: Excel compares names without case
};
// A workbook of plain tables (one sheet each, header row first): exports of records.
std::string tables_xlsx(const std::vector<Table>& tables);
// The same for one table as CSV the way Dutch Excel reads it: UTF-8 with a BOM, `;`,
// amounts with a decimal comma, cells guarded against formulas (csv::escape_cell).
std::string table_csv(const Table& table);
std::string render_json(const Report& report);
// The PDF via headless Chromium printing the HTML; an error when it is not installed.
Result<std::string> render_pdf(const Report& report);

const std::string& report_css();

}  // namespace wk::report
