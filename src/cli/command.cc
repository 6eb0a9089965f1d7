#include "cli/command.h"

#include "app/admin.h"

namespace rocta::cli {

Result<std::unique_ptr<OpenedApp>> open_app(const std::string& db) {
  if (db.empty()) return invalid("no database: give --db FILE before the command, or set ROCTA_DB");
  auto o = std::make_unique<OpenedApp>();
  ROCTA_ASSIGN_OR_RETURN(o->store, open_store(db));
  o->app.reset(new App(*o->store, o->clock));
  ROCTA_RETURN_IF_ERROR(ensure_reference_data(*o->app));
  return o;
}

}  // namespace rocta::cli
