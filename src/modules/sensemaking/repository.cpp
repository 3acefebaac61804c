#include "modules/sensemaking/repository.hpp"

#include "core/paging.hpp"

namespace wk::sensemaking::repo {

using store::Param;

namespace {

constexpr const char* kSessionColumns =
    "SELECT s.id, s.title, s.session_date, s.facilitator_id, s.other_participants, s.notes, s.selection, "
    "s.story_filter, s.status, s.conclusion, s.closed_at, s.closed_by, s.created_at, s.updated_at, "
    "(SELECT COUNT(*) FROM sensemaking_themes t WHERE t.org_id = s.org_id AND t.session_id = s.id), "
    "(SELECT COUNT(*) FROM sensemaking_actions a WHERE a.org_id = s.org_id AND a.session_id = s.id), "
    "(SELECT COUNT(*) FROM sensemaking_actions a WHERE a.org_id = s.org_id AND a.session_id = s.id "
    " AND a.status IN ('open', 'in_progress')), "
    "(SELECT COUNT(*) FROM sensemaking_stories x WHERE +x.org_id = s.org_id AND x.session_id = s.id) "
    "FROM sensemaking_sessions s ";

SessionRow session_from(const store::Row& r) {
  SessionRow s;
  s.id = r.i64(0);
  s.title = r.str(1);
  s.date = r.str(2);
  s.facilitator_id = r.i64(3);
  s.other_participants = r.str(4);
  s.notes = r.str(5);
  s.selection = r.str(6);
  s.story_filter = r.opt_str(7);
  s.status = r.str(8);
  s.conclusion = r.opt_str(9);
  s.closed_at = r.opt_i64(10);
  s.closed_by = r.opt_i64(11);
  s.created_at = r.i64(12);
  s.updated_at = r.i64(13);
  s.theme_count = r.i64(14);
  s.action_count = r.i64(15);
  s.open_action_count = r.i64(16);
  s.stored_story_count = r.i64(17);
  return s;
}

// The list's conditions (store::Where): with `(? IS NULL OR s.status = ?)` SQLite read
// every session of the organisation to count the open ones (bench/lists.sh, 100,000
// sessions: 162 ms a page of open sessions).
store::Where session_where(std::int64_t org_id, const SessionQuery& q) {
  store::Where w{"WHERE s.org_id = ? ", {org_id}};
  if (q.status) w.add("AND s.status = ? ", *q.status);
  if (q.from) w.add("AND s.session_date >= ? ", *q.from);
  if (q.to) w.add("AND s.session_date <= ? ", *q.to);
  return w;
}

// `+org_id` here and in the session's story count: SQLite, without statistics, seeks a link
// table by its (org_id, story_id) index instead of the key (session_id, story_id), walking
// every link of the organisation (a list of 20 sessions took 1.8 s with 400,000 links).
void replace_links(Tx& tx, const char* table, const char* owner_column, const char* item_column, std::int64_t org_id,
                   std::int64_t owner, const std::vector<std::int64_t>& ids) {
  tx.execute(std::string("DELETE FROM ") + table + " WHERE +org_id = ? AND " + owner_column + " = ?", {org_id, owner});
  for (auto id : ids)
    tx.execute(std::string("INSERT INTO ") + table + " (org_id, " + owner_column + ", " + item_column +
                   ") VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
               {org_id, owner, id});
}

std::vector<std::int64_t> linked(Tx& tx, const char* table, const char* owner_column, const char* item_column,
                                 std::int64_t org_id, std::int64_t owner) {
  std::vector<std::int64_t> out;
  for (const auto& r : tx.query(std::string("SELECT ") + item_column + " FROM " + table + " WHERE +org_id = ? AND " +
                                    owner_column + " = ? ORDER BY " + item_column,
                                {org_id, owner}))
    out.push_back(r.i64(0));
  return out;
}

constexpr const char* kActionColumns =
    "SELECT a.id, a.session_id, a.theme_id, a.description, a.owner_id, a.due_date, a.status, a.outcome_kind, "
    "a.outcome, a.closed_at, a.created_at, a.updated_at, s.title, s.session_date "
    "FROM sensemaking_actions a JOIN sensemaking_sessions s ON s.org_id = a.org_id AND s.id = a.session_id ";

ActionRow action_from(const store::Row& r) {
  ActionRow a;
  a.id = r.i64(0);
  a.session_id = r.i64(1);
  a.theme_id = r.opt_i64(2);
  a.description = r.str(3);
  a.owner_id = r.i64(4);
  a.due_date = r.str(5);
  a.status = r.str(6);
  a.outcome_kind = r.opt_str(7);
  a.outcome = r.str(8);
  a.closed_at = r.opt_i64(9);
  a.created_at = r.i64(10);
  a.updated_at = r.i64(11);
  a.session_title = r.str(12);
  a.session_date = r.str(13);
  return a;
}

constexpr const char* kActionFilter =
    "WHERE a.org_id = ? AND (CAST(? AS BIGINT) IS NULL OR a.owner_id = ?) "
    "AND (CAST(? AS BIGINT) IS NULL OR a.session_id = ?) "
    "AND (? = 0 OR a.status IN ('open', 'in_progress')) "
    "AND (? = 0 OR (a.status IN ('open', 'in_progress') AND a.due_date < ?)) ";

std::vector<Param> action_params(std::int64_t org_id, const ActionQuery& q, const std::string& today) {
  return {org_id, q.owner_id, q.owner_id, q.session_id, q.session_id, q.open_only, q.overdue_only, today};
}

constexpr const char* kBestPracticeColumns =
    "SELECT b.id, b.story_id, b.session_id, b.title, b.summary, b.status, b.created_by, b.created_at, "
    "s.title, s.session_date, b.knowledge_item_id, k.status FROM best_practices b "
    "LEFT JOIN sensemaking_sessions s ON s.org_id = b.org_id AND s.id = b.session_id "
    "LEFT JOIN knowledge_items k ON k.org_id = b.org_id AND k.id = b.knowledge_item_id ";

BestPracticeRow best_practice_from(const store::Row& r) {
  BestPracticeRow b;
  b.id = r.i64(0);
  b.story_id = r.i64(1);
  b.session_id = r.opt_i64(2);
  b.title = r.str(3);
  b.summary = r.str(4);
  b.status = r.str(5);
  b.created_by = r.i64(6);
  b.created_at = r.i64(7);
  b.session_title = r.opt_str(8);
  b.session_date = r.opt_str(9);
  b.knowledge_item_id = r.opt_i64(10);
  b.knowledge_status = r.opt_str(11);
  return b;
}

}  // namespace

std::int64_t insert_session(Tx& tx, std::int64_t org_id, const SessionRow& s) {
  return tx.insert(
      "INSERT INTO sensemaking_sessions (org_id, title, session_date, facilitator_id, other_participants, notes, "
      "selection, story_filter, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) "
      "RETURNING id",
      {org_id, s.title, s.date, s.facilitator_id, s.other_participants, s.notes, s.selection, s.story_filter,
       s.created_at, s.updated_at});
}

void update_session(Tx& tx, std::int64_t org_id, const SessionRow& s) {
  tx.execute(
      "UPDATE sensemaking_sessions SET title = ?, session_date = ?, facilitator_id = ?, other_participants = ?, "
      "notes = ?, selection = ?, story_filter = ?, status = ?, conclusion = ?, closed_at = ?, closed_by = ?, "
      "updated_at = ? WHERE org_id = ? AND id = ?",
      {s.title, s.date, s.facilitator_id, s.other_participants, s.notes, s.selection, s.story_filter, s.status,
       s.conclusion, s.closed_at, s.closed_by, s.updated_at, org_id, s.id});
}

std::optional<SessionRow> find_session(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(std::string(kSessionColumns) + "WHERE s.org_id = ? AND s.id = ?", {org_id, id});
  if (!r) return std::nullopt;
  return session_from(*r);
}

std::vector<SessionRow> list_sessions(Tx& tx, std::int64_t org_id, const SessionQuery& q) {
  const bool ids_first = tx.dialect() == store::Dialect::postgres;  // core/paging.hpp
  std::vector<Param> params;
  if (ids_first) params.emplace_back(org_id);
  const auto filter = session_where(org_id, q);
  params.insert(params.end(), filter.params.begin(), filter.params.end());
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  std::vector<SessionRow> out;
  for (const auto& r : tx.query(paging::offset_page(ids_first, kSessionColumns, "sensemaking_sessions", "s", filter.sql,
                                                    "ORDER BY s.session_date DESC, s.id DESC "),
                                params))
    out.push_back(session_from(r));
  return out;
}

std::int64_t count_sessions(Tx& tx, std::int64_t org_id, const SessionQuery& q) {
  auto w = session_where(org_id, q);
  w.params.emplace_back(paging::kCountCap + 1);
  return tx.query("SELECT COUNT(*) FROM (SELECT 1 FROM sensemaking_sessions s " + w.sql + "LIMIT ?) x", w.params)
      .front()
      .i64(0);
}

std::optional<std::string> first_session_date(Tx& tx, std::int64_t org_id) {
  auto r = tx.query_one("SELECT MIN(session_date) FROM sensemaking_sessions WHERE org_id = ?", {org_id});
  return r ? r->opt_str(0) : std::nullopt;
}

std::vector<std::int64_t> participants(Tx& tx, std::int64_t org_id, std::int64_t session_id) {
  return linked(tx, "sensemaking_participants", "session_id", "user_id", org_id, session_id);
}

void replace_participants(Tx& tx, std::int64_t org_id, std::int64_t session_id, const std::vector<std::int64_t>& ids) {
  replace_links(tx, "sensemaking_participants", "session_id", "user_id", org_id, session_id, ids);
}

std::vector<std::int64_t> stored_stories(Tx& tx, std::int64_t org_id, std::int64_t session_id) {
  return linked(tx, "sensemaking_stories", "session_id", "story_id", org_id, session_id);
}

bool has_stored_story(Tx& tx, std::int64_t org_id, std::int64_t session_id, std::int64_t story_id) {
  return tx
      .query_one("SELECT 1 FROM sensemaking_stories WHERE +org_id = ? AND session_id = ? AND story_id = ?",
                 {org_id, session_id, story_id})
      .has_value();
}

void replace_stories(Tx& tx, std::int64_t org_id, std::int64_t session_id, const std::vector<std::int64_t>& ids) {
  replace_links(tx, "sensemaking_stories", "session_id", "story_id", org_id, session_id, ids);
}

std::int64_t insert_theme(Tx& tx, std::int64_t org_id, const ThemeRow& t, Millis now) {
  const auto id = tx.insert(
      "INSERT INTO sensemaking_themes (org_id, session_id, title, description, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {org_id, t.session_id, t.title, t.description, now});
  replace_links(tx, "sensemaking_theme_stories", "theme_id", "story_id", org_id, id, t.story_ids);
  return id;
}

void update_theme(Tx& tx, std::int64_t org_id, const ThemeRow& t) {
  tx.execute("UPDATE sensemaking_themes SET title = ?, description = ? WHERE org_id = ? AND id = ?",
             {t.title, t.description, org_id, t.id});
  replace_links(tx, "sensemaking_theme_stories", "theme_id", "story_id", org_id, t.id, t.story_ids);
}

std::optional<ThemeRow> find_theme(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one("SELECT id, session_id, title, description FROM sensemaking_themes WHERE org_id = ? AND id = ?",
                        {org_id, id});
  if (!r) return std::nullopt;
  ThemeRow t{r->i64(0), r->i64(1), r->str(2), r->str(3), {}};
  t.story_ids = linked(tx, "sensemaking_theme_stories", "theme_id", "story_id", org_id, t.id);
  return t;
}

std::vector<ThemeRow> themes(Tx& tx, std::int64_t org_id, std::int64_t session_id) {
  std::vector<ThemeRow> out;
  for (const auto& r : tx.query("SELECT id, session_id, title, description FROM sensemaking_themes "
                                "WHERE org_id = ? AND session_id = ? ORDER BY id",
                                {org_id, session_id}))
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), {}});
  for (auto& t : out) t.story_ids = linked(tx, "sensemaking_theme_stories", "theme_id", "story_id", org_id, t.id);
  return out;
}

