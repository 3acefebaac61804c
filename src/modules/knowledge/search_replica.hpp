// On PostgreSQL the kennisbank is searched in a copy of its search index that each server
// process keeps in a SQLite file of its own: the embedded store's FTS5 table, tokenizer and
// ranking, so that both stores find and rank alike and PostgreSQL searches as fast
// (docs/decisions/0011). PostgreSQL stays the record. knowledge_search_changes numbers
// every change to an item's indexed text, status or category (repository.cpp), and before
// each search the copy applies the changes numbered after the last it applied, reading the
// items as they are now: a search sees every change committed before it started, on
// whichever server it was made.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/database.hpp"

namespace wk::knowledge {

class SearchReplica {
 public:
  // `path`: a file kept across restarts, checked against the database before its first use
  // and built anew when it belongs to another database or tokenizer; empty: a temporary
  // file, removed with the replica.
  explicit SearchReplica(std::string path = {});
  ~SearchReplica();
  SearchReplica(const SearchReplica&) = delete;
  SearchReplica& operator=(const SearchReplica&) = delete;

  // Builds or catches up on a thread of its own (at start-up: a copy made anew reads every
  // item, about 4 minutes for 100,000 items).
  void catch_up_in_background(store::Database& primary);
  // Applies the changes not yet applied, building the copy whole the first time. False when
  // another thread holds the copy for longer than `wait` (it is being built). Thread-safe.
  bool catch_up(store::Database& primary, std::chrono::milliseconds wait = std::chrono::hours(24));

  // The copy, to read (store::Tx on SQLite).
  store::Database& index() { return *index_; }

  // Changes numbered but not yet visible (their transaction still running, or rolled back)
  // are looked for again until they are this old.
  static constexpr std::chrono::minutes kGapLifetime{10};

 private:
  struct Position {
    std::int64_t seq = 0, stamp = 0;
  };
  void build(store::Database& primary);
  void apply_changes(store::Database& primary);
  bool belongs_to(store::Database& primary);
  using Gaps = std::map<std::int64_t, std::int64_t>;  // seq → when first missed (ms since epoch)
  static void save_position(store::Tx& index, const Position& at, const Gaps& gaps);

  std::string path_;
  bool temporary_ = false;
  std::unique_ptr<store::Database> index_;
  std::timed_mutex mutex_;  // one thread builds or catches up at a time
  bool built_ = false, checked_ = false;
  Position applied_;
  Gaps gaps_;
  std::atomic<bool> stopping_{false};
  std::thread background_;
};

}  // namespace wk::knowledge
