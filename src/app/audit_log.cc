#include "app/audit_log.h"
#include "app/crypto.h"
#include "store/audit_repository.h"
#include "store/repository_transaction.h"

namespace rocta {

Status append_audit(Transaction& tx, const App& app, const Caller& caller, const AuditEntry& entry) {
  ROCTA_ASSIGN_OR_RETURN(auto last, tx.audit().last());
  AuditEvent e;
  e.seq = last ? last->seq + 1 : 1;
  e.at = iso_timestamp(app.clock.now_ms());
  e.actor_id = caller.user.id;
  e.actor = caller.user.username.empty() ? "anonymous" : caller.user.username;
  e.action = entry.action;
  e.record_kind = entry.record_kind;
  e.record_id = entry.record_id;
  e.origin = caller.origin;
  e.purpose = caller.purpose;
  e.detail = entry.detail;
  seal(e, last ? last->hash : kGenesisHash, sha256_hex);
  return tx.audit().append(e);
}

Status append_audit_now(App& app, const Caller& caller, const AuditEntry& entry) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, entry));
  return tx->commit();
}

Result<ChainReport> verify_audit_chain(App& app) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ChainReport report;
  std::string prev = kGenesisHash;
  int64_t next = 1;
  constexpr int kBatch = 5000;
  for (;;) {
    ROCTA_ASSIGN_OR_RETURN(auto events, tx->audit().scan(next, kBatch));
    if (events.empty()) break;
    if (auto broken = first_break(events, prev, next, sha256_hex)) {
      report.events += broken->seq - next;
      report.broken = std::move(broken);
      return report;
    }
    report.events += static_cast<int64_t>(events.size());
    prev = events.back().hash;
    next = events.back().seq + 1;
  }
  return report;
}

}  // namespace rocta
