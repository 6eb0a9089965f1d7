// The SQL repository of threats, nominals and intelligence reports, compiled for PostgreSQL (its members: store/sql/marked_repository_impl.h).
#include "store/sql/marked_repository_impl.h"
#include "store/postgres/postgres_dialect.h"

namespace rocta::sql {

template class Marked<postgres::PostgresDialect, ThreatTraits>;
template class Marked<postgres::PostgresDialect, NominalTraits>;
template class Marked<postgres::PostgresDialect, IntelligenceTraits>;

}  // namespace rocta::sql
