#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <mutex>
#include <string_view>

#include "store/sql/pooled_transaction.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/scope_predicate.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_dialect.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace sqlite {
namespace {


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
