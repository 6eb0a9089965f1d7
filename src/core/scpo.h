// Serious crime prevention orders (SCPOs), as pure rules: an order made by a court on a
// person (a nominal), its typed conditions, its history (interim order, variations), the
// monitoring plan's checks with their outcomes, breaches, and the figures the MPS reports.
//
// What must hold: an order is in force for at most five years from the day it starts
// (Serious Crime Act 2007, s.16); a check is never dated before the order was made; a
// breach happens while the order is in force and carries its evidence; a check not done
// by its due day is overdue from the next day on. An order is read through its subject:
// whoever may not read the nominal may not read the order (app/ and store/ hold to it).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/marking.h"
#include "core/status.h"
#include "core/tasking.h"
#include "core/user.h"

namespace rocta {

enum class ScpoConditionKind { kAssociation, kCommunicationDevices, kFinancialReporting, kTravel, kPremises, kOther };
enum class ScpoCheckKind { kVisit, kFinancialReport, kDeviceInspection };
enum class ScpoCheckOutcome { kPending, kCompliant, kConcern, kBreach, kNoAccess };
enum class ScpoChangeKind { kMade, kVaried, kFullOrder, kSupportRequested };

std::string_view to_string(ScpoConditionKind k);  // "association", "communication devices", …
std::string_view to_string(ScpoCheckKind k);      // "visit", "financial report", "device inspection"
std::string_view to_string(ScpoCheckOutcome o);   // "pending", "compliant", "concern", "breach", "no access"
std::string_view to_string(ScpoChangeKind k);     // "made", "varied", "full order", "support requested"
std::optional<ScpoConditionKind> parse_scpo_condition_kind(std::string_view s);
std::optional<ScpoCheckKind> parse_scpo_check_kind(std::string_view s);
std::optional<ScpoCheckOutcome> parse_scpo_check_outcome(std::string_view s);
std::optional<ScpoChangeKind> parse_scpo_change_kind(std::string_view s);
const std::vector<ScpoConditionKind>& all_scpo_condition_kinds();

inline constexpr int kScpoMaxYears = 5;

// One condition of an order: its kind and what it says ("no contact with X", "declare every
// phone and SIM within 3 days"). `other` conditions are free text, so their detail is all.
struct ScpoCondition {
  ScpoConditionKind kind = ScpoConditionKind::kOther;
  std::string detail;
  bool operator==(const ScpoCondition&) const = default;
};

// An order as the court made (or last varied) it. Owned by the monitoring agency; its
// subject's marking decides who reads it (carried here, read with the order).
struct ScpoOrder {
  int64_t id = 0;
  std::string reference;  // "MPS-SCPO-000012"
  std::string agency;     // the monitoring agency
  int64_t nominal_id = 0;
  int64_t threat_id = 0;     // 0: not linked to a threat
  int64_t bcu_unit_id = 0;   // the BCU the subject lives in: the figures' split
  std::string court;
  std::string made_on;       // YYYY-MM-DD
  std::string starts_on;     // in force from (a later day when made before release from prison)
  std::string ends_on;       // last day in force
  bool interim = false;      // an interim order pending the full hearing
  std::vector<ScpoCondition> conditions;
  int64_t officer_id = 0;    // the monitoring officer in charge
  int64_t version = 0;
  int64_t created_by = 0;
  int64_t created_at_ms = 0;
  // Read with the order, from its subject (never written through the order).
  std::string subject_reference, subject_name;
  Marking subject_marking;
};

// A line of an order's history: made, varied (with what it was before), made full, support
// requested (`ref_id` the tasking escalation).
struct ScpoChange {
  int64_t id = 0;
  int64_t order_id = 0;
  ScpoChangeKind kind = ScpoChangeKind::kMade;
  std::string on;    // YYYY-MM-DD: the court's date, or the request's
  std::string note;  // the court's reasons, or what the variation changed
  int64_t ref_id = 0;
  int64_t by = 0;
  int64_t at_ms = 0;
};

// A check on the monitoring plan: scheduled, then done with its outcome.
struct ScpoCheck {
  int64_t id = 0;
  int64_t order_id = 0;
  ScpoCheckKind kind = ScpoCheckKind::kVisit;
  std::string due_on;  // YYYY-MM-DD
  int64_t officer_id = 0;
  std::string officer_name;
  std::string done_on;  // empty: not done yet
  ScpoCheckOutcome outcome = ScpoCheckOutcome::kPending;
  std::string note;
  int64_t recorded_by = 0;
  int64_t recorded_at_ms = 0;
  bool done() const { return !done_on.empty(); }
};

// A breach of a condition, with its evidence, and what it became: an arrest and charge are
// a pursue disruption (`disruption_id`) against the order's threat.
struct ScpoBreach {
  int64_t id = 0;
  int64_t order_id = 0;
  int64_t check_id = 0;  // the check that found it, if any
  std::string occurred_on;
  ScpoConditionKind condition = ScpoConditionKind::kOther;
  std::string evidence;
  bool arrested = false;
  bool charged = false;
  int64_t disruption_id = 0;
  int64_t recorded_by = 0;
  int64_t recorded_at_ms = 0;
};

// The day `years` years after `day` (29 February falls to 28 February).
std::string add_years(const std::string& day, int years);

// Court, dates (made <= starts < ends <= starts + 5 years), at least one condition, each
// with its detail; clean text. Messages name the rule broken.
Status validate_order(const ScpoOrder& o);
// A check of `order`: a real due date not before the order was made; when done, a done day
// not before the order was made nor after `today`, and an outcome.
Status validate_check(const ScpoCheck& c, const ScpoOrder& order, const std::string& today);
// A breach of `order`: on a day the order was in force, not after `today`, of a condition
// the order has, with evidence; a charge follows an arrest.
Status validate_breach(const ScpoBreach& b, const ScpoOrder& order, const std::string& today);

bool in_force(const ScpoOrder& o, const std::string& on);
// Not yet in force on `today`: the team's horizon (release from prison starts monitoring).
bool on_horizon(const ScpoOrder& o, const std::string& today);
bool is_overdue(const ScpoCheck& c, const std::string& today);
bool has_condition(const ScpoOrder& o, ScpoConditionKind kind);

// Who reads orders (law enforcement who work with offenders and intelligence), who runs
// the monitoring (SCPO officers of the order's agency), who reads the figures.
bool may_read_scpo(const User& u);
bool may_monitor_scpo(const User& u, const std::string& agency);
bool may_read_scpo_figures(const User& u);

// ---- figures ----------------------------------------------------------------------------

// One BCU's figures for a period, as the MPS reported them.
struct ScpoFigureRow {
  int64_t bcu_unit_id = 0;  // 0: orders with no BCU
  std::string bcu;
  int64_t orders_monitored = 0;  // in force on any day of the period
  int64_t checks_done = 0;       // done in the period
  int64_t checks_overdue = 0;    // due in the period and not done by their due day (as of today)
  int64_t breaches = 0;          // occurred in the period
  int64_t arrests = 0;           // breaches in the period that led to an arrest
  bool operator==(const ScpoFigureRow&) const = default;
};

struct ScpoFigures {
  std::string from, to;
  std::vector<ScpoFigureRow> rows;  // by BCU name
  ScpoFigureRow total;
};

// Figures for [from, to] from the records handed in (those the reader may see). Checks and
// breaches whose order is not among `orders` are left out. `bcu_names` names BCU units.
Result<ScpoFigures> scpo_figures(const std::vector<ScpoOrder>& orders, const std::vector<ScpoCheck>& checks,
                                 const std::vector<ScpoBreach>& breaches, const std::map<int64_t, std::string>& bcu_names,
                                 const std::string& from, const std::string& to, const std::string& today);

// Agenda lines for overdue checks (kind kOverdueScpoCheck), oldest due first; `orders`
// gives each check's order (those missing are skipped).
std::vector<AgendaItem> scpo_agenda_items(const std::vector<ScpoCheck>& overdue, const std::vector<ScpoOrder>& orders,
                                          const std::string& today);

}  // namespace rocta
