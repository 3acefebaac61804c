#include "modules/cases/lists.hpp"

namespace wk::cases {

std::vector<ListDefinition> value_lists() {
  return {
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
  };
}

}  // namespace wk::cases
