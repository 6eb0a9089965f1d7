// The SQL repository of disruptions, compiled for PostgreSQL (its members: store/sql/disruption_repository_impl.h).
#include "store/sql/disruption_repository_impl.h"
#include "store/postgres/postgres_dialect.h"

namespace rocta::sql {

template class Disruptions<postgres::PostgresDialect>;

}  // namespace rocta::sql
