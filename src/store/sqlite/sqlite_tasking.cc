// The SQL repository of tasking, compiled for SQLite (its members: store/sql/tasking_repository_impl.h).
#include "store/sql/tasking_repository_impl.h"
#include "store/sqlite/sqlite_dialect.h"

namespace rocta::sql {

template class Tasking<sqlite::SqliteDialect>;

}  // namespace rocta::sql
