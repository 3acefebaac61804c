#include "modules/cases/report_chapter.hpp"

#include "modules/cases/service.hpp"
#include "modules/programmes/programmes.hpp"

namespace wk::cases {

namespace {

using report::Cell;
using report::Row;
using report::Table;

class ReceiptsChapter final : public report::Chapter {
 public:
  ReceiptsChapter() : Chapter("kassabonnen", "Kassabonnen: wat maatwerk oplevert", 50) {}
  std::optional<int> first_year(store::Tx& tx, std::int64_t org_id) const override {
    return report::year_of(repo::first_start_date(tx, org_id));
  }

  std::vector<report::Section> build(const report::BuildContext& ctx) const override {
    std::vector<report::Section> sections;
    const bool links = report::may_follow_links(ctx.reader);
    repo::Scope all;
    all.all = true;
    for (const auto& programme : programmes::Service::all(ctx.tx, ctx.org_id)) {
      auto s = Service::summarise(ctx.tx, ctx.org_id, programme.id, ctx.reference_date, std::nullopt, all);
      if (!s || (s->groups.empty() && s->running_cases == 0)) continue;
      const std::string list_link = links ? "/casussen?programme=" + std::to_string(programme.id) : "";
      report::Section section;
      section.heading = programme.name;
      section.tables.push_back(receipts_table(*s, links, list_link));
      section.paragraphs.push_back(running_sentence(*s));
      section.paragraphs.push_back(
          "Kassabon oud: de kosten per jaar die zonder de inzet zouden zijn gebleven; kassabon nieuw: de kosten per "
          "jaar na de inzet; besparing = oud − nieuw. Opgenomen zijn de casussen die op de peildatum afgerond of zo "
          "goed als afgerond zijn. Bedragen per jaar, afgerond op hele euro's (vanaf 50 cent naar boven, negatieve "
          "bedragen naar hun grootte); door afronding kan een totaal of besparing een euro afwijken van de som van "
          "de getoonde bedragen.");
      sections.push_back(std::move(section));
      // Who carries the costs and who gains the savings: an investment by the
      // municipality often saves a housing corporation money.
      report::Section breakdown;
      breakdown.tables.push_back(breakdown_table("betaler-" + std::to_string(programme.id),
                                                 "Besparing per betaler — " + programme.name, "Betaler", s->by_payer));
      breakdown.tables.push_back(breakdown_table("kostensoort-" + std::to_string(programme.id),
                                                 "Besparing per kostensoort — " + programme.name, "Kostensoort",
                                                 s->by_category));
      sections.push_back(std::move(breakdown));
    }
    if (sections.empty()) sections.push_back({"", {"Er zijn op de peildatum geen casussen met een kassabon."}, {}});
    return sections;
  }

 private:
  static Table receipts_table(const Summary& s, bool links, const std::string& list_link) {
    Table t{"kassabonnen-" + std::to_string(s.programme_id),
            "Kassabonnen " + s.programme_name,
            {"Groep", "Kassabon nieuw", "Kassabon oud", "Besparing"},
            {}};
    // Every row labelled: the group and the case's number within it (not its reference:
    // the funder reads this table too).
    for (const auto& g : s.groups) {
      const std::string group = g.group ? g.group->name : "Zonder groep";
      int number = 0;
      for (const auto& r : g.rows) {
        const std::string link = links ? "/casussen/" + std::to_string(r.case_id) : "";
        t.rows.push_back({{Cell::text(group + ", casus " + std::to_string(++number)), Cell::money(r.totals.nieuw, link),
                           Cell::money(r.totals.oud, link), Cell::money(r.totals.saving(), link)},
                          false});
      }
      t.rows.push_back({{Cell::text("Totaal"), Cell::money(g.totals.nieuw, list_link),
                         Cell::money(g.totals.oud, list_link), Cell::money(g.totals.saving(), list_link)},
                        true});
    }
    t.rows.push_back({{Cell::text("Totaal alle groepen"), Cell::money(s.totals.nieuw, list_link),
                       Cell::money(s.totals.oud, list_link), Cell::money(s.totals.saving(), list_link)},
                      true});
    return t;
  }

  static std::string running_sentence(const Summary& s) {
    std::size_t counted = 0;
    for (const auto& g : s.groups) counted += g.rows.size();
    const auto n = static_cast<std::int64_t>(counted);
    std::string out = "Op de peildatum " + std::string(report::verb(n, "is", "zijn")) + " " +
                      report::counted(n, "casus", "casussen") + " (zo goed als) afgerond en in de tabel opgenomen. ";
    if (s.running_cases == 0) return out + "Er lopen geen casussen meer zonder kassabon.";
    return out + "Er " + std::string(report::verb(s.running_cases, "loopt", "lopen")) + " nog " +
           report::counted(s.running_cases, "casus", "casussen") + " waarvoor nog geen kassabon is opgemaakt.";
  }

  static Table breakdown_table(std::string id, std::string title, std::string first,
                               const std::vector<Breakdown>& items) {
    // The columns in the model report's order, as in the receipts table: nieuw, oud, besparing.
    Table t{std::move(id), std::move(title), {std::move(first), "Kassabon nieuw", "Kassabon oud", "Besparing"}, {}};
    Totals total;
    for (const auto& b : items) {
      total.add(b.totals);
      t.rows.push_back({{Cell::text(b.item.name), Cell::money(b.totals.nieuw), Cell::money(b.totals.oud),
                         Cell::money(b.totals.saving())},
                        false});
    }
    t.rows.push_back(
        {{Cell::text("Totaal"), Cell::money(total.nieuw), Cell::money(total.oud), Cell::money(total.saving())}, true});
    return t;
  }
};

}  // namespace

std::unique_ptr<report::Chapter> make_report_chapter() {
  return std::make_unique<ReceiptsChapter>();
}

}  // namespace wk::cases
