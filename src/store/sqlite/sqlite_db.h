// A thin RAII layer over the SQLite C API, private to store/sqlite.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/status.h"
#include "store/sql/sql.h"

struct sqlite3;
struct sqlite3_stmt;

namespace rocta::sqlite {

using sql::Sql;
using sql::Value;

// Maps an SQLite result code to a Status; `what` names the operation for the message.
Status status_from(int rc, sqlite3* db, const std::string& what);

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int index, const Value& v);  // 1-based
  Statement& bind_all(const std::vector<Value>& values);
  // Text without building a Value. REQUIRES: `text` stays valid until the statement is
  // stepped and reset.
  Statement& bind_text(int index, std::string_view text);  // 1-based
  // True while a row is available; Status on error.
  Result<bool> step();
  Status run();  // steps to completion
  // Calls `on_row()` for every row, then resets the statement.
  template <typename F>
  Status each(F on_row) {
    for (;;) {
      auto row = step();
      if (!row.is_ok()) return row.status();
      if (!*row) break;
      on_row();
    }
    reset();
    return Status::ok();
  }
  int64_t int_at(int col) const;
  double real_at(int col) const;
  std::string text_at(int col) const;
  // The text in place, valid until the next step or reset.
  std::string_view text_view_at(int col) const;
  bool is_null(int col) const;
  void reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status exec(const std::string& sql);
  // A prepared statement cached on this connection, reset and unbound.
  Result<Statement*> prepare(const std::string& sql);
  // Resets every cached statement. A statement left mid-result holds its read snapshot
  // open past COMMIT, and a later write on this connection would then fail as busy.
  void reset_statements();
  int changes() const;
  // End the open transaction: commit() reports whether it committed; rollback() cannot fail
  // in a way worth reporting (the transaction ends either way).
  Status commit();
  void rollback();
  // Always: a SQLite connection to a local file does not break the way a network one does.
  bool usable() const { return true; }
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Appends many rows to one table as fast as SQLite takes them: multi-row INSERTs, prepared
// once and reused. Values are put in column order, row after row; end_row() writes when a
// statement's worth is held, finish() writes the rest. PostgreSQL's BulkInsert has the same
// interface.
class BulkInsert {
 public:
  // Into "table(columns)", `column_count` of them.
  BulkInsert(Connection& db, std::string table_columns, int column_count);
  // REQUIRES: `text` stays valid until finish().
  void put(std::string_view text) { cells_.emplace_back(text); }
  void put(std::string text) { cells_.emplace_back(std::move(text)); }
  void put(int64_t v) { cells_.emplace_back(v); }
  void put(double v) { cells_.emplace_back(v); }
  void put(std::nullptr_t) { cells_.emplace_back(nullptr); }
  void put(const Value& v) {
    std::visit([&](const auto& x) { put(x); }, v);
  }
  Status end_row();
  Status finish();

 private:
  using Cell = std::variant<std::nullptr_t, int64_t, double, std::string_view, std::string>;
  Status write();
  Connection& db_;
  std::string table_columns_, full_sql_, one_sql_;
  int column_count_, rows_per_statement_;
  std::vector<Cell> cells_;  // the rows not written yet
};

}  // namespace rocta::sqlite
