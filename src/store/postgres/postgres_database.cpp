#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <unordered_map>

namespace wk::store {

std::string to_postgres_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_string = false;
  for (char c : sql) {
    if (c == '\'') in_string = !in_string;
    if (c == '?' && !in_string) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// PostgreSQL type OIDs we turn into typed cells; everything else stays text.
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700,
              kBytea = 17;

// A bytea in the text protocol's hex format: "\\x" then two hex digits per byte.
std::string from_bytea_hex(const char* v, std::size_t n) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  if (n < 2 || v[0] != '\\' || v[1] != 'x') return std::string(v, n);
  out.reserve((n - 2) / 2);
  for (std::size_t i = 2; i + 1 < n; i += 2) out += static_cast<char>(nibble(v[i]) << 4 | nibble(v[i + 1]));
  return out;
}

DbError error_from(PGresult* res, PGconn* conn, std::string_view context) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string s = state ? state : "";
  DbError::Kind kind = DbError::Kind::other;
  if (s == "23505")
    kind = DbError::Kind::unique;
  else if (s == "23503")
    kind = DbError::Kind::foreign_key;
  else if (s.starts_with("23"))
    kind = DbError::Kind::check;
  else if (s == "40001" || s == "40P01")
    kind = DbError::Kind::busy;
  else if (PQstatus(conn) != CONNECTION_OK)
    kind = DbError::Kind::connection;
  // The result's own message: in pipeline mode the connection's is that of its last result.
  const char* message = res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  return DbError(kind, std::string(context) + ": " + message);
}

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

}  // namespace

