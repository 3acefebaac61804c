// Kennisbank (SPEC §4.4): methods, documents, procedures and guidelines that stay right.
// An item has versions; every version is kept. A version is written as a concept,
// submitted for review (ter_review) and published by a quality officer other than its
// author; editing a published item makes a new draft version while the published one
// stays what readers see. A published item has a review-by date (a period per
// category). Search is Dutch full-text (docs/decisions/0006).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/diff.hpp"
#include "core/dutch.hpp"
#include "core/privacy.hpp"
#include "core/ref.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace wk::knowledge {

// ---- rules (rules.cpp) ----

// The categories in the model report's order, and the item statuses in the workflow's
// order but published first (the order of the search index's keys, search_key.hpp).
std::span<const std::string> categories();  // methodiek, document, procedure, richtlijn
std::span<const std::string> statuses();    // gepubliceerd, concept, ter_review, gearchiveerd
bool is_category(std::string_view c);
bool is_status(std::string_view s);
// Months between verifications by default: procedures and guidelines yearly, methods
// and documents every two years.
int review_months(std::string_view category);  // with add_months of core/time

bool may_read(const Principal& p);    // every role but the funder
bool may_author(const Principal& p);  // quality: writes and edits every item
bool may_review(const Principal& p);  // quality
// Who starts a new item: quality, and coaches where the organisation allows it.
bool may_create(const Principal& p, bool coach_authors);

// What an uploaded file is, by its content (never its name): PDF, DOCX, XLSX, PNG, JPEG,
// GIF or WebP; nullopt for anything else (also macro-enabled Office files).
struct FileType {
  std::string content_type;
  std::vector<std::string> extensions;  // the first is the usual one
};
std::optional<FileType> file_type_of(std::string_view data);
// A file name to keep and offer for download: the last path part, without control
// characters and quotes, at most 120 bytes (cut on a character boundary); the extension must be one of the
// type's (else nullopt), and is added when there is none.
std::optional<std::string> attachment_name(std::string_view name, const FileType& type);

// What a version's author may not do: publish their own text.
Status check_reviewer(const Principal& reviewer, std::int64_t author_id);

// Tags as people type them: trimmed, lower-case, duplicates and empties dropped, in order.
std::vector<std::string> normalise_tags(const std::vector<std::string>& tags);

// ---- records ----

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

struct RatingSummary {
  std::int64_t version = 0, count = 0;
  std::optional<double> juistheid, volledigheid;  // averages, one decimal
};

struct Rating {
  int juistheid = 0, volledigheid = 0;
  std::optional<std::string> remark;
  Ref by;
  Millis updated_at = 0;
};

struct Ratings {
  RatingSummary summary;
  std::optional<Rating> mine;
  std::vector<Rating> remarks;  // owner and quality only
};

struct RatingInput {
  int juistheid = 0, volledigheid = 0;
  std::optional<std::string> remark;
};

struct Verification {
  std::int64_t id = 0, version = 0;
  Millis at = 0;
  Ref by;
  std::optional<std::string> remark, review_by_before;
  std::string review_by_after;
};

struct Attachment {
  std::int64_t id = 0;
  std::string name, content_type;
  std::int64_t size = 0;
  Ref uploaded_by;
  Millis uploaded_at = 0;
};

struct AttachmentFile {
  Attachment meta;
  std::string data;
};

// Where a draft came from: a best practice promoted from a story (and a session).
struct Source {
  std::optional<Ref> story, session;
};

// What the caller may do with an item now.
struct Can {
  bool edit = false, submit = false, publish = false, return_to_author = false, archive = false, verify = false,
       rate = false;
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
  std::optional<Verification> last_verified;
  RatingSummary ratings;  // of the published version
  std::optional<Rating> my_rating;
  std::vector<Attachment> attachments;
  std::optional<Source> source;
  Can can;
  std::vector<Warning> warnings;  // of the change that answered it (e-mail address, phone number)
};

struct DueItem {
  Item item;
  std::int64_t days_left = 0;  // negative: overdue
};

struct RatedItem {
  Item item;
};

