// The SQL repository of tasking, compiled for PostgreSQL (its members: store/sql/tasking_repository_impl.h).
#include "store/sql/tasking_repository_impl.h"
#include "store/postgres/postgres_dialect.h"

namespace rocta::sql {

template class Tasking<postgres::PostgresDialect>;

}  // namespace rocta::sql
