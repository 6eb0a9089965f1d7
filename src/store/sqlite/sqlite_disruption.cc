// The SQL repository of disruptions, compiled for SQLite (its members: store/sql/disruption_repository_impl.h).
#include "store/sql/disruption_repository_impl.h"
#include "store/sqlite/sqlite_dialect.h"

namespace rocta::sql {

template class Disruptions<sqlite::SqliteDialect>;

}  // namespace rocta::sql
