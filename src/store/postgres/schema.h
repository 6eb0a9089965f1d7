// Versioned migrations of the PostgreSQL schema, applied in order at open.
#pragma once

#include "core/status.h"

namespace rocta::postgres {

class Connection;

// Applies every migration newer than the database's version, all in one transaction under
// an advisory lock, so that two processes opening a new database at once migrate it once.
// Refuses a database written by a newer Rocta. Needs no DDL rights when nothing is to do,
// so the service may run as a role that only reads and writes rows.
Status migrate(Connection& db);
int latest_schema_version();

}  // namespace rocta::postgres
