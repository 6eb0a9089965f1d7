#include "bench_support.h"
#include "store/repository_transaction.h"
#include "store/user_repository.h"

namespace rocta::bench {

Result<User> analyst(App& app, const std::string& agency, const std::string& username) {
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    auto found = tx->users().find_by_username(username);
    if (found.is_ok()) return found->user;
  }
  const Caller sys = system_caller("bench");
  ROCTA_ASSIGN_OR_RETURN(auto unit, create_unit(app, sys, Unit{0, agency, "Bench intelligence", UnitKind::kIntelligence, {}, true, ""}));
  NewUser n;
  n.user.username = username;
  n.user.display_name = agency + " bench analyst";
  n.user.unit_id = unit.id;
  n.user.roles = {Role::kAnalyst};
  n.user.clearance = Classification::kSecret;
  n.password = "bench-analyst-password";
  return create_user(app, sys, n);
}

}  // namespace rocta::bench
