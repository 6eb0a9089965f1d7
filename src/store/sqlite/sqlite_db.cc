#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <algorithm>

namespace rocta::sqlite {

Status status_from(int rc, sqlite3* db, const std::string& what) {
  const std::string msg = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return Status::ok();
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return {Code::kUnavailable, "the database is busy; try again (" + msg + ")"};
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return {Code::kAlreadyExists, msg};
      return {Code::kInvalidArgument, msg};
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_FULL:
    case SQLITE_IOERR: return {Code::kUnavailable, msg};
    default: return {Code::kInternal, msg};
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, const Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) {
    sqlite3_bind_null(stmt_, index);
  } else if (auto* i = std::get_if<int64_t>(&v)) {
    sqlite3_bind_int64(stmt_, index, *i);
  } else if (auto* d = std::get_if<double>(&v)) {
    sqlite3_bind_double(stmt_, index, *d);
  } else {
    const auto& s = std::get<std::string>(v);
    sqlite3_bind_text(stmt_, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view text) {
  // A null pointer would bind NULL, and an empty view may hold one.
  sqlite3_bind_text(stmt_, index, text.data() ? text.data() : "", static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_all(const std::vector<Value>& values) {
  for (size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status s = status_from(sqlite3_extended_errcode(db_), db_, "query");
  sqlite3_reset(stmt_);
  return s;
}

Status Statement::run() {
  for (;;) {
    ROCTA_ASSIGN_OR_RETURN(bool row, step());
    if (!row) return Status::ok();
  }
}

int64_t Statement::int_at(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real_at(int col) const { return sqlite3_column_double(stmt_, col); }
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::string_view Statement::text_view_at(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string Statement::text_at(int col) const { return std::string(text_view_at(col)); }

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = status_from(rc, db, "cannot open database '" + path + "'");
    sqlite3_close_v2(db);
    return s;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 10000);
  std::unique_ptr<Connection> c(new Connection(db));
  // WAL: readers never block the writer; NORMAL sync is durable across application
  // crashes and loses at most the last commits on power loss.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                             "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-32000",
                             "PRAGMA mmap_size=1073741824"}) {
    if (auto s = c->exec(pragma); !s.is_ok()) return s;
  }
  return c;
}

Connection::~Connection() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

Status Connection::exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::ok();
  Status s = status_from(sqlite3_extended_errcode(db_), db_, "statement");
  sqlite3_free(err);
  return s;
}

Result<Statement*> Connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return status_from(rc, db_, "prepare");
  // Never evicted while the connection lives: a caller may hold a Statement* across
  // another prepare. Filters combine into a bounded set of texts, so the cache stays small.
  auto [pos, _] = cache_.emplace(sql, std::make_unique<Statement>(db_, stmt));
  return pos->second.get();
}

void Connection::reset_statements() {
  for (auto& [sql, stmt] : cache_) stmt->reset();
}

Status Connection::commit() {
  reset_statements();
  return exec("COMMIT");
}

void Connection::rollback() {
  reset_statements();
  (void)exec("ROLLBACK");
}

int Connection::changes() const { return sqlite3_changes(db_); }

BulkInsert::BulkInsert(Connection& db, std::string table_columns, int column_count)
    : db_(db), table_columns_(std::move(table_columns)), column_count_(column_count),
      // Under SQLite's limit of 32,766 parameters, and enough rows that a statement's own cost vanishes.
      rows_per_statement_(std::max(1, 8000 / column_count)) {
  cells_.reserve(static_cast<size_t>(rows_per_statement_ * column_count_));
}

Status BulkInsert::end_row() {
  if (cells_.size() < static_cast<size_t>(rows_per_statement_ * column_count_)) return Status::ok();
  return write();
}

Status BulkInsert::finish() { return cells_.empty() ? Status::ok() : write(); }

Status BulkInsert::write() {
  // A full statement's worth as one INSERT; the rest of the last rows one at a time, so that
  // the connection caches two texts per table, not one per count of rows left over.
  const int rows = static_cast<int>(cells_.size()) / column_count_;
  auto text = [&](int n) {
    std::string sql = "INSERT INTO " + table_columns_ + " VALUES ";
    for (int r = 0; r < n; ++r) {
      sql += r ? ",(" : "(";
      for (int c = 0; c < column_count_; ++c) sql += c ? ",?" : "?";
      sql += ")";
    }
    return sql;
  };
  if (full_sql_.empty()) full_sql_ = text(rows_per_statement_);
  if (one_sql_.empty()) one_sql_ = text(1);
  Status s = Status::ok();
  for (int from = 0; from < rows && s.is_ok();) {
    const int n = rows - from >= rows_per_statement_ ? rows_per_statement_ : 1;
    auto st = db_.prepare(n == 1 ? one_sql_ : full_sql_);
    if (!st.is_ok()) {
      s = st.status();
      break;
    }
    for (int at = 1; at <= n * column_count_; ++at) {
      const Cell& cell = cells_[static_cast<size_t>(from * column_count_ + at - 1)];
      if (auto* view = std::get_if<std::string_view>(&cell)) (*st)->bind_text(at, *view);
      else if (auto* owned = std::get_if<std::string>(&cell)) (*st)->bind_text(at, *owned);  // cells_ outlives the run
      else if (auto* i = std::get_if<int64_t>(&cell)) (*st)->bind(at, Value(*i));
      else if (auto* d = std::get_if<double>(&cell)) (*st)->bind(at, Value(*d));
      else (*st)->bind(at, Value(nullptr));
    }
    s = (*st)->run();
    (*st)->reset();  // lets go of the text before cells_ does
    from += n;
  }
  cells_.clear();
  return s;
}

}  // namespace rocta::sqlite
