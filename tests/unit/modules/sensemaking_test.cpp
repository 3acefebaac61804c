// The rules of sense-making sessions, against a real SQLite store with the demo
// organisation: a saved filter is live while the session is open and frozen when it
// closes; themes link only the session's stories; an action is closed with what it
// changed and is then final; the owner moves an action on but does not re-agree it;
// the report's figures count what was done in the year. Also the saved filter's JSON
// and the report registry taking a module chapter in place of a narrative one.
#include <gtest/gtest.h>

#include <filesystem>

#include "../support/recording_tx.hpp"
#include "modules/organisation/demo.hpp"
#include "modules/sensemaking/report_chapter.hpp"
#include "modules/sensemaking/repository.hpp"
#include "modules/sensemaking/sensemaking.hpp"
#include "modules/stories/lists.hpp"
#include "store/open.hpp"

namespace wk::sensemaking {
namespace {

namespace fs = std::filesystem;

TEST(SavedFilter, RoundTripsThroughJson) {
  StoryFilter f;
  f.from = "2026-01-01";
  f.to = "2026-03-31";
  f.team_id = 7;
  f.teller = "inwoner";
  f.topic_id = 3;
  f.valuation_id = 4;
  f.q = "wacht \"lijst\"";
  const auto back = filter_from_json(filter_to_json(f));
  EXPECT_EQ(back.from, f.from);
  EXPECT_EQ(back.to, f.to);
  EXPECT_EQ(back.team_id, f.team_id);
  EXPECT_EQ(back.teller, f.teller);
  EXPECT_EQ(back.topic_id, f.topic_id);
  EXPECT_EQ(back.valuation_id, f.valuation_id);
  EXPECT_EQ(back.q, f.q);
  EXPECT_EQ(filter_to_json(StoryFilter{}), "{}");
  EXPECT_FALSE(filter_from_json("not json").from.has_value());
}

TEST(ReportRegistry, AModuleChapterTakesThePlaceOfTheNarrativeOne) {
  report::Registry registry;
  const auto before = registry.ordered().size();
  registry.add(make_report_chapter());
  const auto chapters = registry.ordered();
  EXPECT_EQ(chapters.size(), before);
  const auto* kwaliteit = registry.find("kwaliteit");
  ASSERT_NE(kwaliteit, nullptr);
  EXPECT_EQ(kwaliteit->title(), "Kwaliteit");
  EXPECT_EQ(kwaliteit->order(), 70);
}

class SenseMaking : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("wk-sensemaking-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = store::open_database((dir / "test.db").string());
    stories = std::make_unique<stories::Service>(*db);
    sessions = std::make_unique<Service>(*db);
    organisation::Service organisations(*db);
    organisations.define_lists(stories::value_lists());
    organisations.seed_default_lists(now);
    ASSERT_TRUE(demo::create_demo_organisation(organisations, now).has_value());
    org_id = organisations.organisations().front().id;
    db->with_read([&](store::Tx& tx) {
      for (const auto& u : organisation::Service::users(tx, org_id)) {
        Principal p;
        p.user_id = u.id;
        p.org_id = org_id;
        p.roles = u.roles;
        p.team_ids = u.team_ids();
        people[u.email] = p;
      }
      topic = organisation::Service::values(tx, org_id, stories::list::story_topic).front().id;
      valuation = organisation::Service::values(tx, org_id, stories::list::story_valuation).front().id;
    });
  }
  void TearDown() override {
    sessions.reset();
    stories.reset();
    db.reset();
    fs::remove_all(dir);
  }

  const Principal& who(const std::string& email) const { return people.at(email + "@smd.example"); }

  std::int64_t share(const std::string& date) {
    stories::StoryInput in;
    in.title = "Verhaal " + date;
    in.text = "Tekst";
    in.date = date;
    in.topic_id = topic;
    in.valuation_id = valuation;
    auto r = stories->share(who("coach"), in, now);
    EXPECT_TRUE(r.ok());
    return r ? r->story.id : 0;
  }

