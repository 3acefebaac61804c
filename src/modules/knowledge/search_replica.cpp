#include "modules/knowledge/search_replica.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/dutch.hpp"
#include "modules/knowledge/search_key.hpp"
#include "store/open.hpp"

namespace wk::knowledge {

using store::Param;
using store::Tx;

namespace {

// The copy's own bookkeeping, beside the embedded store's schema (whose knowledge_fts it
// fills): the last change applied, the tokenizer that made it, and the numbers still missing.
constexpr const char* kBookkeeping =
    "CREATE TABLE IF NOT EXISTS search_replica_position (one INTEGER PRIMARY KEY CHECK (one = 1), "
    "seq INTEGER NOT NULL, stamp INTEGER NOT NULL, tokenizer TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS search_replica_gaps (seq INTEGER PRIMARY KEY, missed_at INTEGER NOT NULL);";

// Items read from PostgreSQL per statement.
constexpr std::size_t kBatch = 500;
// How far back a copy built whole looks for numbers missing among the latest changes.
constexpr std::int64_t kGapWindow = 1000;
// At most this many numbers of one stretch are looked for again (a sequence moved by hand
// would otherwise leave millions).
constexpr std::int64_t kMostGaps = 1000;

// The text readers see: the published version, else the draft (as migration 0009 and
// repo::index).
const std::string kItemsWithText =
    "SELECT i.id, i.status, i.category, v.title, v.body FROM knowledge_items i JOIN knowledge_versions v ON "
    "v.org_id = i.org_id AND v.item_id = i.id AND v.version = COALESCE(i.published_version, i.draft_version) "
    "WHERE i.org_id = ? AND i.id IN (";

struct Text {
  std::string status, category, title, body;
};

// The items of one organisation with their indexed text, by id; an item gone is absent.
std::map<std::int64_t, Text> texts_of(Tx& tx, std::int64_t org_id, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, Text> out;
  std::vector<Param> params{org_id};
  params.insert(params.end(), ids.begin(), ids.end());
  tx.each(kItemsWithText + store::placeholders(ids.size()) + ")", params, [&](store::Row& r) {
    out[r.i64(0)] = {r.str(1), r.str(2), r.str(3), r.str(4)};
  });
  return out;
}

void remove_item(Tx& index, std::int64_t org_id, std::int64_t item_id) {
  const auto keys = search_key::all_of(org_id, item_id);
  index.execute("DELETE FROM knowledge_fts WHERE rowid IN (" + store::placeholders(keys.size()) + ")",
                std::vector<Param>(keys.begin(), keys.end()));
}

void insert_item(Tx& index, std::int64_t org_id, std::int64_t item_id, const Text& t) {
  index.execute("INSERT INTO knowledge_fts (rowid, title, body) VALUES (?, ?, ?)",
                {search_key::of(org_id, t.status, t.category, item_id), t.title, t.body});
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string temporary_path() {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/wijkkader-search-XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("kennisbank: cannot make a file for the search index in " + pattern);
  ::close(fd);
  return pattern;
}

}  // namespace

SearchReplica::SearchReplica(std::string path) : path_(std::move(path)), temporary_(path_.empty()) {
  if (temporary_) path_ = temporary_path();
  index_ = store::open_database(path_, {.pool_size = 4});
  index_->with_write([&](Tx& index) {
    index.execute_script(kBookkeeping);
    const auto at = index.query_one("SELECT seq, stamp, tokenizer FROM search_replica_position");
    if (at && at->str(2) == dutch::tokenizer_version()) {
      built_ = true;
      applied_ = {at->i64(0), at->i64(1)};
      index.each("SELECT seq, missed_at FROM search_replica_gaps", {},
                 [&](store::Row& r) { gaps_[r.i64(0)] = r.i64(1); });
    }
    return true;
  });
}

SearchReplica::~SearchReplica() {
  stopping_ = true;
  if (background_.joinable()) background_.join();
  index_->close();
  index_.reset();
  if (temporary_)
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
}

void SearchReplica::catch_up_in_background(store::Database& primary) {
  background_ = std::thread([this, &primary] {
    try {
      catch_up(primary);
    } catch (const std::exception& e) {
      spdlog::warn(R"("event":"search_index_not_caught_up","error":"{}")", e.what());
    }
  });
}

bool SearchReplica::catch_up(store::Database& primary, std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_, std::defer_lock);
  if (!lock.try_lock_for(wait)) return false;
  if (built_ && !checked_ && !belongs_to(primary)) {
    spdlog::info("kennisbank: the search index in {} belongs to another database; building it anew", path_);
    built_ = false;
  }
  checked_ = true;
  if (built_)
    apply_changes(primary);
  else
    build(primary);
  return true;
}

bool SearchReplica::belongs_to(store::Database& primary) {
  if (applied_.seq == 0) return true;  // it holds nothing yet
  return primary.read([&](Tx& tx) {
    const auto r = tx.query_one("SELECT stamp FROM knowledge_search_changes WHERE seq = ?", {applied_.seq});
    return r && r->i64(0) == applied_.stamp;
  });
}

void SearchReplica::save_position(Tx& index, const Position& at, const Gaps& gaps) {
  index.execute("DELETE FROM search_replica_position");
  index.execute("INSERT INTO search_replica_position (one, seq, stamp, tokenizer) VALUES (1, ?, ?, ?)",
                {at.seq, at.stamp, dutch::tokenizer_version()});
  index.execute("DELETE FROM search_replica_gaps");
  for (const auto& [seq, missed_at] : gaps)
    index.execute("INSERT INTO search_replica_gaps (seq, missed_at) VALUES (?, ?)", {seq, missed_at});
}

// In one snapshot of PostgreSQL: the last change, the items as they were then, and the
// numbers missing just before it (transactions not yet committed). Written in key order, as
// migration 0009 fills the embedded store's index, so FTS5 writes few segments, then merged
// into one.
void SearchReplica::build(store::Database& primary) {
  const auto started = std::chrono::steady_clock::now();
  std::size_t items = 0;
  primary.with_read([&](Tx& tx) {
    Position at;
    if (const auto r = tx.query_one("SELECT seq, stamp FROM knowledge_search_changes ORDER BY seq DESC LIMIT 1"))
      at = {r->i64(0), r->i64(1)};
    std::set<std::int64_t> recent;
    tx.each("SELECT seq FROM knowledge_search_changes WHERE seq > ?", {at.seq - kGapWindow},
            [&](store::Row& r) { recent.insert(r.i64(0)); });
    struct Entry {
      std::int64_t key, org_id, id;
    };
    std::vector<Entry> entries;
    // Every organisation's items: the copy serves them all, each search within its own.
    tx.each("SELECT org_id, id, status, category FROM knowledge_items", {}, [&](store::Row& r) {
      entries.push_back({search_key::of(r.i64(0), r.str(2), r.str(3), r.i64(1)), r.i64(0), r.i64(1)});
    });
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
    Gaps gaps;
    const auto now = now_ms();
    for (auto seq = std::max<std::int64_t>(at.seq - kGapWindow + 1, 1); seq < at.seq; ++seq)
      if (!recent.contains(seq)) gaps[seq] = now;
    index_->with_write([&](Tx& index) {
      index.execute("DELETE FROM knowledge_fts");
      for (std::size_t from = 0; from < entries.size();) {
        if (stopping_) return false;
        std::size_t to = from;
        std::vector<std::int64_t> ids;
        while (to < entries.size() && ids.size() < kBatch && entries[to].org_id == entries[from].org_id)
          ids.push_back(entries[to++].id);
        const auto texts = texts_of(tx, entries[from].org_id, ids);
        for (; from < to; ++from)
          if (const auto t = texts.find(entries[from].id); t != texts.end()) {
            insert_item(index, entries[from].org_id, entries[from].id, t->second);
            ++items;
          }
      }
      index.execute("INSERT INTO knowledge_fts (knowledge_fts) VALUES ('optimize')");
      save_position(index, at, gaps);
      return true;
    });
    if (stopping_) return;
    applied_ = at;
    gaps_ = std::move(gaps);
    built_ = true;
  });
  if (built_)
    spdlog::info("kennisbank: search index built ({} items, {} ms)", items,
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                     .count());
}

// The changes after the last applied and those still missing, then each changed item as it
// is in the same snapshot: removed from the copy, and written again unless it is gone.
// Applying an item twice does no harm, so the order of an item's changes does not matter.
void SearchReplica::apply_changes(store::Database& primary) {
  const auto now = now_ms();
  std::map<std::int64_t, std::set<std::int64_t>> changed;  // org → items
  std::map<std::pair<std::int64_t, std::int64_t>, std::optional<Text>> now_as;
  Position last = applied_;
  auto gaps = gaps_;
  primary.with_read([&](Tx& tx) {
    std::vector<Param> params{applied_.seq};
    std::string sql = "SELECT seq, org_id, item_id, stamp FROM knowledge_search_changes WHERE seq > ?";
    if (!gaps_.empty()) {
      sql += " OR seq IN (" + store::placeholders(gaps_.size()) + ")";
      for (const auto& g : gaps_) params.emplace_back(g.first);
    }
    tx.each(sql + " ORDER BY seq", params, [&](store::Row& r) {
      const auto seq = r.i64(0);
      changed[r.i64(1)].insert(r.i64(2));
      gaps.erase(seq);
      if (seq <= last.seq) return;  // a gap filled
      for (auto missing = std::max(last.seq + 1, seq - kMostGaps); missing < seq; ++missing) gaps[missing] = now;
      last = {seq, r.i64(3)};
    });
    for (const auto& [org_id, items] : changed) {
      const std::vector<std::int64_t> ids(items.begin(), items.end());
      for (std::size_t from = 0; from < ids.size(); from += kBatch) {
        const std::vector<std::int64_t> batch(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                              ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + kBatch)));
        auto texts = texts_of(tx, org_id, batch);
        for (const auto id : batch) {
          const auto t = texts.find(id);
          now_as[{org_id, id}] = t == texts.end() ? std::nullopt : std::optional<Text>(std::move(t->second));
        }
      }
    }
  });
  std::erase_if(gaps, [&](const auto& g) {
    return now - g.second > std::chrono::duration_cast<std::chrono::milliseconds>(kGapLifetime).count();
  });
  if (now_as.empty() && gaps == gaps_) return;  // nothing to write
  index_->with_write([&](Tx& index) {
    for (const auto& [key, text] : now_as) {
      remove_item(index, key.first, key.second);
      if (text) insert_item(index, key.first, key.second, *text);
    }
    save_position(index, last, gaps);
    return true;
  });
  applied_ = last;
  gaps_ = std::move(gaps);
}

}  // namespace wk::knowledge
