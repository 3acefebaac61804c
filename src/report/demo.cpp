// The demo organisation's report texts (`serve --demo --demo-data`) for the previous
// calendar year: every chapter has its narrative, written in January by the director
// (quality staff write the quality chapters), so that one click on Jaarverslag shows a
// report that reads like the model organisation's. The texts cite no figure that the
// application computes: those stand in the tables beneath them.
#include <map>

#include "modules/organisation/demo.hpp"
#include "report/module.hpp"

namespace wk::demo {

namespace {

struct DemoText {
  const char* chapter;
  const char* writer;  // e-mail of the demo account
  const char* body;    // {jaar} is the report's year, {volgend} the year after
};

const std::vector<DemoText>& demo_texts() {
  static const std::vector<DemoText> texts = {
      {"inleiding", "directeur@smd.example",
       "Het inhoudelijke jaarverslag {jaar} is onderdeel van de verantwoording die SMD Enschede-Haaksbergen geeft "
       "aan de gemeente Enschede. Naast dit verslag verschijnt het financiële jaarrapport.\n\n"
       "Deze verantwoording is gebaseerd op de afspraken in de subsidiebeschikking {jaar} en de "
       "uitvoeringsovereenkomst 'Wijkteams Enschede'. De cijfers in dit verslag komen rechtstreeks uit de "
       "registraties van de teams; onder elke tabel staat hoe ze zijn berekend.\n\n"
       "Leeswijzer: hoofdstuk 2 beschrijft de belangrijkste ontwikkelingen. Daarna volgen per activiteit de "
       "resultaten, met aandacht voor afwijkingen van de afspraken. De hoofdstukken over kwaliteit, scholing en "
       "bedrijfsvoering gaan over de organisatie zelf; de Raad van Toezicht sluit af."},
      {"ontwikkelingen", "directeur@smd.example",
       "In {jaar} stond de doorontwikkeling van de negen wijkteams centraal: minder versnippering, meer regie "
       "dichtbij de inwoner. De teams werkten met één plan per huishouden en legden vaker vast wat hun inzet "
       "opleverde, met een kassabon per casus.\n\n"
       "De druk op de teams bleef hoog. Wachttijden bij andere instanties, vooral in de GGZ, vroegen veel "
       "overbruggingswerk. Uit de verhalen van medewerkers bleek dat zij zich daardoor vaker tekort voelden "
       "schieten; in de duidingssessies zijn daar afspraken over gemaakt (zie hoofdstuk Kwaliteit).\n\n"
       "Met de woningcorporaties is de inzet van doorstroomwoningen voortgezet: huishoudens zonder woonplek wonen "
       "tijdelijk in een gewone woning met begeleiding, in plaats van in de maatschappelijke opvang."},
      {"overleg", "directeur@smd.example",
       "Het bestuurlijk overleg met de wethouder vond vier keer plaats, het ambtelijk overleg maandelijks. "
       "Onderwerpen waren de toegang tot de tweedelijnszorg, de inzet van maatwerkbudget en de afspraken over "
       "vroegsignalering van schulden.\n\n"
       "Met de woningcorporaties, de GGZ-aanbieders en de schuldhulpverlening is per kwartaal overlegd over "
       "casussen die vastliepen. Deze overleggen leidden tot een werkafspraak over overbrugging bij wachttijden."},
      {"formatie", "directeur@smd.example",
       "Op 31 december {jaar} werkten ruim 160 professionals in de wijkteams, van wie het merendeel in dienst van "
       "SMD. De formatie bleef binnen de begroting; vacatures voor wijkcoaches werden gemiddeld binnen drie "
       "maanden vervuld.\n\n"
       "Elk team wordt geleid door een wijkteammanager. In {jaar} is in twee teams een nieuwe manager gestart."},
      {"kassabonnen", "directeur@smd.example",
       "Voor elke afgeronde casus in de programma's Doorstroomwoningen en WoonStAP maakten de teams een kassabon: "
       "wat zou het een jaar hebben gekost zonder de inzet (oud), en wat kost het nu (nieuw)? Het verschil is de "
       "besparing.\n\n"
       "De tabellen hieronder tonen per woning en per programma de kassabonnen van de casussen die op de "
       "peildatum (zo goed als) waren afgerond. De besparing komt niet alleen bij de gemeente terecht: juist de "
       "woningcorporaties en de zorgverzekeraars hebben baat bij het voorkomen van ontruiming en opname. Een "
       "enkele casus kostte meer dan zij opleverde; die staat er eerlijk bij."},
      {"activiteiten_derden", "directeur@smd.example",
       "SMD voerde in {jaar} voor derden de cursus 'Omgaan met geldzorgen' uit voor twee werkgevers en verzorgde "
       "trainingen meldcode voor vrijwilligersorganisaties. Deze activiteiten vallen buiten de subsidie en zijn "
       "kostendekkend uitgevoerd."},
      {"kwaliteit", "kwaliteit@smd.example",
       "Via het vertelpunt delen medewerkers, en sinds dit jaar ook inwoners, hun ervaringen. Zij duiden hun "
       "verhaal zelf: het onderwerp, of het positief of negatief was en hoe zij zich voelden. Zo horen wij wat er "
       "in de wijken speelt zonder een enquête.\n\n"
       "In de duidingssessies lazen kwaliteitsmedewerkers, coaches en ketenpartners de verhalen en zochten naar "
       "patronen. De afspraken die daaruit volgden, zijn opgevolgd; waar een procedure of training veranderde, "
       "staat dat in de tabel hieronder."},
      {"kennisbank", "kwaliteit@smd.example",
       "De methodieken, procedures en richtlijnen van de wijkteams staan in de kennisbank. Elk item heeft een "
       "eigenaar die op tijd bevestigt dat het nog juist is; medewerkers beoordelen de items op juistheid en "
       "volledigheid.\n\n"
       "In {jaar} is de procedure voor overbrugging bij wachttijden in de GGZ toegevoegd, voortgekomen uit een "
       "duidingssessie."},
      {"scholing", "directeur@smd.example",
       "Alle wijkcoaches volgden de training gespreksvoering met een nieuw onderdeel over schuldsignalen. De "
       "geregistreerde professionals haalden de punten voor hun herregistratie; de scholing is afgestemd op de "
       "A3-plannen van de teams.\n\n"
       "Intervisie over 'tekortschieten' is in elk team twee keer gehouden."},
      {"bedrijfsvoering", "directeur@smd.example",
       "Het ziekteverzuim daalde ten opzichte van het jaar ervoor. Het verloop hing vooral samen met een voorkeur "
       "voor specialistisch werk en met werkdruk; in exitgesprekken is daar steeds naar gevraagd.\n\n"
       "In {jaar} is overgestapt op één registratie voor kassabonnen, verhalen en de kennisbank. De cijfers van dit "
       "verslag komen daaruit, in plaats van uit losse spreadsheets."},
      {"raad_van_toezicht", "directeur@smd.example",
       "De Raad van Toezicht vergaderde vijf keer met de directeur-bestuurder en sprak twee keer met de "
       "Ondernemingsraad. De raad keurde de jaarrekening en het jaarverslag {jaar} goed en de begroting {volgend}.\n\n"
       "De raad heeft zich laten informeren over de kwaliteit van de dienstverlening, onder meer aan de hand van "
       "de duidingssessies en de kassabonnen."},
  };
  return texts;
}

std::string with_years(std::string text, int year) {
  for (auto [key, value] : {std::pair{std::string("{jaar}"), std::to_string(year)},
                            std::pair{std::string("{volgend}"), std::to_string(year + 1)}})
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at))
      text.replace(at, key.size(), value);
  return text;
}

}  // namespace

void add_demo_jaarverslag(store::Database& db, report::Service& reports, std::int64_t org_id, Millis now) {
  const auto by_email = demo_principals(db, org_id);
  const int year = std::stoi(iso_date_utc(now).substr(0, 4)) - 1;
  // Written in the first weeks of the new year, or today when that is earlier.
  int day = 0;
  for (const auto& t : demo_texts()) {
    const Millis written = std::min(
        now, demo_time(std::to_string(year + 1) + "-01-" + (day < 9 ? "0" : "") + std::to_string(day + 1), 10));
    must(reports.put_text(by_email.at(t.writer), year, t.chapter, with_years(t.body, year), written), t.chapter);
    day = (day + 2) % 27;
  }
}

}  // namespace wk::demo

namespace wk::report {

void Module::add_demo_content(std::int64_t org_id, Millis now) {
  demo::add_demo_jaarverslag(db_, service_, org_id, now);
}

}  // namespace wk::report