class PostgresConnection final : public Tx {
 public:
  explicit PostgresConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError(DbError::Kind::connection, "cannot connect to PostgreSQL: " + msg);
    }
    // No JIT: the summaries' statements cost enough to be compiled on every request, about
    // 0.1 s of CPU each, more than they gain (bench/receipts.sh on PostgreSQL 15).
    execute_script("SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET jit = off");
  }
  ~PostgresConnection() override { PQfinish(conn_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  Dialect dialect() const override { return Dialect::postgres; }
  // Fit for the next transaction: connected, out of pipeline mode, and outside any
  // transaction (but for a COMMIT whose answer is still to be read).
  bool healthy() const {
    return !broken_ && PQstatus(conn_) == CONNECTION_OK && PQpipelineStatus(conn_) == PQ_PIPELINE_OFF &&
           (end_unanswered_ || PQtransactionStatus(conn_) == PQTRANS_IDLE);
  }

  void each(std::string_view sql, std::span<const Param> params, const std::function<void(Row&)>& f) override {
    PGresult* res = run(sql, params);
    ResultGuard guard{res};
    const int n = PQntuples(res), cols = PQnfields(res);
    for (int r = 0; r < n; ++r) {
      std::vector<Cell> cells;
      cells.reserve(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res, r, c)) {
          cells.emplace_back(nullptr);
          continue;
        }
        const char* v = PQgetvalue(res, r, c);
        switch (PQftype(res, c)) {
          case kInt8:
          case kInt4:
          case kInt2:
            cells.emplace_back(static_cast<std::int64_t>(std::stoll(v)));
            break;
          case kBool:
            cells.emplace_back(static_cast<std::int64_t>(v[0] == 't' ? 1 : 0));
            break;
          case kFloat4:
          case kFloat8:
          case kNumeric:
            cells.emplace_back(std::stod(v));
            break;
          case kBytea:
            cells.emplace_back(from_bytea_hex(v, static_cast<std::size_t>(PQgetlength(res, r, c))));
            break;
          default:
            cells.emplace_back(std::string(v, static_cast<std::size_t>(PQgetlength(res, r, c))));
        }
      }
      Row row(std::move(cells));
      f(row);
    }
  }

  std::int64_t execute(std::string_view sql, std::span<const Param> params) override {
    PGresult* res = run(sql, params);
    ResultGuard guard{res};
    const char* n = PQcmdTuples(res);
    return (n && *n) ? std::stoll(n) : 0;
  }

  void execute_script(std::string_view sql) override {
    settle();
    if (const char* begin = pending_begin_) {
      pending_begin_ = nullptr;
      execute_script(begin);
    }
    const std::string s(sql);
    PGresult* res = PQexec(conn_, s.c_str());
    ResultGuard guard{res};
    const auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw error_from(res, conn_, "script");
  }

  // A transaction's BEGIN waits for its first statement and goes with it, in libpq's
  // pipeline mode: one round trip instead of two. A transaction that runs no statement
  // sends neither BEGIN nor COMMIT. The COMMIT of a read-only transaction is sent without
  // waiting for its answer (nothing the request answers depends on it); whoever uses the
  // connection next reads that answer first. On loopback each round trip costs 0.1-0.2 ms,
  // and every request reads in two transactions (its session, then its page).
  void begin_with_first_statement(const char* begin) {
    settle();
    pending_begin_ = begin;
  }
  // Ends the transaction begun above: false when no statement ran (nothing to end).
  bool began() const { return pending_begin_ == nullptr; }
  void end_read_only() {
    if (PQsendQuery(conn_, "COMMIT") != 1) throw error_from(nullptr, conn_, "commit");
    end_unanswered_ = true;
  }
  void end(bool commit) {
    settle();
    execute_script(commit ? "COMMIT" : "ROLLBACK");
  }
  void forget_begin() { pending_begin_ = nullptr; }

  // Reads the answer to a COMMIT sent without waiting.
  void settle() {
    if (!end_unanswered_) return;
    end_unanswered_ = false;
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
  }

 private:
  PGresult* run(std::string_view sql, std::span<const Param> params) {
    const std::string key(sql);
    auto it = prepared_.find(key);
    std::string name = it == prepared_.end() ? "wk" + std::to_string(++statements_named_) : it->second;
    if (it == prepared_.end() && !pending_begin_) {
      const std::string text = to_postgres_placeholders(sql);
      PGresult* res = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
      ResultGuard guard{res};
      if (PQresultStatus(res) != PGRES_COMMAND_OK) throw error_from(res, conn_, "prepare: " + key);
      it = prepared_.emplace(key, name).first;
    }
    std::vector<std::string> texts;
    std::vector<const char*> values;
    std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);  // 1: binary (bytea)
    texts.reserve(params.size());
    values.reserve(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.is_null()) {
        values.push_back(nullptr);
      } else if (p.is_bytes()) {
        values.push_back(p.as_bytes().data());
        lengths[i] = static_cast<int>(p.as_bytes().size());
        formats[i] = 1;
      } else {
        texts.push_back(p.to_text());
        values.push_back(texts.back().c_str());
      }
    }
    PGresult* res = nullptr;
    if (pending_begin_) {
      res = run_with_begin(key, name, it == prepared_.end(), values, lengths, formats);
    } else {
      res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), lengths.data(),
                           formats.data(), 0);
    }
    const auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      auto err = error_from(res, conn_, "statement");
      PQclear(res);
      throw err;
    }
    return res;
  }

  // BEGIN, the statement's PREPARE when it is new to this connection, and the statement,
  // sent together; returns the statement's result (or the first error).
  PGresult* run_with_begin(const std::string& key, const std::string& name, bool prepare,
                           const std::vector<const char*>& values, const std::vector<int>& lengths,
                           const std::vector<int>& formats) {
    const char* begin = pending_begin_;
    const std::string text = prepare ? to_postgres_placeholders(key) : std::string();
    if (PQenterPipelineMode(conn_) != 1) throw error_from(nullptr, conn_, "pipeline");
    const bool sent = PQsendQueryParams(conn_, begin, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                      (!prepare || PQsendPrepare(conn_, name.c_str(), text.c_str(), 0, nullptr) == 1) &&
                      PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(),
                                          lengths.data(), formats.data(), 0) == 1 &&
                      PQpipelineSync(conn_) == 1;
    // The results in order, each followed by a null; then the sync. After an error the
    // later ones are PGRES_PIPELINE_ABORTED.
    PGresult* failed = nullptr;
    int failed_at = 0;
    PGresult* statement = nullptr;
    const int expected = sent ? (prepare ? 3 : 2) : 0;
    for (int n = 0; n < expected; ++n) {
      PGresult* r = PQgetResult(conn_);
      if (!r) break;  // the connection is gone
      while (PGresult* more = PQgetResult(conn_)) PQclear(more);
      const auto st = PQresultStatus(r);
      const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
      // A prepared statement outlives its transaction, even one rolled back.
      if (prepare && n == 1 && ok) prepared_.emplace(key, name);
      if (!ok && !failed && st != PGRES_PIPELINE_ABORTED) {
        failed = r;
        failed_at = n;
      } else if (ok && n == expected - 1) {
        statement = r;
      } else {
        PQclear(r);
      }
    }
    if (sent)
      while (PGresult* r = PQgetResult(conn_)) {  // the sync
        const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        if (sync) break;
      }
    // A send libpq refused (more than 65,535 values, say) leaves what went before it
    // queued: the connection is not used again.
    if (PQexitPipelineMode(conn_) != 1 || !sent) broken_ = true;
    pending_begin_ = nullptr;
    if (failed || !statement) {
      if (statement) PQclear(statement);
      const std::string context = !failed                     ? "statement not sent: " + key
                                  : failed_at == 0            ? std::string("begin")
                                  : prepare && failed_at == 1 ? "prepare: " + key
                                                              : "statement";
      auto err = error_from(failed, conn_, context);
      if (failed) PQclear(failed);
      throw err;
    }
    return statement;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
  const char* pending_begin_ = nullptr;  // a BEGIN not yet sent
  bool end_unanswered_ = false;          // a COMMIT sent, its answer not yet read
  bool broken_ = false;                  // left in a state no later transaction may inherit
  std::size_t statements_named_ = 0;
};

