#include "store/postgres/postgres_db.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <strings.h>

namespace rocta::postgres {
namespace {

constexpr Oid kBoolOid = 16;  // pg_type.oid of boolean, fixed since PostgreSQL 7
constexpr const char* kStatementSavepoint = "rocta_statement";

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

bool starts_with(const char* s, const char* prefix) { return s && std::strncmp(s, prefix, std::strlen(prefix)) == 0; }

// A result is a failure unless the command completed or returned rows.
bool failed(const PGresult* r) {
  const ExecStatusType t = PQresultStatus(r);
  return t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK;
}

void ignore_notice(void*, const char*) {}  // "no lexemes in query" and the like: not for stderr

bool changes_rows(const std::string& sql) {
  const size_t start = sql.find_first_not_of(" \t\n");
  if (start == std::string::npos) return false;
  for (const char* verb : {"INSERT", "UPDATE", "DELETE"})
    if (strncasecmp(sql.c_str() + start, verb, std::strlen(verb)) == 0) return true;
  return false;
}

}  // namespace

void ResultDeleter::operator()(pg_result* r) const { PQclear(r); }

Status status_from(const pg_result* r, const pg_conn* c, const std::string& what) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = r ? trimmed(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)) : "";
  if (detail.empty()) detail = trimmed(PQerrorMessage(c));
  const std::string msg = what + ": " + detail;
  if (PQstatus(c) != CONNECTION_OK) return {Code::kUnavailable, "PostgreSQL is unavailable (" + msg + ")"};
  if (!state) return {Code::kInternal, msg};
  const std::string s = state;
  if (s == "23505") return {Code::kAlreadyExists, msg};
  if (starts_with(state, "23") || starts_with(state, "22")) return {Code::kInvalidArgument, msg};
  // Serialisation failures and deadlocks cannot arise between Rocta's own transactions
  // (writers take one lock first, readers only read); if another client causes one, the
  // whole request may simply be tried again.
  if (s == "40001" || s == "40P01" || s == "55P03" || s == "57014")
    return {Code::kUnavailable, "the database is busy; try again (" + msg + ")"};
  if (starts_with(state, "08") || starts_with(state, "53") || starts_with(state, "57") || starts_with(state, "28") ||
      s == "3D000" || s == "42501")
    return {Code::kUnavailable, "PostgreSQL is unavailable (" + msg + ")"};
  if (s == "25P02") return {Code::kInternal, what + ": an earlier statement of this transaction failed"};
  // Citus hands on the errors of its workers' COPY as XX000 with the worker's message.
  if (s == "XX000" && detail.starts_with("duplicate key value violates unique constraint")) return {Code::kAlreadyExists, msg};
  if (s == "XX000" && detail.find("violates foreign key constraint") != std::string::npos) return {Code::kInvalidArgument, msg};
  return {Code::kInternal, msg + " [SQLSTATE " + s + "]"};
}

std::string numbered_parameters(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;  // inside '…' or "…"
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
      continue;
    }
    out += c;
  }
  return out;
}

std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// ---- Statement ---------------------------------------------------------------------------

Statement& Statement::bind(int index, const Value& v) {
  if (static_cast<size_t>(index) > params_.size()) params_.resize(static_cast<size_t>(index));
  auto& slot = params_[static_cast<size_t>(index - 1)];
  if (std::holds_alternative<std::nullptr_t>(v)) {
    slot.reset();
  } else if (auto* i = std::get_if<int64_t>(&v)) {
    slot = std::to_string(*i);
  } else if (auto* d = std::get_if<double>(&v)) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);  // shortest exact, whatever the locale
    slot = std::string(buf, ec == std::errc() ? end : buf);
  } else {
    slot = std::get<std::string>(v);
  }
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view text) {
  if (static_cast<size_t>(index) > params_.size()) params_.resize(static_cast<size_t>(index));
  params_[static_cast<size_t>(index - 1)].emplace(text);
  return *this;
}

