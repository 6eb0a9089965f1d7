// The store: where Rocta keeps its records, behind repository interfaces that app/ uses
// and adapters (store/sqlite, store/postgres) implement, one header per repository.
//
// Every read of marked records takes a ReadScope and applies it inside the query, so a
// list, search or count never fetches rows the caller may not read; app/ checks again.
// Work happens in a Transaction from Store::begin() (store/repository_transaction.h).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/repository_transaction.h"

namespace rocta {

class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;
  // A consistent copy of the whole store to `path` while it stays online. FailedPrecondition
  // where the database has backup tools of its own to use instead (PostgreSQL).
  virtual Status backup_to(const std::string& path) = 0;
  // For logs, never with a password: "sqlite:/path/to.db", "postgresql://user@host:port/db".
  virtual std::string describe() const = 0;
  // Gathers the query planner's statistics afresh, after a bulk load (outside any
  // transaction). Where the database plans Rocta's queries as well without them, nothing.
  virtual Status analyze() = 0;
};

// Opens the store a URL names: "postgresql://…" or "postgres://…" (a libpq URI; the
// database must exist) or a SQLite file path (optionally "sqlite:PATH", created when new).
// Migrates the schema. Unavailable when the database cannot be reached.
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace rocta
