#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace rocta {

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return open_postgres_store(url);
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.empty()) return invalid("no database given: use --db FILE or set ROCTA_DB");
  return open_sqlite_store(path);
}

}  // namespace rocta
