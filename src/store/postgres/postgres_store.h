// The PostgreSQL adapter: many users, many machines. A small pool of libpq connections.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace rocta {

// Connects to the database `url` names ("postgresql://…" or "postgres://…", any libpq
// URI), migrating it when needed. Unavailable when the server cannot be reached.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url);

}  // namespace rocta
