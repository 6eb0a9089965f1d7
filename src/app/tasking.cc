#include "app/tasking.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/capability.h"
#include "app/records.h"
#include "app/tasking_sight.h"
#include "store/agency_repository.h"
#include "store/unit_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/page.h"
#include "app/scpo.h"

namespace rocta {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// Partners see their own tasks and nothing else of tasking.
Status need_tasking_view(const Caller& c) {
  if (c.system || sees_tasking(c.user)) return Status::ok();
  return denied("partner agencies see the tasks given to them; the rest of tasking is for law enforcement");
}

Status need_chair(const Caller& c, const std::string& agency) {
  if (c.system || may_chair(c.user, agency)) return Status::ok();
  return denied("only a tasking chair of " + agency + " does this");
}

// The region whose tasking the caller sees; empty (all) for Rocta itself.
std::string region_of(const Caller& c) { return c.system ? std::string() : c.user.region; }

Status need_readable_threat(Transaction& tx, const Caller& caller, int64_t id) {
  if (id == 0) return Status::ok();
  ROCTA_ASSIGN_OR_RETURN(Threat t, tx.threats().get(id, read_scope(caller.user)));
  if (!caller.system && !can(caller.user, Action::kRead, RecordKind::kThreat, t.marking))
    return not_found("threat " + std::to_string(id) + " not found");
  return Status::ok();
}

// A tasking record of another region answers NotFound, as an absent one would.
Status need_in_region(Transaction& tx, const Caller& caller, const std::string& agency, const std::string& what) {
  if (caller.system) return Status::ok();
  ROCTA_ASSIGN_OR_RETURN(Agency a, tx.agencies().get(agency));
  if (a.region != caller.user.region) return not_found(what + " not found");
  return Status::ok();
}

std::string today(const App& app) { return iso_date(app.clock.now_ms()); }

std::string unit_name(Transaction& tx, int64_t id) {
  auto u = tx.units().get(id);
  return u.is_ok() ? u->name : std::string();
}

EscalationView escalation_view(Transaction& tx, const App& app, Escalation e) {
  EscalationView v;
  v.overdue = is_overdue(e, today(app));
  v.days_to_decision = days_to_decision(e);
  v.from_unit = unit_name(tx, e.from_unit_id);
  v.to_unit = unit_name(tx, e.to_unit_id);
  v.escalation = std::move(e);
  return v;
}

Result<TaskView> task_view(Transaction& tx, const App& app, Task t) {
  TaskView v;
  v.overdue = is_overdue(t, today(app));
  ROCTA_ASSIGN_OR_RETURN(v.updates, tx.tasking().task_updates(t.id));
  v.task = std::move(t);
  return v;
}

// The task if the caller may see it; NotFound otherwise.
Result<Task> visible_task(Transaction& tx, const Caller& caller, int64_t id) {
  ROCTA_ASSIGN_OR_RETURN(Task t, tx.tasking().task(id));
  if (caller.system) return t;
  ROCTA_ASSIGN_OR_RETURN(Agency setter, tx.agencies().get(t.agency));
  if (!may_see_task(caller.user, t, setter.region)) return not_found("task " + std::to_string(id) + " not found");
  return t;
}

// Tasking items about a threat the reader cannot open are signalled (the threat's id and
// the item's free text withheld) or left out (tasking_sight.h). A task given to the
// reader's own agency keeps its text, which the setter chose to send, but not the id.
void withhold(Escalation& e, const std::string& signal) {
  e.threat_id = 0;
  e.request = signal;
  e.support = "withheld";
}
void withhold(TaskingDecision& d, const std::string& signal) {
  d.threat_id = 0;
  d.escalation_id = 0;
  d.decision = "A decision about a threat you cannot open";
  d.rationale = signal;
}
void withhold(Task& t, const std::string& signal) {
  t.threat_id = 0;
  t.title = "A task about a threat you cannot open";
  t.detail = signal;
  t.owner.clear();
}
bool given_to(const Caller&, const Escalation&) { return false; }
bool given_to(const Caller&, const TaskingDecision&) { return false; }
bool given_to(const Caller& c, const Task& t) { return !c.system && t.assigned_agency == c.user.agency; }

template <typename Item>
Status cut_to_sight(TaskingSight& sight, const Caller& caller, std::vector<Item>& items) {
  std::vector<Item> kept;
  for (auto& item : items) {
    ROCTA_ASSIGN_OR_RETURN(auto s, sight.of(item.threat_id));
    if (s != TaskingSight::Sight::kOpen && given_to(caller, item)) {
      item.threat_id = 0;
    } else if (s == TaskingSight::Sight::kHidden) {
      continue;
    } else if (s == TaskingSight::Sight::kSignal) {
      withhold(item, sight.signal_text(item.threat_id));
    }
    kept.push_back(std::move(item));
  }
  items = std::move(kept);
  return Status::ok();
}

// What a meeting's agenda is built from, cut to what the caller may see.
Result<AgendaInputs> agenda_inputs(Transaction& tx, const App& app, const Caller& caller, const TaskingMeeting& m) {
  AgendaInputs in;
  in.meeting = m;
  const ReadScope scope = read_scope(caller.user);
  ROCTA_ASSIGN_OR_RETURN(in.priorities, tx.tasking().priorities("", m.agency));
  if (m.level == MeetingLevel::kBcu) {
    // A BCU's meeting looks at the threats located in the BCU.
    ROCTA_ASSIGN_OR_RETURN(auto local, tx.tasking().threats_in_area(m.unit_id, scope));
    for (auto& t : local)
      if (t.moderation == ModerationStatus::kModerated && !t.is_closed()) in.threats.push_back(std::move(t));
  } else {
    ThreatQuery q;
    q.master_list = MasterListFilter{};
    q.relevant_to = m.agency;
    q.page = {200, 0};
    ROCTA_ASSIGN_OR_RETURN(auto listed, tx.threats().list(scope, q));
    in.threats = std::move(listed.items);
  }
  ROCTA_ASSIGN_OR_RETURN(in.newly_assessed,
                         tx.tasking().assessed_since(m.agency, iso_date(app.clock.now_ms() - kNewAssessmentDays * kDayMs), scope));
  EscalationQuery eq;
  eq.agency = m.agency;
  eq.open_only = true;
  // The force's meeting sees every open escalation; a BCU's or the specialist command's,
  // those addressed to it.
  if (m.level != MeetingLevel::kForce) eq.to_unit_id = m.unit_id;
  ROCTA_ASSIGN_OR_RETURN(in.escalations, tx.tasking().escalations(eq));
  TaskQuery tq;
  tq.setting_agency = m.agency;
  tq.overdue_on = today(app);
  tq.page = {200, 0};
  ROCTA_ASSIGN_OR_RETURN(auto overdue, tx.tasking().tasks(tq));
  in.tasks = std::move(overdue.items);
  ROCTA_ASSIGN_OR_RETURN(in.decisions, tx.tasking().decisions({"", m.agency, 0, true}));
  TaskingSight sight(tx, caller);
  ROCTA_RETURN_IF_ERROR(cut_to_sight(sight, caller, in.escalations));
  ROCTA_RETURN_IF_ERROR(cut_to_sight(sight, caller, in.tasks));
  ROCTA_RETURN_IF_ERROR(cut_to_sight(sight, caller, in.decisions));
  return in;
}

}  // namespace

