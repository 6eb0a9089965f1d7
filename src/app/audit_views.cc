#include "app/audit_views.h"

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "core/audit_access.h"
#include "store/audit_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"

namespace rocta {

Status record_list_export(App& app, const Caller& caller, const std::string& list, const std::string& filters, int64_t rows) {
  const nlohmann::json detail{{"list", list}, {"filters", filters}, {"rows", rows}};
  return append_audit_now(app, caller, {"list.export", "", 0, detail.dump()});
}

namespace {

// NotFound, as for an absent record, when the caller may not read it.
Status check_readable(Transaction& tx, const User& user, RecordKind kind, int64_t id) {
  const ReadScope scope = read_scope(user);
  Marking m;
  switch (kind) {
    case RecordKind::kThreat: {
      ROCTA_ASSIGN_OR_RETURN(auto r, tx.threats().get(id, scope));
      m = r.marking;
      break;
    }
    case RecordKind::kNominal: {
      ROCTA_ASSIGN_OR_RETURN(auto r, tx.nominals().get(id, scope));
      m = r.marking;
      break;
    }
    case RecordKind::kIntelligence: {
      ROCTA_ASSIGN_OR_RETURN(auto r, tx.intelligence().get(id, scope));
      m = r.marking;
      break;
    }
    case RecordKind::kCommodity:
      return invalid("a history is kept for threats, nominals and intelligence reports");
  }
  // Checked again here: the store's predicate and the policy must agree.
  if (!can(user, Action::kRead, kind, m)) return not_found("record " + std::to_string(id) + " not found");
  return Status::ok();
}

// What was done to the record, as its readers may see it: no reads (who looked is the
// audit's business) and nothing of the SIU's (sensitive material is only signalled).
bool shown_to_readers(const AuditEvent& e) { return !e.action.ends_with(".read") && !e.action.starts_with("siu."); }

}  // namespace

Result<RecordHistory> record_history(App& app, const Caller& caller, RecordKind kind, int64_t id) {
  static constexpr const char* kNames[] = {"threat", "nominal", "intelligence", "commodity"};
  const std::string name = kNames[static_cast<int>(kind)];
  RecordHistory out;
  out.with_reads = may_read_audit(caller.user);
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_RETURN_IF_ERROR(check_readable(*tx, caller.user, kind, id));
    ROCTA_ASSIGN_OR_RETURN(auto events, tx->audit().of_record(name, id, 200));
    for (auto& e : events)
      if (out.with_reads || shown_to_readers(e)) out.events.push_back(std::move(e));
  }
  if (out.with_reads) ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"audit.read", name, id, "{}"}));
  return out;
}

}  // namespace rocta
