#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/csv.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "report/report.hpp"
#include "store/embedded.hpp"

namespace wk::report {

namespace {

std::string escape(std::string_view s) {
  return text::escape_html(s);
}

std::string cell_text(const Cell& c) {
  if (auto* s = std::get_if<std::string>(&c.value)) return *s;
  if (auto* m = std::get_if<Money>(&c.value)) return format_euro_whole(m->cents);
  return std::to_string(std::get<std::int64_t>(c.value));
}

bool is_number(const Cell& c) {
  return c.figure || !std::holds_alternative<std::string>(c.value);
}

// Narrative text: paragraphs separated by blank lines, line breaks kept. Everything is
// escaped: the text is the organisation's own, but it is still never raw HTML.
void write_text(std::ostringstream& out, const std::string& text) {
  std::istringstream in(text);
  std::string line, paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) out << "<p>" << paragraph << "</p>\n";
    paragraph.clear();
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      flush();
      continue;
    }
    if (!paragraph.empty()) paragraph += "<br>";
    paragraph += escape(line);
  }
  flush();
}

void write_table(std::ostringstream& out, const Table& t) {
  out << "<table id=\"" << escape(t.id) << "\">\n<caption>" << escape(t.title) << "</caption>\n<thead><tr>";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    out << "<th scope=\"col\"" << (i > 0 ? " class=\"num\"" : "") << ">" << escape(t.columns[i]) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out << (row.total ? "<tr class=\"total\">" : "<tr>");
    for (const auto& c : row.cells) {
      out << "<td" << (is_number(c) ? " class=\"num\"" : "") << ">";
      if (!c.link.empty())
        out << "<a href=\"" << escape(c.link) << "\">" << escape(cell_text(c)) << "</a>";
      else
        out << escape(cell_text(c));
      out << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

}  // namespace

const std::string& report_css() {
  static const std::string empty;
  const std::string* css = embedded::find("src/report/report.css");
  return css ? *css : empty;
}

std::string render_html(const Report& r, bool inline_css, const TocPages* toc_pages) {
  std::ostringstream out;
  const std::string title = "Activiteitenverslag " + std::to_string(r.year) + " — " + r.organisation;
  out << "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << escape(title)
      << "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  if (inline_css)
    out << "<style>\n" << report_css() << "</style>\n";
  else
    out << "<link rel=\"stylesheet\" href=\"/verslag.css\">\n";
  out << "</head>\n<body>\n<header class=\"cover\">\n<p class=\"kind\">Inhoudelijk "
         "jaarverslag</p>\n<h1>Activiteitenverslag "
      << r.year << "</h1>\n<p class=\"org\">" << escape(r.organisation) << "</p>\n<p class=\"date\">Peildatum "
      << escape(iso_to_dutch_date(r.reference_date)) << "</p>\n</header>\n";
  out << "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">Inhoud</h2>\n<ol>\n";
  for (const auto& c : r.chapters) {
    out << "<li><a href=\"#h-" << escape(c.key) << "\"><span class=\"no\">" << c.number << "</span> "
        << escape(c.title);
    if (toc_pages) {
      const auto page = toc_pages->find("h-" + c.key);
      // Floated to the right margin: a number does not move the title's line breaks.
      out << "<span class=\"page\">" << (page == toc_pages->end() ? "" : std::to_string(page->second)) << "</span>";
    }
    out << "</a></li>\n";
  }
  out << "</ol>\n</nav>\n<main>\n";
  for (const auto& c : r.chapters) {
    out << "<section class=\"chapter\" id=\"h-" << escape(c.key) << "\">\n<h2><span class=\"no\">" << c.number
        << "</span> " << escape(c.title) << "</h2>\n";
    if (c.text)
      write_text(out, *c.text);
    else
      out << "<p class=\"placeholder\">[Nog geen tekst voor dit hoofdstuk. Schrijf de tekst in Wijkkader onder "
             "Jaarverslag.]</p>\n";
    for (const auto& s : c.sections) {
      if (!s.heading.empty()) out << "<h3>" << escape(s.heading) << "</h3>\n";
      for (const auto& t : s.tables) write_table(out, t);
      for (const auto& p : s.paragraphs) out << "<p>" << escape(p) << "</p>\n";
    }
    out << "</section>\n";
  }
  out << "</main>\n</body>\n</html>\n";
  return out.str();
}

// Built with moves, not initializer lists: an initializer list copies its elements, and
// a large programme's table has tens of thousands of cells.
std::string table_csv(const Table& table) {
  constexpr char sep = ';';
  std::string out(csv::kUtf8Bom);
  out += csv::write_row(table.columns, sep);
  std::vector<std::string> cells;
  for (const auto& row : table.rows) {
    cells.clear();
    for (const auto& c : row.cells) {
      if (const auto* s = std::get_if<std::string>(&c.value))
        cells.push_back(*s);
      else if (const auto* m = std::get_if<Money>(&c.value))
        cells.push_back(format_amount_plain(m->cents));
      else
        cells.push_back(std::to_string(std::get<std::int64_t>(c.value)));
    }
    out += csv::write_row(cells, sep);
  }
  return out;
}

namespace {

// A JSON array of f(x) for every x.
template <class Xs, class F>
nlohmann::json array_of(const Xs& xs, F f) {
  auto out = nlohmann::json::array();
  for (const auto& x : xs) out.push_back(f(x));
  return out;
}

nlohmann::json cell_json(const Cell& cell) {
  nlohmann::json j{{"text", cell_text(cell)}};
  if (auto* m = std::get_if<Money>(&cell.value)) j["cents"] = m->cents;
  if (auto* n = std::get_if<std::int64_t>(&cell.value)) j["value"] = *n;
  if (!cell.link.empty()) j["link"] = cell.link;
  return j;
}

}  // namespace

std::string render_json(const Report& r) {
  using nlohmann::json;
  const auto row_json = [](const auto& row) {
    return json{{"total", row.total}, {"cells", array_of(row.cells, cell_json)}};
  };
  const auto table_json = [&](const auto& t) {
    return json{{"id", t.id}, {"title", t.title}, {"columns", t.columns}, {"rows", array_of(t.rows, row_json)}};
  };
  const auto section_json = [&](const auto& s) {
    return json{{"heading", s.heading}, {"paragraphs", s.paragraphs}, {"tables", array_of(s.tables, table_json)}};
  };
  const auto chapter_json = [&](const auto& c) {
    return json{{"number", c.number},
                {"key", c.key},
                {"title", c.title},
                {"text", c.text ? json(*c.text) : json(nullptr)},
                {"sections", array_of(c.sections, section_json)}};
  };
  return json{{"year", r.year},
              {"organisation", r.organisation},
              {"reference_date", r.reference_date},
              {"chapters", array_of(r.chapters, chapter_json)}}
      .dump();
}

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream data;
  data << in.rdbuf();
  return data.str();
}

