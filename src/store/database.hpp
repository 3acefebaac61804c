// The one database interface behind which SQLite (default) and PostgreSQL (scale-out)
// sit. Every statement is prepared with bound parameters: callers pass SQL with `?`
// placeholders and a list of Params; there is no API to splice values into SQL text.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace wk::store {

enum class Dialect { sqlite, postgres };

// Binary data (a BLOB on SQLite, a bytea on PostgreSQL); read back with Row::str.
struct Bytes {
  std::string data;
};

// A bound parameter. Booleans are stored as 0/1 integers in both stores.
class Param {
 public:
  Param(Bytes v) : v_(std::move(v)) {}
  Param(std::nullptr_t) : v_(nullptr) {}
  Param(std::int64_t v) : v_(v) {}
  Param(int v) : v_(static_cast<std::int64_t>(v)) {}
  Param(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Param(std::string v) : v_(std::move(v)) {}
  Param(std::string_view v) : v_(std::string(v)) {}
  Param(const char* v) : v_(std::string(v)) {}
  template <class T>
  Param(const std::optional<T>& o) : v_(nullptr) {
    if (o) *this = Param(*o);
  }

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  const std::string& as_text() const { return std::get<std::string>(v_); }
  bool is_bytes() const { return std::holds_alternative<Bytes>(v_); }
  const std::string& as_bytes() const { return std::get<Bytes>(v_).data; }
  // Text form, as PostgreSQL's text protocol wants it.
  std::string to_text() const { return is_int() ? std::to_string(as_int()) : as_text(); }

 private:
  std::variant<std::nullptr_t, std::int64_t, std::string, Bytes> v_;
};

using Cell = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

class Row {
 public:
  explicit Row(std::vector<Cell> cells = {}) : cells_(std::move(cells)) {}
  // For the stores, which refill one Row from row to row (Tx::each).
  std::vector<Cell>& cells() { return cells_; }
  std::size_t size() const { return cells_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(cells_.at(i)); }
  std::int64_t i64(std::size_t i) const;
  double f64(std::size_t i) const;
  const std::string& str(std::size_t i) const;
  bool boolean(std::size_t i) const { return i64(i) != 0; }
  std::optional<std::int64_t> opt_i64(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional<std::int64_t>(i64(i));
  }
  std::optional<std::string> opt_str(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional<std::string>(str(i));
  }

 private:
  std::vector<Cell> cells_;
};

// A failure of the store itself. `unique` and `foreign_key` are mapped to 409 by the
// HTTP layer when a service did not catch them; everything else is a 500.
class DbError : public std::runtime_error {
 public:
  enum class Kind { unique, foreign_key, check, busy, connection, other };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One transaction's view of the store. Obtained only inside Database::read/write.
class Tx {
 public:
  virtual ~Tx() = default;
  // Hands each row to f, for scans over many rows that the caller reduces (counts, the best
  // few) rather than keeps: SQLite steps the statement row by row, PostgreSQL hands over
  // the rows of its complete result. The rows come in one Row, refilled from row to row; f
  // may move its values out. While f runs the statement is open: f must not run the same
  // SQL, nor write to the tables being read.
  virtual void each(std::string_view sql, std::span<const Param> params, const std::function<void(Row&)>& f) = 0;
  std::vector<Row> query(std::string_view sql, std::span<const Param> params);
  // Returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, std::span<const Param> params) = 0;
  // Runs trusted, parameterless SQL with several statements (migrations only).
  virtual void execute_script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;

  std::vector<Row> query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return query(sql, std::span<const Param>(params.begin(), params.size()));
  }
  void each(std::string_view sql, std::initializer_list<Param> params, const std::function<void(Row&)>& f) {
    each(sql, std::span<const Param>(params.begin(), params.size()), f);
  }
  std::int64_t execute(std::string_view sql, std::initializer_list<Param> params = {}) {
    return execute(sql, std::span<const Param>(params.begin(), params.size()));
  }
  std::optional<Row> query_one(std::string_view sql, std::initializer_list<Param> params = {});
  // For INSERT … RETURNING id.
  std::int64_t insert(std::string_view sql, std::initializer_list<Param> params);
};

// A WHERE clause built from fixed fragments, one for each filter that is set, with the
// values they bind: each present filter can bound an index walk, where `(? IS NULL OR …)`
// kept SQLite and PostgreSQL's generic plans from using it.
struct Where {
  std::string sql;
  std::vector<Param> params;
  // Appends `fragment` ("AND x = ? ") with its one value.
  void add(const char* fragment, Param value) {
    sql += fragment;
    params.push_back(std::move(value));
  }
};

// "?, ?, ?" for binding a list of n values (IN (…)); at least one placeholder, so an
// empty list binds one value that matches nothing. The only SQL text built at run time:
// it depends on a count, never on a value.
std::string placeholders(std::size_t n);

// A LIKE pattern that finds `text` anywhere, its wildcards (% and _) and the backslash
// escaped: for `LIKE ? ESCAPE '\'`, where a user searches for text, not patterns.
std::string like_containing(std::string_view text);

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  virtual bool ping() = 0;
  // Finishes outstanding writes and closes every connection.
  virtual void close() = 0;

  // Runs f in a read-only transaction (a consistent snapshot).
  virtual void with_read(const std::function<void(Tx&)>& f) = 0;
  // Runs f in a write transaction; f returns false to roll back. An exception from f
  // rolls back and is rethrown to the caller. Returns when the commit is durable.
  virtual void with_write(const std::function<bool(Tx&)>& f) = 0;

  template <class F>
  auto read(F&& f) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    std::optional<R> out;
    with_read([&](Tx& tx) { out.emplace(f(tx)); });
    return std::move(*out);
  }

  // f returns a Result<T>; an error result rolls the transaction back.
  template <class F>
  auto write(F&& f) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    std::optional<R> out;
    with_write([&](Tx& tx) {
      out.emplace(f(tx));
      return out->ok();
    });
    return std::move(*out);
  }
};

}  // namespace wk::store