// `owner`: a user id, or nullopt for every owner (quality only).
struct OwnerQuery {
  std::optional<std::int64_t> owner_id;
  int within_days = 30;
  int limit = 10;
};

struct FieldChange {
  std::string field, from, to;
};

struct VersionDiff {
  std::int64_t from = 0, to = 0;
  std::vector<FieldChange> fields;
  std::vector<diff::Line> lines;
  std::int64_t inserted = 0, deleted = 0;
};

struct Consulted {
  std::int64_t id = 0;
  std::string title, category;
  std::int64_t views = 0;
};

struct MostConsulted {
  int year = 0;
  std::vector<Consulted> items;
  std::vector<std::pair<std::string, std::int64_t>> categories;
  std::int64_t total = 0;
};

struct ItemQuery {
  std::optional<std::string> category, tag, status;
  std::optional<std::string> draft_status;  // of the version being worked on, also beside a published one
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
  std::vector<std::pair<std::string, std::int64_t>> categories;  // over every match
  std::vector<std::pair<std::string, std::int64_t>> tags;        // over the best tags_counted_over
  std::int64_t tags_counted_over = 0;
};

// A short piece of `text` around the first words that match the query's terms, HTML
// escaped, the matching words in <mark>; at most about `words` words long.
std::string snippet(std::string_view text, const dutch::Query& query, std::size_t words = 30);
// The same for an item's Markdown body, from the text of the blocks around its first
// match: rendering every hit's whole body cost more than finding the hits.
std::string body_snippet(std::string_view body, const dutch::Query& query, std::size_t words = 30);

// For the vertelpunt, inside its transaction: a best practice arrives as a draft
// methodiek owned by the one who promoted it. Returns the item's id.
std::int64_t create_draft_from(store::Tx& tx, const Principal& p, const std::string& title, const std::string& body,
                               const Source& source, Millis now);

class SearchReplica;

class Service {
 public:
  // On PostgreSQL the service searches a copy of the index (search_replica.hpp) in the file
  // `search_index` (empty: a temporary one), made by prepare_search: the command line's
  // one-off commands make the service without it.
  explicit Service(store::Database& db, std::string search_index = {});
  ~Service();
  // On PostgreSQL: opens the search index's copy and builds or catches it up on a thread of
  // its own (until it is built a search answers 503), or with `wait` on this thread before
  // returning.
  void prepare_search(bool wait = false);

  // Whether the caller may start an item (quality; coaches where the organisation allows):
  // the rule of POST /api/v1/knowledge and of the capability write_knowledge.
  static bool may_create(store::Tx& tx, const Principal& p);
  bool may_create(const Principal& p) const;
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

  // Staying right (service_review.cpp).
  Result<Item> verify(const Principal& p, std::int64_t id, const std::optional<std::string>& remark, Millis now);
  Result<std::vector<Verification>> verifications(const Principal& p, std::int64_t id);
  Result<std::vector<DueItem>> review_due(const Principal& p, const OwnerQuery& q, Millis now);
  Result<Ratings> rate(const Principal& p, std::int64_t id, const RatingInput& in, Millis now);
  Result<Ratings> ratings(const Principal& p, std::int64_t id);
  Result<std::vector<RatedItem>> lowest_rated(const Principal& p, const OwnerQuery& q, Millis now);
  Result<VersionDiff> compare(const Principal& p, std::int64_t id, std::int64_t from, std::int64_t to);

  // Attachments and views (service_files.cpp).
  Result<Attachment> attach(const Principal& p, std::int64_t id, std::string_view name, std::string data, Millis now);
  Result<AttachmentFile> attachment(const Principal& p, std::int64_t id, std::int64_t attachment_id);
  Status detach(const Principal& p, std::int64_t id, std::int64_t attachment_id, Millis now);
  Status count_view(const Principal& p, std::int64_t id, Millis now);
  Result<MostConsulted> most_consulted(const Principal& p, int year, const std::optional<std::string>& category,
                                       int limit);

 private:
  store::Database& db_;
  std::string search_index_;
  std::unique_ptr<SearchReplica> replica_;
};

}  // namespace wk::knowledge