Statement& Statement::bind_all(const std::vector<Value>& values) {
  for (size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
  return *this;
}

Result<bool> Statement::step() {
  if (!result_) {
    std::vector<const char*> values;
    values.reserve(params_.size());
    for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
    ROCTA_ASSIGN_OR_RETURN(result_, conn_.execute(name_, values, changes_rows_));
    row_ = -1;
  }
  ++row_;
  return row_ < PQntuples(result_.get());
}

Status Statement::run() {
  ROCTA_RETURN_IF_ERROR(step());
  reset();
  return Status::ok();
}

int64_t Statement::int_at(int col) const {
  if (is_null(col)) return 0;
  const char* v = PQgetvalue(result_.get(), row_, col);
  if (PQftype(result_.get(), col) == kBoolOid) return v[0] == 't' ? 1 : 0;
  int64_t out = 0;
  std::from_chars(v, v + PQgetlength(result_.get(), row_, col), out);
  return out;
}

double Statement::real_at(int col) const {
  if (is_null(col)) return 0;
  const char* v = PQgetvalue(result_.get(), row_, col);
  double out = 0;
  std::from_chars(v, v + PQgetlength(result_.get(), row_, col), out);
  return out;
}

std::string_view Statement::text_view_at(int col) const {
  return {PQgetvalue(result_.get(), row_, col), static_cast<size_t>(PQgetlength(result_.get(), row_, col))};
}

std::string Statement::text_at(int col) const { return std::string(text_view_at(col)); }

bool Statement::is_null(int col) const { return PQgetisnull(result_.get(), row_, col) != 0; }

void Statement::reset() {
  result_.reset();
  params_.clear();
  row_ = -1;
}

// ---- Connection --------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
  if (!options) {
    Status s = invalid("not a PostgreSQL connection URL: " + trimmed(parse_error ? parse_error : "out of memory"));
    PQfreemem(parse_error);
    return s;
  }
  PQconninfoFree(options);
  // Defaults first: what the URL says overrides them. A server that does not answer fails
  // within seconds rather than after the system's TCP timeout.
  const char* keys[] = {"connect_timeout", "fallback_application_name", "client_encoding", "dbname", nullptr};
  const char* values[] = {"10", "rocta", "UTF8", url.c_str(), nullptr};
  PGconn* c = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!c) return Status(Code::kUnavailable, "cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<Connection> conn(new Connection(c));
  if (PQstatus(c) != CONNECTION_OK)
    return Status(Code::kUnavailable, "cannot connect to PostgreSQL at " + conn->describe() + ": " + trimmed(PQerrorMessage(c)));
  PQsetNoticeProcessor(c, ignore_notice, nullptr);
  // A writer waits at most this long for another process's write transaction, as SQLite's
  // busy timeout does; then the request fails as busy (Unavailable) rather than hanging.
  ROCTA_RETURN_IF_ERROR(conn->exec("SET lock_timeout = '10s'"));
  return conn;
}

Connection::~Connection() {
  cache_.clear();
  PQfinish(conn_);
}

bool Connection::connected() const { return PQstatus(conn_) == CONNECTION_OK; }
bool Connection::usable() const { return !broken_ && connected() && PQtransactionStatus(conn_) == PQTRANS_IDLE; }

std::string Connection::describe() const {
  auto part = [](const char* s) { return std::string(s ? s : ""); };
  return "postgresql://" + part(PQuser(conn_)) + "@" + part(PQhost(conn_)) + ":" + part(PQport(conn_)) + "/" + part(PQdb(conn_));
}

Status Connection::exec(const std::string& sql) {
  if (broken_) return Status(Code::kUnavailable, "the PostgreSQL connection was lost in this transaction");
  ResultPtr r(PQexec(conn_, sql.c_str()));
  if (!r || failed(r.get())) return status_from(r.get(), conn_, "statement");
  return Status::ok();
}

Result<Statement*> Connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  const std::string name = "rocta_" + std::to_string(cache_.size() + 1);
  ResultPtr r(PQprepare(conn_, name.c_str(), numbered_parameters(sql).c_str(), 0, nullptr));
  if (!r || failed(r.get())) return status_from(r.get(), conn_, "prepare");
  // Never evicted while the connection lives: a caller may hold a Statement* across
  // another prepare. Filters combine into a bounded set of texts, so the cache stays small.
  auto [pos, _] = cache_.emplace(sql, std::make_unique<Statement>(*this, name, changes_rows(sql)));
  return pos->second.get();
}

void Connection::reset_statements() {
  for (auto& [sql, stmt] : cache_) stmt->reset();
}

Result<ResultPtr> Connection::execute(const std::string& name, const std::vector<const char*>& values, bool changes_rows) {
  if (broken_) return Status(Code::kUnavailable, "the PostgreSQL connection was lost in this transaction");
  if (savepoints_ && changes_rows) return execute_in_savepoint(name, values);
  ResultPtr r(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0));
  if (!r || failed(r.get())) return status_from(r.get(), conn_, "query");
  changes_ = std::atoi(PQcmdTuples(r.get()));
  return r;
}