Result<std::vector<ControlPriority>> control_strategy(App& app, const Caller& caller, const std::string& agency) {
  ROCTA_RETURN_IF_ERROR(need_tasking_view(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->tasking().priorities(region_of(caller), agency);
}

Result<ControlPriority> add_priority(App& app, const Caller& caller, ControlPriority draft) {
  if (draft.agency.empty()) draft.agency = caller.user.agency;
  ROCTA_RETURN_IF_ERROR(need_chair(caller, draft.agency));
  draft.effective_to.clear();
  draft.set_by = caller.user.id;
  draft.set_at_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(validate_priority(draft));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(status_of(tx->agencies().get(draft.agency)));
  ROCTA_ASSIGN_OR_RETURN(draft.id, tx->tasking().insert_priority(draft));
  json detail{{"agency", draft.agency}, {"title", draft.title}, {"effective_from", draft.effective_from}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"priority.add", "priority", draft.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return draft;
}

Result<ControlPriority> end_control_priority(App& app, const Caller& caller, int64_t id, const std::string& on) {
  ROCTA_RETURN_IF_ERROR(need_tasking_view(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(ControlPriority p, tx->tasking().priority(id));
  ROCTA_RETURN_IF_ERROR(need_in_region(*tx, caller, p.agency, "priority " + std::to_string(id)));
  ROCTA_RETURN_IF_ERROR(need_chair(caller, p.agency));
  ROCTA_RETURN_IF_ERROR(end_priority(p, on));
  ROCTA_RETURN_IF_ERROR(tx->tasking().update_priority(p));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"priority.end", "priority", id, json{{"effective_to", on}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return p;
}

Result<TaskingMeeting> schedule_meeting(App& app, const Caller& caller, TaskingMeeting draft) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  auto unit = tx->units().get(draft.unit_id);
  if (!unit.is_ok()) return invalid("unit " + std::to_string(draft.unit_id) + " does not exist", "unit_id");
  draft.agency = unit->agency;
  ROCTA_RETURN_IF_ERROR(need_chair(caller, draft.agency));
  draft.chair_id = caller.user.id;
  draft.created_by = caller.user.id;
  draft.created_at_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(validate_meeting(draft));
  ROCTA_ASSIGN_OR_RETURN(draft.id, tx->tasking().insert_meeting(draft));
  json detail{{"unit", unit->name}, {"level", to_string(draft.level)}, {"held_on", draft.held_on}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"meeting.schedule", "meeting", draft.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return draft;
}

Result<std::vector<TaskingMeeting>> list_meetings(App& app, const Caller& caller) {
  ROCTA_RETURN_IF_ERROR(need_tasking_view(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->tasking().meetings(region_of(caller), "");
}

Result<MeetingView> open_meeting(App& app, const Caller& caller, int64_t id) {
  ROCTA_RETURN_IF_ERROR(need_tasking_view(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  MeetingView v;
  ROCTA_ASSIGN_OR_RETURN(v.meeting, tx->tasking().meeting(id));
  ROCTA_RETURN_IF_ERROR(need_in_region(*tx, caller, v.meeting.agency, "meeting " + std::to_string(id)));
  v.unit_name = unit_name(*tx, v.meeting.unit_id);
  ROCTA_ASSIGN_OR_RETURN(AgendaInputs in, agenda_inputs(*tx, app, caller, v.meeting));
  v.agenda = build_agenda(in, today(app));
  ROCTA_ASSIGN_OR_RETURN(auto overdue_checks, scpo_agenda_in(*tx, caller, v.meeting, today(app)));
  v.agenda.insert(v.agenda.end(), overdue_checks.begin(), overdue_checks.end());
  // Capacity gaps beside the priorities that need them (app/capability.h).
  ROCTA_ASSIGN_OR_RETURN(auto gaps, capacity_agenda_in(*tx, caller, v.meeting, in.priorities, today(app)));
  v.agenda.insert(v.agenda.end(), gaps.begin(), gaps.end());
  ROCTA_ASSIGN_OR_RETURN(auto decisions, tx->tasking().decisions({"", v.meeting.agency, 0, false}));
  for (auto& d : decisions)
    if (d.meeting_id == id || d.ratified_in == id) v.decisions.push_back(std::move(d));
  TaskingSight sight(*tx, caller);
  ROCTA_RETURN_IF_ERROR(cut_to_sight(sight, caller, v.decisions));
  return v;
}

Result<TaskingDecision> record_decision(App& app, const Caller& caller, const DecisionDraft& draft) {
  TaskingDecision d;
  d.agency = caller.user.agency;
  ROCTA_RETURN_IF_ERROR(need_chair(caller, d.agency));
  d.meeting_id = draft.meeting_id;
  d.escalation_id = draft.escalation_id;
  d.threat_id = draft.threat_id;
  d.decision = draft.decision;
  d.rationale = draft.rationale;
  d.decided_by = caller.user.id;
  d.decided_by_name = caller.user.display_name;
  d.decided_at_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(validate_decision(d));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  if (d.meeting_id) {
    auto m = tx->tasking().meeting(d.meeting_id);
    if (!m.is_ok() || m->agency != d.agency) return invalid("meeting " + std::to_string(d.meeting_id) + " is not one of " + d.agency + "'s", "meeting_id");
  }
  ROCTA_RETURN_IF_ERROR(need_readable_threat(*tx, caller, d.threat_id));
  std::optional<Escalation> escalation;
  if (d.escalation_id) {
    auto e = tx->tasking().escalation(d.escalation_id);
    if (!e.is_ok()) return invalid("escalation " + std::to_string(d.escalation_id) + " does not exist", "escalation_id");
    escalation = *e;
  }
  ROCTA_ASSIGN_OR_RETURN(d.id, tx->tasking().insert_decision(d));
  if (escalation) {
    ROCTA_RETURN_IF_ERROR(decide_escalation(*escalation, d, draft.approve));
    ROCTA_RETURN_IF_ERROR(tx->tasking().update_escalation(*escalation));
  }
  json detail{{"meeting", d.meeting_id}, {"outside_meeting", d.outside_meeting()}, {"escalation", d.escalation_id},
              {"approved", escalation ? json(draft.approve) : json(nullptr)}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"decision.record", "decision", d.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return d;
}

Result<std::vector<TaskingDecision>> list_decisions(App& app, const Caller& caller, bool awaiting_ratification) {
  ROCTA_RETURN_IF_ERROR(need_tasking_view(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto decisions, tx->tasking().decisions({region_of(caller), "", 0, awaiting_ratification}));
  TaskingSight sight(*tx, caller);
  ROCTA_RETURN_IF_ERROR(cut_to_sight(sight, caller, decisions));
  return decisions;
}

Result<TaskingDecision> ratify_decision(App& app, const Caller& caller, int64_t decision_id, int64_t meeting_id) {
  ROCTA_RETURN_IF_ERROR(need_tasking_view(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(TaskingDecision d, tx->tasking().decision(decision_id));
  ROCTA_RETURN_IF_ERROR(need_in_region(*tx, caller, d.agency, "decision " + std::to_string(decision_id)));
  ROCTA_RETURN_IF_ERROR(need_chair(caller, d.agency));
  auto m = tx->tasking().meeting(meeting_id);
  if (!m.is_ok()) return invalid("meeting " + std::to_string(meeting_id) + " does not exist", "meeting_id");
  ROCTA_RETURN_IF_ERROR(ratify(d, *m, caller.user.id, app.clock.now_ms()));
  ROCTA_RETURN_IF_ERROR(tx->tasking().update_decision(d));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"decision.ratify", "decision", d.id, json{{"meeting", meeting_id}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return d;
}

Result<EscalationView> raise_escalation(App& app, const Caller& caller, Escalation draft) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(EscalationView v, raise_escalation_in(*tx, app, caller, std::move(draft)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return v;
}

Result<EscalationView> raise_escalation_in(Transaction& tx_, App& app, const Caller& caller, Escalation draft) {
  ROCTA_RETURN_IF_ERROR(need_tasking_view(caller));
  if (!caller.system) draft.from_unit_id = caller.user.unit_id;
  Transaction* tx = &tx_;
  auto from = tx->units().get(draft.from_unit_id);
  auto to = tx->units().get(draft.to_unit_id);
  if (!from.is_ok()) return invalid("unit " + std::to_string(draft.from_unit_id) + " does not exist", "from_unit_id");
  if (!to.is_ok()) return invalid("unit " + std::to_string(draft.to_unit_id) + " does not exist", "to_unit_id");
  if (to->agency != from->agency) return invalid("an escalation stays within the agency; task a partner instead", "to_unit_id");
  const bool to_specialist = to->kind == UnitKind::kSpecialistCrimeCommand;
  if (!to_specialist && to->kind != UnitKind::kBcu) return invalid("escalate to the specialist command or to a BCU", "to_unit_id");
  draft.agency = from->agency;
  draft.direction = to_specialist ? EscalationDirection::kToSpecialist : EscalationDirection::kToBcu;
  draft.raised_by = caller.user.id;
  draft.raised_at_ms = app.clock.now_ms();
  draft.status = EscalationStatus::kOpen;
  draft.decision_id = 0;
  draft.decided_at_ms = 0;
  ROCTA_RETURN_IF_ERROR(validate_escalation(draft));
  ROCTA_RETURN_IF_ERROR(need_readable_threat(*tx, caller, draft.threat_id));
  ROCTA_ASSIGN_OR_RETURN(draft.id, tx->tasking().insert_escalation(draft));
  json detail{{"from", from->name}, {"to", to->name}, {"support", draft.support}, {"decide_by", draft.decide_by}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"escalation.raise", "escalation", draft.id, detail.dump()}));
  return EscalationView{draft, false, std::nullopt, from->name, to->name};
}

Result<std::vector<EscalationView>> list_escalations(App& app, const Caller& caller, bool open_only) {
  ROCTA_RETURN_IF_ERROR(need_tasking_view(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  EscalationQuery q;
  q.region = region_of(caller);
  q.open_only = open_only;
  ROCTA_ASSIGN_OR_RETURN(auto list, tx->tasking().escalations(q));
  TaskingSight sight(*tx, caller);
  ROCTA_RETURN_IF_ERROR(cut_to_sight(sight, caller, list));
  std::vector<EscalationView> out;
  for (auto& e : list) out.push_back(escalation_view(*tx, app, std::move(e)));
  return out;
}

Result<TaskView> set_task(App& app, const Caller& caller, Task draft) {
  draft.agency = caller.user.agency;
  if (!caller.system && !(sees_tasking(caller.user) && (caller.user.has(Role::kTaskingChair) || caller.user.has(Role::kLeadResponsibleOfficer))))
    return denied("only tasking chairs and lead responsible officers set tasks");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  if (draft.assigned_unit_id) {
    auto unit = tx->units().get(draft.assigned_unit_id);
    if (!unit.is_ok()) return invalid("unit " + std::to_string(draft.assigned_unit_id) + " does not exist", "assigned_unit_id");
    draft.assigned_agency = unit->agency;
  } else if (!draft.assigned_agency.empty() && !tx->agencies().get(draft.assigned_agency).is_ok()) {
    return invalid("unknown agency '" + draft.assigned_agency + "'", "assigned_agency");
  }
  if (draft.decision_id) {
    auto d = tx->tasking().decision(draft.decision_id);
    if (!d.is_ok() || d->agency != draft.agency) return invalid("decision " + std::to_string(draft.decision_id) + " is not one of " + draft.agency + "'s", "decision_id");
  }
  draft.status = TaskStatus::kOpen;
  draft.created_by = caller.user.id;
  draft.created_at_ms = draft.updated_at_ms = app.clock.now_ms();
  draft.version = 1;
  ROCTA_RETURN_IF_ERROR(validate_task(draft));
  ROCTA_RETURN_IF_ERROR(need_readable_threat(*tx, caller, draft.threat_id));
  ROCTA_ASSIGN_OR_RETURN(draft.id, tx->tasking().insert_task(draft));
  json detail{{"assigned_agency", draft.assigned_agency}, {"decision", draft.decision_id}, {"deadline", draft.deadline}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"task.set", "task", draft.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return TaskView{draft, is_overdue(draft, today(app)), {}};
}

Result<Page<TaskView>> list_tasks(App& app, const Caller& caller, TaskQuery q) {
  ROCTA_RETURN_IF_ERROR(validate_page(q.page));
  if (!caller.system) {
    q.or_assigned = sees_tasking(caller.user);
    q.region = q.or_assigned ? caller.user.region : std::string();
    q.assigned_agency = caller.user.agency;  // a partner's tasks only; law enforcement: region or own
    // The query leaves out the tasks about a threat the caller may neither open nor be
    // told of, and does not count them: the total says nothing of what is hidden.
    q.sight = read_scope(caller.user);
    q.given_to = caller.user.agency;
  }
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto page, tx->tasking().tasks(q));
  TaskingSight sight(*tx, caller);
  // Checked again here, and the signalled ones have their threat and free text withheld.
  ROCTA_RETURN_IF_ERROR(cut_to_sight(sight, caller, page.items));
  Page<TaskView> out;
  out.total = page.total;
  for (auto& t : page.items) {
    ROCTA_ASSIGN_OR_RETURN(auto v, task_view(*tx, app, std::move(t)));
    out.items.push_back(std::move(v));
  }
  return out;
}

Result<TaskView> open_task(App& app, const Caller& caller, int64_t id) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(Task t, visible_task(*tx, caller, id));
  std::vector<Task> one{std::move(t)};
  TaskingSight sight(*tx, caller);
  ROCTA_RETURN_IF_ERROR(cut_to_sight(sight, caller, one));
  if (one.empty()) return not_found("task " + std::to_string(id) + " not found");
  return task_view(*tx, app, std::move(one.front()));
}

Result<TaskView> update_task_status(App& app, const Caller& caller, int64_t id, TaskStatus status, const std::string& note) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Task t, visible_task(*tx, caller, id));
  if (!caller.system && !may_update_task(caller.user, t)) return denied("only the setting and the assigned agency update a task");
  TaskUpdate u{0, t.id, caller.user.id, caller.user.display_name, caller.user.agency, app.clock.now_ms(), status, note};
  ROCTA_RETURN_IF_ERROR(apply_update(t, u));
  ROCTA_RETURN_IF_ERROR(tx->tasking().update_task(t));
  ROCTA_ASSIGN_OR_RETURN(u.id, tx->tasking().insert_task_update(u));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"task.update", "task", t.id, json{{"status", to_string(status)}}.dump()}));
  ROCTA_ASSIGN_OR_RETURN(TaskView v, task_view(*tx, app, std::move(t)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return v;
}

}  // namespace rocta
