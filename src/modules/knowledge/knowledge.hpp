// Kennisbank (SPEC §4.4): methods, documents, procedures and guidelines that stay right.
// An item has versions; every version is kept. A version is written as a concept,
// submitted for review (ter_review) and published by a quality officer other than its
// author; editing a published item makes a new draft version while the published one
// stays what readers see. A published item has a review-by date (a period per
// category). Search is Dutch full-text (docs/decisions/0006).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/dutch.hpp"
#include "core/time.hpp"
#include "modules/cases/model.hpp"
#include "store/database.hpp"

namespace wk::knowledge {

// ---- rules (rules.cpp) ----

bool is_category(std::string_view c);  // methodiek, document, procedure, richtlijn
// Months between verifications by default: procedures and guidelines yearly, methods
// and documents every two years.
int review_months(std::string_view category);
// YYYY-MM-DD plus whole months; the day is kept where the month has it, else the
// month's last day (2026-01-31 + 1 → 2026-02-28).
std::string add_months(const std::string& date, int months);

bool may_read(const Principal& p);    // every role but the funder
bool may_author(const Principal& p);  // quality
bool may_review(const Principal& p);  // quality

// What a version's author may not do: publish their own text.
Status check_reviewer(const Principal& reviewer, std::int64_t author_id);

// Tags as people type them: trimmed, lower-case, duplicates and empties dropped, in order.
std::vector<std::string> normalise_tags(const std::vector<std::string>& tags);

// ---- records ----

struct Ref {
  std::int64_t id = 0;
  std::string name;
};

using Warning = cases::Warning;

struct ItemInput {
  std::optional<std::string> category, title, body;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::int64_t> owner_id;
};

struct Version {
  std::int64_t version = 0;
  std::string status;  // concept, ter_review, gepubliceerd, vervangen
  std::string category, title, body;
  std::vector<std::string> tags;
  Ref author;
  Millis created_at = 0, updated_at = 0;
  std::optional<Millis> submitted_at, reviewed_at;
  std::optional<Ref> reviewed_by;
  std::optional<std::string> review_remark;
};

struct Item {
  std::int64_t id = 0;
  std::string status;  // concept, ter_review, gepubliceerd, gearchiveerd
  Ref owner;
  Version shown;                 // what readers see: the published version, else the draft
  std::optional<Version> draft;  // a draft beside the published version (editors only)
  std::optional<std::int64_t> published_version;
  std::optional<std::string> review_by;
  bool overdue = false;  // published and past its review-by date
  Millis created_at = 0, updated_at = 0;
  std::vector<Warning> warnings;  // of the change that answered it (e-mail address, phone number)
};

struct ItemQuery {
  std::optional<std::string> category, tag, status;
  std::optional<std::int64_t> owner_id;
  bool hide_archived = false;
  int limit = 50, offset = 0;
};

struct SearchQuery {
  std::string q;
  std::optional<std::string> category, tag, status;
  int limit = 20, offset = 0;
};

struct Hit {
  std::int64_t id = 0;
  std::string title, category, status;
  std::vector<std::string> tags;
  std::string snippet_html;  // escaped text with <mark> around the matches
  std::optional<std::string> review_by;
  bool overdue = false;
};

struct SearchResult {
  std::vector<Hit> items;
  std::int64_t total = 0;
  std::vector<std::pair<std::string, std::int64_t>> categories, tags;  // facets over all matches
};

// A short piece of `text` around the first words that match the query's terms, HTML
// escaped, the matching words in <mark>; at most about `words` words long.
std::string snippet(std::string_view text, const dutch::Query& query, std::size_t words = 30);

class Service {
 public:
  explicit Service(store::Database& db) : db_(db) {}

  Result<Item> create(const Principal& p, const ItemInput& in, Millis now);
  Result<std::pair<std::vector<Item>, std::int64_t>> list(const Principal& p, const ItemQuery& q, Millis now);
  Result<Item> get(const Principal& p, std::int64_t id, Millis now);
  Result<Item> update(const Principal& p, std::int64_t id, const ItemInput& in, Millis now);
  Result<Item> submit(const Principal& p, std::int64_t id, Millis now);
  Result<Item> publish(const Principal& p, std::int64_t id, Millis now);
  Result<Item> return_to_author(const Principal& p, std::int64_t id, const std::string& remark, Millis now);
  Result<Item> archive(const Principal& p, std::int64_t id, Millis now);
  Result<std::vector<Version>> versions(const Principal& p, std::int64_t id);
  Result<SearchResult> search(const Principal& p, const SearchQuery& q, Millis now);

 private:
  store::Database& db_;
};

}  // namespace wk::knowledge
