#include "modules/knowledge/report_chapter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "modules/knowledge/knowledge.hpp"
#include "modules/knowledge/repository.hpp"

namespace wk::knowledge {

namespace {

using report::Cell;
using report::Row;
using report::Section;
using report::Table;

constexpr std::array<std::pair<const char*, const char*>, 4> kCategories{{{"methodiek", "Methodieken"},
                                                                          {"document", "Documenten"},
                                                                          {"procedure", "Procedures"},
                                                                          {"richtlijn", "Richtlijnen"}}};

std::string label(const std::string& category) {
  for (const auto& [key, name] : kCategories)
    if (category == key) return name;
  return category;
}

// 3.7 → "3,7"; none → "–".
std::string average(const std::optional<double>& a) {
  if (!a) return "–";
  return report::tenths_text(std::llround(*a * 10));
}

std::string items_text(std::int64_t n) {
  return report::counted(n, "item", "items");
}

Millis start_of(const std::string& date) {
  return days_between("1970-01-01", date) * 86'400'000;
}

// An item as it stood at the end of a date.
struct State {
  bool exists = false, published = false, archived = false;
  std::optional<std::string> review_by;
};

State state_on(const repo::ItemHistory& h, const std::string& date) {
  State s;
  s.exists = iso_date_utc(h.created_at) <= date;
  s.archived = h.archived_at && iso_date_utc(*h.archived_at) <= date;
  // The review-by date is set by the latest publication or verification up to the date.
  Millis latest = -1;
  for (const auto at : h.published_at)
    if (iso_date_utc(at) <= date) {
      s.published = true;
      if (at > latest) latest = at, s.review_by = add_months(iso_date_utc(at), review_months(h.category));
    }
  for (const auto& [at, after] : h.verifications)
    if (iso_date_utc(at) <= date && at > latest) latest = at, s.review_by = after;
  return s;
}

class KennisbankChapter final : public report::Chapter {
 public:
  KennisbankChapter() : Chapter("kennisbank", "Kennisbank", 75) {}
  std::optional<int> first_year(store::Tx& tx, std::int64_t org_id) const override {
    const auto created = repo::first_created(tx, org_id);
    return created ? report::year_of(iso_date_utc(*created)) : std::nullopt;
  }

