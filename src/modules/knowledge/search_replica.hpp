// On PostgreSQL the kennisbank is searched in a copy of its search index that each server
// process keeps in a SQLite file of its own: the embedded store's FTS5 table, tokenizer and
// ranking, so that both stores find and rank alike and PostgreSQL searches as fast
// (docs/decisions/0011). PostgreSQL stays the record. knowledge_search_changes numbers
// every change to an item's indexed text, status or category (repository.cpp), and before
// each search the copy applies the changes it has not applied yet, reading the items as
// they are now: a search sees every change committed before it started, on whichever
// server it was made.
//
// Which changes are new: those numbered after the last applied, and those whose
// transaction the previous catch-up's snapshot did not see yet (a transaction may take a
// number and commit after another took a higher one). PostgreSQL's snapshots say that
// exactly (pg_visible_in_snapshot), without clocks or windows.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/database.hpp"

namespace wk::knowledge {

class SearchReplica {
 public:
  static constexpr std::size_t kSmallBuild = 5000;
  // Items read from PostgreSQL per statement (and, building, per transaction), and written
  // to the copy per transaction when catching up.
  static constexpr std::size_t kBatch = 500;

  // `path`: a file kept across restarts (made readable by this user only, locked against a
  // second server, checked against the database before use and built anew when it belongs
  // to another database or tokenizer); empty: a temporary file, removed with the replica
  // (and, after a crash, by the next server that finds it unlocked).
  // `small_build`: the most items a search waits for the copy to be built with.
  explicit SearchReplica(std::string path = {}, std::size_t small_build = kSmallBuild, std::size_t batch = kBatch);
  ~SearchReplica();
  SearchReplica(const SearchReplica&) = delete;
  SearchReplica& operator=(const SearchReplica&) = delete;

  // Builds the copy, or catches up a kept one, on a thread of its own unless that is under
  // way (at start-up: a copy made anew reads every item, minutes for 100,000 items).
  void build_in_background(store::Database& primary);
  // For a request: applies the changes not yet applied and returns true. While the copy is
  // not built its build runs in the background: a small one (up to `small_build` items, as
  // after a start of most installations) is waited for up to `wait`, a larger one not at
  // all: false. False too when another thread holds the copy longer than `wait`. Never
  // builds on the calling thread.
  bool catch_up_for_search(store::Database& primary, std::chrono::milliseconds wait);
  // Builds the copy if need be, then applies the changes not yet applied, on this thread
  // (tests, benchmarks, the background build).
  void catch_up(store::Database& primary);

  // The copy, to read (store::Tx on SQLite).
  store::Database& index() { return *index_; }

 private:
  struct Position {
    std::int64_t seq = 0, stamp = 0;
    std::string snapshot;  // pg_snapshot of the last catch-up ("xmin:xmax:xip,…"); empty before the first
  };
  void catch_up_locked(store::Database& primary);
  void build(store::Database& primary);
  // False when the change applied last is no longer in the database as it was (a restore,
  // another database): the copy must be built anew.
  bool apply_changes(store::Database& primary);
  static void save_position(store::Tx& index, const Position& at);

  std::string path_;
  bool temporary_ = false;
  std::size_t small_build_, batch_;
  int lock_fd_ = -1;  // an exclusive flock on the file while this replica uses it
  std::unique_ptr<store::Database> index_;
  std::timed_mutex mutex_;  // one thread builds or catches up at a time
  std::atomic<bool> built_{false};
  Position applied_;
  std::atomic<bool> stopping_{false}, building_{false};
  // The items the build under way writes; SIZE_MAX until it has counted them.
  std::atomic<std::size_t> build_size_{SIZE_MAX};
  std::thread background_;
  std::mutex background_mutex_;
};

}  // namespace wk::knowledge
