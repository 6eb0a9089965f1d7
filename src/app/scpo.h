// Use cases of serious crime prevention order (SCPO) monitoring: record an order, vary it,
// plan and record checks, record breaches (an arrest becomes a pursue disruption), request
// surveillance support through tasking, the team's queue and horizon, a subject's orders,
// and the figures for a period by BCU.
//
// Orders are read through their subject: a reader who may not read the nominal gets
// NotFound for the order, exactly as for an absent one, and never sees it in a list, the
// queue, an agenda or the figures. Monitoring (every write) is for SCPO officers of the
// order's agency. Reads of orders on OFFICIAL-SENSITIVE or higher subjects are audited.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "app/tasking.h"
#include "core/scpo.h"
#include "store/scpo_repository.h"

namespace rocta {

struct ScpoCheckView {
  ScpoCheck check;
  bool overdue = false;
};

struct ScpoOrderView {
  ScpoOrder order;
  bool in_force = false;
  bool on_horizon = false;
  std::string bcu;  // the BCU's name
  std::vector<ScpoChange> history;
  std::vector<ScpoCheckView> checks;  // by due day
  std::vector<ScpoBreach> breaches;
};

// Records an order made by a court on a nominal the caller may read (and, if given, a
// threat). SCPO officers, for their own agency. Reference and version are set here.
Result<ScpoOrder> record_order(App& app, const Caller& caller, ScpoOrder draft);
// The same inside an open write transaction (the demo loads its orders in one).
Result<ScpoOrder> record_order_in(Transaction& tx, App& app, const Caller& caller, ScpoOrder draft);

// A variation, or the full order replacing an interim one: new dates, court and conditions
// (what was there before goes into the history, with the court's note).
struct ScpoVariation {
  int64_t expected_version = 0;
  std::string on;  // the court's date
  std::string note;
  bool full_order = false;  // the interim order made full
  std::string court, starts_on, ends_on;  // empty: unchanged
  std::vector<ScpoCondition> conditions;  // empty: unchanged
};
Result<ScpoOrder> vary_order(App& app, const Caller& caller, int64_t order_id, const ScpoVariation& v);

Result<ScpoOrderView> open_order(App& app, const Caller& caller, int64_t order_id);
// The orders on one subject that the caller may read (the nominal's page): empty for those
// whose roles do not include reading orders.
Result<std::vector<ScpoOrder>> subject_orders(App& app, const Caller& caller, int64_t nominal_id);

// Puts a check on the plan (not yet done): kind, due day, the officer who does it.
Result<ScpoCheck> schedule_check(App& app, const Caller& caller, int64_t order_id, ScpoCheck draft);
// Records a check done: `draft.id` names a scheduled check of the order to complete; 0
// records one that was not planned.
Result<ScpoCheck> record_check(App& app, const Caller& caller, int64_t order_id, ScpoCheck draft);

// Records a breach with its evidence. An arrest (and charge) on an order linked to a threat
// is recorded as a pursue disruption against that threat, in the same transaction, and the
// breach links to it.
Result<ScpoBreach> record_breach(App& app, const Caller& caller, int64_t order_id, ScpoBreach draft);
Result<ScpoBreach> record_breach_in(Transaction& tx, App& app, const Caller& caller, int64_t order_id, ScpoBreach draft);

// Asks for surveillance support to prove a breach: a tasking escalation from the caller's
// unit to `to_unit_id` (the specialist command or a BCU), kept in the order's history.
struct SupportRequest {
  int64_t to_unit_id = 0;
  std::string request;
  std::string decide_by;
};
Result<EscalationView> request_surveillance(App& app, const Caller& caller, int64_t order_id, const SupportRequest& r);

// The monitoring team's queue: overdue checks, checks due in the next fortnight, orders in
// force, and the horizon (orders that start later, as on release from prison).
struct ScpoQueueItem {
  ScpoCheck check;
  ScpoOrder order;
};
struct ScpoQueue {
  std::string today;
  std::vector<ScpoQueueItem> overdue;
  std::vector<ScpoQueueItem> due_soon;
  std::vector<ScpoOrder> in_force;
  std::vector<ScpoOrder> horizon;
};
inline constexpr int kScpoDueSoonDays = 14;
Result<ScpoQueue> scpo_queue(App& app, const Caller& caller);

// The figures for [from, to] by BCU, from the orders, checks and breaches the caller may see.
Result<ScpoFigures> scpo_report(App& app, const Caller& caller, const std::string& from, const std::string& to);

// Agenda lines for the overdue checks a tasking meeting of `meeting.agency` should see (a
// BCU's meeting: of orders in that BCU), cut to what the caller may read.
Result<std::vector<AgendaItem>> scpo_agenda_in(Transaction& tx, const Caller& caller, const TaskingMeeting& meeting,
                                               const std::string& today);

}  // namespace rocta
