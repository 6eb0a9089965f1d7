// Writing and checking the audit trail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/app.h"
#include "core/audit.h"
#include "store/repository_transaction.h"

namespace rocta {

struct AuditEntry {
  std::string action;       // "threat.create", "threat.read", …
  std::string record_kind;  // may be empty
  int64_t record_id = 0;
  std::string detail = "{}";  // JSON object text; never the content of a marked record
};

// Appends to the chain inside `tx` (a write transaction): commits with the change it records.
Status append_audit(Transaction& tx, const App& app, const Caller& caller, const AuditEntry& entry);
// For reads: a write transaction of its own. The caller shows nothing if this fails.
Status append_audit_now(App& app, const Caller& caller, const AuditEntry& entry);

struct ChainReport {
  int64_t events = 0;
  std::optional<ChainBreak> broken;  // the first broken link, if any
};

// `rocta audit verify`: checks every link of the chain from the first event.
Result<ChainReport> verify_audit_chain(App& app);

}  // namespace rocta