// SAVEPOINT, the statement and RELEASE go out together in one pipeline: one round trip,
// as without the savepoint. Only a failure costs a second one, to roll back to it.
Result<ResultPtr> Connection::execute_in_savepoint(const std::string& name, const std::vector<const char*>& values) {
  const std::string savepoint = std::string("SAVEPOINT ") + kStatementSavepoint;
  const std::string release = std::string("RELEASE SAVEPOINT ") + kStatementSavepoint;
  const bool sent = PQenterPipelineMode(conn_) == 1 &&
                    PQsendQueryParams(conn_, savepoint.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                    PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0) == 1 &&
                    PQsendQueryParams(conn_, release.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                    PQpipelineSync(conn_) == 1;
  // Each of the three answers with its results and then a null; the sync point with its
  // own result. The statement's result is kept; the first failure of any is reported.
  ResultPtr statement, failure;
  bool synced = false;
  if (sent) {
    for (int query = 0; query < 3; ++query) {
      while (PGresult* raw = PQgetResult(conn_)) {
        ResultPtr r(raw);
        if (failed(r.get()) && PQresultStatus(r.get()) != PGRES_PIPELINE_ABORTED && !failure) failure = std::move(r);
        else if (query == 1 && !statement) statement = std::move(r);
      }
    }
    ResultPtr sync(PQgetResult(conn_));
    synced = sync && PQresultStatus(sync.get()) == PGRES_PIPELINE_SYNC;
  }
  if (!synced || PQexitPipelineMode(conn_) != 1) {
    // The connection is in an unknown state: it runs nothing more, and the pool drops it.
    Status s = status_from(failure.get(), conn_, "query");
    broken_ = true;
    return s.code() == Code::kUnavailable ? s : Status(Code::kUnavailable, "lost the PostgreSQL connection (" + s.message() + ")");
  }
  if (failure) {
    Status s = status_from(failure.get(), conn_, "query");
    // RELEASE too: a savepoint left behind after each failure would nest ever deeper.
    ROCTA_RETURN_IF_ERROR(exec(std::string("ROLLBACK TO SAVEPOINT ") + kStatementSavepoint + "; RELEASE SAVEPOINT " +
                               kStatementSavepoint));
    return s;
  }
  if (!statement) return Status(Code::kInternal, "query: no result");
  changes_ = std::atoi(PQcmdTuples(statement.get()));
  return statement;
}

Status Connection::copy_in(const std::string& table_columns, std::string_view data) {
  if (broken_) return Status(Code::kUnavailable, "the PostgreSQL connection was lost in this transaction");
  ResultPtr start(PQexec(conn_, ("COPY " + table_columns + " FROM STDIN").c_str()));
  if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) return status_from(start.get(), conn_, "copy");
  bool sent = true;
  constexpr size_t kChunk = 1 << 20;
  for (size_t from = 0; sent && from < data.size(); from += kChunk)
    sent = PQputCopyData(conn_, data.data() + from, static_cast<int>(std::min(kChunk, data.size() - from))) == 1;
  sent = PQputCopyEnd(conn_, sent ? nullptr : "the client could not send the rows") == 1 && sent;
  // The COPY's own result, then a null; a failure of either is reported.
  ResultPtr failure;
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr r(raw);
    if (failed(r.get()) && !failure) failure = std::move(r);
  }
  if (failure || !sent) return status_from(failure.get(), conn_, "copy");
  return Status::ok();
}

void Connection::rollback() {
  reset_statements();
  savepoints_ = false;
  (void)exec("ROLLBACK");
}

Status Connection::commit() {
  reset_statements();
  savepoints_ = false;
  if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
    // COMMIT would quietly roll back; say so instead.
    (void)exec("ROLLBACK");
    return Status(Code::kInternal, "the transaction was rolled back because a statement in it failed");
  }
  return exec("COMMIT");
}

// ---- BulkInsert ---------------------------------------------------------------------------

void BulkInsert::put(std::string_view text) {
  separate();
  // COPY's text format: a backslash escapes the separators and itself. Runs without one of
  // those are copied whole.
  size_t from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char* escaped = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : nullptr;
    if (!escaped) continue;
    data_.append(text.data() + from, i - from);
    data_ += escaped;
    from = i + 1;
  }
  data_.append(text.data() + from, text.size() - from);
}

void BulkInsert::put(int64_t v) {
  separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  data_.append(buf, end);
}

void BulkInsert::put(double v) {
  separate();
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest exact, whatever the locale
  data_.append(buf, ec == std::errc() ? end : buf);
}

void BulkInsert::put(std::nullptr_t) {
  separate();
  data_ += "\\N";
}

Status BulkInsert::end_row() {
  data_ += '\n';
  at_row_start_ = true;
  constexpr size_t kSend = 8 << 20;  // one COPY per 8 MiB: few round trips, bounded memory
  if (data_.size() < kSend) return Status::ok();
  return finish();
}

Status BulkInsert::finish() {
  if (data_.empty()) return Status::ok();
  Status s = db_.copy_in(table_columns_, data_);
  data_.clear();
  return s;
}

}  // namespace rocta::postgres
