// Versioned migrations of the SQLite schema, applied in order at open.
#pragma once

#include "core/status.h"

namespace rocta::sqlite {

class Connection;

// Applies every migration newer than the database's version, each in its own transaction.
// Refuses a database written by a newer Rocta.
Status migrate(Connection& db);
int latest_schema_version();

}  // namespace rocta::sqlite
