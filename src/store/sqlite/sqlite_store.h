// The SQLite adapter: one database file, WAL, a small pool of connections.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace rocta {

// Opens (creating and migrating when new) the SQLite database at `path`.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace rocta
