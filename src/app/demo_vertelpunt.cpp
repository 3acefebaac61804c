// The demo organisation's vertelpunt (`serve --demo --demo-data`): two years of
// signified stories with the shift the model organisation saw (more negative stories,
// coaches feeling a "Tekortschieter" more often and a "Nieuwe wegen vinder" less often),
// a few residents' stories waiting for moderation, one closed sense-making session with
// its themes and actions, one open session, and a best practice. Made through the
// modules' services, so every record is checked and audited like any other.
#include <map>
#include <tuple>
#include <stdexcept>

#include "app/demo.hpp"

namespace wk::app {

namespace {

// A small deterministic generator: the demo looks the same on every machine.
class Dice {
 public:
  std::uint32_t next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
  // An index drawn with the given weights.
  std::size_t weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int roll = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (roll < weights[i]) return i;
      roll -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::uint32_t state_ = 2018;
};

struct Snippet {
  const char* title;
  const char* text;
};

// Short experiences as coaches and partners tell them (made up, no real people).
const std::vector<Snippet>& snippets() {
  static const std::vector<Snippet> s = {
      {"Samen naar de woningcorporatie",
       "Mevrouw durfde niet te bellen over de achterstand. We zijn samen gegaan; er is nu een regeling en ze slaapt "
       "weer."},
      {"Drie loketten, één gezin",
       "Het gezin had met vijf hulpverleners te maken die elkaar niet kenden. Eén keer om tafel en er is één plan."},
      {"Wachtlijst GGZ",
       "Meneer wacht al maanden op behandeling. Wij kunnen weinig anders dan de wachttijd overbruggen; dat voelt "
       "machteloos."},
      {"Buurtmaaltijd",
       "Een bewoner die nooit buiten kwam, kookt nu elke dinsdag mee in het buurthuis. Hij zegt dat hij weer ergens "
       "bij hoort."},
      {"Beschikking op zich laten wachten",
       "De indicatie kwam pas na tien weken. Intussen liep de situatie thuis uit de hand."},
      {"Maatwerk met de energierekening",
       "Door de rekening in termijnen te splitsen en een kleine gift te regelen, is afsluiting voorkomen."},
      {"Jongere terug naar school",
       "Na gesprekken met school en ouders is er een rooster op maat. Hij gaat weer vier dagen per week."},
      {"Te veel casussen tegelijk",
       "Ik had deze maand te weinig tijd voor huisbezoeken. Ik deed wat moest, niet wat nodig was."},
      {"Een werkgever die meedacht",
       "De werkgever paste de uren aan zodat mevrouw haar moeder kan verzorgen. Zonder dat was ze uitgevallen."},
      {"Overlast in de flat",
       "Na bemiddeling tussen de buren is de rust teruggekeerd. Ze groeten elkaar weer in de lift."},
      {"Schuldhulp zonder wachtrij",
       "We hebben de eerste schuldeisers zelf gebeld; daardoor stopten de incassokosten voordat de schuldhulp "
       "begon."},
      {"Niet gehoord door de instantie",
       "De aanvraag werd drie keer teruggestuurd om een formulier. Het gezin gaf bijna op."},
  };
  return s;
}

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

void add_demo_vertelpunt(store::Database& db, stories::Service& stories, sensemaking::Service& sessions,
                         std::int64_t org_id, Millis now) {
  const auto [users, teams, topics, valuations, archetypes] = db.read([&](store::Tx& tx) {
    using organisation::Service;
    return std::tuple{Service::users(tx, org_id), Service::teams(tx, org_id),
                      Service::values(tx, org_id, organisation::list::story_topic),
                      Service::values(tx, org_id, organisation::list::story_valuation),
                      Service::values(tx, org_id, organisation::list::story_archetype)};
  });
  std::map<std::string, Principal> by_email;
  for (const auto& u : users) by_email.emplace(u.email, demo_principal(u, org_id));
  const Principal& coach = by_email.at("coach@smd.example");
  const Principal& coach_noord = by_email.at("coach.noord@smd.example");
  const Principal& quality = by_email.at("kwaliteit@smd.example");

  const std::string today = iso_date_utc(now);
  const int year = std::stoi(today.substr(0, 4));
  const int month_now = std::stoi(today.substr(5, 2));
  Dice dice;
  // Last year, then this year: valuations and archetypes shift (the model report's 2018).
  const std::vector<int> topic_weights{9, 6, 4, 8, 7, 4, 9, 3, 4, 10, 8, 12};
  const std::vector<std::vector<int>> valuation_weights{{6, 14, 22, 38, 20}, {10, 20, 22, 32, 16}};
  const std::vector<std::vector<int>> archetype_weights{{34, 30, 22, 20, 10}, {24, 30, 22, 20, 19}};
  std::vector<std::int64_t> this_year_ids;
  for (int y = 0; y < 2; ++y) {
    const int story_year = year - 1 + y;
    const int count = y == 0 ? 180 : 210;
    const int months = y == 0 ? 12 : std::max(1, month_now - 1);  // this year: up to last month
    for (int i = 0; i < count; ++i) {
      const auto& snippet = snippets()[static_cast<std::size_t>(dice.below(static_cast<int>(snippets().size())))];
      stories::StoryInput in;
      in.title = snippet.title;
      in.text = snippet.text;
      in.date = std::to_string(story_year) + "-" + two(1 + dice.below(months)) + "-" + two(1 + dice.below(28));
      if (in.date > today) in.date = today;
      in.teller = dice.below(10) == 0 ? stories::TellerKind::ketenpartner : stories::TellerKind::medewerker;
      in.team_id = teams[static_cast<std::size_t>(dice.below(static_cast<int>(teams.size())))].id;
      in.topic_id = topics[dice.weighted(topic_weights) % topics.size()].id;
      in.valuation_id = valuations[dice.weighted(valuation_weights[y]) % valuations.size()].id;
      for (std::size_t a = 0; a < archetypes.size() && a < archetype_weights[y].size(); ++a)
        if (dice.below(100) < archetype_weights[y][a]) in.archetype_ids.push_back(archetypes[a].id);
      in.signed_story = dice.below(5) == 0;
      const auto& teller = i % 2 == 0 ? coach : coach_noord;
      const auto view = must(stories.share(teller, std::move(in), now), "story");
      if (y == 1) this_year_ids.push_back(view.story.id);
    }
  }
  // Residents' stories waiting for the quality officer.
  const std::vector<Snippet> residents = {
      {"Eindelijk iemand die luisterde", "De wijkcoach kwam langs en nam de tijd. Voor het eerst voelde ik me gehoord."},
      {"Lang gewacht op een antwoord", "Ik heb zes weken niets gehoord over mijn aanvraag voor huishoudelijke hulp."},
      {"Fijne hulp bij de formulieren", "Samen met de vrijwilliger zijn alle formulieren voor de toeslag ingevuld."},
  };
  for (std::size_t i = 0; i < residents.size(); ++i) {
    stories::StoryInput in;
    in.title = residents[i].title;
    in.text = residents[i].text;
    in.date = today;
    in.topic_id = topics.back().id;
    if (auto r = stories.share_public("smd", std::move(in), "demo-" + std::to_string(i), false, now); !r)
      throw std::runtime_error("demo vertelpunt: public story: " + r.error().detail);
  }

  // A session held this spring, closed, with the loop closed on two of its actions.
  sensemaking::SessionInput spring;
  spring.title = "Duidingssessie voorjaar " + std::to_string(year);
  spring.date = std::to_string(year) + "-04-15";
  spring.facilitator_id = quality.user_id;
  spring.participant_ids = std::vector<std::int64_t>{coach.user_id, coach_noord.user_id};
  spring.other_participants = "twee ketenpartners (woningcorporatie, schuldhulp)";
  spring.notes = "We lazen de verhalen van het eerste kwartaal, vooral de (zeer) negatieve.";
  stories::StoryFilter first_quarter;
  first_quarter.from = std::to_string(year) + "-01-01";
  first_quarter.to = std::to_string(year) + "-03-31";
  spring.story_filter = first_quarter;
  const auto session = must(sessions.create(quality, spring, now), "spring session").item;
  std::vector<std::int64_t> seen;
  for (const auto& s : session.stories) seen.push_back(s.id);
  auto some = [&](std::size_t from, std::size_t n) {
    std::vector<std::int64_t> out;
    for (std::size_t i = from; i < seen.size() && out.size() < n; ++i) out.push_back(seen[i]);
    return out;
  };
  sensemaking::ThemeInput waiting{"Wachten op andere instanties",
                                  "Coaches overbruggen lange wachttijden (GGZ, indicaties) en voelen zich tekortschieten.",
                                  some(0, 4)};
  const auto theme1 = must(sessions.add_theme(quality, session.summary.id, waiting, now), "theme").item;
  sensemaking::ThemeInput workload{"Werkdruk en huisbezoeken", "Te weinig tijd voor wat nodig is.", some(4, 3)};
  must(sessions.add_theme(quality, session.summary.id, workload, now), "theme");
  auto action = [&](const std::string& description, const Principal& owner, const std::string& due,
                    std::optional<std::int64_t> theme) {
    sensemaking::ActionInput in{description, due, owner.user_id, theme};
    return must(sessions.add_action(quality, session.summary.id, in, now), "action").item;
  };
  const auto a1 = action("Werkafspraak met de GGZ over overbrugging bij wachttijden", quality,
                         std::to_string(year) + "-06-30", theme1.id);
  const auto a2 = action("Intervisie over 'tekortschieten' in elk team", coach, std::to_string(year) + "-07-15",
                         theme1.id);
  action("Caseload per coach maandelijks bespreken in het teamoverleg", coach_noord, std::to_string(year) + "-12-31",
         std::nullopt);
  sensemaking::ActionChange done1;
  done1.status = "done";
  done1.outcome_kind = "procedure";
  done1.outcome = "Procedure 'overbrugging wachttijd GGZ' vastgesteld en in de kennisbank gezet.";
  must(sessions.update_action(quality, a1.id, done1, now), "action done");
  sensemaking::ActionChange done2;
  done2.status = "done";
  done2.outcome_kind = "training";
  done2.outcome = "Twee intervisiebijeenkomsten per team; opgenomen in het scholingsplan.";
  must(sessions.update_action(coach, a2.id, done2, now), "action done");
  if (!seen.empty()) {
    sensemaking::BestPracticeInput bp{std::nullopt, "Samen optrekken met de woningcorporatie voorkomt uitzetting.",
                                      session.summary.id};
    must(sessions.promote(quality, seen.front(), bp, now), "best practice");
  }
  must(sessions.close(quality, session.summary.id,
                      "Wachttijden bij andere instanties drukken op coaches; afspraken met de GGZ en intervisie.", now),
       "close");

  // An open session with a hand-picked set, for the autumn.
  sensemaking::SessionInput autumn;
  autumn.title = "Duidingssessie najaar " + std::to_string(year);
  autumn.date = today;
  autumn.facilitator_id = quality.user_id;
  autumn.participant_ids = std::vector<std::int64_t>{coach.user_id};
  std::vector<std::int64_t> picked;
  for (std::size_t i = 0; i < this_year_ids.size() && picked.size() < 8; i += 7) picked.push_back(this_year_ids[i]);
  autumn.story_ids = picked;
  const auto open = must(sessions.create(quality, autumn, now), "autumn session").item;
  sensemaking::ActionInput follow_up{"Verhalen over schulden bespreken met de schuldhulpverlening",
                                     std::to_string(year) + "-12-15", coach.user_id, std::nullopt};
  must(sessions.add_action(quality, open.summary.id, follow_up, now), "action");
}

}  // namespace wk::app
