// The embedded store. WAL mode, foreign keys on, synchronous=FULL.
// Reads run on a pool of read-only connections, in parallel. Writes go to one writer
// thread that owns the only read-write connection and commits in batches: the jobs
// waiting when it wakes each run in their own SAVEPOINT inside one transaction, so one
// fsync serves many requests (group commit) while a failing job still rolls back alone.
#pragma once

#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"

struct sqlite3;

namespace wk::store {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(const std::string& path, int max_readers);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  bool ping() override;
  void close() override;
  void with_read(const std::function<void(Tx&)>& f) override;
  void with_write(const std::function<bool(Tx&)>& f) override;

  // Consistent online copy of the database into `target` (sqlite3 backup API).
  static void backup(const std::string& source_path, const std::string& target_path);

 private:
  struct Job {
    const std::function<bool(Tx&)>* fn;
    std::promise<void> done;
  };
  void writer_loop();
  void run_batch(std::vector<std::unique_ptr<Job>>& batch);
  std::unique_ptr<SqliteConnection> acquire_reader();
  void release_reader(std::unique_ptr<SqliteConnection> c);

  std::string path_;
  int max_readers_;
  std::unique_ptr<SqliteConnection> writer_;
  std::thread writer_thread_;
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<std::unique_ptr<Job>> queue_;
  bool stopping_ = false;
  bool closed_ = false;

  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int open_readers_ = 0;
};

}  // namespace wk::store