  SessionInput filtered(const std::string& from, const std::string& to) {
    SessionInput in;
    in.title = "Sessie";
    in.date = "2026-05-01";
    in.facilitator_id = who("kwaliteit").user_id;
    StoryFilter f;
    f.from = from;
    f.to = to;
    in.story_filter = f;
    return in;
  }

  fs::path dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<stories::Service> stories;
  std::unique_ptr<Service> sessions;
  const Millis now = 1'790'000'000'000;  // 2026-09-21
  std::int64_t org_id = 0, topic = 0, valuation = 0;
  std::map<std::string, Principal> people;
};

TEST_F(SenseMaking, AFilterIsLiveWhileOpenAndFrozenWhenClosed) {
  const auto first = share("2026-02-01");
  share("2025-12-31");  // outside the filter
  const auto& quality = who("kwaliteit");
  auto s = sessions->create(quality, filtered("2026-01-01", "2026-03-31"), now);
  ASSERT_TRUE(s.ok());
  const auto id = s->item.summary.id;
  EXPECT_EQ(s->item.summary.story_count, 1);
  const auto second = share("2026-03-01");
  EXPECT_EQ(sessions->get(quality, id, now)->item.summary.story_count, 2) << "open: the filter is evaluated afresh";
  ASSERT_TRUE(sessions->close(quality, id, "Besproken.", now).ok());
  share("2026-03-02");
  const auto closed = sessions->get(quality, id, now)->item;
  EXPECT_EQ(closed.summary.story_count, 2) << "closed: the stories it looked at are frozen";
  ASSERT_EQ(closed.stories.size(), 2u);
  EXPECT_EQ(closed.stories[0].id, second);
  EXPECT_EQ(closed.stories[1].id, first);
  EXPECT_EQ(sessions->update(quality, id, SessionInput{}, now).error().kind, ErrorKind::conflict);
}

TEST_F(SenseMaking, ExactlyOneWayOfChoosingStories) {
  auto both = filtered("2026-01-01", "2026-12-31");
  both.story_ids = std::vector<std::int64_t>{share("2026-02-01")};
  EXPECT_EQ(sessions->create(who("kwaliteit"), both, now).error().kind, ErrorKind::validation);
  auto neither = filtered("2026-01-01", "2026-12-31");
  neither.story_filter.reset();
  EXPECT_EQ(sessions->create(who("kwaliteit"), neither, now).error().kind, ErrorKind::validation);
  EXPECT_EQ(sessions->create(who("coach"), filtered("2026-01-01", "2026-12-31"), now).error().kind,
            ErrorKind::forbidden);
}

TEST_F(SenseMaking, ThemesLinkOnlyTheSessionsStories) {
  const auto in = share("2026-02-01");
  const auto out = share("2025-06-01");
  const auto id = sessions->create(who("kwaliteit"), filtered("2026-01-01", "2026-12-31"), now)->item.summary.id;
  ThemeInput good{"Wachttijden", std::nullopt, std::vector<std::int64_t>{in}};
  EXPECT_TRUE(sessions->add_theme(who("kwaliteit"), id, good, now).ok());
  ThemeInput bad{"Anders", std::nullopt, std::vector<std::int64_t>{in, out}};
  const auto r = sessions->add_theme(who("kwaliteit"), id, bad, now);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "story_ids[1]");
}

