// What a piece of code asks of the store: a Tx that hands every statement on to the real
// one and records it, and with `explain` (SQLite) first asks SQLite for the query plan of
// each SELECT (or WITH) with the same values. For tests that an index bounds a walk
// (docs/decisions/0007: SQLite runs without statistics, so a plan can change with a
// statement's wording) and of how work is split into transactions.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace wk::test {

class RecordingTx final : public store::Tx {
 public:
  explicit RecordingTx(store::Tx& inner, bool explain = false) : inner_(inner), explain_(explain) {}

  struct Statement {
    std::string sql, plan;  // the plan: EXPLAIN QUERY PLAN's details, one line each
  };
  const std::vector<Statement>& statements() const { return statements_; }

  // The statements that contain `fragment` with their plans, in one text.
  std::string plans_of(std::string_view fragment) const {
    std::string out;
    for (const auto& s : statements_)
      if (s.sql.find(fragment) != std::string::npos) out += s.sql + "\n" + s.plan + "\n";
    return out;
  }

  void each(std::string_view sql, std::span<const store::Param> params,
            const std::function<void(store::Row&)>& f) override {
    Statement s{std::string(sql), {}};
    if (explain_ && (sql.starts_with("SELECT") || sql.starts_with("WITH")))
      inner_.each("EXPLAIN QUERY PLAN " + s.sql, params, [&](store::Row& r) { s.plan += r.str(3) + "\n"; });
    statements_.push_back(std::move(s));
    inner_.each(sql, params, f);
  }
  std::int64_t execute(std::string_view sql, std::span<const store::Param> params) override {
    statements_.push_back({std::string(sql), {}});
    return inner_.execute(sql, params);
  }
  void execute_script(std::string_view sql) override {
    statements_.push_back({std::string(sql), {}});
    inner_.execute_script(sql);
  }
  store::Dialect dialect() const override { return inner_.dialect(); }

 private:
  store::Tx& inner_;
  bool explain_;
  std::vector<Statement> statements_;
};

// A store that records the statements of each read transaction (its writes pass through).
class RecordingDatabase final : public store::Database {
 public:
  explicit RecordingDatabase(store::Database& inner) : inner_(inner) {}
  // The statements of each read transaction, in the order they ended.
  const std::vector<std::vector<RecordingTx::Statement>>& reads() const { return reads_; }

  store::Dialect dialect() const override { return inner_.dialect(); }
  bool ping() override { return inner_.ping(); }
  void close() override { inner_.close(); }
  void with_read(const std::function<void(store::Tx&)>& f) override {
    inner_.with_read([&](store::Tx& tx) {
      RecordingTx recording(tx);
      f(recording);
      reads_.push_back(recording.statements());
    });
  }
  void with_write(const std::function<bool(store::Tx&)>& f) override { inner_.with_write(f); }

 private:
  store::Database& inner_;
  std::vector<std::vector<RecordingTx::Statement>> reads_;
};

}  // namespace wk::test
