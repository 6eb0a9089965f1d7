// The SQL repository of threats, nominals and intelligence reports, compiled for SQLite (its members: store/sql/marked_repository_impl.h).
#include "store/sql/marked_repository_impl.h"
#include "store/sqlite/sqlite_dialect.h"

namespace rocta::sql {

template class Marked<sqlite::SqliteDialect, ThreatTraits>;
template class Marked<sqlite::SqliteDialect, NominalTraits>;
template class Marked<sqlite::SqliteDialect, IntelligenceTraits>;

}  // namespace rocta::sql
