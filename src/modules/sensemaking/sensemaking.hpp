// Duidingssessies (SPEC §4.3): quality staff look at a set of stories with colleagues —
// a saved filter or a hand-picked set —, name the themes they find (each linked to its
// stories) and agree actions with an owner and a due date. The loop closes when an
// action is done and says what it changed: a method, a procedure or a training. A story
// can be promoted to a best practice, linked to the session that chose it; the knowledge
// base takes those over as draft items.
//
// While a session is open its saved filter is evaluated afresh; closing it freezes the
// stories it looked at, so a closed session keeps saying what it saw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"
#include "modules/stories/stories.hpp"
#include "store/database.hpp"

namespace wk::sensemaking {

using stories::StoryFilter;

template <class T>
struct View {
  T item;
  std::vector<Warning> warnings;
};

inline constexpr int kMaxHandPicked = 500;
inline constexpr int kMaxFiltered = 2000;
inline constexpr int kStoriesShown = 200;

// What a POST sets and a PATCH may change; absent fields stay as they are.
struct SessionInput {
  std::optional<std::string> title, date, other_participants, notes;
  std::optional<std::int64_t> facilitator_id;
  std::optional<std::vector<std::int64_t>> participant_ids;
  std::optional<StoryFilter> story_filter;
  std::optional<std::vector<std::int64_t>> story_ids;
};

struct ThemeInput {
  std::optional<std::string> title, description;
  std::optional<std::vector<std::int64_t>> story_ids;
};

struct ActionInput {
  std::string description, due_date;
  std::int64_t owner_id = 0;
  std::optional<std::int64_t> theme_id;
};

struct ActionChange {
  std::optional<std::string> status, outcome_kind, outcome, due_date, description;
  std::optional<std::int64_t> owner_id;
};

struct Theme {
  std::int64_t id = 0;
  std::string title, description;
  std::vector<std::int64_t> story_ids;
};

struct SessionRef {
  std::int64_t id = 0;
  std::string title, date;
};

struct Action {
  std::int64_t id = 0;
  SessionRef session;
  std::optional<std::int64_t> theme_id;
  std::string description;
  Ref owner;
  std::string due_date, status;
  std::optional<std::string> outcome_kind;
  std::string outcome;
  bool overdue = false;
  std::optional<Millis> closed_at;
  Millis created_at = 0;
};

struct SessionSummary {
  std::int64_t id = 0;
  std::string title, date;
  Ref facilitator;
  std::string status;  // open, closed
  std::int64_t story_count = 0, theme_count = 0, action_count = 0, open_action_count = 0;
};

struct Session {
  SessionSummary summary;
  std::vector<Ref> participants;
  std::string other_participants, notes;
  std::optional<std::string> conclusion;
  std::optional<Millis> closed_at;
  std::optional<Ref> closed_by;
  std::string selection;  // filter, hand_picked
  std::optional<StoryFilter> story_filter;
  std::vector<stories::Story> stories;  // the first kStoriesShown
  std::vector<Theme> themes;
  std::vector<Action> actions;
  Millis created_at = 0, updated_at = 0;
};

struct SessionQuery {
  std::optional<std::string> from, to, status;
  std::optional<std::int64_t> story_id;  // only the sessions that looked at this story
  int limit = 50, offset = 0;
};

struct ActionQuery {
  std::optional<std::int64_t> owner_id, session_id;
  bool open_only = false, overdue_only = false;
  int limit = 50, offset = 0;
};

struct BestPracticeInput {
  std::optional<std::string> title;
  std::string summary;
  std::optional<std::int64_t> session_id;
};

struct BestPractice {
  std::int64_t id = 0;
  std::string title, summary, status;
  SessionRef story;  // id, title, date of the story
  std::optional<SessionRef> session;
  Ref created_by;
  Millis created_at = 0;
  std::optional<std::int64_t> knowledge_item_id;  // the draft it became in the knowledge base
  std::optional<std::string> knowledge_status;
};

bool may_read(const Principal& p);  // every role that reads stories
bool may_run(const Principal& p);   // quality

// The saved filter as stored and answered: {"from","to","team","teller","topic","valuation","q"}.
std::string filter_to_json(const StoryFilter& f);
StoryFilter filter_from_json(const std::string& text);

class Service {
 public:
  explicit Service(store::Database& db) : db_(db) {}

  Result<std::pair<std::vector<SessionSummary>, std::int64_t>> list(const Principal& p, const SessionQuery& q);
  Result<View<Session>> create(const Principal& p, const SessionInput& in, Millis now);
  Result<View<Session>> get(const Principal& p, std::int64_t id, Millis now);
  Result<View<Session>> update(const Principal& p, std::int64_t id, const SessionInput& in, Millis now);
  Result<View<Session>> close(const Principal& p, std::int64_t id, const std::string& conclusion, Millis now);

  Result<View<Theme>> add_theme(const Principal& p, std::int64_t session_id, const ThemeInput& in, Millis now);
  Result<View<Theme>> update_theme(const Principal& p, std::int64_t session_id, std::int64_t theme_id,
                                   const ThemeInput& in, Millis now);

  Result<View<Action>> add_action(const Principal& p, std::int64_t session_id, const ActionInput& in, Millis now);
  Result<std::pair<std::vector<Action>, std::int64_t>> actions(const Principal& p, const ActionQuery& q, Millis now);
  Result<View<Action>> update_action(const Principal& p, std::int64_t id, const ActionChange& in, Millis now);

  Result<View<BestPractice>> promote(const Principal& p, std::int64_t story_id, const BestPracticeInput& in,
                                     Millis now);
  Result<std::pair<std::vector<BestPractice>, std::int64_t>> best_practices(const Principal& p,
                                                                            std::optional<std::int64_t> story_id,
                                                                            int limit, int offset);

  // For the annual report: sessions held (dated) in [from, to] and actions closed as
  // done in that period, by what they changed.
  struct YearFigures {
    std::int64_t sessions = 0, themes = 0, actions_agreed = 0, actions_done = 0, actions_open = 0;
    std::vector<std::pair<std::string, std::int64_t>> done_by_kind;  // method, procedure, training, other
  };
  static YearFigures figures(store::Tx& tx, std::int64_t org_id, const std::string& from, const std::string& to);

 private:
  store::Database& db_;
};

}  // namespace wk::sensemaking
