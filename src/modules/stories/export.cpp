#include "modules/stories/export.hpp"

#include <map>
#include <set>

#include "modules/organisation/service.hpp"
#include "modules/stories/repository.hpp"

namespace wk::stories {

using organisation::ListValue;
using report::Cell;

bool may_export(const Principal& p) {
  return p.has_any_role({role::quality, role::director});
}

namespace {

std::string label_of(const ListValue& v) {
  return v.active ? v.label : v.label + " (vervallen)";
}

}  // namespace

Result<report::Table> export_table(store::Database& db, const Principal& p, StoryFilter f) {
  if (!may_export(p)) return Error::forbidden();
  f.status = "published";
  f.offset = 0;
  return db.read([&](store::Tx& tx) -> Result<report::Table> {
    if (repo::count_upto(tx, p.org_id, f, kMaxExported + 1) > kMaxExported)
      return Error::validation(
          {{"from", "Er zijn meer dan " + std::to_string(kMaxExported) + " verhalen; kies een kortere periode.",
            "more than " + std::to_string(kMaxExported) + " stories; narrow the filter"}});
    f.limit = kMaxExported;
    const auto rows = repo::list(tx, p.org_id, f);
    auto values = [&](std::string_view list) { return organisation::Service::values(tx, p.org_id, list); };
    const auto topics = values(stories::list::story_topic);
    const auto valuations = values(stories::list::story_valuation);
    const auto archetypes = values(stories::list::story_archetype);
    const auto prompts = values(stories::list::story_prompt);
    auto [teams, users] = organisation::Service::names(tx, p.org_id);
    std::map<std::int64_t, const ListValue*> by_id;
    for (const auto* list : {&topics, &valuations, &archetypes, &prompts})
      for (const auto& v : *list) by_id[v.id] = &v;
    auto label = [&](const std::optional<std::int64_t>& id) {
      if (!id) return std::string();
      auto it = by_id.find(*id);
      return it == by_id.end() ? std::string() : label_of(*it->second);
    };

    report::Table t{"verhalen",
                    "Verhalen",
                    {"id", "datum", "titel", "tekst", "soort verteller", "team", "onderwerp", "waardering"},
                    {}};
    for (const auto& v : topics) t.columns.push_back("onderwerp: " + label_of(v));
    for (const auto& v : valuations) t.columns.push_back("waardering: " + label_of(v));
    for (const auto& v : archetypes) t.columns.push_back("rol: " + label_of(v));
    for (const auto& v : prompts) t.columns.push_back("vraag: " + label_of(v));
    t.columns.push_back("bron");
    t.columns.push_back("ondertekend door");

    for (const auto& s : rows) {
      report::Row row;
      auto& c = row.cells;
      c.push_back(Cell::count(s.id));
      c.push_back(Cell::text(s.date));
      c.push_back(Cell::text(s.title));
      c.push_back(Cell::text(s.text));
      c.push_back(Cell::text(s.teller));
      c.push_back(Cell::text(s.team_id ? teams[*s.team_id] : ""));
      c.push_back(Cell::text(label(s.topic_id)));
      c.push_back(Cell::text(label(s.valuation_id)));
      for (const auto& v : topics) c.push_back(Cell::count(s.topic_id == v.id ? 1 : 0));
      for (const auto& v : valuations) c.push_back(Cell::count(s.valuation_id == v.id ? 1 : 0));
      const std::set<std::int64_t> chosen(s.archetype_ids.begin(), s.archetype_ids.end());
      for (const auto& v : archetypes) c.push_back(Cell::count(chosen.count(v.id) ? 1 : 0));
      for (const auto& v : prompts) {
        std::string answer;
        for (const auto& a : s.answers)
          if (a.prompt_id == v.id) answer = a.text;
        c.push_back(Cell::text(answer));
      }
      c.push_back(Cell::text(s.source == "public" ? "openbaar vertelpunt" : "medewerker"));
      c.push_back(Cell::text(s.signed_by ? users[*s.signed_by] : ""));
      t.rows.push_back(std::move(row));
    }
    return t;
  });
}

}  // namespace wk::stories
