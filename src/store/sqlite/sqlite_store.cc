#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <mutex>
#include <string_view>

#include "store/sql/pooled_transaction.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/scope_predicate.h"
#include "store/sqlite/sqlite_db.h"

namespace rocta {
namespace sqlite {
namespace {

// What the shared repositories (store/sql/repositories.h) need to know about SQLite.
struct SqliteDialect {
  using Connection = sqlite::Connection;
  using Statement = sqlite::Statement;
  using BulkInsert = sqlite::BulkInsert;
  // The rowid: rows staged in order are read back in order without a sort.
  static constexpr const char* kLineColumn = "line INTEGER PRIMARY KEY";
  static const std::vector<std::string>& bulk_begin() {
    static const std::vector<std::string> k;
    return k;
  }
  // The unique (recording_agency, reference) index and the count tables' keys are part of
  // their tables and stay; foreign keys are checked by index lookups, cheap enough to keep.
  static const sql::Rebuild& bulk_rebuild(std::string_view table) {
    static const sql::Rebuild kDisruptions{{"DROP INDEX disruptions_threat"},
                                           {"CREATE INDEX disruptions_threat ON disruptions(threat_id, record_date)"}};
    static const sql::Rebuild kCounts{{"DROP INDEX disruption_counts_day"},
                                      {"CREATE INDEX disruption_counts_day ON disruption_counts(day)"}};
    static const sql::Rebuild kNone;
    return table == "disruptions" ? kDisruptions : table == "disruption_counts" ? kCounts : kNone;
  }
  // The rowid goes on after the highest by itself.
  static std::string ids_taken(const std::string&) { return ""; }
  // The figures' queries read count tables by their keys, planned the same with or without
  // statistics.
  static std::string analyze(const std::string&) { return ""; }
  static void append_scope_predicate(Sql& sql, const ReadScope& scope, const std::string& alias, const std::string& kind) {
    sqlite::append_scope_predicate(sql, scope, alias, kind);
  }
  static std::string append_text_search(Sql& from, const std::string& table, const sql::TextMatch& m) {
    return append_ranked_search(from, table, "", m);
  }
  static std::string append_ranked_search(Sql& from, const std::string& table, const std::string& heading, const sql::TextMatch& m) {
    if (m.empty()) return "";
    from.add(" JOIN (").add(matches(table, heading, m)).add(") f ON f.fid = r.id");
    return "f.fscore";
  }
  // bm25 reads the index and FTS5's own table of column sizes, never the records: the best
  // matches come without a lookup of each match in its (wide) record table.
  static constexpr bool kRanksFromIndex = true;
  static Sql best_matches(const std::string& table, const std::string& heading, const sql::TextMatch& m, int64_t limit) {
    Sql sql = matches(table, heading, m);
    sql.add(" ORDER BY fscore DESC LIMIT ?", limit);
    return sql;
  }
  static Sql snippets(const std::string& table, const std::string&, const std::string&, const sql::TextMatch& m,
                      const std::vector<int64_t>& ids) {
    Sql sql;
    // Column -1: FTS5 picks the column whose fragment matches best. The unary + keeps the
    // ids from the index: FTS5 would run the match once per id, and a prefix's match on a
    // common word costs tens of milliseconds each time; one pass over the matches is cheaper.
    sql.add("SELECT rowid, snippet(" + table + "_fts, -1, char(2), char(3), '…', 16) FROM " + table + "_fts WHERE " + table +
                "_fts MATCH ?",
            fts_query(m));
    if (m.newest_from > 0) sql.add(" AND rowid >= ?", m.newest_from);
    sql.add(" AND ");
    append_id_in(sql, "+rowid", ids);
    return sql;
  }
  // A very common text ranks its newest matches (text_match.h); then also:
  static constexpr bool kRanksNewestOfCommonText = true;
  // How many records of `table` match `m`, counted up to `limit` (a whole word is a term
  // of the index, read without merging the terms it begins).
  static Sql count_matches(const std::string& table, const sql::TextMatch& m, int64_t limit) {
    Sql sql;
    sql.add("SELECT count(*) FROM (SELECT 1 FROM " + table + "_fts WHERE " + table + "_fts MATCH ?", fts_query(m));
    return sql.add(" LIMIT ?)", limit);
  }
  // The id of the `n`th newest record matching `m` (no row when fewer match).
  static Sql nth_newest_match(const std::string& table, const sql::TextMatch& m, int64_t n) {
    Sql sql;
    sql.add("SELECT rowid FROM " + table + "_fts WHERE " + table + "_fts MATCH ?", fts_query(m));
    return sql.add(" ORDER BY rowid DESC LIMIT 1 OFFSET ?", n - 1);
  }
  // "SELECT fid, fscore" of the rows matching `m`: bm25, higher is better, with the
  // search's column weights when there is a heading to favour. A window of the newest
  // matches is a rowid bound, which FTS5 seeks to.
  static Sql matches(const std::string& table, const std::string& heading, const sql::TextMatch& m) {
    const std::string weights = heading.empty() ? "" : ", " + bm25_weights(table);
    Sql sql;
    sql.add("SELECT rowid AS fid, -bm25(" + table + "_fts" + weights + ") AS fscore FROM " + table + "_fts WHERE " + table +
                "_fts MATCH ?",
            fts_query(m));
    if (m.newest_from > 0) sql.add(" AND rowid >= ?", m.newest_from);
    return sql;
  }
  // bm25's weight per column of each _fts table (schema.cc): the reference and the title
  // or names count for more than the body, so a title match outranks a mention.
  static std::string bm25_weights(const std::string& table) {
    if (table == "nominals") return "4.0, 8.0, 8.0, 6.0, 1.0, 2.0";  // reference, given names, surname, aliases, address, postcode
    return "4.0, 8.0, 1.0";                                          // reference, title or name, body or description
  }
  static void append_id_in(Sql& sql, const std::string& column, const std::vector<int64_t>& ids) {
    sql.add(column + " IN (");
    for (size_t i = 0; i < ids.size(); ++i) sql.add(i ? ",?" : "?", ids[i]);
    sql.add(")");
  }
};

using Pool = sql::ConnectionPool<Connection>;

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, std::unique_ptr<Pool> pool) : path_(std::move(path)), pool_(std::move(pool)) {}
  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    // Writers queue in this process rather than in SQLite's busy handler, whose
    // sleep-and-retry makes waits long and unfair under load. Other processes still meet
    // SQLite's own lock (with a busy timeout).
    ROCTA_ASSIGN_OR_RETURN(auto writer, sql::queue_writer(writer_mu_, mode));
    ROCTA_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
    // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading.
    Status s = conn->exec(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
    if (!s.is_ok()) {
      pool_->release(std::move(conn));
      return s;
    }
    return std::unique_ptr<Transaction>(new sql::PooledTransaction<SqliteDialect>(*pool_, std::move(conn), std::move(writer)));
  }
  Status backup_to(const std::string& path) override {
    ROCTA_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
    sqlite3* dest = nullptr;
    int rc = sqlite3_open(path.c_str(), &dest);
    Status s = Status::ok();
    if (rc == SQLITE_OK) {
      sqlite3_backup* b = sqlite3_backup_init(dest, "main", conn->raw(), "main");
      if (b) {
        rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE) s = status_from(rc, dest, "backup");
      } else {
        s = status_from(sqlite3_errcode(dest), dest, "backup");
      }
    } else {
      s = status_from(rc, dest, "cannot create backup file '" + path + "'");
    }
    sqlite3_close(dest);
    pool_->release(std::move(conn));
    return s;
  }
  std::string describe() const override { return "sqlite:" + path_; }

  // sqlite_stat1 for every index; the planner then weighs one index against another by
  // their rows rather than by rules of thumb.
  Status analyze() override { return pool_->exec("ANALYZE"); }

 private:
  std::string path_;
  std::unique_ptr<Pool> pool_;
  std::timed_mutex writer_mu_;
};

}  // namespace
}  // namespace sqlite

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  constexpr int kConnections = 8;
  auto pool = std::make_unique<sqlite::Pool>([path] { return sqlite::Connection::open(path); }, kConnections);
  // All opened now, so that a file that cannot be opened fails here, not mid-request.
  for (int i = 0; i < kConnections; ++i) {
    ROCTA_ASSIGN_OR_RETURN(auto c, sqlite::Connection::open(path));
    if (i == 0) ROCTA_RETURN_IF_ERROR(sqlite::migrate(*c));
    pool->add(std::move(c));
  }
  return std::unique_ptr<Store>(new sqlite::SqliteStore(path, std::move(pool)));
}

}  // namespace rocta
