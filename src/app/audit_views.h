// Reading the audit trail: a record's history; and the audit of what leaves as a file (a
// list exported as CSV).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/audit.h"
#include "core/policy.h"

namespace rocta {

// A list exported as CSV: the list (its API path), its filters, how many rows. Audited as
// "list.export" before the rows leave; the rows came from the list's own query, which
// filtered them by the caller's policy.
Status record_list_export(App& app, const Caller& caller, const std::string& list, const std::string& filters, int64_t rows);

// What happened to a threat, nominal or intelligence report: its audit events, newest
// first (at most 200). Whoever may read the record sees what was done to it (reads and the
// SIU's part left out); those who may read the audit trail (core/audit_access.h) see every
// event, and that look is audited. NotFound when the caller may not read the record.
struct RecordHistory {
  std::vector<AuditEvent> events;
  bool with_reads = false;
};
Result<RecordHistory> record_history(App& app, const Caller& caller, RecordKind kind, int64_t id);

}  // namespace rocta