// The pages of the chapters' anchors in a printed PDF: Chromium writes a named
// destination for every element a link points at, and poppler's pdfinfo lists them
// ("   3 [ XYZ 6 778 null ] \"h-inleiding\""). Empty when pdfinfo is not there.
TocPages chapter_pages(const std::filesystem::path& pdf) {
  TocPages pages;
  const std::string command = "/usr/bin/pdfinfo -dests " + pdf.string() + " 2>/dev/null";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return pages;
  char line[1024];
  while (std::fgets(line, sizeof line, pipe)) {
    const std::string_view l(line);
    const auto open = l.find("\"h-"), close = l.rfind('"');
    if (open == std::string_view::npos || close <= open) continue;
    int page = 0;
    if (std::sscanf(line, " %d", &page) == 1 && page > 0)
      pages.emplace(std::string(l.substr(open + 1, close - open - 1)), page);
  }
  ::pclose(pipe);
  return pages;
}

}  // namespace

// Headless Chromium prints the self-contained HTML (no network, no profile left
// behind). The table of contents gets its page numbers from a first print: the second
// prints them in place of placeholders of the same width, so no page moves; a third
// print follows only if one did.
Result<std::string> render_pdf(const Report& r) {
  namespace fs = std::filesystem;
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium))
    return Error{ErrorKind::unavailable,
                 "PDF is op deze server niet beschikbaar (Chromium ontbreekt).",
                 "PDF needs Debian's chromium on the server.",
                 {},
                 0};
  char dir_template[] = "/tmp/wijkkader-pdf-XXXXXX";
  const char* dir = ::mkdtemp(dir_template);
  if (!dir) return Error{ErrorKind::unavailable, "PDF maken mislukte.", "cannot create a temporary folder", {}, 0};
  const fs::path html = fs::path(dir) / "verslag.html", pdf = fs::path(dir) / "verslag.pdf";
  auto print = [&](const TocPages& numbers) {
    std::ofstream(html, std::ios::trunc) << render_html(r, true, &numbers);
    fs::remove(pdf);
    const std::string command = std::string(chromium) +
                                " --headless --no-sandbox --disable-gpu --disable-background-networking "
                                "--disable-component-update --no-first-run --disable-sync --no-pdf-header-footer "
                                "--user-data-dir=" +
                                (fs::path(dir) / "profile").string() + " --print-to-pdf=" + pdf.string() + " file://" +
                                html.string() + " >/dev/null 2>&1";
    return std::system(command.c_str()) == 0 && fs::exists(pdf);
  };
  std::string bytes;
  TocPages pages;
  for (int round = 0; round < 3 && print(pages); ++round) {
    bytes = read_file(pdf);
    auto printed = chapter_pages(pdf);
    if (printed == pages) break;  // also when pdfinfo is missing: no numbers, no second print
    pages = std::move(printed);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (bytes.empty()) return Error{ErrorKind::unavailable, "PDF maken mislukte.", "chromium could not print", {}, 0};
  return bytes;
}

}  // namespace wk::report
