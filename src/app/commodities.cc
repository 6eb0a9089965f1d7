#include "app/commodities.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/records.h"
#include "core/text.h"
#include "core/clock.h"
#include "store/commodity_repository.h"
#include "store/agency_repository.h"
#include "store/marked_repository.h"
#include "store/link_repository.h"
#include "store/counter_repository.h"
#include "store/disruption_repository.h"
#include "store/repository_transaction.h"

namespace rocta {

Status check_closing_disruption(Transaction& tx, const Caller& caller, const Commodity& c) {
  if (c.closed_by_disruption <= 0) return Status::ok();
  auto d = tx.disruptions().get(c.closed_by_disruption);
  const std::string what = "disruption " + std::to_string(c.closed_by_disruption) + " not found";
  if (!d.is_ok()) return d.status().code() == Code::kNotFound ? invalid(what, "closed_by_disruption") : d.status();
  if (!caller.system) {
    auto threat = tx.threats().get(d->threat_id, read_scope(caller.user));
    if (!threat.is_ok()) return invalid(what, "closed_by_disruption");
  }
  return Status::ok();
}

Result<Commodity> record_commodity_in(Transaction& tx, App& app, const Caller& caller, Commodity c) {
  ROCTA_RETURN_IF_ERROR(settle_marking(tx, caller, c.marking));
  ROCTA_RETURN_IF_ERROR(validate_commodity(c));
  if (!caller.system && !can(caller.user, Action::kCreate, RecordKind::kCommodity, c.marking))
    return denied("you record commodities only for your own agency, within your clearance and compartments, as a writer of nominals");
  ROCTA_RETURN_IF_ERROR(check_closing_disruption(tx, caller, c));
  while (c.reference.empty()) {
    ROCTA_ASSIGN_OR_RETURN(int64_t n, tx.counters().next(c.marking.owning_agency, "COM"));
    c.reference = c.marking.owning_agency + "-COM-" + padded(n);
    auto taken = tx.commodities().id_by_reference(c.marking.owning_agency, c.reference);
    if (taken.is_ok()) c.reference.clear();
    else if (taken.status().code() != Code::kNotFound) return taken.status();
  }
  c.version = 1;
  c.created_at = c.updated_at = iso_timestamp(app.clock.now_ms());
  c.created_by = caller.user.id;
  ROCTA_ASSIGN_OR_RETURN(c.id, tx.commodities().insert(c));
  nlohmann::json detail{{"reference", c.reference}, {"kind", to_string(c.kind)}, {"marking", c.marking.label()}};
  ROCTA_RETURN_IF_ERROR(append_audit(tx, app, caller, {"commodity.create", "commodity", c.id, detail.dump()}));
  return c;
}

Result<Commodity> record_commodity(App& app, const Caller& caller, Commodity draft) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto made, record_commodity_in(*tx, app, caller, std::move(draft)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return made;
}

Result<Commodity> close_commodity(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                  const std::string& closed, int64_t disruption_id) {
  if (closed.empty()) return invalid("give the date it closed, YYYY-MM-DD", "closed");
  return update_commodity(app, caller, id, expected_version, [&](Commodity& c) {
    c.closed = closed;
    c.closed_by_disruption = disruption_id;
    return Status::ok();
  });
}

Result<Opened<Commodity>> open_commodity(App& app, const Caller& caller, int64_t id) {
  const ReadScope scope = read_scope(caller.user);
  Opened<Commodity> out;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(out.record, tx->commodities().get(id, scope));
    // Checked again here: the store's predicate and the policy must agree.
    if (!can(caller.user, Action::kRead, RecordKind::kCommodity, out.record.marking))
      return not_found("commodity " + std::to_string(id) + " not found");
    if (read_needs_purpose(out.record.marking) && caller.purpose.empty())
      return Status(Code::kFailedPrecondition,
                    "this record is " + out.record.marking.label() + ": give the purpose for opening it (X-Rocta-Purpose)",
                    "purpose-required");
    ROCTA_ASSIGN_OR_RETURN(out.links, tx->links().list_for({RecordKind::kCommodity, id}, scope));
  }
  if (read_is_audited(out.record.marking))
    ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"commodity.read", "commodity", id, "{}"}));
  return out;
}

}  // namespace rocta