std::int64_t insert_action(Tx& tx, std::int64_t org_id, const ActionRow& a) {
  return tx.insert(
      "INSERT INTO sensemaking_actions (org_id, session_id, theme_id, description, owner_id, due_date, status, "
      "outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', '', ?, ?) RETURNING id",
      {org_id, a.session_id, a.theme_id, a.description, a.owner_id, a.due_date, a.created_at, a.updated_at});
}

void update_action(Tx& tx, std::int64_t org_id, const ActionRow& a) {
  tx.execute(
      "UPDATE sensemaking_actions SET description = ?, owner_id = ?, due_date = ?, status = ?, outcome_kind = ?, "
      "outcome = ?, closed_at = ?, updated_at = ? WHERE org_id = ? AND id = ?",
      {a.description, a.owner_id, a.due_date, a.status, a.outcome_kind, a.outcome, a.closed_at, a.updated_at, org_id,
       a.id});
}

std::optional<ActionRow> find_action(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(std::string(kActionColumns) + "WHERE a.org_id = ? AND a.id = ?", {org_id, id});
  if (!r) return std::nullopt;
  return action_from(*r);
}

std::vector<ActionRow> list_actions(Tx& tx, std::int64_t org_id, const ActionQuery& q, const std::string& today) {
  auto params = action_params(org_id, q, today);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  std::vector<ActionRow> out;
  for (const auto& r :
       tx.query(std::string(kActionColumns) + kActionFilter + "ORDER BY a.due_date, a.id LIMIT ? OFFSET ?", params))
    out.push_back(action_from(r));
  return out;
}

