#include "modules/stories/lists.hpp"

namespace wk::stories {

// Quality staff edit the vertelpunt's signifier lists too.
std::vector<ListDefinition> value_lists() {
  const std::vector<std::string_view> quality{role::quality};
  return {
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
        {"Zorg en ondersteuning", "Care and support", "Zorg en ondersteuning"}},
       quality},
      {list::story_valuation,
       {{"zeer negatief", "very negative"},
        {"negatief", "negative"},
        {"neutraal", "neutral"},
        {"positief", "positive"},
        {"zeer positief", "very positive"}},
       quality},
      // How a professional felt in the work: not a question for residents.
      {list::story_archetype,
       {{"Nieuwe wegen vinder", "Finder of new ways", "", audience::staff},
        {"Redder", "Rescuer", "", audience::staff},
        {"Specialist", "Specialist", "", audience::staff},
        {"Kameleon", "Chameleon", "", audience::staff},
        {"Tekortschieter", "Falling short", "", audience::staff}},
       quality},
      // Extra questions; the one for residents asks what would have helped.
      {list::story_prompt,
       {{"Wat had je geholpen?", "What would have helped?", "Wat had u op dat moment geholpen?", audience::residents}},
       quality},
  };
}

}  // namespace wk::stories
