#include "store/sqlite/schema.h"

#include <string>

#include "store/sql/migrations.h"
#include "store/sqlite/sqlite_db.h"

namespace rocta::sqlite {

int latest_schema_version() { return sql::latest_schema_version(); }

namespace {

Result<int> user_version(Connection& db) {
  ROCTA_ASSIGN_OR_RETURN(Statement * v, db.prepare("PRAGMA user_version"));
  ROCTA_ASSIGN_OR_RETURN(bool row, v->step());
  const int current = row ? static_cast<int>(v->int_at(0)) : 0;
  v->reset();
  return current;
}

Status refuse_newer(int current) {
  if (current <= latest_schema_version()) return Status::ok();
  return Status(Code::kFailedPrecondition, "the database was written by a newer Rocta (schema " + std::to_string(current) +
                                               "); upgrade Rocta to open it");
}

}  // namespace

Status migrate(Connection& db) {
  ROCTA_ASSIGN_OR_RETURN(int current, user_version(db));
  ROCTA_RETURN_IF_ERROR(refuse_newer(current));
  while (current < latest_schema_version()) {
    ROCTA_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
    // Read again under the write lock: another process opening the same new file may
    // have applied this migration since.
    auto again = user_version(db);
    Status s = again.is_ok() ? refuse_newer(*again) : again.status();
    if (s.is_ok() && *again == current) {
      s = db.exec(sql::render(sql::migrations()[static_cast<size_t>(current)], sql::Dialect::kSqlite));
      if (s.is_ok()) s = db.exec("PRAGMA user_version = " + std::to_string(current + 1));
      if (!s.is_ok()) s = Status(Code::kInternal, "migration " + std::to_string(current + 1) + " failed: " + s.message());
    }
    if (!s.is_ok()) {
      (void)db.exec("ROLLBACK");
      return s;
    }
    ROCTA_RETURN_IF_ERROR(db.exec("COMMIT"));
    ROCTA_ASSIGN_OR_RETURN(current, user_version(db));
  }
  return Status::ok();
}

}  // namespace rocta::sqlite
