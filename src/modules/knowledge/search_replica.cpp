#include "modules/knowledge/search_replica.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/dutch.hpp"
#include "modules/knowledge/repository.hpp"
#include "modules/knowledge/search_key.hpp"
#include "store/open.hpp"

namespace wk::knowledge {

using store::Param;
using store::Tx;

namespace {

namespace fs = std::filesystem;

// The copy's own bookkeeping, beside the embedded store's schema (whose knowledge_fts it
// fills): the last change applied, the snapshot it was read in, and the tokenizer.
constexpr const char* kBookkeeping =
    "CREATE TABLE IF NOT EXISTS search_replica_position (one INTEGER PRIMARY KEY CHECK (one = 1), "
    "seq INTEGER NOT NULL, stamp INTEGER NOT NULL, snapshot TEXT NOT NULL, tokenizer TEXT NOT NULL)";

constexpr const char* kTemporaryPrefix = "wijkkader-search-";

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

void insert_item(Tx& index, std::int64_t org_id, std::int64_t item_id, const Text& t) {
  repo::put_search_entry(index, org_id, item_id, t.status, t.category, t.title, t.body);
}

fs::path temporary_dir() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? fs::path(dir) : fs::path("/tmp");
}

void remove_with_journal(const std::string& path) {
  std::error_code ec;
  for (const auto* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

// Temporary copies left by servers that died without removing them: a file no process
// holds a lock on, last changed over a minute ago (not one just made and about to be locked).
void remove_stale_temporaries() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(temporary_dir(), ec)) {
    const auto name = entry.path().filename().string();
    if (!name.starts_with(kTemporaryPrefix) ||
        name.find('-', std::string_view(kTemporaryPrefix).size()) != std::string::npos)
      continue;
    std::error_code age_ec;
    const auto changed = fs::last_write_time(entry.path(), age_ec);
    if (age_ec || fs::file_time_type::clock::now() - changed < std::chrono::minutes(1)) continue;
    const int fd = ::open(entry.path().c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      spdlog::info("kennisbank: removing a search index copy left behind: {}", entry.path().string());
      remove_with_journal(entry.path().string());
    }
    ::close(fd);
  }
}

}  // namespace

SearchReplica::SearchReplica(std::string path, std::size_t small_build, std::size_t batch)
    : path_(std::move(path)),
      temporary_(path_.empty()),
      small_build_(small_build),
      batch_(std::max<std::size_t>(1, batch)) {
  if (temporary_) {
    remove_stale_temporaries();
    std::string pattern = (temporary_dir() / (std::string(kTemporaryPrefix) + "XXXXXX")).string();
    lock_fd_ = ::mkstemp(pattern.data());  // 0600
    path_ = pattern;
  } else {
    // The copy holds every item's text, drafts included: for this user's eyes only.
    lock_fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock_fd_ >= 0) ::fchmod(lock_fd_, 0600);
  }
  if (lock_fd_ < 0) throw std::runtime_error("kennisbank: cannot make the search index file " + path_);
  // SQLite locks with fcntl, which this does not touch; its -wal and -shm take the file's mode.
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    throw std::runtime_error("kennisbank: the search index file " + path_ +
                             " is in use by another server; give each server a file of its own");
  }
  try {
    index_ = store::open_database(path_, {.pool_size = 4});
    index_->with_write([&](Tx& index) {
      index.execute_script(kBookkeeping);
      const auto at = index.query_one("SELECT seq, stamp, snapshot, tokenizer FROM search_replica_position");
      if (at && at->str(3) == dutch::tokenizer_version()) {
        applied_ = {at->i64(0), at->i64(1), at->str(2)};
        built_ = true;  // to be checked against the database at the first catch-up
      }
      return true;
    });
  } catch (...) {
    ::close(lock_fd_);
    if (temporary_) remove_with_journal(path_);
    throw;
  }
}

SearchReplica::~SearchReplica() {
  stopping_ = true;
  {
    std::lock_guard lock(background_mutex_);
    if (background_.joinable()) background_.join();
  }
  index_->close();
  index_.reset();
  if (temporary_) remove_with_journal(path_);
  ::close(lock_fd_);  // after SQLite has closed the file: closing it drops the process's fcntl locks
}

void SearchReplica::build_in_background(store::Database& primary) {
  std::lock_guard lock(background_mutex_);
  if (building_ || stopping_) return;
  if (background_.joinable()) background_.join();  // one that ended
  building_ = true;
  background_ = std::thread([this, &primary] {
    try {
      catch_up(primary);
    } catch (const std::exception& e) {
      spdlog::warn(R"("event":"search_index_not_built","error":{})", nlohmann::json(e.what()).dump());
    }
    build_size_ = SIZE_MAX;
    building_ = false;
  });
}

bool SearchReplica::catch_up_for_search(store::Database& primary, std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  if (!built_) {
    build_in_background(primary);
    // A small build is waited for (a server just started); a large one answers 503 at once.
    while (!built_ && (build_size_ == SIZE_MAX || build_size_ <= small_build_) &&
           std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!built_) return false;
  }
  std::unique_lock lock(mutex_, std::defer_lock);
  if (!lock.try_lock_until(until)) return false;
  if (built_ && apply_changes(primary)) return true;
  built_ = false;
  lock.unlock();
  build_in_background(primary);
  return false;
}

void SearchReplica::catch_up(store::Database& primary) {
  std::lock_guard lock(mutex_);
  if (built_ && !apply_changes(primary)) built_ = false;
  if (!built_) build(primary);
}