PostgresDatabase::PostgresDatabase(const std::string& url, int pool_size)
    : url_(url), pool_size_(pool_size < 1 ? 1 : pool_size) {
  release(std::make_unique<PostgresConnection>(url_));  // fail fast on a bad URL
  open_ = 1;
}

PostgresDatabase::~PostgresDatabase() {
  close();
}

void PostgresDatabase::close() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  // Connections in use are closed when their request returns them.
  idle_.clear();
}

std::unique_ptr<PostgresConnection> PostgresDatabase::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (closed_) throw DbError(DbError::Kind::connection, "database is closed");
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      // A COMMIT answered with an error (the server went away meanwhile): open another.
      lock.unlock();
      c->settle();
      if (c->healthy()) return c;
      c.reset();
      lock.lock();
      --open_;
      continue;
    }
    if (open_ < pool_size_) {
      ++open_;
      lock.unlock();
      try {
        return std::make_unique<PostgresConnection>(url_);
      } catch (...) {
        std::lock_guard again(mutex_);
        --open_;
        throw;
      }
    }
    cv_.wait(lock);
  }
}

void PostgresDatabase::release(std::unique_ptr<PostgresConnection> c) {
  {
    std::lock_guard lock(mutex_);
    if (c->healthy() && !closed_)
      idle_.push_back(std::move(c));
    else
      --open_;  // a broken connection is dropped; the next acquire opens a new one
  }
  cv_.notify_one();
}

void PostgresDatabase::in_transaction(const char* begin, bool read_only, const std::function<bool(Tx&)>& f) {
  auto conn = acquire();
  struct Return {
    PostgresDatabase* self;
    std::unique_ptr<PostgresConnection>& c;
    ~Return() { self->release(std::move(c)); }
  } give_back{this, conn};
  conn->begin_with_first_statement(begin);
  bool commit = false;
  try {
    commit = f(*conn);
  } catch (...) {
    try {
      if (conn->began()) conn->end(false);
    } catch (...) {
    }
    conn->forget_begin();
    throw;
  }
  if (!conn->began()) {
    conn->forget_begin();  // no statement ran: there is nothing to end
  } else if (read_only && commit) {
    conn->end_read_only();
  } else {
    conn->end(commit);
  }
}

void PostgresDatabase::with_read(const std::function<void(Tx&)>& f) {
  in_transaction("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", true, [&](Tx& tx) {
    f(tx);
    return true;
  });
}

void PostgresDatabase::with_write(const std::function<bool(Tx&)>& f) {
  in_transaction("BEGIN", false, f);
}

bool PostgresDatabase::ping() {
  try {
    with_read([](Tx& tx) { tx.query("SELECT 1"); });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace wk::store
