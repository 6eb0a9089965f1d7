// Group commit of reads' audit events (app/audit_log.cc: append_audit_now). Each App has
// one queue of events waiting for a write transaction; the caller at its head appends
// everyone's events in one transaction, and each caller returns only once the transaction
// carrying its own event has committed. For tests that hold the queue still.
#pragma once

#include <cstddef>

#include "app/app.h"

namespace rocta {

// How many reads' events wait in `app`'s queue (including those being committed).
std::size_t audit_events_waiting(const App& app);

}  // namespace rocta
