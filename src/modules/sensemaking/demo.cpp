// The demo organisation's vertelpunt (`serve --demo --demo-data`): two years of
// signified stories with the shift the model organisation saw (more negative stories,
// coaches feeling a "Tekortschieter" more often and a "Nieuwe wegen vinder" less often),
// a few residents' stories waiting for moderation (one with a phone number), the
// previous year's two closed sense-making sessions with their themes and actions and the
// vertelpunt's views, one open session of this year, and a best practice. Made through the
// modules' services, so every record is checked and audited like any other.
#include <map>
#include <stdexcept>
#include <tuple>

#include "modules/organisation/demo.hpp"
#include "modules/sensemaking/module.hpp"
#include "modules/stories/lists.hpp"

namespace wk::demo {

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
                         usage::Service& usage, std::int64_t org_id, Millis now) {
  const auto [teams, topics, valuations, archetypes] = db.read([&](store::Tx& tx) {
    using organisation::Service;
    return std::tuple{Service::teams(tx, org_id), Service::values(tx, org_id, stories::list::story_topic),
                      Service::values(tx, org_id, stories::list::story_valuation),
                      Service::values(tx, org_id, stories::list::story_archetype)};
  });
  const auto by_email = demo_principals(db, org_id);
  const Principal& coach = by_email.at("coach@smd.example");
  const Principal& coach_noord = by_email.at("coach.noord@smd.example");
  const Principal& quality = by_email.at("kwaliteit@smd.example");

  const std::string today = iso_date_utc(now);
  const int year = std::stoi(today.substr(0, 4));
  const int month_now = std::stoi(today.substr(5, 2));
  Dice dice;
  // Valuations and archetypes shift from two years ago to last year (the model report's 2018).
  const std::vector<int> topic_weights{9, 6, 4, 8, 7, 4, 9, 3, 4, 10, 8, 12};
  const std::vector<std::vector<int>> valuation_weights{{6, 14, 22, 38, 20}, {10, 20, 22, 32, 16}};
  const std::vector<std::vector<int>> archetype_weights{{34, 30, 22, 20, 10}, {24, 30, 22, 20, 19}};
  std::vector<std::int64_t> this_year_ids, autumn_ids;
  // Two years ago, last year (the report's year, with the shift), and this year so far.
  for (int y = 0; y < 3; ++y) {
    const int story_year = year - 2 + y;
    const int months = y < 2 ? 12 : std::max(1, month_now - 1);  // this year: up to last month
    const int count = y == 0 ? 170 : y == 1 ? 210 : 16 * months;
    const std::size_t shape = y == 0 ? 0 : 1;
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
      in.valuation_id = valuations[dice.weighted(valuation_weights[shape]) % valuations.size()].id;
      for (std::size_t a = 0; a < archetypes.size() && a < archetype_weights[shape].size(); ++a)
        if (dice.below(100) < archetype_weights[shape][a]) in.archetype_ids.push_back(archetypes[a].id);
      in.signed_story = dice.below(5) == 0;
      const auto& teller = i % 2 == 0 ? coach : coach_noord;
      const auto view = must(stories.share(teller, std::move(in), now), "story");
      if (y == 2) this_year_ids.push_back(view.story.id);
      if (y == 1 && view.story.date.substr(5, 2) >= "07" && view.story.date.substr(5, 2) <= "09")
        autumn_ids.push_back(view.story.id);
    }
  }
  // Residents' stories waiting for the quality officer.
  const std::vector<Snippet> residents = {
      {"Eindelijk iemand die luisterde",
       "De wijkcoach kwam langs en nam de tijd. Voor het eerst voelde ik me gehoord."},
      {"Lang gewacht op een antwoord",
       "Ik heb zes weken niets gehoord over mijn aanvraag voor huishoudelijke hulp. Bel mij gerust: 06-12345678."},
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

  // The previous year: a session in spring on the first quarter's stories and one in
  // autumn on a hand-picked set, both closed, with the loop closed on actions during the
  // year; made on the days they happened, so the year's report counts them.
  const std::string last = std::to_string(year - 1);
  auto on = [&](const std::string& mm_dd, int hour = 10) { return demo_time(last + "-" + mm_dd, hour); };
  sensemaking::SessionInput spring;
  spring.title = "Duidingssessie voorjaar " + last;
  spring.date = last + "-04-15";
  spring.facilitator_id = quality.user_id;
  spring.participant_ids = std::vector<std::int64_t>{coach.user_id, coach_noord.user_id};
  spring.other_participants = "twee ketenpartners (woningcorporatie, schuldhulp)";
  spring.notes = "We lazen de verhalen van het eerste kwartaal, vooral de (zeer) negatieve.";
  stories::StoryFilter first_quarter;
  first_quarter.from = last + "-01-01";
  first_quarter.to = last + "-03-31";
  spring.story_filter = first_quarter;
  const auto session = must(sessions.create(quality, spring, on("04-15", 9)), "spring session").item;
  std::vector<std::int64_t> seen;
  for (const auto& s : session.stories) seen.push_back(s.id);
  auto some = [&](std::size_t from, std::size_t n) {
    std::vector<std::int64_t> out;
    for (std::size_t i = from; i < seen.size() && out.size() < n; ++i) out.push_back(seen[i]);
    return out;
  };
  sensemaking::ThemeInput waiting{
      "Wachten op andere instanties",
      "Coaches overbruggen lange wachttijden (GGZ, indicaties) en voelen zich tekortschieten.", some(0, 4)};
  const auto theme1 = must(sessions.add_theme(quality, session.summary.id, waiting, on("04-15", 12)), "theme").item;
  sensemaking::ThemeInput workload{"Werkdruk en huisbezoeken", "Te weinig tijd voor wat nodig is.", some(4, 3)};
  must(sessions.add_theme(quality, session.summary.id, workload, on("04-15", 12)), "theme");
  auto action = [&](std::int64_t in_session, const std::string& description, const Principal& owner,
                    const std::string& due, std::optional<std::int64_t> theme, Millis at) {
    sensemaking::ActionInput in{description, due, owner.user_id, theme};
    return must(sessions.add_action(quality, in_session, in, at), "action").item;
  };
  const auto a1 = action(session.summary.id, "Werkafspraak met de GGZ over overbrugging bij wachttijden", quality,
                         last + "-06-30", theme1.id, on("04-15", 13));
  const auto a2 = action(session.summary.id, "Intervisie over 'tekortschieten' in elk team", coach, last + "-09-30",
                         theme1.id, on("04-15", 13));
  const auto a3 = action(session.summary.id, "Caseload per coach maandelijks bespreken in het teamoverleg", coach_noord,
                         last + "-12-31", std::nullopt, on("04-15", 13));
  auto finish = [&](const Principal& by, std::int64_t id, const char* kind, const char* outcome, Millis at) {
    sensemaking::ActionChange done;
    done.status = "done";
    done.outcome_kind = kind;
    done.outcome = outcome;
    must(sessions.update_action(by, id, done, at), "action done");
  };
  finish(quality, a1.id, "procedure", "Procedure 'overbrugging wachttijd GGZ' vastgesteld en in de kennisbank gezet.",
         on("06-20"));
  finish(coach, a2.id, "training", "Twee intervisiebijeenkomsten per team; opgenomen in het scholingsplan.",
         on("09-12"));
  finish(coach_noord, a3.id, "method", "De caseload staat maandelijks op de agenda van elk teamoverleg.", on("11-03"));
  if (!seen.empty()) {
    sensemaking::BestPracticeInput bp{std::nullopt, "Samen optrekken met de woningcorporatie voorkomt uitzetting.",
                                      session.summary.id};
    must(sessions.promote(quality, seen.front(), bp, on("05-02")), "best practice");
  }
  must(sessions.close(quality, session.summary.id,
                      "Wachttijden bij andere instanties drukken op coaches; afspraken met de GGZ en intervisie.",
                      on("11-04")),
       "close");

  // Autumn: a hand-picked set of the third quarter's stories about money and housing.
  sensemaking::SessionInput autumn;
  autumn.title = "Duidingssessie najaar " + last;
  autumn.date = last + "-10-14";
  autumn.facilitator_id = quality.user_id;
  autumn.participant_ids = std::vector<std::int64_t>{coach.user_id, coach_noord.user_id};
  std::vector<std::int64_t> picked;
  for (std::size_t i = 0; i < autumn_ids.size() && picked.size() < 10; i += 3) picked.push_back(autumn_ids[i]);
  if (picked.empty() && !seen.empty()) picked.push_back(seen.front());
  autumn.story_ids = picked;
  const auto fall = must(sessions.create(quality, autumn, on("10-14", 9)), "autumn session").item;
  sensemaking::ThemeInput debts{
      "Schulden te laat in beeld", "Schuldsignalen komen pas bij aanmaningen bij ons.",
      std::vector<std::int64_t>(picked.begin(), picked.begin() + std::min<std::size_t>(3, picked.size()))};
  const auto theme3 = must(sessions.add_theme(quality, fall.summary.id, debts, on("10-14", 12)), "theme").item;
  const auto a4 = action(fall.summary.id, "Schuldsignalen opnemen in de intake", coach, last + "-12-01", theme3.id,
                         on("10-14", 13));
  finish(coach, a4.id, "procedure", "De intakevragen over geldzorgen staan in de procedure 'Eerste gesprek'.",
         on("11-28"));
  action(fall.summary.id, "Vroegsignalering met de woningcorporaties afspreken", quality,
         std::to_string(year) + "-03-31", theme3.id, on("10-14", 13));
  must(sessions.close(quality, fall.summary.id, "Eerder samen met schuldeisers en corporaties om tafel.", on("11-20")),
       "close");

  // The vertelpunt was consulted through the year.
  for (int month = 1; month <= 12; ++month)
    for (int i = 0; i < 6 + month % 5; ++i)
      must(usage.record(i % 2 == 0 ? coach : coach_noord, "vertelpunt",
                        on(two(month) + "-" + two(1 + (i * 3) % 28), 14)),
           "view");

  // This year: an open session with a hand-picked set.
  sensemaking::SessionInput current;
  current.title = "Duidingssessie " + std::to_string(year);
  current.date = today;
  current.facilitator_id = quality.user_id;
  current.participant_ids = std::vector<std::int64_t>{coach.user_id};
  std::vector<std::int64_t> chosen;
  for (std::size_t i = 0; i < this_year_ids.size() && chosen.size() < 8; i += 7) chosen.push_back(this_year_ids[i]);
  current.story_ids = chosen;
  const auto open = must(sessions.create(quality, current, now), "this year's session").item;
  sensemaking::ActionInput follow_up{"Verhalen over schulden bespreken met de schuldhulpverlening",
                                     std::to_string(year) + "-12-15", coach.user_id, std::nullopt};
  must(sessions.add_action(quality, open.summary.id, follow_up, now), "action");
}

}  // namespace wk::demo

namespace wk::sensemaking {

void Module::add_demo_content(std::int64_t org_id, Millis now) {
  demo::add_demo_vertelpunt(db_, stories_, service_, usage_, org_id, now);
}

}  // namespace wk::sensemaking