  std::vector<Section> build(const report::BuildContext& ctx) const override {
    const std::string year = std::to_string(ctx.year);
    const std::string first = year + "-01-01", last = year + "-12-31";
    const auto& reference = ctx.reference_date;
    const bool links = report::may_follow_links(ctx.reader);
    const auto histories = repo::histories(ctx.tx, ctx.org_id);

    // Items per category and state on the reference date.
    struct Counts {
      std::int64_t draft = 0, published = 0, archived = 0, overdue = 0;
    };
    std::map<std::string, Counts> per;
    std::int64_t verifications = 0;
    std::set<std::int64_t> verified_items;
    for (const auto& h : histories) {
      const auto s = state_on(h, reference);
      if (!s.exists) continue;
      auto& c = per[h.category];
      if (s.archived)
        ++c.archived;
      else if (s.published)
        ++c.published, c.overdue += s.review_by && *s.review_by < reference;
      else
        ++c.draft;
      for (const auto& [at, after] : h.verifications) {
        const auto day = iso_date_utc(at);
        if (day >= first && day <= last && day <= reference) ++verifications, verified_items.insert(h.id);
      }
    }

    std::vector<Section> out;
    Section items;
    items.heading = "Methodieken, documenten, procedures en richtlijnen";
    Table states{"kennisbank_items",
                 "Items in de kennisbank op " + iso_to_dutch_date(reference),
                 {"Categorie", "In bewerking", "Gepubliceerd", "Gearchiveerd", "Totaal", "Herziening verlopen"},
                 {}};
    Counts total;
    for (const auto& [key, name] : kCategories) {
      const auto c = per[key];
      states.rows.push_back({{Cell::text(name), Cell::count(c.draft), Cell::count(c.published), Cell::count(c.archived),
                              Cell::count(c.draft + c.published + c.archived), Cell::count(c.overdue)},
                             false});
      total.draft += c.draft, total.published += c.published, total.archived += c.archived, total.overdue += c.overdue;
    }
    states.rows.push_back(
        {{Cell::text("Totaal"), Cell::count(total.draft), Cell::count(total.published), Cell::count(total.archived),
          Cell::count(total.draft + total.published + total.archived), Cell::count(total.overdue)},
         true});
    items.tables.push_back(std::move(states));
    items.paragraphs.push_back(
        "Op " + iso_to_dutch_date(reference) + " " + std::string(report::verb(total.published, "was", "waren")) + " " +
        items_text(total.published) + " gepubliceerd; bij " +
        (total.overdue == 0 ? std::string("geen enkel item") : items_text(total.overdue)) +
        " was de herzieningsdatum verstreken zonder dat de eigenaar had bevestigd dat de inhoud nog juist is.");
    items.paragraphs.push_back(verifications == 0 ? "In " + year + " is niet bevestigd dat een item nog juist is."
                                                  : "In " + year + " is " + report::times(verifications) +
                                                        " bevestigd dat een item nog juist is (" +
                                                        items_text(static_cast<std::int64_t>(verified_items.size())) +
                                                        "); zo'n bevestiging schuift de herzieningsdatum op.");
    out.push_back(std::move(items));

    Section quality;
    quality.heading = "Beoordeling en gebruik";
    const auto ratings =
        repo::ratings_per_category(ctx.tx, ctx.org_id, start_of(first), start_of(last) + 86'400'000 - 1);
    Table rated{"kennisbank_beoordeling",
                "Beoordelingen in " + year + " (schaal 1–5)",
                {"Categorie", "Beoordelingen", "Juistheid", "Volledigheid"},
                {}};
    for (const auto& [key, name] : kCategories) {
      const auto it = std::find_if(ratings.begin(), ratings.end(), [&](const auto& r) { return r.category == key; });
      const repo::RatingFigures r = it == ratings.end() ? repo::RatingFigures{key, 0, {}, {}} : *it;
      rated.rows.push_back({{Cell::text(name), Cell::count(r.count), Cell::figure_text(average(r.juistheid)),
                             Cell::figure_text(average(r.volledigheid))},
                            false});
    }
    quality.tables.push_back(std::move(rated));

    const auto views = repo::views_per_category(ctx.tx, ctx.org_id, year + "-01", year + "-12", false);
    Table consulted{"kennisbank_raadplegingen", "Raadplegingen in " + year, {"Categorie", "Keer geraadpleegd"}, {}};
    std::int64_t views_total = 0;
    for (const auto& [key, name] : kCategories) {
      std::int64_t n = 0;
      for (const auto& [c, v] : views)
        if (c == key) n = v;
      views_total += n;
      consulted.rows.push_back({{Cell::text(name), Cell::count(n)}, false});
    }
    consulted.rows.push_back({{Cell::text("Totaal"), Cell::count(views_total)}, true});
    quality.tables.push_back(std::move(consulted));

    Table top{"kennisbank_top", "Meest geraadpleegd in " + year, {"Item", "Categorie", "Keer geraadpleegd"}, {}};
    for (const auto& c : repo::most_consulted(ctx.tx, ctx.org_id, year + "-01", year + "-12", std::nullopt, true, 10))
      top.rows.push_back({{Cell::text(c.title, links ? "/kennisbank/" + std::to_string(c.id) : ""),
                           Cell::text(label(c.category)), Cell::count(c.views)},
                          false});
    if (!top.rows.empty()) quality.tables.push_back(std::move(top));
    quality.paragraphs.push_back("Medewerkers beoordelen de items op juistheid en volledigheid; de kennisbank is in " +
                                 year + " " + report::times(views_total) + " geraadpleegd.");
    out.push_back(std::move(quality));
    return out;
  }
};

}  // namespace

std::unique_ptr<report::Chapter> make_report_chapter() {
  return std::make_unique<KennisbankChapter>();
}

}  // namespace wk::knowledge
