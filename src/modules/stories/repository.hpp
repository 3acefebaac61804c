// SQL for stories, their archetypes and answers, and the rate-limit events of the
// public form. Every statement on stories filters on org_id.
#pragma once

#include "modules/stories/stories.hpp"

namespace wk::stories::repo {

using store::Tx;

struct StoryRow {
  std::int64_t id = 0;
  std::string title, text, date, teller;
  std::optional<std::int64_t> team_id;
  std::optional<std::int64_t> topic_id, valuation_id;  // a resident may leave them out
  std::optional<std::int64_t> signed_by;
  std::string status, source;
  std::optional<std::string> decision, reason;
  std::optional<Millis> decided_at;
  std::optional<std::int64_t> decided_by;
  Millis created_at = 0;
  std::vector<std::int64_t> archetype_ids;
  std::vector<Answer> answers;
};

std::int64_t insert(Tx& tx, std::int64_t org_id, const StoryRow& s);
std::optional<StoryRow> find(Tx& tx, std::int64_t org_id, std::int64_t id);
std::vector<StoryRow> list(Tx& tx, std::int64_t org_id, const StoryFilter& f);
// The number of stories the filter (without its keyset) finds, counted up to `cap`.
std::int64_t count_upto(Tx& tx, std::int64_t org_id, StoryFilter f, std::int64_t cap);
std::vector<std::int64_t> ids(Tx& tx, std::int64_t org_id, const StoryFilter& f);  // f.limit, f.offset
bool matches(Tx& tx, std::int64_t org_id, const StoryFilter& f, std::int64_t story_id);
std::vector<StoryRow> find_many(Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids);
// The words of a story (a moderator's black-outs): title, text and the answers' texts.
void replace_words(Tx& tx, std::int64_t org_id, const StoryRow& s);
void set_moderation(Tx& tx, std::int64_t org_id, std::int64_t id, const std::string& status,
                    const std::string& decision, const std::string& reason, Millis at, std::int64_t by);

// Published stories in [from, to] (inclusive dates), optionally of some teams and one
// teller kind: (value id → count) per signifier, and the number of stories.
struct PeriodCounts {
  std::int64_t stories = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> topics, valuations, archetypes;
};
PeriodCounts period_counts(Tx& tx, std::int64_t org_id, const std::string& from, const std::string& to,
                           const std::optional<std::vector<std::int64_t>>& team_ids,
                           const std::optional<std::string>& teller);

std::int64_t rate_events_since(Tx& tx, const std::string& scope, const std::string& subject, Millis since);
void add_rate_event(Tx& tx, const std::string& scope, const std::string& subject, Millis at);

}  // namespace wk::stories::repo
