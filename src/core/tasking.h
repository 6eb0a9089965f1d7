// Tactical tasking and co-ordination, as pure rules: control strategy priorities, tasking
// meetings and their agendas, decisions (in a meeting, or outside one and then ratified),
// escalations between BCUs and the specialist command, and tasks to units and partner
// agencies.
//
// What must hold: a decision names who took it and why; a decision taken outside a meeting
// stays on every later agenda of its agency until a meeting ratifies it; an escalation is
// closed only by a decision and keeps its time to decision; a partner agency's user sees
// and updates only the tasks given to their agency.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/threat.h"
#include "core/user.h"

namespace rocta {

enum class MeetingLevel { kForce, kBcu, kSpecialist };
enum class EscalationDirection { kToSpecialist, kToBcu };
enum class EscalationStatus { kOpen, kApproved, kDeclined };
enum class TaskStatus { kOpen, kInProgress, kDone, kCancelled };
enum class AgendaItemKind { kPriorityThreat, kNewAssessment, kEscalation, kOverdueTask, kRatification, kOverdueScpoCheck, kCapacityGap };

std::string_view to_string(MeetingLevel v);         // "force", "bcu", "specialist"
std::string_view to_string(EscalationDirection v);  // "to specialist", "to bcu"
std::string_view to_string(EscalationStatus v);     // "open", "approved", "declined"
std::string_view to_string(TaskStatus v);           // "open", "in progress", "done", "cancelled"
std::string_view to_string(AgendaItemKind v);       // "priority threat", "new assessment", …
std::optional<MeetingLevel> parse_meeting_level(std::string_view s);
std::optional<EscalationDirection> parse_escalation_direction(std::string_view s);
std::optional<EscalationStatus> parse_escalation_status(std::string_view s);
std::optional<TaskStatus> parse_task_status(std::string_view s);

// One line of an agency's control strategy. A priority is in force from `effective_from`
// until the day before `effective_to` (empty: open-ended); ending one keeps it as history.
struct ControlPriority {
  int64_t id = 0;
  std::string agency;
  int rank = 1;  // 1 first
  std::string title;
  std::string description;
  std::string crime_type;  // a national threat area, or empty for a theme
  std::string effective_from;
  std::string effective_to;
  int64_t set_by = 0;
  int64_t set_at_ms = 0;
};
Status validate_priority(const ControlPriority& p);
bool in_force(const ControlPriority& p, const std::string& on);
// Ends a priority on `on` (it is in force up to the day before).
Status end_priority(ControlPriority& p, const std::string& on);

struct TaskingMeeting {
  int64_t id = 0;
  std::string agency;
  int64_t unit_id = 0;  // the unit holding it: the force HQ, a BCU, the specialist command
  MeetingLevel level = MeetingLevel::kForce;
  std::string title;
  std::string held_on;  // YYYY-MM-DD
  int64_t chair_id = 0;
  std::string tactical_assessment;
  int64_t created_by = 0;
  int64_t created_at_ms = 0;
};
Status validate_meeting(const TaskingMeeting& m);

// A tasking decision: who decided, what, and why. `meeting_id` 0 marks a decision taken
// outside a meeting; it needs ratifying by a later meeting of its agency.
struct TaskingDecision {
  int64_t id = 0;
  std::string agency;
  int64_t meeting_id = 0;
  int64_t escalation_id = 0;  // the escalation it decides, if any
  int64_t threat_id = 0;      // the threat it is about, if any
  std::string decision;
  std::string rationale;
  int64_t decided_by = 0;
  std::string decided_by_name;  // as the decider was named when deciding
  int64_t decided_at_ms = 0;
  int64_t ratified_in = 0;  // meeting id
  int64_t ratified_by = 0;
  int64_t ratified_at_ms = 0;

