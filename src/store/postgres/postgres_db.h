// A thin RAII layer over libpq, private to store/postgres. It offers the same statement
// interface as the SQLite layer (prepare, bind, step, read columns), which is what the
// shared repositories in store/sql/repositories.h are written against.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/sql/sql.h"

struct pg_conn;
struct pg_result;

namespace rocta::postgres {

using sql::Sql;
using sql::Value;

// Advisory locks (pg_advisory_xact_lock(kLockSpace, key)), held until the transaction ends.
// One space for Rocta ("Roct"), so other users of advisory locks in the same database do
// not collide with it.
constexpr int kLockSpace = 0x526f6374;
constexpr int kWriterLock = 1;     // every write transaction: writers one at a time
constexpr int kMigrationLock = 2;  // migrating the schema at open

struct ResultDeleter {
  void operator()(pg_result* r) const;
};
using ResultPtr = std::unique_ptr<pg_result, ResultDeleter>;

class Connection;

// A statement prepared on one connection. It runs when first stepped (or run) with the
// values bound since the last reset, and keeps its whole result until reset: rows are read
// from memory.
class Statement {
 public:
  Statement(Connection& conn, std::string name, bool changes_rows)
      : conn_(conn), name_(std::move(name)), changes_rows_(changes_rows) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int index, const Value& v);  // 1-based
  Statement& bind_all(const std::vector<Value>& values);
  // Text without building a Value. REQUIRES: `text` stays valid until the statement is
  // stepped and reset.
  Statement& bind_text(int index, std::string_view text);  // 1-based
  // True while a row is available; Status on error.
  Result<bool> step();
  Status run();  // runs to completion and resets
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
  // Columns of the current row. NULL reads as 0 or ""; booleans read as 0 or 1.
  int64_t int_at(int col) const;
  double real_at(int col) const;
  std::string text_at(int col) const;
  // The text in place, valid until the next step or reset.
  std::string_view text_view_at(int col) const;
  bool is_null(int col) const;
  void reset();

 private:
  Connection& conn_;
  std::string name_;
  bool changes_rows_;  // INSERT, UPDATE or DELETE
  std::vector<std::optional<std::string>> params_;
  ResultPtr result_;
  int row_ = -1;
};

class Connection {
 public:
  // `url` is a libpq connection URI ("postgresql://user@host:port/db?sslmode=…").
  static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters; the text may hold several statements.
  Status exec(const std::string& sql);
  // A prepared statement cached on this connection, reset and unbound. `sql` uses `?`
  // marks, numbered here.
  Result<Statement*> prepare(const std::string& sql);
  // Frees the results cached statements still hold.
  void reset_statements();
  // Rows changed by the last statement run on this connection.
  int changes() const { return changes_; }
  // Connected, and not inside a transaction.
  bool usable() const;
  bool connected() const;
  // SQLite's statement-level atomicity: while on, each statement that changes rows runs
  // inside a savepoint, so one that fails (a duplicate reference, say) undoes only itself
  // and the transaction goes on, where PostgreSQL would otherwise abort the whole
  // transaction. Reads run bare: a read fails only when something is broken, and then
  // ending the transaction (nothing of it is committed) is the right outcome.
  void set_statement_savepoints(bool on) { savepoints_ = on; }
  // End the open transaction (and statement savepoints with it): commit() reports whether
  // it committed; rollback() ends it either way (a broken connection is dropped by the
  // pool).
  Status commit();
  void rollback();
  // Where this connection goes, without any password: "postgresql://user@host:port/db".
  std::string describe() const;
  // COPY `table_columns` ("table(a, b)") FROM STDIN with `data` in COPY's text format. Not
  // inside a statement savepoint: a COPY that fails fails the transaction.
  Status copy_in(const std::string& table_columns, std::string_view data);

 private:
  friend class Statement;
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  // Runs a prepared statement with text parameters (nullptr for NULL).
  Result<ResultPtr> execute(const std::string& name, const std::vector<const char*>& values, bool changes_rows);
  Result<ResultPtr> execute_in_savepoint(const std::string& name, const std::vector<const char*>& values);

  pg_conn* conn_;
  bool broken_ = false;  // lost mid-pipeline: nothing more runs on it
  bool savepoints_ = false;
  int changes_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Appends many rows to one table as fast as PostgreSQL takes them: COPY, in its text format.
// Values are put in column order, row after row; end_row() sends when enough is held,
// finish() sends the rest. SQLite's BulkInsert has the same interface.
class BulkInsert {
 public:
  // Into "table(columns)", `column_count` of them.
  BulkInsert(Connection& db, std::string table_columns, int column_count)
      : db_(db), table_columns_(std::move(table_columns)) {
    (void)column_count;
  }
  void put(std::string_view text);
  void put(const std::string& text) { put(std::string_view(text)); }
  void put(int64_t v);
  void put(double v);
  void put(std::nullptr_t);
  void put(const Value& v) {
    std::visit([&](const auto& x) { put(x); }, v);
  }
  Status end_row();
  Status finish();

 private:
  void separate() {
    if (!at_row_start_) data_ += '\t';
    at_row_start_ = false;
  }
  Connection& db_;
  std::string table_columns_;
  std::string data_;
  bool at_row_start_ = true;
};

// Maps a failed result (or, without one, the connection's state) to a Status; `what`
// names the operation for the message.
Status status_from(const pg_result* result, const pg_conn* conn, const std::string& what);

// `sql` with its `?` marks (outside quotes) numbered $1, $2, … as PostgreSQL wants them.
std::string numbered_parameters(const std::string& sql);

// A PostgreSQL array literal ({"a","b"}) of `items`, to bind a list as one parameter.
std::string array_literal(const std::vector<std::string>& items);

}  // namespace rocta::postgres