void SearchReplica::save_position(Tx& index, const Position& at) {
  index.execute("DELETE FROM search_replica_position");
  index.execute("INSERT INTO search_replica_position (one, seq, stamp, snapshot, tokenizer) VALUES (1, ?, ?, ?, ?)",
                {at.seq, at.stamp, at.snapshot, dutch::tokenizer_version()});
}

// The position and the items' keys in one snapshot of PostgreSQL, then their texts in a
// short transaction per batch: one snapshot held for the whole build (over an hour at a
// million items) would keep VACUUM from every row deleted meanwhile, in every table. A
// batch read later may show an item newer than the position; the first catch-up applies
// every change after the position again, which is harmless (apply_changes). Written in
// key order, as migration 0009 fills the embedded store's index, so FTS5 writes few
// segments, then merged into one. (It runs at normal priority: the copy's writes, and the
// tokenizing in them, run on the SQLite store's writer thread, which catch-ups share.)
void SearchReplica::build(store::Database& primary) {
  spdlog::info("kennisbank: building the search index{}", temporary_ ? "" : " in " + path_);
  const auto started = std::chrono::steady_clock::now();
  std::size_t items = 0;
  Position at;
  bool done = false;
  struct Entry {
    std::int64_t key, org_id, id;
  };
  std::vector<Entry> entries;
  primary.with_read([&](Tx& tx) {
    at.snapshot = tx.query_one("SELECT CAST(pg_current_snapshot() AS TEXT)")->str(0);
    if (const auto r = tx.query_one("SELECT seq, stamp FROM knowledge_search_changes ORDER BY seq DESC LIMIT 1"))
      at = {r->i64(0), r->i64(1), at.snapshot};
    // Every organisation's items: the copy serves them all, each search within its own.
    tx.each("SELECT org_id, id, status, category FROM knowledge_items", {}, [&](store::Row& r) {
      entries.push_back({search_key::of(r.i64(0), r.str(2), r.str(3), r.i64(1)), r.i64(0), r.i64(1)});
    });
  });
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  build_size_ = entries.size();
  index_->with_write([&](Tx& index) {
    index.execute("DELETE FROM knowledge_fts");
    for (std::size_t from = 0; from < entries.size();) {
      if (stopping_) return false;
      std::size_t to = from;
      std::vector<std::int64_t> ids;
      while (to < entries.size() && ids.size() < batch_ && entries[to].org_id == entries[from].org_id)
        ids.push_back(entries[to++].id);
      const auto texts = primary.read([&](Tx& tx) { return texts_of(tx, entries[from].org_id, ids); });
      for (; from < to; ++from)
        if (const auto t = texts.find(entries[from].id); t != texts.end()) {
          insert_item(index, entries[from].org_id, entries[from].id, t->second);
          ++items;
        }
    }
    index.execute("INSERT INTO knowledge_fts (knowledge_fts) VALUES ('optimize')");
    save_position(index, at);
    done = true;
    return true;
  });
  build_size_ = SIZE_MAX;
  if (!done) return;
  applied_ = at;
  built_ = true;
  spdlog::info(
      "kennisbank: search index built ({} items, {} ms)", items,
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
}

// The changes numbered from the last applied on, and those whose transaction the previous
// snapshot did not see; then each changed item as it is in this snapshot: removed from the
// copy, and written again unless it is gone. Applying an item twice does no harm, so the
// order of an item's changes does not matter.
bool SearchReplica::apply_changes(store::Database& primary) {
  bool same_database = applied_.seq == 0;  // nothing applied yet: nothing to check
  Position at = applied_;
  std::set<std::pair<std::int64_t, std::int64_t>> changed;  // organisation, item
  primary.with_read([&](Tx& tx) {
    at.snapshot = tx.query_one("SELECT CAST(pg_current_snapshot() AS TEXT)")->str(0);
    std::string sql = "SELECT seq, org_id, item_id, stamp FROM knowledge_search_changes WHERE seq >= ?";
    std::vector<Param> params{applied_.seq};
    if (!applied_.snapshot.empty()) {
      sql +=
          " OR (xid >= pg_snapshot_xmin(CAST(? AS pg_snapshot)) AND NOT pg_visible_in_snapshot(xid, CAST(? AS "
          "pg_snapshot)))";
      params.insert(params.end(), {applied_.snapshot, applied_.snapshot});
    }
    tx.each(sql + " ORDER BY seq", params, [&](store::Row& r) {
      const auto seq = r.i64(0);
      if (seq == applied_.seq) {
        same_database = r.i64(3) == applied_.stamp;
        return;
      }
      changed.emplace(r.i64(1), r.i64(2));
      if (seq > at.seq) at = {seq, r.i64(3), at.snapshot};
    });
    if (!same_database) return;
    // A batch of one organisation's items per statement and per write of the copy.
    for (auto from = changed.begin(); from != changed.end();) {
      std::vector<std::int64_t> ids;
      auto to = from;
      while (to != changed.end() && to->first == from->first && ids.size() < batch_) ids.push_back((to++)->second);
      const auto texts = texts_of(tx, from->first, ids);
      index_->with_write([&](Tx& index) {
        for (const auto id : ids) {
          repo::remove_search_entry(index, from->first, id);
          if (const auto t = texts.find(id); t != texts.end()) insert_item(index, from->first, id, t->second);
        }
        return true;
      });
      from = to;
    }
  });
  if (!same_database) {
    spdlog::info("kennisbank: the search index no longer matches the database (restored?); building it anew");
    return false;
  }
  // Nothing new: the newer snapshot is kept in memory only, sparing the copy a write (an
  // older one on disk only makes the next start look again at a few changes).
  if (!changed.empty())
    index_->with_write([&](Tx& index) {
      save_position(index, at);
      return true;
    });
  applied_ = at;
  return true;
}

}  // namespace wk::knowledge
