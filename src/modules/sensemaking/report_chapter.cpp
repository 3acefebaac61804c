#include "modules/sensemaking/report_chapter.hpp"

#include <cstdlib>
#include <map>

#include "modules/sensemaking/repository.hpp"
#include "modules/sensemaking/sensemaking.hpp"
#include "modules/stories/stories.hpp"
#include "modules/usage/usage.hpp"

namespace wk::sensemaking {

namespace {

using report::Cell;
using report::Row;
using report::Section;
using report::Table;

// Tenths of a percent as Dutch text: 123 → "12,3".
std::string percent(std::int64_t tenths) {
  return report::tenths_text(tenths);
}

// Percentage points with a sign: 25 → "+2,5", -10 → "-1,0", 0 → "0,0".
std::string points(std::int64_t tenths) {
  return (tenths > 0 ? "+" : "") + percent(tenths);
}

std::string stories_text(std::int64_t n) {
  return report::counted(n, "verhaal", "verhalen");
}

class KwaliteitChapter final : public report::Chapter {
 public:
  KwaliteitChapter() : Chapter("kwaliteit", "Kwaliteit", 70) {}
  std::optional<int> first_year(store::Tx& tx, std::int64_t org_id) const override {
    const auto stories = report::year_of(stories::published::first_date(tx, org_id));
    const auto sessions = report::year_of(repo::first_session_date(tx, org_id));
    if (stories && sessions) return std::min(*stories, *sessions);
    return stories ? stories : sessions;
  }

  std::vector<Section> build(const report::BuildContext& ctx) const override {
    const std::string year = std::to_string(ctx.year), previous = std::to_string(ctx.year - 1);
    const auto stats = stories::published::stats(ctx.tx, ctx.org_id, year + "-01-01", year + "-12-31", std::nullopt,
                                                 std::nullopt, std::pair{previous + "-01-01", previous + "-12-31"});
    std::map<std::string, organisation::ListValue> labels;
    for (const auto& v : stats.labels) labels.emplace(v.code, v);
    auto label = [&](const std::string& code) {
      auto it = labels.find(code);
      return it == labels.end() ? code : it->second.label;
    };
    const bool links = report::may_follow_links(ctx.reader);
    const std::string period = "from=" + year + "-01-01&to=" + year + "-12-31";

    std::vector<Section> out;
    Section listening;
    listening.heading = "Grootschalig luisteren: het vertelpunt";
    const auto& now = stats.period;
    const auto& before = *stats.comparison;
    listening.paragraphs.push_back("In " + year + " " + std::string(report::verb(now.count, "is", "zijn")) + " " +
                                   stories_text(now.count) + " gedeeld en door de vertellers zelf geduid (" + previous +
                                   ": " + stories_text(before.count) + ").");
    const auto views = usage::views_in_year(ctx.tx, ctx.org_id, "vertelpunt", ctx.year);
    listening.paragraphs.push_back("Het vertelpunt is in " + year + " " + report::times(views.total) +
                                   " geraadpleegd.");
    if (now.count > 0) {  // no tables of shares of nothing
      Table topics{"onderwerpen", "Onderwerpen van de verhalen in " + year, {"Onderwerp", "%"}, {}};
      for (const auto& b : now.topics.buckets) {
        const auto it = labels.find(b.key);
        const std::string link =
            links && it != labels.end() ? "/verhalen?" + period + "&topic=" + std::to_string(it->second.id) : "";
        topics.rows.push_back({{Cell::text(label(b.key), link), Cell::figure_text(percent(b.share), link)}, false});
      }
      listening.tables.push_back(std::move(topics));
      listening.tables.push_back(distribution_table("waardering", "Waardering van de verhalen", "Waardering", year,
                                                    previous, now.valuations, before.valuations, label));
      listening.tables.push_back(distribution_table("archetypen", "Hoe vertellers zich voelden (meer keuzes mogelijk)",
                                                    "Rol", year, previous, now.archetypes, before.archetypes, label));
      if (!stories::comparable(now.archetypes, before.archetypes))
        listening.paragraphs.push_back("Met " + previous +
                                       " is niet vergeleken: een verschuiving wordt alleen "
                                       "genoemd als in beide jaren ten minste " +
                                       std::to_string(stories::kMinComparisonBase) + " verhalen zijn gedeeld (" +
                                       previous + ": " + stories_text(before.archetypes.total) + ", " + year + ": " +
                                       stories_text(now.archetypes.total) + ").");
      else if (auto shift = largest_shift(stories::compare(now.archetypes, before.archetypes), label))
        listening.paragraphs.push_back(*shift);
      listening.paragraphs.push_back(
          "Percentages met één decimaal. Die van onderwerp en waardering zijn van de verhalen die er een kozen en "
          "zo afgerond dat ze samen precies 100 zijn (de grootste resten naar boven); die van de rollen zijn van "
          "alle verhalen, de helft naar boven afgerond, en tellen niet op tot 100 omdat een verteller meer dan één "
          "rol kon kiezen.");
    }
    out.push_back(std::move(listening));

    const auto f = Service::figures(ctx.tx, ctx.org_id, year + "-01-01", year + "-12-31");
    Section sessions;
    sessions.heading = "Duidingssessies";
    std::string held = "In " + year + " " + std::string(report::verb(f.sessions, "is", "zijn")) + " " +
                       report::counted(f.sessions, "duidingssessie", "duidingssessies") + " gehouden";
    if (f.sessions > 0) {
      held += "; daarin " + std::string(report::verb(f.themes, "is", "zijn")) + " " +
              report::counted(f.themes, "thema", "thema's") + " gevonden en " +
              std::string(report::verb(f.actions_agreed, "is", "zijn")) + " " +
              report::counted(f.actions_agreed, "actie", "acties") + " afgesproken";
      if (f.actions_agreed > 0)
        held += f.actions_open == 0 ? ", waarvan er geen meer openstaan"
                                    : ", waarvan er " + std::to_string(f.actions_open) + " nog " +
                                          std::string(report::verb(f.actions_open, "openstaat", "openstaan"));
    }
    sessions.paragraphs.push_back(held + ".");
    sessions.paragraphs.push_back("In " + year + " " + std::string(report::verb(f.actions_done, "is", "zijn")) + " " +
                                  report::counted(f.actions_done, "actie", "acties") +
                                  " afgerond met een verandering in een methode, een procedure, een training of "
                                  "anderszins.");
    static const std::map<std::string, std::string> kinds{
        {"method", "Methode"}, {"procedure", "Procedure"}, {"training", "Training"}, {"other", "Anders"}};
    Table done{"acties", "Afgeronde acties in " + year + ": wat er veranderde", {"Wat veranderde", "Acties"}, {}};
    for (const auto& [kind, n] : f.done_by_kind)
      done.rows.push_back({{Cell::text(kinds.at(kind)), Cell::count(n)}, false});
    done.rows.push_back({{Cell::text("Totaal"), Cell::count(f.actions_done)}, true});
    sessions.tables.push_back(std::move(done));
    out.push_back(std::move(sessions));
    return out;
  }

