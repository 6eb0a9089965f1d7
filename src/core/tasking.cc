#include "core/tasking.h"

#include <algorithm>
#include <array>

#include "core/clock.h"
#include "core/text.h"

namespace rocta {
namespace {

template <typename E, size_t N>
std::optional<E> parse_of(const std::array<E, N>& all, std::string_view s) {
  for (E e : all)
    if (to_string(e) == s) return e;
  return std::nullopt;
}

Status need_text(const std::string& s, const char* field, const std::string& what, size_t max = 20000) {
  if (trim(s).empty() || s.size() > max) return invalid(what + " (at most " + std::to_string(max) + " characters)", field);
  return Status::ok();
}

Status need_date(const std::string& s, const char* field, const std::string& what) {
  if (!is_iso_date(s)) return invalid(what + " is a date, YYYY-MM-DD", field);
  return Status::ok();
}

}  // namespace

std::string_view to_string(MeetingLevel v) {
  switch (v) {
    case MeetingLevel::kForce: return "force";
    case MeetingLevel::kBcu: return "bcu";
    case MeetingLevel::kSpecialist: return "specialist";
  }
  return "force";
}
std::string_view to_string(EscalationDirection v) {
  return v == EscalationDirection::kToSpecialist ? "to specialist" : "to bcu";
}
std::string_view to_string(EscalationStatus v) {
  switch (v) {
    case EscalationStatus::kOpen: return "open";
    case EscalationStatus::kApproved: return "approved";
    case EscalationStatus::kDeclined: return "declined";
  }
  return "open";
}
std::string_view to_string(TaskStatus v) {
  switch (v) {
    case TaskStatus::kOpen: return "open";
    case TaskStatus::kInProgress: return "in progress";
    case TaskStatus::kDone: return "done";
    case TaskStatus::kCancelled: return "cancelled";
  }
  return "open";
}
std::string_view to_string(AgendaItemKind v) {
  switch (v) {
    case AgendaItemKind::kPriorityThreat: return "priority threat";
    case AgendaItemKind::kNewAssessment: return "new assessment";
    case AgendaItemKind::kEscalation: return "escalation";
    case AgendaItemKind::kOverdueTask: return "overdue task";
    case AgendaItemKind::kRatification: return "ratification";
    case AgendaItemKind::kOverdueScpoCheck: return "overdue scpo check";
    case AgendaItemKind::kCapacityGap: return "capacity gap";
  }
  return "priority threat";
}

std::optional<MeetingLevel> parse_meeting_level(std::string_view s) {
  return parse_of(std::array{MeetingLevel::kForce, MeetingLevel::kBcu, MeetingLevel::kSpecialist}, s);
}
std::optional<EscalationDirection> parse_escalation_direction(std::string_view s) {
  return parse_of(std::array{EscalationDirection::kToSpecialist, EscalationDirection::kToBcu}, s);
}
std::optional<EscalationStatus> parse_escalation_status(std::string_view s) {
  return parse_of(std::array{EscalationStatus::kOpen, EscalationStatus::kApproved, EscalationStatus::kDeclined}, s);
}
std::optional<TaskStatus> parse_task_status(std::string_view s) {
  return parse_of(std::array{TaskStatus::kOpen, TaskStatus::kInProgress, TaskStatus::kDone, TaskStatus::kCancelled}, s);
}

Status validate_priority(const ControlPriority& p) {
  if (p.agency.empty()) return invalid("a priority belongs to an agency", "agency");
  if (p.rank < 1 || p.rank > 99) return invalid("rank is 1 to 99", "rank");
  ROCTA_RETURN_IF_ERROR(need_text(p.title, "title", "name the priority", 200));
  if (p.description.size() > 5000) return invalid("the description is at most 5,000 characters", "description");
  if (!p.crime_type.empty() && !is_crime_type(p.crime_type)) return invalid("unknown crime type '" + p.crime_type + "'", "crime_type");
  ROCTA_RETURN_IF_ERROR(need_date(p.effective_from, "effective_from", "effective from"));
  if (!p.effective_to.empty()) {
    ROCTA_RETURN_IF_ERROR(need_date(p.effective_to, "effective_to", "effective to"));
    if (p.effective_to <= p.effective_from) return invalid("a priority ends after it starts", "effective_to");
  }
  return Status::ok();
}

bool in_force(const ControlPriority& p, const std::string& on) {
  return p.effective_from <= on && (p.effective_to.empty() || on < p.effective_to);
}

Status end_priority(ControlPriority& p, const std::string& on) {
  ROCTA_RETURN_IF_ERROR(need_date(on, "effective_to", "the end"));
  if (!p.effective_to.empty()) return Status(Code::kFailedPrecondition, "the priority already ended on " + p.effective_to);
  if (on <= p.effective_from) return invalid("a priority ends after it starts", "effective_to");
  p.effective_to = on;
  return Status::ok();
}

Status validate_meeting(const TaskingMeeting& m) {
  if (m.agency.empty() || m.unit_id <= 0) return invalid("a meeting is held by a unit", "unit_id");
  ROCTA_RETURN_IF_ERROR(need_text(m.title, "title", "give the meeting a title", 200));
  ROCTA_RETURN_IF_ERROR(need_date(m.held_on, "held_on", "the meeting date"));
  if (m.tactical_assessment.size() > 50000) return invalid("the tactical assessment is at most 50,000 characters", "tactical_assessment");
  return Status::ok();
}

Status validate_decision(const TaskingDecision& d) {
  if (d.agency.empty()) return invalid("a decision belongs to an agency", "agency");
  ROCTA_RETURN_IF_ERROR(need_text(d.decision, "decision", "say what was decided"));
  ROCTA_RETURN_IF_ERROR(need_text(d.rationale, "rationale", "say why it was decided"));
  if (d.decided_by <= 0) return invalid("a decision names who took it", "decided_by");
  return Status::ok();
}

Status ratify(TaskingDecision& d, const TaskingMeeting& in, int64_t by, int64_t at_ms) {
  if (!d.outside_meeting()) return Status(Code::kFailedPrecondition, "the decision was taken in a meeting; nothing to ratify");
  if (d.ratified_in != 0) return Status(Code::kFailedPrecondition, "the decision was already ratified");
  if (in.agency != d.agency) return invalid("a decision is ratified by a meeting of its own agency", "meeting_id");
  if (in.held_on < iso_date(d.decided_at_ms)) return invalid("a meeting held before the decision cannot ratify it", "meeting_id");
  d.ratified_in = in.id;
  d.ratified_by = by;
  d.ratified_at_ms = at_ms;
  return Status::ok();
}

Status validate_escalation(const Escalation& e) {
  if (e.agency.empty() || e.from_unit_id <= 0) return invalid("an escalation comes from a unit", "from_unit_id");
  if (e.to_unit_id <= 0) return invalid("name the unit asked for support", "to_unit_id");
  if (e.to_unit_id == e.from_unit_id) return invalid("a unit does not escalate to itself", "to_unit_id");
  ROCTA_RETURN_IF_ERROR(need_text(e.request, "request", "say what support is asked for and why"));
  ROCTA_RETURN_IF_ERROR(need_text(e.support, "support", "name the kind of support", 100));
  return need_date(e.decide_by, "decide_by", "the date a decision is due");
}

bool is_overdue(const Escalation& e, const std::string& today) {
  return e.status == EscalationStatus::kOpen && e.decide_by < today;
}

std::optional<double> days_to_decision(const Escalation& e) {
  if (e.status == EscalationStatus::kOpen) return std::nullopt;
  return static_cast<double>(e.decided_at_ms - e.raised_at_ms) / (24.0 * 3600 * 1000);
}

Status decide_escalation(Escalation& e, const TaskingDecision& d, bool approve) {
  if (e.status != EscalationStatus::kOpen)
    return Status(Code::kFailedPrecondition, "the escalation was already " + std::string(to_string(e.status)));
  if (d.agency != e.agency) return invalid("an escalation is decided by its own agency", "escalation_id");
  e.status = approve ? EscalationStatus::kApproved : EscalationStatus::kDeclined;
  e.decision_id = d.id;
  e.decided_at_ms = d.decided_at_ms;
  return Status::ok();
}

Status validate_task(const Task& t) {
  if (t.agency.empty()) return invalid("a task is set by an agency", "agency");
  ROCTA_RETURN_IF_ERROR(need_text(t.title, "title", "give the task a title", 200));
  if (t.detail.size() > 20000) return invalid("the detail is at most 20,000 characters", "detail");
  if (t.assigned_agency.empty()) return invalid("a task goes to a unit or a partner agency", "assigned_agency");
  if (t.owner.size() > 200) return invalid("the owner is at most 200 characters", "owner");
  return need_date(t.deadline, "deadline", "the deadline");
}

bool is_overdue(const Task& t, const std::string& today) { return !t.is_closed() && t.deadline < today; }

bool sees_tasking(const User& u) { return u.active && is_law_enforcement(u.agency_kind) && !u.has(Role::kPartner); }

bool may_see_task(const User& u, const Task& t, const std::string& setting_region) {
  if (!u.active) return false;
  if (t.assigned_agency == u.agency) return true;
  return sees_tasking(u) && setting_region == u.region;
}

bool may_update_task(const User& u, const Task& t) {
  return u.active && (t.assigned_agency == u.agency || (sees_tasking(u) && t.agency == u.agency));
}

Status apply_update(Task& t, const TaskUpdate& u) {
  if (t.is_closed()) return Status(Code::kFailedPrecondition, "the task is " + std::string(to_string(t.status)) + "; it is closed");
  ROCTA_RETURN_IF_ERROR(need_text(u.note, "note", "say what was done or why the status changes"));
  t.status = u.status;
  t.updated_at_ms = u.at_ms;
  ++t.version;
  return Status::ok();
}

bool may_chair(const User& u, const std::string& agency) {
  return sees_tasking(u) && u.has(Role::kTaskingChair) && u.agency == agency;
}

std::vector<AgendaItem> build_agenda(const AgendaInputs& in, const std::string& today) {
  std::vector<AgendaItem> out;
  const std::string& on = in.meeting.held_on;
  std::vector<std::string> priority_crimes;
  for (const auto& p : in.priorities)
    if (p.agency == in.meeting.agency && in_force(p, on) && !p.crime_type.empty()) priority_crimes.push_back(lower(p.crime_type));
  auto matches = [&](const Threat& t) {
    return std::find(priority_crimes.begin(), priority_crimes.end(), lower(t.primary_crime_type)) != priority_crimes.end();
  };
  // Threats under a control-strategy priority first, each group in score order.
  std::vector<const Threat*> ranked;
  for (const auto& t : in.threats) ranked.push_back(&t);
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Threat* a, const Threat* b) {
    if (matches(*a) != matches(*b)) return matches(*a);
    return a->morile_score.value_or(0) > b->morile_score.value_or(0);
  });
  for (size_t i = 0; i < ranked.size() && i < kAgendaPriorityThreats; ++i) {
    const Threat& t = *ranked[i];
    out.push_back({AgendaItemKind::kPriorityThreat, t.id, t.reference + " " + t.name,
                   "tier " + std::to_string(t.tier.value_or(0)) + ", " + t.primary_crime_type +
                       (matches(t) ? " (control strategy priority)" : ""),
                   false});
  }
  for (const auto& t : in.newly_assessed)
    out.push_back({AgendaItemKind::kNewAssessment, t.id, t.reference + " " + t.name,
                   "assessed " + t.assessment_date + ", tier " + std::to_string(t.tier.value_or(0)) + ", " +
                       std::string(to_string(t.moderation)),
                   false});
  for (const auto& e : in.escalations)
    if (e.status == EscalationStatus::kOpen)
      out.push_back({AgendaItemKind::kEscalation, e.id, e.support + " support requested",
                     e.request + " (decision due " + e.decide_by + ")", is_overdue(e, today)});
  for (const auto& t : in.tasks)
    if (is_overdue(t, on < today ? on : today))
      out.push_back({AgendaItemKind::kOverdueTask, t.id, t.title,
                     "to " + t.assigned_agency + (t.owner.empty() ? "" : " (" + t.owner + ")") + ", due " + t.deadline, true});
  for (const auto& d : in.decisions)
    if (d.agency == in.meeting.agency && d.awaits_ratification() && iso_date(d.decided_at_ms) <= on)
      out.push_back({AgendaItemKind::kRatification, d.id, d.decision,
                     "decided outside a meeting on " + iso_date(d.decided_at_ms) +
                         (d.decided_by_name.empty() ? "" : " by " + d.decided_by_name) + ": " + d.rationale,
                     false});
  return out;
}

}  // namespace rocta