std::int64_t count_actions(Tx& tx, std::int64_t org_id, const ActionQuery& q, const std::string& today) {
  auto params = action_params(org_id, q, today);
  params.emplace_back(paging::kCountCap + 1);
  return tx
      .query(std::string("SELECT COUNT(*) FROM (SELECT 1 FROM sensemaking_actions a ") + kActionFilter + "LIMIT ?) x",
             params)
      .front()
      .i64(0);
}

std::vector<std::pair<std::optional<std::string>, Millis>> done_actions(Tx& tx, std::int64_t org_id) {
  std::vector<std::pair<std::optional<std::string>, Millis>> out;
  for (const auto& r : tx.query("SELECT outcome_kind, closed_at FROM sensemaking_actions "
                                "WHERE org_id = ? AND status = 'done' AND closed_at IS NOT NULL",
                                {org_id}))
    out.emplace_back(r.opt_str(0), r.i64(1));
  return out;
}

std::int64_t insert_best_practice(Tx& tx, std::int64_t org_id, const BestPracticeRow& b) {
  return tx.insert(
      "INSERT INTO best_practices (org_id, story_id, session_id, title, summary, status, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, 'concept', ?, ?) RETURNING id",
      {org_id, b.story_id, b.session_id, b.title, b.summary, b.created_by, b.created_at});
}

