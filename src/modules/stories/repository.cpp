#include "modules/stories/repository.hpp"

#include <algorithm>
#include <map>

#include "core/paging.hpp"

namespace wk::stories::repo {

using store::Param;

namespace {

constexpr const char* kColumns =
    "SELECT s.id, s.title, s.text, s.story_date, s.teller_kind, s.team_id, s.topic_id, s.valuation_id, s.signed_by, "
    "s.status, s.source, s.moderation_decision, s.moderation_reason, s.moderated_at, s.moderated_by, s.created_at "
    "FROM stories s ";

StoryRow from_row(const store::Row& r) {
  StoryRow s;
  s.id = r.i64(0);
  s.title = r.str(1);
  s.text = r.str(2);
  s.date = r.str(3);
  s.teller = r.str(4);
  s.team_id = r.opt_i64(5);
  s.topic_id = r.opt_i64(6);
  s.valuation_id = r.opt_i64(7);
  s.signed_by = r.opt_i64(8);
  s.status = r.str(9);
  s.source = r.str(10);
  s.decision = r.opt_str(11);
  s.reason = r.opt_str(12);
  s.decided_at = r.opt_i64(13);
  s.decided_by = r.opt_i64(14);
  s.created_at = r.i64(15);
  return s;
}

// `+org_id` on story_archetypes: by its key (story_id, archetype_id), not by the
// (org_id, …) index SQLite takes without statistics and walks for every story of the
// organisation (53 ms for a page of 50 stories at 200,000 stories).
void attach(Tx& tx, std::int64_t org_id, StoryRow& s) {
  for (const auto& r : tx.query("SELECT archetype_id FROM story_archetypes WHERE +org_id = ? AND story_id = ? "
                                "ORDER BY archetype_id",
                                {org_id, s.id}))
    s.archetype_ids.push_back(r.i64(0));
  for (const auto& r : tx.query("SELECT prompt_id, text FROM story_answers WHERE org_id = ? AND story_id = ? "
                                "ORDER BY prompt_id",
                                {org_id, s.id}))
    s.answers.push_back({r.i64(0), r.str(1)});
}

// The archetypes and answers of many stories, a chunk of ids per query.
void attach_all(Tx& tx, std::int64_t org_id, std::vector<StoryRow>& rows) {
  constexpr std::size_t kChunk = 500;
  std::map<std::int64_t, StoryRow*> by_id;
  for (auto& r : rows) by_id[r.id] = &r;
  for (std::size_t at = 0; at < rows.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, rows.size() - at);
    std::vector<Param> params{org_id};
    for (std::size_t i = 0; i < n; ++i) params.emplace_back(rows[at + i].id);
    const std::string in = " AND story_id IN (" + store::placeholders(n) + ")";
    for (const auto& r : tx.query("SELECT story_id, archetype_id FROM story_archetypes WHERE +org_id = ?" + in +
                                      " ORDER BY story_id, archetype_id",
                                  params))
      by_id[r.i64(0)]->archetype_ids.push_back(r.i64(1));
    for (const auto& r : tx.query("SELECT story_id, prompt_id, text FROM story_answers WHERE org_id = ?" + in +
                                      " ORDER BY story_id, prompt_id",
                                  params))
      by_id[r.i64(0)]->answers.push_back({r.i64(1), r.str(2)});
  }
}

// The WHERE clause of a story list (store::Where).
store::Where where(std::int64_t org_id, const StoryFilter& f) {
  store::Where w{"WHERE s.org_id = ? AND s.status = ? ", {org_id, f.status}};
  if (f.from) w.add("AND s.story_date >= ? ", *f.from);
  if (f.to) w.add("AND s.story_date <= ? ", *f.to);
  if (f.team_id) w.add("AND s.team_id = ? ", *f.team_id);
  if (f.teller) w.add("AND s.teller_kind = ? ", *f.teller);
  if (f.topic_id) w.add("AND s.topic_id = ? ", *f.topic_id);
  if (f.valuation_id) w.add("AND s.valuation_id = ? ", *f.valuation_id);
  if (f.q) {
    const auto like = store::like_containing(*f.q);
    w.sql += "AND (LOWER(s.title) LIKE LOWER(?) ESCAPE '\\' OR LOWER(s.text) LIKE LOWER(?) ESCAPE '\\') ";
    w.params.emplace_back(like);
    w.params.emplace_back(like);
  }
  // The keyset: the page after the last story of the one before (newest first).
  if (f.after) {
    w.sql += "AND (s.story_date < ? OR (s.story_date = ? AND s.id < ?)) ";
    w.params.emplace_back(f.after->date);
    w.params.emplace_back(f.after->date);
    w.params.emplace_back(f.after->id);
  }
  return w;
}

constexpr const char* kNewestFirst = "ORDER BY s.story_date DESC, s.id DESC ";

}  // namespace