 private:
  // This year's shares beside last year's and the shift, or this year's alone when either
  // year has too few stories to compare (stories::comparable).
  template <class Label>
  static Table distribution_table(std::string id, const std::string& title, std::string first, const std::string& year,
                                  const std::string& previous, const stories::Distribution& now,
                                  const stories::Distribution& before, Label&& label) {
    if (!stories::comparable(now, before)) {
      Table t{std::move(id), title + ", " + year, {std::move(first), year + " %"}, {}};
      for (const auto& b : now.buckets)
        t.rows.push_back({{Cell::text(label(b.key)), Cell::figure_text(percent(b.share))}, false});
      return t;
    }
    Table t{std::move(id),
            title + ", " + previous + " en " + year,
            {std::move(first), previous + " %", year + " %", "Verschil (procentpunt)"},
            {}};
    for (const auto& c : stories::compare(now, before))
      t.rows.push_back({{Cell::text(label(c.key)), Cell::figure_text(percent(c.share_before)),
                         Cell::figure_text(percent(c.share_now)), Cell::figure_text(points(c.points))},
                        false});
    return t;
  }

  template <class Label>
  static std::optional<std::string> largest_shift(const std::vector<stories::Change>& changes, Label&& label) {
    const stories::Change* biggest = nullptr;
    for (const auto& c : changes)
      if (c.points != 0 && (!biggest || std::llabs(c.points) > std::llabs(biggest->points))) biggest = &c;
    if (!biggest) return std::nullopt;
    return "De grootste verschuiving bij de rollen: '" + label(biggest->key) + "' van " +
           percent(biggest->share_before) + " % naar " + percent(biggest->share_now) + " % (" +
           points(biggest->points) + " procentpunt).";
  }
};

}  // namespace

std::unique_ptr<report::Chapter> make_report_chapter() {
  return std::make_unique<KwaliteitChapter>();
}

}  // namespace wk::sensemaking
