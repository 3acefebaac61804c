// SQL for sense-making sessions, their participants, stories, themes and actions, and
// for best practices. Every statement filters on org_id.
#pragma once

#include "modules/sensemaking/sensemaking.hpp"

namespace wk::sensemaking::repo {

using store::Tx;

struct SessionRow {
  std::int64_t id = 0;
  std::string title, date;
  std::int64_t facilitator_id = 0;
  std::string other_participants, notes, selection;
  std::optional<std::string> story_filter;  // JSON
  std::string status;
  std::optional<std::string> conclusion;
  std::optional<Millis> closed_at;
  std::optional<std::int64_t> closed_by;
  Millis created_at = 0, updated_at = 0;
  // Counts for the list.
  std::int64_t theme_count = 0, action_count = 0, open_action_count = 0, stored_story_count = 0;
};

std::int64_t insert_session(Tx& tx, std::int64_t org_id, const SessionRow& s);
void update_session(Tx& tx, std::int64_t org_id, const SessionRow& s);
std::optional<SessionRow> find_session(Tx& tx, std::int64_t org_id, std::int64_t id);
std::vector<SessionRow> list_sessions(Tx& tx, std::int64_t org_id, const SessionQuery& q);
// The counts stop at paging::kCountCap + 1 (core/paging.hpp).
std::int64_t count_sessions(Tx& tx, std::int64_t org_id, const SessionQuery& q);
std::optional<std::string> first_session_date(Tx& tx, std::int64_t org_id);

std::vector<std::int64_t> participants(Tx& tx, std::int64_t org_id, std::int64_t session_id);
void replace_participants(Tx& tx, std::int64_t org_id, std::int64_t session_id, const std::vector<std::int64_t>& ids);
// Hand-picked stories, or those frozen when a filtered session closed.
std::vector<std::int64_t> stored_stories(Tx& tx, std::int64_t org_id, std::int64_t session_id);
bool has_stored_story(Tx& tx, std::int64_t org_id, std::int64_t session_id, std::int64_t story_id);
void replace_stories(Tx& tx, std::int64_t org_id, std::int64_t session_id, const std::vector<std::int64_t>& ids);

struct ThemeRow {
  std::int64_t id = 0, session_id = 0;
  std::string title, description;
  std::vector<std::int64_t> story_ids;
};
std::int64_t insert_theme(Tx& tx, std::int64_t org_id, const ThemeRow& t, Millis now);
void update_theme(Tx& tx, std::int64_t org_id, const ThemeRow& t);
std::optional<ThemeRow> find_theme(Tx& tx, std::int64_t org_id, std::int64_t id);
std::vector<ThemeRow> themes(Tx& tx, std::int64_t org_id, std::int64_t session_id);

struct ActionRow {
  std::int64_t id = 0, session_id = 0;
  std::optional<std::int64_t> theme_id;
  std::string description;
  std::int64_t owner_id = 0;
  std::string due_date, status;
  std::optional<std::string> outcome_kind;
  std::string outcome;
  std::optional<Millis> closed_at;
  Millis created_at = 0, updated_at = 0;
  std::string session_title, session_date;  // joined
};
std::int64_t insert_action(Tx& tx, std::int64_t org_id, const ActionRow& a);
void update_action(Tx& tx, std::int64_t org_id, const ActionRow& a);
std::optional<ActionRow> find_action(Tx& tx, std::int64_t org_id, std::int64_t id);
// `today`: for the overdue filter.
std::vector<ActionRow> list_actions(Tx& tx, std::int64_t org_id, const ActionQuery& q, const std::string& today);
std::int64_t count_actions(Tx& tx, std::int64_t org_id, const ActionQuery& q, const std::string& today);
// (outcome kind, closed at) of every action closed as done.
std::vector<std::pair<std::optional<std::string>, Millis>> done_actions(Tx& tx, std::int64_t org_id);

struct BestPracticeRow {
  std::int64_t id = 0, story_id = 0;
  std::optional<std::int64_t> session_id;
  std::string title, summary, status;
  std::int64_t created_by = 0;
  Millis created_at = 0;
  std::optional<std::string> session_title, session_date;  // joined
  std::optional<std::int64_t> knowledge_item_id;           // the draft in the knowledge base
  std::optional<std::string> knowledge_status;             // joined
};
std::int64_t insert_best_practice(Tx& tx, std::int64_t org_id, const BestPracticeRow& b);
void link_knowledge_item(Tx& tx, std::int64_t org_id, std::int64_t id, std::int64_t item_id);
std::optional<BestPracticeRow> find_best_practice(Tx& tx, std::int64_t org_id, std::int64_t id);
std::optional<std::int64_t> best_practice_of_story(Tx& tx, std::int64_t org_id, std::int64_t story_id);
std::vector<BestPracticeRow> list_best_practices(Tx& tx, std::int64_t org_id, std::optional<std::int64_t> story_id,
                                                 int limit, int offset);
std::int64_t count_best_practices(Tx& tx, std::int64_t org_id, std::optional<std::int64_t> story_id);

}  // namespace wk::sensemaking::repo
