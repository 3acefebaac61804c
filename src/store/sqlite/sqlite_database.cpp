#include "store/sqlite/sqlite_database.hpp"

#include "store/sqlite/fts_dutch.hpp"
#include "store/sqlite/fts_rank.hpp"
#include "store/sqlite/id_set_function.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <unordered_map>

namespace wk::store {

namespace {

DbError error_from(sqlite3* db, int rc, std::string_view context) {
  const int ext = sqlite3_extended_errcode(db);
  DbError::Kind kind = DbError::Kind::other;
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
    kind = DbError::Kind::unique;
  else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
    kind = DbError::Kind::foreign_key;
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    kind = DbError::Kind::check;
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    kind = DbError::Kind::busy;
  return DbError(kind, std::string(context) + ": " + sqlite3_errmsg(db));
}

// One column of the current row into a cell, reusing a text cell's buffer.
void read_cell(sqlite3_stmt* stmt, int c, Cell& cell) {
  const int type = sqlite3_column_type(stmt, c);
  switch (type) {
    case SQLITE_NULL:
      cell = nullptr;
      return;
    case SQLITE_INTEGER:
      cell = static_cast<std::int64_t>(sqlite3_column_int64(stmt, c));
      return;
    case SQLITE_FLOAT:
      cell = sqlite3_column_double(stmt, c);
      return;
    default: {
      // Text or a blob, both read back with Row::str; the size is asked after the pointer.
      const auto* data = type == SQLITE_BLOB ? static_cast<const char*>(sqlite3_column_blob(stmt, c))
                                             : reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
      if (auto* text = std::get_if<std::string>(&cell))
        text->assign(data ? data : "", size);
      else
        cell = std::string(data ? data : "", size);
    }
  }
}

}  // namespace

// One sqlite3 handle with its prepared-statement cache. Used by one thread at a time.
class SqliteConnection final : public Tx {
 public:
  SqliteConnection(const std::string& path, bool read_only) {
    const int flags =
        (read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError(DbError::Kind::connection, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    if (!read_only) {
      execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    }
    execute_script("PRAGMA foreign_keys=ON;");
    if (!register_dutch_tokenizer(db_) || !register_rank_function(db_))
      throw DbError(DbError::Kind::connection, "SQLite without FTS5: the knowledge base's search needs it");
    if (!register_id_set_function(db_))
      throw DbError(DbError::Kind::connection, std::string("cannot register wk_in_ids: ") + sqlite3_errmsg(db_));
  }
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::sqlite; }
  sqlite3* handle() { return db_; }

  void each(std::string_view sql, std::span<const Param> params, const std::function<void(Row&)>& f) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    // Reset however this ends (done, an error, an exception from f or from reading a cell),
    // so the statement is ready for its next use and holds no read snapshot.
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> reset(stmt, sqlite3_reset);
    const auto columns = static_cast<std::size_t>(sqlite3_column_count(stmt));
    Row row;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw error_from(db_, rc, "query");
      auto& cells = row.cells();
      cells.resize(columns);  // again after f moved the cells out
      for (std::size_t c = 0; c < columns; ++c) read_cell(stmt, static_cast<int>(c), cells[c]);
      f(row);
    }
  }

  std::int64_t execute(std::string_view sql, std::span<const Param> params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      auto err = error_from(db_, rc, "execute");
      sqlite3_reset(stmt);
      throw err;
    }
    sqlite3_reset(stmt);
    return sqlite3_changes64(db_);
  }

  void execute_script(std::string_view sql) override {
    char* msg = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
      std::string what = msg ? msg : "error";
      sqlite3_free(msg);
      auto err = error_from(db_, rc, "script");
      throw DbError(err.kind(), "script: " + what);
    }
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql, std::span<const Param> params) {
    auto it = cache_.find(std::string(sql));
    sqlite3_stmt* stmt = nullptr;
    if (it != cache_.end()) {
      stmt = it->second;
      sqlite3_reset(stmt);  // in case a step was left unfinished (an allocation failed mid-row)
      sqlite3_clear_bindings(stmt);
    } else {
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                             nullptr) != SQLITE_OK)
        throw DbError(DbError::Kind::other,
                      std::string("prepare: ") + sqlite3_errmsg(db_) + " in: " + std::string(sql));
      cache_.emplace(std::string(sql), stmt);
    }
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
      throw DbError(DbError::Kind::other, "parameter count mismatch in: " + std::string(sql));
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i) + 1;
      const Param& p = params[i];
      int rc;
      if (p.is_null())
        rc = sqlite3_bind_null(stmt, idx);
      else if (p.is_int())
        rc = sqlite3_bind_int64(stmt, idx, p.as_int());
      else if (p.is_bytes())
        rc = sqlite3_bind_blob64(stmt, idx, p.as_bytes().data(), p.as_bytes().size(), SQLITE_TRANSIENT);
      else
        rc = sqlite3_bind_text(stmt, idx, p.as_text().data(), static_cast<int>(p.as_text().size()), SQLITE_TRANSIENT);
      if (rc != SQLITE_OK) throw error_from(db_, rc, "bind");
    }
    return stmt;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

