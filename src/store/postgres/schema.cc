#include "store/postgres/schema.h"

#include <string>

#include "store/postgres/citus.h"
#include "store/postgres/postgres_db.h"
#include "store/sql/migrations.h"

namespace rocta::postgres {
namespace {

Result<int64_t> current_version(Connection& db) {
  ROCTA_ASSIGN_OR_RETURN(Statement * st, db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
  ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
  const int64_t v = row ? st->int_at(0) : 0;
  st->reset();
  return v;
}

Status record_version(Connection& db, int64_t version) {
  ROCTA_ASSIGN_OR_RETURN(Statement * st, db.prepare("INSERT INTO schema_migrations(version) VALUES (?)"));
  return st->bind(1, version).run();
}

Result<bool> table_exists(Connection& db, const std::string& name) {
  ROCTA_ASSIGN_OR_RETURN(Statement * st, db.prepare("SELECT to_regclass(?) IS NOT NULL"));
  st->bind(1, name);
  ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
  const bool exists = row && st->int_at(0) != 0;
  st->reset();
  return exists;
}

// Until the two databases shared one list of migrations, PostgreSQL numbered its own
// without SQLite's 2 (PostgreSQL made those indexes in its 1), so its 2..7 are the shared
// 3..8. A database that recorded versions before schema_numbering existed is renumbered
// once; the shared 2 has nothing to do on PostgreSQL.
Status adopt_shared_numbering(Connection& db) {
  ROCTA_ASSIGN_OR_RETURN(bool numbered, table_exists(db, "schema_numbering"));
  if (numbered) return Status::ok();
  ROCTA_ASSIGN_OR_RETURN(int64_t current, current_version(db));
  if (current >= 2)
    ROCTA_RETURN_IF_ERROR(db.exec(
        "UPDATE schema_migrations SET version = -(version + 1) WHERE version >= 2;"
        "UPDATE schema_migrations SET version = -version WHERE version < 0;"
        "INSERT INTO schema_migrations(version) VALUES (2)"));
  return db.exec("CREATE TABLE schema_numbering(shared boolean PRIMARY KEY); INSERT INTO schema_numbering VALUES (true)");
}

Status migrate_locked(Connection& db) {
  ROCTA_ASSIGN_OR_RETURN(bool has_table, table_exists(db, "schema_migrations"));
  if (!has_table)
    ROCTA_RETURN_IF_ERROR(db.exec("CREATE TABLE schema_migrations(version integer PRIMARY KEY, "
                                  "applied_at timestamptz NOT NULL DEFAULT now())"));
  ROCTA_RETURN_IF_ERROR(adopt_shared_numbering(db));
  ROCTA_ASSIGN_OR_RETURN(int64_t current, current_version(db));
  if (current > latest_schema_version())
    return Status(Code::kFailedPrecondition, "the database was written by a newer Rocta (schema " + std::to_string(current) +
                                                 "); upgrade Rocta to open it");
  for (int64_t i = current; i < latest_schema_version(); ++i) {
    const std::string ddl = sql::render(sql::migrations()[static_cast<size_t>(i)], sql::Dialect::kPostgres);
    Status s = ddl.find_first_not_of(" \n") == std::string::npos ? Status::ok() : db.exec(ddl);
    if (s.is_ok()) s = record_version(db, i + 1);
    if (!s.is_ok()) return Status(Code::kInternal, "migration " + std::to_string(i + 1) + " failed: " + s.message());
  }
  return Status::ok();
}

}  // namespace

int latest_schema_version() { return sql::latest_schema_version(); }

Status migrate(Connection& db) {
  // The lock is taken before anything is read, so a second process waits and then finds
  // the work done. A long migration may hold it for a while: wait minutes, not seconds.
  ROCTA_RETURN_IF_ERROR(db.exec("BEGIN; SET LOCAL lock_timeout = '5min'; SELECT pg_advisory_xact_lock(" +
                                std::to_string(kLockSpace) + ", " + std::to_string(kMigrationLock) + ")"));
  Status s = migrate_locked(db);
  if (s.is_ok()) s = db.commit();
  if (!s.is_ok()) {
    db.rollback();
    return s;
  }
  return distribute_on_citus(db);
}

}  // namespace rocta::postgres
