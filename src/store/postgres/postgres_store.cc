#include "store/postgres/postgres_store.h"

#include <mutex>

#include "store/postgres/postgres_db.h"
#include "store/postgres/schema.h"
#include "store/postgres/scope_predicate.h"
#include "store/search_repository.h"
#include "store/sql/pooled_transaction.h"

namespace rocta {
namespace postgres {
namespace {

// What the shared repositories (store/sql/repositories.h) need to know about PostgreSQL.
struct PostgresDialect {
  using Connection = postgres::Connection;
  using Statement = postgres::Statement;
  static void append_scope_predicate(Sql& sql, const ReadScope& scope, const std::string& alias, const std::string& kind) {
    postgres::append_scope_predicate(sql, scope, alias, kind);
  }
  static std::string append_text_search(Sql& from, const std::string& table, const std::string& typed) {
    return append_ranked_search(from, table, "", typed);
  }
  static std::string append_ranked_search(Sql& from, const std::string&, const std::string& heading, const std::string& typed) {
    const std::string query = tsquery_text(typed);
    if (query.empty()) return "";
    from.add(" JOIN to_tsquery('rocta_search', ?) fq ON r.search @@ fq", query);
    return score(heading);
  }
  // ts_rank reads the row's stored tsvector, so ranking the best matches first would visit
  // every match's row anyway, and rank the rows the reader may not see as well: the full
  // query, which tests the predicate on the row it visits, is cheaper (measured in
  // docs/performance.md, "Search").
  static constexpr bool kRanksFromIndex = false;
  // The score of a row r matching fq, higher is better: the lists' ts_rank, or with a
  // heading the search's. The stored vector has no weights: a heading match adds one, more
  // than ts_rank_cd's normalised score (rank / (rank + 1), below one) can give a body mention.
  static std::string score(const std::string& heading) {
    if (heading.empty()) return "ts_rank(r.search, fq)::float8";
    return "(ts_rank_cd(r.search, fq, 32)::float8 + CASE WHEN rocta_search_vector(" + heading + ") @@ fq THEN 1.0 ELSE 0.0 END)";
  }
  static Sql snippets(const std::string& table, const std::string& heading, const std::string& body, const std::string& typed,
                      const std::vector<int64_t>& ids) {
    static const std::string kOptions = std::string("StartSel=") + kHitOpen + ", StopSel=" + kHitClose +
                                        ", MaxWords=24, MinWords=12, ShortWord=1, MaxFragments=1, FragmentDelimiter=…";
    Sql sql;
    // The body's fragment when the body matches, else the heading's.
    sql.add("SELECT r.id, CASE WHEN rocta_search_vector(" + body + ") @@ fq THEN ts_headline('rocta_search', " + body + ", fq, ?",
            kOptions);
    sql.add(") ELSE ts_headline('rocta_search', " + heading + ", fq, ?", kOptions);
    sql.add(") END FROM " + table + " r CROSS JOIN to_tsquery('rocta_search', ?) fq WHERE ", tsquery_text(typed));
    append_id_in(sql, "r.id", ids);
    return sql;
  }
  static void append_id_in(Sql& sql, const std::string& column, const std::vector<int64_t>& ids) {
    std::string list = "{";
    for (size_t i = 0; i < ids.size(); ++i) list += (i ? "," : "") + std::to_string(ids[i]);
    sql.add(column + " = ANY(?::bigint[])", list + "}");
  }
};

using Pool = sql::ConnectionPool<Connection>;

// Write transactions run at READ COMMITTED behind one advisory lock: each statement then
// sees everything committed before the lock was granted, and nothing else commits until
// this one ends. (REPEATABLE READ would take its snapshot at the lock statement itself,
// before the lock is granted, and the audit chain would then append after a stale last
// event.) Readers take one consistent, read-only snapshot.
const std::string kBeginWrite = "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" +
                                std::to_string(kLockSpace) + ", " + std::to_string(kWriterLock) + ")";
const std::string kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

class PostgresStore final : public Store {
 public:
  PostgresStore(std::string description, std::unique_ptr<Pool> pool, int pool_size)
      : description_(std::move(description)), pool_(std::move(pool)), pool_size_(pool_size) {}

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    // Writers of other processes meet the advisory lock.
    ROCTA_ASSIGN_OR_RETURN(auto writer, sql::queue_writer(writer_mu_, mode));
    // Pooled connections may have been cut since they were last used (a server restart, an
    // idle timeout). Nothing has happened in the transaction yet, so trying again is safe;
    // each cut connection found is dropped, so at worst the last try opens a new one.
    Status failure;
    for (int attempt = 0; attempt <= pool_size_; ++attempt) {
      ROCTA_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
      failure = conn->exec(mode == TxMode::kWrite ? kBeginWrite : kBeginRead);
      if (failure.is_ok()) {
        conn->set_statement_savepoints(mode == TxMode::kWrite);
        return std::unique_ptr<Transaction>(
            new sql::PooledTransaction<PostgresDialect>(*pool_, std::move(conn), std::move(writer)));
      }
      const bool lost = !conn->connected();
      if (!lost) conn->rollback();
      pool_->release(std::move(conn));
      if (!lost) break;
    }
    return failure;
  }

  Status backup_to(const std::string&) override {
    return Status(Code::kFailedPrecondition,
                  "a PostgreSQL database is backed up with PostgreSQL's own tools (pg_dump, or base backups with WAL "
                  "archiving for point-in-time recovery), not with rocta backup; see docs/deployment.md");
  }

  std::string describe() const override { return description_; }

 private:
  std::string description_;
  std::unique_ptr<Pool> pool_;
  const int pool_size_;
  std::timed_mutex writer_mu_;
};

}  // namespace
}  // namespace postgres

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url) {
  constexpr int kConnections = 8;
  ROCTA_ASSIGN_OR_RETURN(auto first, postgres::Connection::open(url));
  ROCTA_RETURN_IF_ERROR(postgres::migrate(*first));
  const std::string description = first->describe();
  // The rest open when concurrent work first needs them.
  auto pool = std::make_unique<postgres::Pool>([url] { return postgres::Connection::open(url); }, kConnections);
  pool->add(std::move(first));
  return std::unique_ptr<Store>(new postgres::PostgresStore(description, std::move(pool), kConnections));
}

}  // namespace rocta