SqliteDatabase::SqliteDatabase(const std::string& path, int max_readers)
    : path_(path), max_readers_(max_readers < 1 ? 1 : max_readers) {
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  writer_ = std::make_unique<SqliteConnection>(path, false);
  writer_thread_ = std::thread([this] { writer_loop(); });
}

SqliteDatabase::~SqliteDatabase() {
  close();
}

void SqliteDatabase::close() {
  {
    std::lock_guard lock(queue_mutex_);
    if (closed_) return;
    closed_ = true;
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.clear();
  }
  try {
    writer_->execute_script("PRAGMA wal_checkpoint(TRUNCATE);");
  } catch (const DbError&) {
    // A reader of another process may hold the WAL; the next start checkpoints.
  }
  writer_.reset();
}

bool SqliteDatabase::ping() {
  try {
    with_read([](Tx& tx) { tx.query("SELECT 1"); });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::unique_ptr<SqliteConnection> SqliteDatabase::acquire_reader() {
  std::unique_lock lock(readers_mutex_);
  for (;;) {
    if (!idle_readers_.empty()) {
      auto c = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return c;
    }
    if (open_readers_ < max_readers_) {
      ++open_readers_;
      lock.unlock();
      try {
        return std::make_unique<SqliteConnection>(path_, true);
      } catch (...) {
        std::lock_guard again(readers_mutex_);
        --open_readers_;
        throw;
      }
    }
    readers_cv_.wait(lock);
  }
}

void SqliteDatabase::release_reader(std::unique_ptr<SqliteConnection> c) {
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(c));
  }
  readers_cv_.notify_one();
}

void SqliteDatabase::with_read(const std::function<void(Tx&)>& f) {
  auto conn = acquire_reader();
  struct Return {
    SqliteDatabase* self;
    std::unique_ptr<SqliteConnection>& c;
    ~Return() { self->release_reader(std::move(c)); }
  } give_back{this, conn};
  conn->execute_script("BEGIN");
  try {
    f(*conn);
  } catch (...) {
    conn->execute_script("ROLLBACK");
    throw;
  }
  conn->execute_script("COMMIT");
}

void SqliteDatabase::with_write(const std::function<bool(Tx&)>& f) {
  if (std::this_thread::get_id() == writer_thread_.get_id()) {
    // Already inside a write job (a service calling another): join its transaction.
    if (!f(*writer_)) throw DbError(DbError::Kind::other, "nested write asked for a rollback");
    return;
  }
  auto job = std::make_unique<Job>();
  job->fn = &f;
  auto done = job->done.get_future();
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) throw DbError(DbError::Kind::connection, "database is closing");
    queue_.push_back(std::move(job));
  }
  queue_cv_.notify_one();
  done.get();  // rethrows the job's exception, if any
}

void SqliteDatabase::writer_loop() {
  constexpr std::size_t max_batch = 128;
  for (;;) {
    std::vector<std::unique_ptr<Job>> batch;
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
  }
}

void SqliteDatabase::run_batch(std::vector<std::unique_ptr<Job>>& batch) {
  std::vector<std::exception_ptr> outcome(batch.size());
  try {
    writer_->execute_script("BEGIN IMMEDIATE");
    for (std::size_t i = 0; i < batch.size(); ++i) {
      writer_->execute_script("SAVEPOINT job");
      bool commit = false;
      try {
        commit = (*batch[i]->fn)(*writer_);
      } catch (...) {
        outcome[i] = std::current_exception();
      }
      if (!commit) writer_->execute_script("ROLLBACK TO job");
      writer_->execute_script("RELEASE job");
    }
    writer_->execute_script("COMMIT");
  } catch (...) {
    // The transaction itself failed (disk full, I/O error): nothing of the batch is
    // durable, so every job hears so.
    auto failure = std::current_exception();
    if (!sqlite3_get_autocommit(writer_->handle())) {
      try {
        writer_->execute_script("ROLLBACK");
      } catch (...) {
      }
    }
    for (auto& job : batch) job->done.set_exception(failure);
    return;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (outcome[i])
      batch[i]->done.set_exception(outcome[i]);
    else
      batch[i]->done.set_value();
  }
}

void SqliteDatabase::backup(const std::string& source_path, const std::string& target_path) {
  SqliteConnection source(source_path, true);
  const std::string tmp = target_path + ".partial";
  std::filesystem::remove(tmp);
  sqlite3* target = nullptr;
  if (sqlite3_open_v2(tmp.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = target ? sqlite3_errmsg(target) : "out of memory";
    sqlite3_close(target);
    throw DbError(DbError::Kind::connection, "cannot create " + tmp + ": " + msg);
  }
  sqlite3_backup* b = sqlite3_backup_init(target, "main", source.handle(), "main");
  int rc = SQLITE_ERROR;
  if (b) {
    // One step copies everything under one read snapshot: writers go on (WAL), and the
    // copy is consistent.
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
  }
  if (rc != SQLITE_DONE) {
    std::string msg = sqlite3_errmsg(target);
    sqlite3_close(target);
    std::filesystem::remove(tmp);
    throw DbError(DbError::Kind::other, "backup failed: " + msg);
  }
  sqlite3_close(target);
  std::filesystem::rename(tmp, target_path);
}

}  // namespace wk::store
