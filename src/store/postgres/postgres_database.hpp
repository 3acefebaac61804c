// The scale-out store: a pool of libpq connections, one transaction per request.
// Statements are prepared once per connection and executed with text parameters; `?`
// placeholders are rewritten to $1, $2, … before preparing. A transaction's BEGIN goes
// with its first statement (and that statement's PREPARE) in one pipeline, and a read's
// COMMIT is not waited for: see PostgresConnection::begin_with_first_statement.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace wk::store {

class PostgresConnection;

// `SELECT a FROM t WHERE b = ? AND c = '?'` → `… b = $1 AND c = '?'`.
std::string to_postgres_placeholders(std::string_view sql);

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(const std::string& url, int pool_size);
  ~PostgresDatabase() override;

  Dialect dialect() const override { return Dialect::postgres; }
  bool ping() override;
  void close() override;
  void with_read(const std::function<void(Tx&)>& f) override;
  void with_write(const std::function<bool(Tx&)>& f) override;

 private:
  std::unique_ptr<PostgresConnection> acquire();
  void release(std::unique_ptr<PostgresConnection> c);
  void in_transaction(const char* begin, bool read_only, const std::function<bool(Tx&)>& f);

  std::string url_;
  int pool_size_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
  int open_ = 0;
  bool closed_ = false;
};

}  // namespace wk::store
