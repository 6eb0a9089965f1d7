#include "store/postgres/postgres_store.h"

#include <mutex>
#include <string_view>

#include "store/postgres/postgres_db.h"
#include "store/postgres/postgres_dialect.h"
#include "store/postgres/schema.h"
#include "store/postgres/scope_predicate.h"
#include "store/search_repository.h"
#include "store/sql/pooled_transaction.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace postgres {
namespace {


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

  Status analyze() override { return pool_->exec("ANALYZE"); }

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
