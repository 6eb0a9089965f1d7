// The tasking repository: control strategy priorities, tasking meetings, decisions,
// escalations, tasks and their updates, 4P plans with their actions and reviews, and where
// threats are located (the BCU or rail area a local profile covers).
//
// Visibility is pushed into the queries: a TaskQuery for a partner user names their agency
// as `assigned_agency` and never returns another agency's task; lists of meetings,
// escalations and decisions are cut to a region. Threat-bound reads take the ReadScope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/four_p_plan.h"
#include "core/list_sort.h"
#include "core/policy.h"
#include "core/tasking.h"
#include "core/threat.h"
#include "store/page.h"
#include "store/store.h"

namespace rocta {

struct TaskQuery {
  std::string region;           // tasks set by agencies of this region …
  std::string assigned_agency;  // … or, when set, only tasks given to this agency
  bool or_assigned = false;     // region OR assigned_agency (law enforcement), not AND
  std::string setting_agency;
  bool open_only = false;
  std::string overdue_on;  // YYYY-MM-DD: open tasks due before it
  int64_t decision_id = 0;
  std::vector<int64_t> threat_ids;  // any of these threats (empty: no filter)
  // When set, only tasks the reader may see by core/policy.h: about no threat, given to
  // `given_to`, about a threat `sight` admits, or one its holder lets the reader be
  // signalled (may_signal, with each holder's signal rule). The count obeys it too.
  std::optional<ReadScope> sight;
  std::string given_to;
  ListSort sort;  // one of task_sort_columns(), ties by id; unset: open first, then by deadline
  PageRequest page;
};

struct EscalationQuery {
  std::string region;
  std::string agency;
  int64_t to_unit_id = 0;
  bool open_only = false;
};

struct DecisionQuery {
  std::string region;
  std::string agency;
  int64_t meeting_id = 0;
  bool awaiting_ratification = false;
};

// A threat past assessment with what coverage needs about its plan.
struct CoverageSource {
  Threat threat;
  std::string area;  // unit name, or empty
  bool has_plan = false;
  FourPPlan plan;
  int actions = 0;
};

// Intelligence that a partner agency supplied about threats of an area: counts only.
struct PartnerSupply {
  std::string agency;
  int reports = 0;
};

class TaskingRepository {
 public:
  virtual ~TaskingRepository() = default;

  virtual Result<int64_t> insert_priority(const ControlPriority& p) = 0;
  virtual Status update_priority(const ControlPriority& p) = 0;
  virtual Result<ControlPriority> priority(int64_t id) = 0;
  // Every priority, current and past, of agencies in `region` (or of `agency`), by agency, rank.
  virtual Result<std::vector<ControlPriority>> priorities(const std::string& region, const std::string& agency) = 0;

  virtual Result<int64_t> insert_meeting(const TaskingMeeting& m) = 0;
  virtual Result<TaskingMeeting> meeting(int64_t id) = 0;
  virtual Result<std::vector<TaskingMeeting>> meetings(const std::string& region, const std::string& agency) = 0;  // newest first

  virtual Result<int64_t> insert_decision(const TaskingDecision& d) = 0;
  virtual Status update_decision(const TaskingDecision& d) = 0;
  virtual Result<TaskingDecision> decision(int64_t id) = 0;
  virtual Result<std::vector<TaskingDecision>> decisions(const DecisionQuery& q) = 0;

  virtual Result<int64_t> insert_escalation(const Escalation& e) = 0;
  virtual Status update_escalation(const Escalation& e) = 0;
  virtual Result<Escalation> escalation(int64_t id) = 0;
  virtual Result<std::vector<Escalation>> escalations(const EscalationQuery& q) = 0;

  virtual Result<int64_t> insert_task(const Task& t) = 0;
  // Conflict when the stored version is not `t.version - 1`.
  virtual Status update_task(const Task& t) = 0;
  virtual Result<Task> task(int64_t id) = 0;
  virtual Result<Page<Task>> tasks(const TaskQuery& q) = 0;
  virtual Result<int64_t> insert_task_update(const TaskUpdate& u) = 0;
  virtual Result<std::vector<TaskUpdate>> task_updates(int64_t task_id) = 0;

  virtual Result<int64_t> insert_plan(const FourPPlan& p) = 0;  // AlreadyExists: the threat has one
  virtual Status update_plan(const FourPPlan& p) = 0;
  virtual Result<FourPPlan> plan(int64_t id) = 0;  // with its actions
  virtual Result<std::optional<FourPPlan>> plan_for_threat(int64_t threat_id) = 0;
  // The plans of those threats in one query, without their actions (actions_for_threats).
  virtual Result<std::vector<FourPPlan>> plans_for_threats(const std::vector<int64_t>& threat_ids) = 0;
  virtual Result<int64_t> insert_action(const PlanAction& a) = 0;
  virtual Status update_action(const PlanAction& a) = 0;
  virtual Result<int64_t> insert_review(const PlanReview& r) = 0;
  virtual Result<std::vector<PlanReview>> reviews(int64_t plan_id) = 0;  // newest first

  // Where a threat is located: a BCU (or BTP rail area) unit; 0 clears it.
  virtual Status set_threat_area(int64_t threat_id, int64_t unit_id) = 0;
  virtual Result<int64_t> threat_area(int64_t threat_id) = 0;  // 0: none
  // Threats located in `unit_id` that `scope` admits, best score first.
  virtual Result<std::vector<Threat>> threats_in_area(int64_t unit_id, const ReadScope& scope) = 0;
  // Moderated, open threats owned in `region` that `scope` admits, with their plans.
  virtual Result<std::vector<CoverageSource>> coverage_sources(const std::string& region, const ReadScope& scope) = 0;
  // Threats of `agency` assessed on or after `since` (YYYY-MM-DD) that `scope` admits.
  virtual Result<std::vector<Threat>> assessed_since(const std::string& agency, const std::string& since, const ReadScope& scope) = 0;
  // Plan actions of the given threats' plans.
  virtual Result<std::vector<PlanAction>> actions_for_threats(const std::vector<int64_t>& threat_ids) = 0;
  // Intelligence owned by partner agencies, linked to the given threats or their members,
  // that `scope` admits: counts by agency.
  virtual Result<std::vector<PartnerSupply>> partner_supply(const std::vector<int64_t>& threat_ids, const ReadScope& scope) = 0;
};

}  // namespace rocta
