// Vertelpunt (SPEC §4.3, KWE "grootschalig luisteren"): short experiences shared by
// staff (and residents, through a public form) and signified by the teller: topic,
// valuation, archetypes, answers to extra prompts. Unsigned stories keep no teller, not
// even in the audit log (docs/decisions/0005). Public stories wait for moderation and
// count nowhere before. The dashboard compares periods (stats.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/paging.hpp"
#include "core/privacy.hpp"
#include "core/ref.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"
#include "modules/organisation/value_lists.hpp"
#include "modules/stories/lists.hpp"
#include "modules/stories/stats.hpp"
#include "store/database.hpp"

namespace wk::stories {

enum class TellerKind { medewerker, inwoner, ketenpartner };
std::string_view to_string(TellerKind k);
std::optional<TellerKind> teller_kind_from(std::string_view s);

struct Answer {
  std::int64_t prompt_id;
  std::string text;
};

struct StoryInput {
  std::string title;
  std::string text;
  std::string date;  // YYYY-MM-DD
  TellerKind teller = TellerKind::medewerker;
  std::optional<std::int64_t> team_id;
  std::optional<std::int64_t> topic_id;
  std::optional<std::int64_t> valuation_id;
  std::vector<std::int64_t> archetype_ids;
  std::vector<Answer> answers;
  bool signed_story = false;
};

struct Story {
  std::int64_t id = 0;
  std::string title, text, date;
  TellerKind teller = TellerKind::medewerker;
  std::optional<Ref> team;
  std::optional<organisation::ListValue> topic, valuation;
  std::vector<organisation::ListValue> archetypes;
  std::vector<std::pair<organisation::ListValue, std::string>> answers;
  std::optional<Ref> signed_by;
  std::string status;  // published, pending, rejected
  std::string source;  // staff, public
  std::optional<std::string> decision, reason;
  std::optional<Millis> decided_at;
  std::optional<Ref> decided_by;
  Millis created_at = 0;
};

struct StoryView {
  Story story;
  std::vector<Warning> warnings;
};

// Personal data a moderator should see before a resident's story counts (SPEC §3):
// where in the story (title, text, answers[i].text), what kind, and the passage itself.
struct PersonalDataFlag {
  std::string field;
  std::string kind;  // text::to_string(PersonalData): email, phone, address, nine_digits
  std::string passage;
};
std::vector<PersonalDataFlag> personal_data_flags(const Story& s);

// A passage a moderator blacks out: every occurrence in the field is replaced by
// kRedacted, and the original is kept nowhere (not in the audit log either).
struct Redaction {
  std::string field;  // title, text or answers[i].text
  std::string passage;
};
inline constexpr const char* kRedacted = "[weggelaten]";

// A place in the list, newest first: the page after it starts with the next older story.
struct StoryKey {
  std::string date;
  std::int64_t id = 0;
};

struct StoryFilter {
  std::optional<std::string> from, to;
  std::optional<std::int64_t> team_id;
  std::optional<std::string> teller;
  std::optional<std::int64_t> topic_id, valuation_id;
  std::string status = "published";
  std::optional<std::string> q;
  int limit = 50;
  int offset = 0;
  std::optional<StoryKey> after;  // keyset paging (a cursor); then offset is 0
};

// A page of the list; the total is counted up to paging::kCountCap (core/paging.hpp).
struct StoryPage {
  std::vector<Story> items;
  paging::Count count;
  std::optional<StoryKey> next;  // the place after the last item, when there are more
};

struct Period {
  std::string from, to;
  std::int64_t count = 0;
  Distribution topics, valuations, archetypes;
};

struct Stats {
  Period period;
  std::optional<Period> comparison;
  std::vector<organisation::ListValue> labels;  // the signifier values the buckets name
};

// Access (docs/openapi.json, the description of each stories operation).
bool may_share(const Principal& p);
bool may_read(const Principal& p);
bool may_moderate(const Principal& p);
bool may_see_stats(const Principal& p);
// Every team's dashboard (quality, director); a team manager sees their own teams' only.
bool may_see_all_stats(const Principal& p);

// For the modules that build on stories (sense-making sessions, the report), inside
// their own transaction. Published stories only.
namespace published {
// Ids of the stories that match (newest first), at most `limit`.
std::vector<std::int64_t> ids(store::Tx& tx, std::int64_t org_id, StoryFilter f, int limit);
// The published stories the filter finds, counted up to `cap` and no further (an index
// walk of at most `cap` entries).
std::int64_t count_upto(store::Tx& tx, std::int64_t org_id, StoryFilter f, std::int64_t cap);
// The date of the earliest published story (the report's first year).
std::optional<std::string> first_date(store::Tx& tx, std::int64_t org_id);
// Whether a published story is among those the filter selects.
bool matches(store::Tx& tx, std::int64_t org_id, StoryFilter f, std::int64_t story_id);
// The stories with these ids, newest first; unknown or unpublished ids are left out.
std::vector<Story> load(store::Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids);
// The dashboard's figures for [from, to], of some teams (nullopt: all) and one teller
// kind (nullopt: all), with a comparison period when asked.
Stats stats(store::Tx& tx, std::int64_t org_id, const std::string& from, const std::string& to,
            const std::optional<std::vector<std::int64_t>>& team_ids, const std::optional<std::string>& teller,
            const std::optional<std::pair<std::string, std::string>>& compare_with);
}  // namespace published

// What the public form says about privacy when the organisation wrote nothing: who
// reads a story, that no name is needed, what happens to personal data, how long it is
// kept.
std::string default_privacy_note(const std::string& organisation);

class Service {
 public:
  explicit Service(store::Database& db) : db_(db) {}

  Result<StoryView> share(const Principal& p, StoryInput in, Millis now);
  Result<StoryPage> list(const Principal& p, const StoryFilter& f);
  Result<StoryView> get(const Principal& p, std::int64_t id);
  Result<StoryView> moderate(const Principal& p, std::int64_t id, bool accept, const std::string& reason,
                             const std::vector<Redaction>& redactions, Millis now);
  Result<Stats> stats(const Principal& p, const std::string& from, const std::string& to,
                      std::optional<std::int64_t> team_id, std::optional<std::string> teller,
                      std::optional<std::pair<std::string, std::string>> compare_with);

  // The public vertelpunt: no account. `address` is only used for the rate limit.
  struct PublicForm {
    std::string organisation, slug;
    std::vector<organisation::ListValue> topics, valuations, archetypes, prompts;  // residents' words
    std::string privacy_note;               // the organisation's own, or default_privacy_note
    std::optional<Millis> logo_updated_at;  // nullopt: the organisation has no logo
  };
  Result<PublicForm> public_form(const std::string& org_slug);
  Status share_public(const std::string& org_slug, StoryInput in, const std::string& address, bool honeypot_filled,
                      Millis now);

 private:
  store::Database& db_;
};

}  // namespace wk::stories