void link_knowledge_item(Tx& tx, std::int64_t org_id, std::int64_t id, std::int64_t item_id) {
  tx.execute("UPDATE best_practices SET knowledge_item_id = ? WHERE org_id = ? AND id = ?", {item_id, org_id, id});
}

std::optional<BestPracticeRow> find_best_practice(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(std::string(kBestPracticeColumns) + "WHERE b.org_id = ? AND b.id = ?", {org_id, id});
  if (!r) return std::nullopt;
  return best_practice_from(*r);
}

std::optional<std::int64_t> best_practice_of_story(Tx& tx, std::int64_t org_id, std::int64_t story_id) {
  auto r = tx.query_one("SELECT id FROM best_practices WHERE org_id = ? AND story_id = ?", {org_id, story_id});
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::vector<BestPracticeRow> list_best_practices(Tx& tx, std::int64_t org_id, std::optional<std::int64_t> story_id,
                                                 int limit, int offset) {
  std::vector<BestPracticeRow> out;
  for (const auto& r : tx.query(std::string(kBestPracticeColumns) +
                                    "WHERE b.org_id = ? AND (CAST(? AS BIGINT) IS NULL OR b.story_id = ?) "
                                    "ORDER BY b.created_at DESC, b.id DESC LIMIT ? OFFSET ?",
                                {org_id, story_id, story_id, limit, offset}))
    out.push_back(best_practice_from(r));
  return out;
}

std::int64_t count_best_practices(Tx& tx, std::int64_t org_id, std::optional<std::int64_t> story_id) {
  return tx
      .query(
          "SELECT COUNT(*) FROM (SELECT 1 FROM best_practices b WHERE b.org_id = ? AND (CAST(? AS BIGINT) IS NULL "
          "OR b.story_id = ?) LIMIT ?) x",
          {org_id, story_id, story_id, paging::kCountCap + 1})
      .front()
      .i64(0);
}

}  // namespace wk::sensemaking::repo
