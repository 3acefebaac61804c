#include "report/report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/organisation/service.hpp"

namespace wk::report {

using store::Tx;

namespace {

// A chapter whose content is the narrative text alone.
class NarrativeChapter final : public Chapter {
 public:
  using Chapter::Chapter;
};

}  // namespace

Registry::Registry() {
  // The model report's chapters (SMD 2017). Module chapters take orders in between:
  // the activities (40–59) come after staffing and before third-party activities.
  const std::pair<const char*, const char*> narrative[] = {
      {"inleiding", "Inleiding"},
      {"ontwikkelingen", "Belangrijkste ontwikkelingen algemeen"},
      {"overleg", "Overleg en samenwerking"},
      {"formatie", "Formatie"},
      {"activiteiten_derden", "Activiteiten voor derden"},
      {"kwaliteit", "Kwaliteit"},
      {"scholing", "Scholing en ontwikkeling"},
      {"bedrijfsvoering", "Processen, mensen en middelen"},
      {"raad_van_toezicht", "Verslag van de Raad van Toezicht"},
  };
  const int orders[] = {10, 20, 30, 35, 60, 70, 80, 90, 100};
  for (std::size_t i = 0; i < std::size(narrative); ++i)
    add(std::make_unique<NarrativeChapter>(narrative[i].first, narrative[i].second, orders[i]));
}

// A module's chapter takes the place of the narrative chapter with the same key (its
// texts stay), e.g. the vertelpunt's figures in "kwaliteit".
void Registry::add(std::unique_ptr<Chapter> chapter) {
  for (auto& c : chapters_)
    if (c->key() == chapter->key()) {
      c = std::move(chapter);
      return;
    }
  chapters_.push_back(std::move(chapter));
}

std::vector<const Chapter*> Registry::ordered() const {
  std::vector<const Chapter*> out;
  for (const auto& c : chapters_) out.push_back(c.get());
  std::stable_sort(out.begin(), out.end(), [](const Chapter* a, const Chapter* b) { return a->order() < b->order(); });
  return out;
}

const Chapter* Registry::find(std::string_view key) const {
  for (const auto& c : chapters_)
    if (c->key() == key) return c.get();
  return nullptr;
}

bool may_read_report(const Principal& p) {
  return p.has_any_role({role::director, role::quality, role::funder});
}
bool may_write_texts(const Principal& p) {
  return p.has_any_role({role::director, role::quality});
}
bool may_follow_links(const Principal& p) {
  return p.has_any_role({role::director, role::quality});
}
bool may_compute_indicators(const Principal& p) {
  return p.has_any_role({role::director, role::quality});
}

std::string tenths_text(std::int64_t tenths) {
  const auto a = tenths < 0 ? -tenths : tenths;
  return (tenths < 0 ? "-" : "") + std::to_string(a / 10) + "," + std::to_string(a % 10);
}

std::optional<int> year_of(const std::optional<std::string>& date) {
  if (!date || date->size() < 4) return std::nullopt;
  return std::stoi(date->substr(0, 4));
}

std::string counted(std::int64_t n, std::string_view one, std::string_view many) {
  if (n == 0) return "geen " + std::string(many);
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}
std::string_view verb(std::int64_t n, std::string_view one, std::string_view many) {
  return n == 1 ? one : many;
}
std::string times(std::int64_t n) {
  return n == 0 ? "niet" : std::to_string(n) + " keer";
}
std::string sentence_case(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

namespace {
std::optional<std::string> load_text(Tx& tx, std::int64_t org_id, int year, const std::string& chapter) {
  auto r = tx.query_one("SELECT body FROM report_texts WHERE org_id = ? AND year = ? AND chapter = ?",
                        {org_id, year, chapter});
  if (!r) return std::nullopt;
  return r->str(0);
}
}  // namespace

Result<Report> Service::assemble(const Principal& p, int year, const std::string& reference_date) {
  if (!may_read_report(p)) return Error::forbidden();
  return db_.read([&](Tx& tx) -> Result<Report> {
    Report report{year, "", reference_date, {}};
    if (auto org = organisation::Service::organisation_in(tx, p.org_id)) report.organisation = org->name;
    BuildContext ctx{tx, p, p.org_id, year, reference_date};
    int number = 0;
    for (const Chapter* c : registry_.ordered())
      report.chapters.push_back(
          {++number, c->key(), c->title(), load_text(tx, p.org_id, year, c->key()), c->build(ctx)});
    return report;
  });
}

Result<Service::Years> Service::years(const Principal& p, const std::string& today) {
  if (!may_read_report(p)) return Error::forbidden();
  const int this_year = std::stoi(today.substr(0, 4));
  const int last_full = this_year - 1;
  return db_.read([&](Tx& tx) -> Result<Years> {
    int first = last_full;
    for (const Chapter* c : registry_.ordered())
      if (auto y = c->first_year(tx, p.org_id)) first = std::min(first, *y);
    if (auto r = tx.query_one("SELECT MIN(year) FROM report_texts WHERE org_id = ?", {p.org_id}); r && !r->is_null(0))
      first = std::min(first, static_cast<int>(r->i64(0)));
    Years out{{}, last_full};
    for (int y = std::max(first, 2000); y <= this_year; ++y) out.years.push_back(y);
    return out;
  });
}

Result<std::optional<std::string>> Service::text(const Principal& p, int year, const std::string& chapter) {
  if (!may_read_report(p)) return Error::forbidden();
  if (!registry_.find(chapter)) return Error::not_found("No such chapter.");
  return db_.read([&](Tx& tx) { return load_text(tx, p.org_id, year, chapter); });
}

Result<std::string> Service::put_text(const Principal& p, int year, const std::string& chapter, const std::string& body,
                                      Millis now) {
  if (!may_write_texts(p)) return Error::forbidden();
  if (!registry_.find(chapter)) return Error::not_found("No such chapter.");
  if (text::find_bsn(body))
    return Error::validation({{"body", "Dit lijkt een burgerservicenummer (BSN); dat hoort niet in het verslag.",
                               "contains what looks like a BSN"}});
  return db_.write([&](Tx& tx) -> Result<std::string> {
    const auto before = load_text(tx, p.org_id, year, chapter);
    tx.execute("DELETE FROM report_texts WHERE org_id = ? AND year = ? AND chapter = ?", {p.org_id, year, chapter});
    // An empty text takes the chapter back to its placeholder.
    if (!body.empty())
      tx.execute(
          "INSERT INTO report_texts (org_id, year, chapter, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
          {p.org_id, year, chapter, body, now, p.user_id});
    const char* action = body.empty() ? "delete" : before ? "update" : "create";
    audit::record(tx,
                  {p.org_id, p.user_id, action, "report_text", std::to_string(year) + "/" + chapter,
                   before ? nlohmann::json{{"body", *before}} : nlohmann::json(),
                   body.empty() ? nlohmann::json() : nlohmann::json{{"body", body}}},
                  now);
    return body;
  });
}

Result<const std::vector<Indicator>*> Service::indicators(const Principal& p) const {
  if (!may_read_report(p)) return Error::forbidden();
  return &indicators_.all();
}

Result<Figure> Service::indicator_value(const Principal& p, std::string_view key, IndicatorQuery q) {
  if (!may_compute_indicators(p)) return Error::forbidden();
  const auto* indicator = indicators_.find(key);
  if (!indicator) return Error::not_found("No such indicator.");
  if (q.by &&
      std::find(indicator->breakdowns.begin(), indicator->breakdowns.end(), *q.by) == indicator->breakdowns.end()) {
    const auto by = std::string(kBreakdownNames.name(*q.by));
    Error e = Error::bad_request(Nl{"Deze indicator is niet uit te splitsen zoals gevraagd."},
                                 En{"This indicator has no such breakdown."});
    e.fields.push_back(
        {by, "Deze indicator kent geen uitsplitsing naar " + by + ".", "the indicator cannot be computed per " + by});
    return e;
  }
  q.org_id = p.org_id;
  auto figure = db_.read([&](store::Tx& tx) { return indicator->compute(tx, q); });
  if (!figure)
    return Error::not_found(q.by ? "No such " + std::string(kBreakdownNames.name(*q.by)) + " in this organisation."
                                 : std::string("No such indicator."));
  return *figure;
}

}  // namespace wk::report