std::int64_t insert(Tx& tx, std::int64_t org_id, const StoryRow& s) {
  const auto id = tx.insert(
      "INSERT INTO stories (org_id, title, text, story_date, teller_kind, team_id, topic_id, valuation_id, signed_by, "
      "status, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {org_id, s.title, s.text, s.date, s.teller, s.team_id, s.topic_id, s.valuation_id, s.signed_by, s.status,
       s.source, s.created_at});
  for (auto a : s.archetype_ids)
    tx.execute(
        "INSERT INTO story_archetypes (org_id, story_id, archetype_id, status, story_date, team_id, teller_kind) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        {org_id, id, a, s.status, s.date, s.team_id, s.teller});
  for (const auto& a : s.answers)
    tx.execute(
        "INSERT INTO story_answers (org_id, story_id, prompt_id, text) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        {org_id, id, a.prompt_id, a.text});
  return id;
}

std::optional<StoryRow> find(Tx& tx, std::int64_t org_id, std::int64_t id) {
  auto r = tx.query_one(std::string(kColumns) + "WHERE s.org_id = ? AND s.id = ?", {org_id, id});
  if (!r) return std::nullopt;
  auto s = from_row(*r);
  attach(tx, org_id, s);
  return s;
}

std::vector<StoryRow> list(Tx& tx, std::int64_t org_id, const StoryFilter& f) {
  auto w = where(org_id, f);
  const bool ids_first = tx.dialect() == store::Dialect::postgres;  // core/paging.hpp
  std::vector<Param> params;
  if (ids_first) params.emplace_back(org_id);
  params.insert(params.end(), w.params.begin(), w.params.end());
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  std::vector<StoryRow> out;
  for (const auto& r : tx.query(paging::offset_page(ids_first, kColumns, "stories", "s", w.sql, kNewestFirst), params))
    out.push_back(from_row(r));
  attach_all(tx, org_id, out);
  return out;
}

std::int64_t count_upto(Tx& tx, std::int64_t org_id, StoryFilter f, std::int64_t cap) {
  f.after.reset();
  auto w = where(org_id, f);
  w.params.emplace_back(cap);
  // On PostgreSQL in the page's order, so that the count reads the index the page reads
  // (index-only): without it the planner counted the first 10,001 of nearly a million
  // matching rows by a sequential scan of the table, 5.5-8 ms against 3.1 ms (bench/lists.sh,
  // a million stories). SQLite counts in a covering index either way (1 ms) and, without
  // statistics, is left to choose its index without the order.
  const bool in_page_order = tx.dialect() == store::Dialect::postgres;
  return tx
      .query(
          "SELECT COUNT(*) FROM (SELECT 1 FROM stories s " + w.sql + (in_page_order ? kNewestFirst : "") + "LIMIT ?) x",
          w.params)
      .front()
      .i64(0);
}

std::vector<std::int64_t> ids(Tx& tx, std::int64_t org_id, const StoryFilter& f) {
  auto w = where(org_id, f);
  w.params.emplace_back(f.limit);
  w.params.emplace_back(f.offset);
  std::vector<std::int64_t> out;
  for (const auto& r : tx.query("SELECT s.id FROM stories s " + w.sql + kNewestFirst + "LIMIT ? OFFSET ?", w.params))
    out.push_back(r.i64(0));
  return out;
}

bool matches(Tx& tx, std::int64_t org_id, const StoryFilter& f, std::int64_t story_id) {
  auto w = where(org_id, f);
  w.params.emplace_back(story_id);
  return !tx.query("SELECT 1 FROM stories s " + w.sql + "AND s.id = ?", w.params).empty();
}

std::vector<StoryRow> find_many(Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids) {
  std::vector<StoryRow> out;
  constexpr std::size_t kChunk = 200;  // well below both stores' limits on bound values
  for (std::size_t at = 0; at < ids.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, ids.size() - at);
    std::vector<Param> params{org_id};
    for (std::size_t i = 0; i < n; ++i) params.emplace_back(ids[at + i]);
    for (const auto& r :
         tx.query(std::string(kColumns) + "WHERE s.org_id = ? AND s.id IN (" + store::placeholders(n) + ")", params))
      out.push_back(from_row(r));
  }
  attach_all(tx, org_id, out);
  std::sort(out.begin(), out.end(),
            [](const StoryRow& a, const StoryRow& b) { return a.date != b.date ? a.date > b.date : a.id > b.id; });
  return out;
}

