// Use cases of tasking and co-ordination: control strategy, tasking meetings and their
// agendas, decisions (and their ratification), escalations, and tasks to units and partner
// agencies.
//
// Law-enforcement users see the tasking of their region; tasking chairs run their own
// agency's. A partner agency's user sees and updates the tasks given to their agency, and
// nothing else here: every other call answers PermissionDenied, a task of another agency
// NotFound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "store/page.h"
#include "store/tasking_repository.h"

namespace rocta {

// Every priority of the region's agencies (or of `agency`), current and past.
Result<std::vector<ControlPriority>> control_strategy(App& app, const Caller& caller, const std::string& agency);
// Tasking chairs of the agency; a new priority leaves the others as they are.
Result<ControlPriority> add_priority(App& app, const Caller& caller, ControlPriority draft);
// Ends a priority on `on` (YYYY-MM-DD); it stays in the history.
Result<ControlPriority> end_control_priority(App& app, const Caller& caller, int64_t id, const std::string& on);

Result<TaskingMeeting> schedule_meeting(App& app, const Caller& caller, TaskingMeeting draft);
Result<std::vector<TaskingMeeting>> list_meetings(App& app, const Caller& caller);

struct MeetingView {
  TaskingMeeting meeting;
  std::string unit_name;
  std::vector<AgendaItem> agenda;
  std::vector<TaskingDecision> decisions;  // taken in it, and those it ratified
};
// The meeting with its agenda built now from the live picture.
Result<MeetingView> open_meeting(App& app, const Caller& caller, int64_t id);

struct DecisionDraft {
  int64_t meeting_id = 0;  // 0: taken outside a meeting
  int64_t escalation_id = 0;
  bool approve = true;  // for an escalation: approved or declined
  int64_t threat_id = 0;
  std::string decision;
  std::string rationale;
};
// A tasking chair of the agency records who decided what and why. An escalation it decides
// closes with the decision's time.
Result<TaskingDecision> record_decision(App& app, const Caller& caller, const DecisionDraft& draft);
Result<std::vector<TaskingDecision>> list_decisions(App& app, const Caller& caller, bool awaiting_ratification);
Result<TaskingDecision> ratify_decision(App& app, const Caller& caller, int64_t decision_id, int64_t meeting_id);

struct EscalationView {
  Escalation escalation;
  bool overdue = false;
  std::optional<double> days_to_decision;
  std::string from_unit, to_unit;
};
// Any law-enforcement user of the agency raises one from their own unit.
Result<EscalationView> raise_escalation(App& app, const Caller& caller, Escalation draft);
Result<std::vector<EscalationView>> list_escalations(App& app, const Caller& caller, bool open_only);

struct TaskView {
  Task task;
  bool overdue = false;
  std::vector<TaskUpdate> updates;
};
// Tasking chairs and lead responsible officers of the setting agency; a task goes to a
// unit (its agency) or to a partner agency.
Result<TaskView> set_task(App& app, const Caller& caller, Task draft);
// Partners: their agency's tasks only, whatever the query says.
Result<Page<TaskView>> list_tasks(App& app, const Caller& caller, TaskQuery query);
Result<TaskView> open_task(App& app, const Caller& caller, int64_t id);
Result<TaskView> update_task_status(App& app, const Caller& caller, int64_t id, TaskStatus status, const std::string& note);

}  // namespace rocta
