// The demo organisation's kennisbank (`serve --demo --demo-data`): the items the model
// organisation moved from its shared drive, made through the knowledge service with the
// dates they would have had, so the review-by dates, the overdue notice, the owner's
// list, the ratings and the report chapter show something real on the first start.
#include <map>

#include "modules/knowledge/module.hpp"
#include "modules/organisation/demo.hpp"

namespace wk::demo {

namespace {

constexpr Millis kDay = 86'400'000;

struct DemoItem {
  const char* category;
  const char* title;
  const char* body;
  std::vector<std::string> tags;
  int published_days_ago;  // 0: not published
  bool submitted = false;  // not published: waiting for review
};

const std::vector<DemoItem>& demo_items() {
  static const std::vector<DemoItem> items = {
      {"procedure",
       "Overbrugging wachttijd GGZ",
       "# Doel\n\nInwoners die op een behandeling in de GGZ wachten, krijgen in de tussentijd steun van het "
       "wijkteam, zodat de situatie thuis niet verslechtert.\n\n# Werkwijze\n\n1. De wijkcoach bespreekt met de "
       "inwoner en de verwijzer wat er nodig is tot de behandeling begint.\n2. De wijkcoach spreekt een "
       "contactmoment per twee weken af en legt dat vast.\n3. Bij verslechtering neemt de wijkcoach contact op met "
       "de huisarts of de POH-GGZ.\n\n# Afspraken met partners\n\nDe GGZ-aanbieder meldt de startdatum van de "
       "behandeling aan de wijkcoach. De begeleiding door het wijkteam stopt twee weken na die datum.",
       {"ggz", "wachttijd"},
       345},
      {"methodiek",
       "Verteltafels in de wijk",
       "# Wat is een verteltafel?\n\nBij een verteltafel delen bewoners ervaringen rond een thema, begeleid door "
       "een wijkcoach. Zo ontstaan lerende netwerken in de wijk en bij verenigingen.\n\n# Hoe organiseer je er "
       "een?\n\n- Kies een thema dat in de wijk leeft (opvoeden, eenzaamheid, geldzorgen).\n- Nodig zes tot tien "
       "bewoners uit, via een vereniging of school.\n- Begin met een verhaal en vraag door: wat hielp, wat niet?\n\n"
       "# Resultaat\n\nDeelnemers kennen elkaar daarna en weten waar ze terechtkunnen; de wijkcoach hoort wat er "
       "speelt.",
       {"verteltafel", "netwerk", "preventie"},
       120},
      {"methodiek",
       "KIES: Kinderen In Echtscheidingssituaties",
       "# Doel\n\nKIES is een evidence based methodiek die de competenties en het welzijn van kinderen in "
       "(complexe) echtscheidingssituaties bevordert.\n\n# Voor wie\n\nKinderen van 4 tot 18 jaar van wie de "
       "ouders gescheiden zijn of gaan scheiden.\n\n# Opzet\n\nAcht bijeenkomsten in een groep op school, met een "
       "ouderavond. De begeleiders zijn gecertificeerde KIES-coaches.",
       {"kies", "scheiding", "school"},
       760},
      {"richtlijn",
       "Meldcode huiselijk geweld en kindermishandeling",
       "# Vijf stappen\n\n1. Breng signalen in kaart.\n2. Overleg met een collega en raadpleeg zo nodig Veilig "
       "Thuis.\n3. Praat met de betrokkene.\n4. Weeg het geweld of de kindermishandeling; gebruik het "
       "afwegingskader.\n5. Beslis: is melden noodzakelijk, en is hulp verlenen of organiseren ook mogelijk?\n\n"
       "# Vastleggen\n\nLeg signalen, gesprekken en besluiten vast in het dossier, niet in een verhaal of een "
       "kassabon.",
       {"meldcode", "veiligheid"},
       200},
      {"document",
       "Werkwijze kassabonnen",
       "# Waarom een kassabon?\n\nMet een kassabon laat de wijkcoach zien wat de inzet van het wijkteam "
       "oplevert: welke kosten zijn voorkomen en welke zijn gemaakt.\n\n# Invullen\n\n- Kies de categorie en de "
       "betaler.\n- Vul het bedrag *oud* (wat het zonder het wijkteam had gekost) en *nieuw* in.\n- Schrijf nooit "
       "een naam of BSN in de toelichting.",
       {"kassabon", "verantwoording"},
       60},
      {"procedure",
       "Inzet doorstroomwoning",
       "# Wanneer\n\nEen gezin dat dakloos dreigt te raken, kan tijdelijk in een doorstroomwoning wonen. De norm "
       "is 42 dagen.\n\n# Stappen\n\n1. De wijkcoach meldt het gezin bij de coördinator doorstroomwoningen.\n"
       "2. De coördinator kiest een woning en legt de plaatsing vast.\n3. Na 42 dagen verlengt het contract "
       "stilzwijgend met een week; de wijkcoach legt de reden vast.",
       {"doorstroomwoning", "wonen"},
       0,
       true},
      {"richtlijn",
       "Privacy: wat deel je in een verhaal?",
       "# Kort\n\nEen verhaal gaat over een ervaring, niet over een persoon. Schrijf geen namen, adressen, "
       "geboortedata of BSN.\n\n# Twijfel?\n\nVraag het de functionaris gegevensbescherming.",
       {"privacy", "vertelpunt"},
       0},
  };
  return items;
}

}  // namespace

void add_demo_kennisbank(store::Database& db, knowledge::Service& knowledge, std::int64_t org_id, Millis now) {
  const auto by_email = demo_principals(db, org_id);
  const Principal& author = by_email.at("kwaliteit@smd.example");
  const Principal& reviewer = by_email.at("kwaliteit2@smd.example");
  const std::vector<const Principal*> raters{&by_email.at("coach@smd.example"), &by_email.at("coach.noord@smd.example"),
                                             &by_email.at("teammanager@smd.example")};

  int n = 0;
  for (const auto& d : demo_items()) {
    const Millis written = now - (d.published_days_ago + 14) * kDay;
    knowledge::ItemInput in;
    in.category = d.category;
    in.title = d.title;
    in.body = d.body;
    in.tags = d.tags;
    const auto item = must(knowledge.create(author, in, written), d.title);
    if (d.published_days_ago == 0 && !d.submitted) continue;
    must(knowledge.submit(author, item.id, written + kDay), d.title);
    if (d.published_days_ago == 0) continue;
    const Millis published = now - d.published_days_ago * kDay;
    must(knowledge.publish(reviewer, item.id, published), d.title);
    // Ratings from colleagues, views in the months since publication.
    for (std::size_t r = 0; r < raters.size(); ++r) {
      knowledge::RatingInput rating;
      rating.juistheid = 3 + static_cast<int>((n + r) % 3);
      rating.volledigheid = 2 + static_cast<int>((n + 2 * r) % 4);
      if (rating.volledigheid <= 2) rating.remark = "Er mist een voorbeeld uit de praktijk.";
      must(knowledge.rate(*raters[r], item.id, rating, published + static_cast<Millis>(r + 1) * kDay), d.title);
    }
    for (int day = d.published_days_ago - 1; day > 0; day -= 9 + n)
      must(knowledge.count_view(*raters[static_cast<std::size_t>(day) % raters.size()], item.id, now - day * kDay),
           d.title);
    ++n;
  }
  // The guideline was checked a month ago: still right as it is.
  knowledge::ItemQuery guidelines;
  guidelines.category = "richtlijn";
  guidelines.status = "gepubliceerd";
  const auto list = must(knowledge.list(author, guidelines, now), "richtlijnen");
  for (const auto& i : list.first)
    must(knowledge.verify(author, i.id, std::string("Nagekeken met de aandachtsfunctionaris."), now - 30 * kDay),
         "verificatie");
}

}  // namespace wk::demo

namespace wk::knowledge {

void Module::add_demo_content(std::int64_t org_id, Millis now) {
  demo::add_demo_kennisbank(db_, service_, org_id, now);
}

}  // namespace wk::knowledge