void replace_words(Tx& tx, std::int64_t org_id, const StoryRow& s) {
  tx.execute("UPDATE stories SET title = ?, text = ? WHERE org_id = ? AND id = ?", {s.title, s.text, org_id, s.id});
  for (const auto& a : s.answers)
    tx.execute("UPDATE story_answers SET text = ? WHERE +org_id = ? AND story_id = ? AND prompt_id = ?",
               {a.text, org_id, s.id, a.prompt_id});
}

void set_moderation(Tx& tx, std::int64_t org_id, std::int64_t id, const std::string& status,
                    const std::string& decision, const std::string& reason, Millis at, std::int64_t by) {
  tx.execute(
      "UPDATE stories SET status = ?, moderation_decision = ?, moderation_reason = ?, moderated_at = ?, "
      "moderated_by = ? WHERE org_id = ? AND id = ?",
      {status, decision, reason, at, by, org_id, id});
  // The archetype choices carry their story's status (the dashboard counts them alone).
  tx.execute("UPDATE story_archetypes SET status = ? WHERE +org_id = ? AND story_id = ?", {status, org_id, id});
}

PeriodCounts period_counts(Tx& tx, std::int64_t org_id, const std::string& from, const std::string& to,
                           const std::optional<std::vector<std::int64_t>>& team_ids,
                           const std::optional<std::string>& teller) {
  // Both queries read a covering index only (migration 0006): stories by date with their
  // team, teller, topic and valuation; archetype choices with their story's date.
  const std::size_t n = team_ids ? team_ids->size() : 0;
  auto where = [&](const char* t) {
    return std::string("WHERE ") + t + ".org_id = ? AND " + t + ".status = 'published' AND " + t +
           ".story_date >= ? AND " + t + ".story_date <= ? AND (CAST(? AS TEXT) IS NULL OR " + t +
           ".teller_kind = ?) AND (? = 0 OR " + t + ".team_id IN (" + store::placeholders(n) + ")) ";
  };
  std::vector<Param> params{org_id, from, to, teller, teller, team_ids ? 1 : 0};
  if (n == 0) params.emplace_back(std::int64_t{-1});
  for (std::size_t i = 0; i < n; ++i) params.emplace_back((*team_ids)[i]);
  PeriodCounts out;
  std::map<std::int64_t, std::int64_t> topics, valuations;
  for (const auto& r : tx.query("SELECT s.topic_id, s.valuation_id, COUNT(*) FROM stories s " + where("s") +
                                    "GROUP BY s.topic_id, s.valuation_id",
                                params)) {
    const auto count = r.i64(2);
    out.stories += count;
    if (auto t = r.opt_i64(0)) topics[*t] += count;
    if (auto v = r.opt_i64(1)) valuations[*v] += count;
  }
  out.topics.assign(topics.begin(), topics.end());
  out.valuations.assign(valuations.begin(), valuations.end());
  for (const auto& r : tx.query(
           "SELECT a.archetype_id, COUNT(*) FROM story_archetypes a " + where("a") + "GROUP BY a.archetype_id", params))
    out.archetypes.emplace_back(r.i64(0), r.i64(1));
  return out;
}

std::int64_t rate_events_since(Tx& tx, const std::string& scope, const std::string& subject, Millis since) {
  return tx
      .query_one("SELECT COUNT(*) FROM rate_events WHERE scope = ? AND subject = ? AND at >= ?",
                 {scope, subject, since})
      ->i64(0);
}

void add_rate_event(Tx& tx, const std::string& scope, const std::string& subject, Millis at) {
  tx.execute("INSERT INTO rate_events (scope, subject, at) VALUES (?, ?, ?)", {scope, subject, at});
  tx.execute("DELETE FROM rate_events WHERE scope = ? AND at < ?", {scope, Millis{at - 24 * 60 * 60 * 1000}});
}

}  // namespace wk::stories::repo