  bool outside_meeting() const { return meeting_id == 0; }
  bool awaits_ratification() const { return meeting_id == 0 && ratified_in == 0; }
};
Status validate_decision(const TaskingDecision& d);
Status ratify(TaskingDecision& d, const TaskingMeeting& in, int64_t by, int64_t at_ms);

// A request for support across the BCU / specialist command line, either way.
struct Escalation {
  int64_t id = 0;
  std::string agency;
  EscalationDirection direction = EscalationDirection::kToSpecialist;
  int64_t from_unit_id = 0;
  int64_t to_unit_id = 0;
  int64_t threat_id = 0;  // 0: not about one threat
  std::string request;    // what is asked for and why
  std::string support;    // "covert", "specialist", "overt resources", …
  int64_t raised_by = 0;
  int64_t raised_at_ms = 0;
  std::string decide_by;  // YYYY-MM-DD: a decision is due by then
  EscalationStatus status = EscalationStatus::kOpen;
  int64_t decision_id = 0;
  int64_t decided_at_ms = 0;
};
Status validate_escalation(const Escalation& e);
bool is_overdue(const Escalation& e, const std::string& today);
// Days from raising to decision; empty while open.
std::optional<double> days_to_decision(const Escalation& e);
Status decide_escalation(Escalation& e, const TaskingDecision& d, bool approve);

struct Task {
  int64_t id = 0;
  std::string agency;  // the agency that set it
  std::string title;
  std::string detail;
  std::string assigned_agency;  // a unit's agency, or a partner agency
  int64_t assigned_unit_id = 0;
  std::string owner;  // the person who owns it at the assigned end
  int64_t threat_id = 0;
  int64_t decision_id = 0;
  std::string deadline;  // YYYY-MM-DD
  TaskStatus status = TaskStatus::kOpen;
  int64_t created_by = 0;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  int64_t version = 1;

  bool is_closed() const { return status == TaskStatus::kDone || status == TaskStatus::kCancelled; }
};

struct TaskUpdate {
  int64_t id = 0;
  int64_t task_id = 0;
  int64_t by = 0;
  std::string by_name;
  std::string by_agency;
  int64_t at_ms = 0;
  TaskStatus status = TaskStatus::kOpen;
  std::string note;
};

Status validate_task(const Task& t);
bool is_overdue(const Task& t, const std::string& today);
// Partner users only ever see tasks given to their agency; law-enforcement users see the
// tasking of their region (`setting_region`: the region of the agency that set it) and
// any task given to their own agency.
bool may_see_task(const User& u, const Task& t, const std::string& setting_region);
// The assigned agency's people and the setting agency's people update a task.
bool may_update_task(const User& u, const Task& t);
Status apply_update(Task& t, const TaskUpdate& u);

// Who may run tasking (priorities, meetings, decisions, tasks) for an agency.
bool may_chair(const User& u, const std::string& agency);
// Who may see tasking at all beyond their own tasks: law enforcement, not partners.
bool sees_tasking(const User& u);

struct AgendaItem {
  AgendaItemKind kind = AgendaItemKind::kPriorityThreat;
  int64_t ref_id = 0;  // threat, escalation, task or decision id
  std::string title;
  std::string detail;
  bool overdue = false;
};

// What a meeting's agenda is built from; app/ loads it, already cut to what the chair may see.
struct AgendaInputs {
  TaskingMeeting meeting;
  std::vector<ControlPriority> priorities;  // the agency's, any date
  std::vector<Threat> threats;              // the agency's listed threats (master list order)
  std::vector<Threat> newly_assessed;       // assessed in the 28 days before the meeting
  std::vector<Escalation> escalations;      // open, addressed to the meeting's unit
  std::vector<Task> tasks;                  // open tasks the agency set
  std::vector<TaskingDecision> decisions;   // the agency's, outside meetings
};
inline constexpr int kAgendaPriorityThreats = 10;
inline constexpr int kNewAssessmentDays = 28;

// Priority threats (those matching a priority in force, best score first, at most ten),
// new assessments, open escalations, overdue tasks, decisions to ratify; in that order.
std::vector<AgendaItem> build_agenda(const AgendaInputs& in, const std::string& today);

}  // namespace rocta
