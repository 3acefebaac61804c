#include "modules/organisation/value_lists.hpp"

#include <algorithm>

namespace wk::organisation {

const std::vector<KnownList>& known_lists() {
  static const std::vector<KnownList> lists = {
      {list::cost_category,
       {{"maatschappelijke opvang", "shelter"},
        {"crisisopvang", "crisis shelter"},
        {"beschermd wonen", "sheltered housing"},
        {"jeugdhulp (tweede lijn)", "youth care (specialist)"},
        {"jeugdbescherming", "child protection"},
        {"uithuisplaatsing", "out-of-home placement"},
        {"Wmo-begeleiding", "social support (Wmo)"},
        {"huishoudelijke hulp", "domestic help"},
        {"GGZ / verslavingszorg", "mental health / addiction care"},
        {"schuldhulpverlening", "debt counselling"},
        {"bijzondere bijstand", "special assistance"},
        {"uitkering", "benefits"},
        {"huurachterstand / ontruiming", "rent arrears / eviction"},
        {"politie / justitie", "police / justice"},
        {"inzet wijkcoach", "neighbourhood coach"},
        {"maatwerkbudget", "tailored budget"},
        {"overig", "other"}}},
      {list::payer,
       {{"gemeente", "municipality"},
        {"woningcorporatie", "housing corporation"},
        {"zorgverzekeraar", "health insurer"},
        {"Rijk", "central government"},
        {"overig", "other"}}},
      // Residents see the topics in their own words; the organisation's internal matters
      // are for staff only.
      {list::story_topic,
       {{"Financiële kwesties", "Financial issues", "Geld en rondkomen"},
        {"Gezondheid", "Health", "Gezondheid"},
        {"Interne organisatiekwesties", "Internal organisational issues", "", audience::staff},
        {"Kwaliteit persoonlijke situatie", "Quality of personal situation", "Hoe het met mij gaat"},
        {"Meedoen in de wijk / samenleving", "Taking part in the neighbourhood / society", "Meedoen in de buurt"},
        {"Onderwijs en ontwikkeling", "Education and development", "School en leren"},
        {"Schulden", "Debts", "Schulden"},
        {"Veiligheid", "Safety", "Veiligheid"},
        {"Werk", "Work", "Werk"},
        {"Werk van andere instanties of samenwerking daarmee", "Work of other agencies or working with them",
         "Hulp van andere instanties"},
        {"Wonen en bescherming", "Housing and protection", "Wonen"},
        {"Zorg en ondersteuning", "Care and support", "Zorg en ondersteuning"}}},
      {list::story_valuation,
       {{"zeer negatief", "very negative"},
        {"negatief", "negative"},
        {"neutraal", "neutral"},
        {"positief", "positive"},
        {"zeer positief", "very positive"}}},
      // How a professional felt in the work: not a question for residents.
      {list::story_archetype,
       {{"Nieuwe wegen vinder", "Finder of new ways", "", audience::staff},
        {"Redder", "Rescuer", "", audience::staff},
        {"Specialist", "Specialist", "", audience::staff},
        {"Kameleon", "Chameleon", "", audience::staff},
        {"Tekortschieter", "Falling short", "", audience::staff}}},
      // Extra questions; the one for residents asks what would have helped.
      {list::story_prompt,
       {{"Wat had je geholpen?", "What would have helped?", "Wat had u op dat moment geholpen?", audience::residents}}},
  };
  return lists;
}

bool is_known_list(std::string_view name) {
  const auto& lists = known_lists();
  return std::any_of(lists.begin(), lists.end(), [&](const KnownList& l) { return l.name == name; });
}

std::string code_from_label(std::string_view label) {
  std::string out;
  bool pending_separator = false;
  for (std::size_t i = 0; i < label.size(); ++i) {
    const auto c = static_cast<unsigned char>(label[i]);
    char mapped = 0;
    if (c >= 'A' && c <= 'Z')
      mapped = static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      mapped = static_cast<char>(c);
    else if (c == 0xC3 && i + 1 < label.size()) {
      // Latin-1 supplement letters in UTF-8: fold the accented vowels Dutch uses.
      const auto d = static_cast<unsigned char>(label[++i]);
      if ((d >= 0xA0 && d <= 0xA5) || (d >= 0x80 && d <= 0x85))
        mapped = 'a';
      else if ((d >= 0xA8 && d <= 0xAB) || (d >= 0x88 && d <= 0x8B))
        mapped = 'e';
      else if ((d >= 0xAC && d <= 0xAF) || (d >= 0x8C && d <= 0x8F))
        mapped = 'i';
      else if ((d >= 0xB2 && d <= 0xB6) || (d >= 0x92 && d <= 0x96))
        mapped = 'o';
      else if ((d >= 0xB9 && d <= 0xBC) || (d >= 0x99 && d <= 0x9C))
        mapped = 'u';
    }
    if (mapped) {
      if (pending_separator && !out.empty()) out += '_';
      pending_separator = false;
      out += mapped;
    } else {
      pending_separator = true;
    }
  }
  return out.substr(0, 60);
}

}  // namespace wk::organisation