TEST_F(SenseMaking, AnActionClosesWithWhatChangedAndIsThenFinal) {
  share("2026-02-01");
  const auto& quality = who("kwaliteit");
  const auto& coach = who("coach");
  const auto id = sessions->create(quality, filtered("2026-01-01", "2026-12-31"), now)->item.summary.id;
  const auto action = sessions->add_action(
      quality, id, ActionInput{"Training plannen", "2026-09-01", coach.user_id, std::nullopt}, now);
  ASSERT_TRUE(action.ok());
  EXPECT_TRUE(action->item.overdue) << "due before today and not done";

  ActionChange later;
  later.due_date = "2026-12-01";
  EXPECT_EQ(sessions->update_action(coach, action->item.id, later, now).error().kind, ErrorKind::forbidden)
      << "the owner does not re-agree the due date";
  ActionChange started;
  started.status = "in_progress";
  EXPECT_EQ(sessions->update_action(who("coach.noord"), action->item.id, started, now).error().kind,
            ErrorKind::forbidden)
      << "another coach does not move it";
  EXPECT_TRUE(sessions->update_action(coach, action->item.id, started, now).ok());

  ActionChange done;
  done.status = "done";
  const auto missing = sessions->update_action(coach, action->item.id, done, now);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.size(), 2u) << "what kind of change, and what changed";
  done.outcome_kind = "training";
  done.outcome = "Training gegeven aan alle teams.";
  const auto closed = sessions->update_action(coach, action->item.id, done, now);
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->item.overdue);
  EXPECT_EQ(sessions->update_action(quality, action->item.id, started, now).error().kind, ErrorKind::conflict);

  const auto figures =
      db->read([&](store::Tx& tx) { return Service::figures(tx, org_id, "2026-01-01", "2026-12-31"); });
  EXPECT_EQ(figures.sessions, 1);
  EXPECT_EQ(figures.actions_agreed, 1);
  EXPECT_EQ(figures.actions_done, 1);
  EXPECT_EQ(figures.actions_open, 0);
  EXPECT_EQ(figures.done_by_kind[2], (std::pair<std::string, std::int64_t>{"training", 1}));
  const auto last_year =
      db->read([&](store::Tx& tx) { return Service::figures(tx, org_id, "2025-01-01", "2025-12-31"); });
  EXPECT_EQ(last_year.actions_done, 0);
}

TEST_F(SenseMaking, ABestPracticeOnceAndOnlyFromAStoryTheSessionSaw) {
  const auto seen = share("2026-02-01");
  const auto unseen = share("2025-02-01");
  const auto& quality = who("kwaliteit");
  const auto id = sessions->create(quality, filtered("2026-01-01", "2026-12-31"), now)->item.summary.id;
  EXPECT_EQ(sessions->promote(quality, unseen, BestPracticeInput{std::nullopt, "Goed", id}, now).error().kind,
            ErrorKind::validation);
  const auto bp = sessions->promote(quality, seen, BestPracticeInput{std::nullopt, "Goed", id}, now);
  ASSERT_TRUE(bp.ok());
  EXPECT_EQ(bp->item.title, "Verhaal 2026-02-01") << "the story's title by default";
  EXPECT_EQ(bp->item.status, "concept");
  EXPECT_EQ(
      sessions->promote(quality, seen, BestPracticeInput{std::nullopt, "Nog eens", std::nullopt}, now).error().kind,
      ErrorKind::conflict);
  EXPECT_EQ(
      sessions->promote(who("coach"), unseen, BestPracticeInput{std::nullopt, "Goed", std::nullopt}, now).error().kind,
      ErrorKind::forbidden);
}

// The open (or closed) sessions are found and counted by the status's own index. With the
// status as `(? IS NULL OR s.status = ?)` SQLite walked every session of the organisation
// in date order and read each row for its status: 162 ms a page of the open ones among
// 100,000 sessions (bench/lists.sh).
TEST_F(SenseMaking, SessionsOfAStatusAreReadByTheStatusIndex) {
  SessionQuery q;
  q.status = "open";
  const auto plans = db->read([&](store::Tx& real) {
    test::RecordingTx tx(real, true);
    repo::list_sessions(tx, org_id, q);
    repo::count_sessions(tx, org_id, q);
    return tx.plans_of("FROM sensemaking_sessions s");
  });
  EXPECT_NE(plans.find("sensemaking_sessions_status (org_id=? AND status=?)"), std::string::npos) << plans;
  EXPECT_EQ(plans.find("SCAN s"), std::string::npos) << plans;
  EXPECT_EQ(plans.find("sensemaking_sessions_date"), std::string::npos) << plans;
}

}  // namespace
}  // namespace wk::sensemaking
