// The demo organisation's programmes and cost receipts (`serve --demo --demo-data`):
// Doorstroomwoningen (households in four transit homes) and WoonStAP (young adults
// moving on from sheltered housing), with the cases of the previous calendar year — the
// year whose report one writes now — in the shape of the model report: most closed
// with a receipt, some nearly closed, some still running, one with a negative saving,
// and a case of this year. Made through the services on the dates things happened, so
// the status history, the audit log and the report read like a real year.
#include <map>

#include "modules/cases/lists.hpp"
#include "modules/cases/module.hpp"
#include "modules/organisation/demo.hpp"

namespace wk::demo {

namespace {

struct DemoLine {
  const char* category;
  const char* payer;
  const char* description;
  int euros;  // per year
};

struct DemoCase {
  const char* reference;  // without the year: "DW-%-01" becomes "DW-2025-01"
  const char* team;
  const char* group;      // "" for none
  const char* start;      // MM-DD of the year
  const char* status;     // "" (running), zo_goed_als_afgerond, afgerond
  const char* status_on;  // MM-DD of the year
  std::vector<DemoLine> oud, nieuw;
  const char* plan = "";
};

// Amounts are what the teams and partners estimated per year, as in the model
// organisation's receipts; made up, no real households.
const std::vector<DemoCase>& transit_cases() {
  static const std::vector<DemoCase> cases = {
      {"DW-%-01",
       "Wijkteam Centrum",
       "Woning Pathmos",
       "01-09",
       "afgerond",
       "03-20",
       {{"maatschappelijke opvang", "gemeente", "Gezinsopvang, een ouder met twee kinderen", 38400},
        {"uithuisplaatsing", "gemeente", "Tijdelijke uithuisplaatsing van de kinderen voorkomen", 24000}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding zes uur per week, twaalf weken", 3100},
        {"maatwerkbudget", "gemeente", "Inrichting van de woning", 1250}},
       "Binnen tien weken een eigen huurwoning; schulden in beeld en een regeling met de corporatie."},
      {"DW-%-02",
       "Wijkteam Noord",
       "Woning Pathmos",
       "04-02",
       "afgerond",
       "06-28",
       {{"maatschappelijke opvang", "gemeente", "Opvang van een echtpaar", 19200},
        {"huurachterstand / ontruiming", "woningcorporatie", "Ontruiming en nieuwe toewijzing", 6500}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding en verhuizing", 2400},
        {"schuldhulpverlening", "gemeente", "Budgetbeheer", 1800}}},
      {"DW-%-03",
       "Wijkteam Centrum",
       "Woning Pathmos",
       "07-15",
       "zo_goed_als_afgerond",
       "11-30",
       {{"crisisopvang", "gemeente", "Crisisopvang van een moeder met een baby", 12600},
        {"GGZ / verslavingszorg", "zorgverzekeraar", "Crisisopname voorkomen", 9800}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding", 2900},
        {"Wmo-begeleiding", "gemeente", "Ambulante begeleiding", 4200}}},
      {"DW-%-04",
       "Wijkteam Oost",
       "Woning Deppenbroek",
       "02-01",
       "afgerond",
       "05-15",
       {{"maatschappelijke opvang", "gemeente", "Gezinsopvang, twee ouders en drie kinderen", 36000},
        {"jeugdbescherming", "gemeente", "Ondertoezichtstelling voorkomen", 8700}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding", 3300},
        {"jeugdhulp (tweede lijn)", "gemeente", "Opvoedondersteuning", 5600}}},
      {"DW-%-05",
       "Wijkteam Oost",
       "Woning Deppenbroek",
       "06-01",
       "afgerond",
       "09-30",
       {{"maatschappelijke opvang", "gemeente", "Opvang van een alleenstaande vader", 28800}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding", 2600},
        {"bijzondere bijstand", "gemeente", "Borg en inrichting", 900}}},
      {"DW-%-06",
       "Wijkteam Zuid",
       "Woning Wesselerbrink",
       "03-10",
       "afgerond",
       "07-01",
       {{"maatschappelijke opvang", "gemeente", "Gezinsopvang", 31200},
        {"huurachterstand / ontruiming", "woningcorporatie", "Huurachterstand en ontruiming", 4300},
        {"politie / justitie", "Rijk", "Meldingen van overlast", 2000}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding", 3000},
        {"huishoudelijke hulp", "gemeente", "Huishoudelijke hulp, een half jaar", 1900}}},
      {"DW-%-07",
       "Wijkteam Zuid",
       "Woning Wesselerbrink",
       "08-01",
       "",
       "",
       {{"maatschappelijke opvang", "gemeente", "Gezinsopvang", 30000}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding tot nu toe", 1800}}},
      {"DW-%-08",
       "Wijkteam West",
       "Woning Stroinkslanden",
       "05-05",
       "afgerond",
       "10-10",
       {{"beschermd wonen", "gemeente", "Plaatsing in beschermd wonen voorkomen", 42000}},
       {{"Wmo-begeleiding", "gemeente", "Begeleiding thuis", 9600}, {"inzet wijkcoach", "gemeente", "Regie", 2200}}},
      {"DW-%-09", "Wijkteam West", "Woning Stroinkslanden", "11-01", "", "", {}, {}},
      // The coach's time cost more than the benefit the partners could name: a negative
      // saving, flagged on the receipt and shown as it is in the report.
      {"DW-%-10",
       "Wijkteam Noord",
       "Woning Deppenbroek",
       "10-01",
       "afgerond",
       "12-15",
       {{"uitkering", "Rijk", "Uitkering die anders langer was doorgelopen", 1200}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding", 2100}, {"maatwerkbudget", "gemeente", "Verhuiskosten", 400}}},
  };
  return cases;
}

const std::vector<DemoCase>& woonstap_cases() {
  static const std::vector<DemoCase> cases = {
      {"WS-%-01",
       "Wijkteam Centrum",
       "",
       "01-20",
       "afgerond",
       "08-31",
       {{"beschermd wonen", "gemeente", "Verlenging beschermd wonen", 45600},
        {"GGZ / verslavingszorg", "zorgverzekeraar", "Behandeling bij terugval", 7200}},
       {{"Wmo-begeleiding", "gemeente", "Ambulante begeleiding", 8400},
        {"inzet wijkcoach", "gemeente", "Regie en netwerk", 2600}},
       "Zelfstandig wonen met begeleiding; een vast dagritme en een netwerk in de wijk."},
      {"WS-%-02",
       "Wijkteam Centrum",
       "",
       "03-01",
       "zo_goed_als_afgerond",
       "12-01",
       {{"maatschappelijke opvang", "gemeente", "Opvang zonder vaste woning", 21000},
        {"schuldhulpverlening", "gemeente", "Schuldsanering zonder stabiele woning", 3400}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding", 2800},
        {"schuldhulpverlening", "gemeente", "Budgetbeheer", 1500}}},
      {"WS-%-03",
       "Wijkteam Noord",
       "",
       "04-15",
       "afgerond",
       "10-31",
       {{"uitkering", "Rijk", "Bijstand zonder zicht op werk", 14400},
        {"beschermd wonen", "gemeente", "Beschermd wonen", 30000}},
       {{"Wmo-begeleiding", "gemeente", "Begeleiding", 6000},
        {"uitkering", "Rijk", "Aanvullende bijstand naast werk", 7200}}},
      {"WS-%-04", "Wijkteam Noord", "", "09-01", "", "", {}, {}},
      {"WS-%-05",
       "Wijkteam Centrum",
       "",
       "06-01",
       "afgerond",
       "11-15",
       {{"crisisopvang", "gemeente", "Crisisopvang", 8400}, {"politie / justitie", "Rijk", "Meldingen", 3000}},
       {{"inzet wijkcoach", "gemeente", "Begeleiding", 1900}}},
  };
  return cases;
}

}  // namespace

void add_demo_kassabonnen(store::Database& db, programmes::Service& programmes, cases::Service& cases,
                          std::int64_t org_id, Millis now) {
  const auto [teams, categories, payers] = db.read([&](store::Tx& tx) {
    using organisation::Service;
    return std::tuple{Service::teams(tx, org_id), Service::values(tx, org_id, cases::list::cost_category),
                      Service::values(tx, org_id, cases::list::payer)};
  });
  const auto by_email = demo_principals(db, org_id);
  std::map<std::string, std::int64_t> team_id, category_id, payer_id;
  for (const auto& t : teams) team_id.emplace(t.name, t.id);
  for (const auto& v : categories) category_id.emplace(v.label, v.id);
  for (const auto& v : payers) payer_id.emplace(v.label, v.id);

  const int year = std::stoi(iso_date_utc(now).substr(0, 4));
  const std::string last = std::to_string(year - 1);
  const Principal& admin = by_email.at("beheer@smd.example");
  auto programme = [&](const char* name, const char* slug, const char* description, int start_year) {
    programmes::NewProgramme in{name, std::string(slug), description, std::to_string(start_year) + "-01-01",
                                std::nullopt};
    return must(programmes.create(admin, in, demo_time(std::to_string(start_year - 1) + "-12-01", 10)), name);
  };
  const auto transit = programme("Doorstroomwoningen", "doorstroomwoningen",
                                 "Tijdelijke woningen voor huishoudens zonder woonplek, met begeleiding door het "
                                 "wijkteam, in plaats van de duurdere maatschappelijke opvang.",
                                 year - 3);
  const auto woonstap = programme("WoonStAP", "woonstap",
                                  "Jongvolwassenen stappen over van beschermd wonen naar een eigen woning, met "
                                  "begeleiding en een netwerk in de wijk.",
                                  year - 2);

  auto lines = [&](const std::vector<DemoLine>& in) {
    std::vector<cases::LineInput> out;
    for (const auto& l : in)
      out.push_back({category_id.at(l.category), payer_id.at(l.payer), l.description, Cents{l.euros} * 100});
    return out;
  };
  // Who files the case: the coordinator for the transit homes; for WoonStAP the coach of
  // the case's team.
  auto file = [&](const DemoCase& d, const programmes::Programme& p, const Principal& by, const std::string& in_year) {
    std::string reference = d.reference;
    reference.replace(reference.find('%'), 1, in_year);
    const std::string start = in_year + "-" + d.start;
    if (start > iso_date_utc(now)) return;
    cases::CaseInput in;
    in.reference = reference;
    in.team_id = team_id.at(d.team);
    in.programme_id = p.id;
    in.set_group = *d.group != '\0';
    if (in.set_group) in.group = std::string(d.group);
    in.start_date = start;
    in.plan = std::string(d.plan);
    const auto c = must(cases.create(by, in, demo_time(start, 11)), reference).c;
    if (d.oud.empty() && d.nieuw.empty()) return;
    const std::string done = *d.status != '\0' ? in_year + "-" + d.status_on : start;
    must(cases.put_receipt(by, c.id, lines(d.oud), lines(d.nieuw), demo_time(done, 9)), reference + " kassabon");
    if (*d.status == '\0') return;
    cases::CaseInput change;
    change.status = cases::status_from(d.status);
    change.status_date = done;
    must(cases.update(by, c.id, change, demo_time(done, 15)), reference + " status");
  };
  const Principal& coordinator = by_email.at("regie@smd.example");
  for (const auto& d : transit_cases()) file(d, transit, coordinator, last);
  // This year has begun: a new household in the first home, still running.
  file({"DW-%-01", "Wijkteam Centrum", "Woning Pathmos", "01-05", "", "", {}, {}}, transit, coordinator,
       std::to_string(year));
  for (const auto& d : woonstap_cases())
    file(d, woonstap,
         by_email.at(std::string(d.team) == "Wijkteam Centrum" ? "coach@smd.example" : "coach.noord@smd.example"),
         last);
}

}  // namespace wk::demo

namespace wk::cases {

void Module::add_demo_content(std::int64_t org_id, Millis now) {
  demo::add_demo_kassabonnen(db_, programmes_, service_, org_id, now);
}

}  // namespace wk::cases
