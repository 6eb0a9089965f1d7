// Routes of tasking and co-ordination, 4P plans and SOC local profiles. Parse, call one
// app/ function, render.
#include "api/handler.h"
#include "api/openapi.h"
#include "api/tasking_codec.h"
#include "app/four_p_plans.h"
#include "app/tasking.h"

namespace rocta::api {
namespace {

template <typename T>
json array_of(const std::vector<T>& v) {
  json out = json::array();
  for (const auto& x : v) out.push_back(jc::to_json(x));
  return out;
}

std::string today(const Ctx& c) { return iso_date(c.app.clock.now_ms()); }

// POST handlers: read the body into a Draft with `read`, call the app with it, render.
template <typename Draft, typename Read, typename Call>
Result<HttpResponse> from_body(Ctx& c, int status, Read read, Call call) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  Draft d{};
  ROCTA_RETURN_IF_ERROR(read(body, d));
  ROCTA_ASSIGN_OR_RETURN(auto out, call(d));
  return json_response(status, jc::to_json(out));
}

// GET handlers of one record by the id in the path.
template <typename Call>
Result<HttpResponse> by_id(Ctx& c, Call call) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto out, call(id));
  return json_response(200, jc::to_json(out));
}

Result<HttpResponse> get_priorities(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto list, control_strategy(c.app, c.caller, c.str("agency")));
  json out = json::array();
  for (const auto& p : list) out.push_back(jc::to_json(p, today(c)));
  return json_response(200, out);
}

Result<HttpResponse> post_priority(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ControlPriority p;
  ROCTA_RETURN_IF_ERROR(jc::read_priority(body, p));
  ROCTA_ASSIGN_OR_RETURN(auto added, add_priority(c.app, c.caller, p));
  return json_response(201, jc::to_json(added, today(c)));
}

Result<HttpResponse> post_priority_end(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  std::string on;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"effective_to"}).text("effective_to", on, true).status());
  ROCTA_ASSIGN_OR_RETURN(auto ended, end_control_priority(c.app, c.caller, id, on));
  return json_response(200, jc::to_json(ended, today(c)));
}

Result<HttpResponse> get_meetings(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto list, list_meetings(c.app, c.caller));
  return json_response(200, array_of(list));
}

Result<HttpResponse> post_meeting(Ctx& c) {
  return from_body<TaskingMeeting>(c, 201, jc::read_meeting, [&](const TaskingMeeting& m) { return schedule_meeting(c.app, c.caller, m); });
}

Result<HttpResponse> get_meeting(Ctx& c) {
  return by_id(c, [&](int64_t id) { return open_meeting(c.app, c.caller, id); });
}

Result<HttpResponse> get_decisions(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto awaiting, c.boolean("awaiting_ratification"));
  ROCTA_ASSIGN_OR_RETURN(auto list, list_decisions(c.app, c.caller, awaiting.value_or(false)));
  return json_response(200, array_of(list));
}

Result<HttpResponse> post_decision(Ctx& c) {
  return from_body<DecisionDraft>(c, 201, jc::read_decision, [&](const DecisionDraft& d) { return record_decision(c.app, c.caller, d); });
}

Result<HttpResponse> post_ratification(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  auto read = [](const json& body, int64_t& meeting) { return jc::Fields(body, {"meeting_id"}).id("meeting_id", meeting, true).status(); };
  return from_body<int64_t>(c, 200, read, [&](int64_t meeting) { return ratify_decision(c.app, c.caller, id, meeting); });
}

Result<HttpResponse> get_escalations(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto open, c.boolean("open"));
  ROCTA_ASSIGN_OR_RETURN(auto list, list_escalations(c.app, c.caller, open.value_or(false)));
  return json_response(200, array_of(list));
}

Result<HttpResponse> post_escalation(Ctx& c) {
  return from_body<Escalation>(c, 201, jc::read_escalation, [&](const Escalation& e) { return raise_escalation(c.app, c.caller, e); });
}

Result<HttpResponse> get_tasks(Ctx& c) {
  TaskQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.page, c.page());
  ROCTA_ASSIGN_OR_RETURN(q.sort, c.sort(task_sort_columns()));
  ROCTA_ASSIGN_OR_RETURN(auto open, c.boolean("open"));
  ROCTA_ASSIGN_OR_RETURN(auto overdue, c.boolean("overdue"));
  q.open_only = open.value_or(false);
  if (overdue.value_or(false)) q.overdue_on = today(c);
  ROCTA_ASSIGN_OR_RETURN(auto page, list_tasks(c.app, c.caller, q));
  return json_response(200, {{"items", array_of(page.items)}, {"total", page.total}, {"limit", q.page.limit}, {"offset", q.page.offset}});
}

Result<HttpResponse> post_task(Ctx& c) {
  return from_body<Task>(c, 201, jc::read_task, [&](const Task& t) { return set_task(c.app, c.caller, t); });
}

Result<HttpResponse> get_task(Ctx& c) {
  return by_id(c, [&](int64_t id) { return open_task(c.app, c.caller, id); });
}

struct StatusNote {
  TaskStatus status = TaskStatus::kOpen;
  std::string note;
};

Status read_status_note(const json& body, StatusNote& out) {
  std::string status;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"status", "note"}).text("status", status, true).text("note", out.note, true).status());
  auto s = parse_task_status(status);
  if (!s) return invalid("field 'status' is open, in progress, done or cancelled", "status");
  out.status = *s;
  return Status::ok();
}

Result<HttpResponse> post_task_update(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  return from_body<StatusNote>(c, 200, read_status_note,
                               [&](const StatusNote& u) { return update_task_status(c.app, c.caller, id, u.status, u.note); });
}

Result<HttpResponse> get_coverage(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto r, plan_coverage_report(c.app, c.caller));
  return json_response(200, jc::to_json(r));
}

Result<HttpResponse> post_plan(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t threat, c.path_id());
  return from_body<FourPPlan>(c, 201, jc::read_plan, [&](const FourPPlan& p) { return create_plan(c.app, c.caller, threat, p); });
}

Result<HttpResponse> get_threat_plan(Ctx& c) {
  return by_id(c, [&](int64_t threat) { return plan_of_threat(c.app, c.caller, threat); });
}

Result<HttpResponse> get_plan(Ctx& c) {
  return by_id(c, [&](int64_t id) { return open_plan(c.app, c.caller, id); });
}

Result<HttpResponse> post_plan_action(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  return from_body<PlanAction>(c, 201, jc::read_plan_action, [&](const PlanAction& a) { return add_plan_action(c.app, c.caller, id, a); });
}

Result<HttpResponse> post_plan_action_state(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id(0));
  ROCTA_ASSIGN_OR_RETURN(int64_t action, c.path_id(1));
  auto read = [](const json& body, bool& done) { return jc::Fields(body, {"done"}).boolean("done", done, true).status(); };
  return from_body<bool>(c, 200, read, [&](bool done) { return set_plan_action_done(c.app, c.caller, id, action, done); });
}

Result<HttpResponse> post_plan_review(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  return from_body<PlanReview>(c, 201, jc::read_plan_review, [&](const PlanReview& r) { return review_plan(c.app, c.caller, id, r); });
}

Result<HttpResponse> put_threat_area(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t threat, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  int64_t unit = 0;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"unit_id"}).id("unit_id", unit, true).status());
  ROCTA_RETURN_IF_ERROR(locate_threat(c.app, c.caller, threat, unit));
  return HttpResponse{204, "", "", {}};
}

Result<HttpResponse> get_profile_areas(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto units, profile_areas(c.app, c.caller));
  return json_response(200, array_of(units));
}

Result<HttpResponse> get_profile(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto area, c.integer("area", 1, INT64_MAX));
  return by_id(c, [&](int64_t id) { return local_profile(c.app, c.caller, id, area.value_or(0)); });
}

}  // namespace

void add_tasking_routes(std::vector<RouteSpec>& r) {
  const std::vector<QueryParam> paging{{"limit", "integer", "1-200, default 50"}, {"offset", "integer", "0-1000000, default 0"}};
  r.push_back({"GET", "/api/v1/control-strategy", "Control strategy priorities of the caller's region, current and past", true,
               {{"agency", "string", "only this agency's"}}, "", "PriorityList", 200, get_priorities});
  r.push_back({"POST", "/api/v1/control-strategy", "Add a priority to the agency's control strategy (tasking chairs)", true, {}, "PriorityDraft", "Priority", 201, post_priority});
  r.push_back({"POST", "/api/v1/control-strategy/{id}/end", "End a priority on a date; it stays in the history", true, {}, "PriorityEnd", "Priority", 200, post_priority_end});
  r.push_back({"GET", "/api/v1/tasking/meetings", "Tasking meetings of the caller's region, newest first", true, {}, "", "MeetingList", 200, get_meetings});
  r.push_back({"POST", "/api/v1/tasking/meetings", "Schedule a force, BCU or specialist-command tasking meeting (tasking chairs)", true, {}, "MeetingDraft", "Meeting", 201, post_meeting});
  r.push_back({"GET", "/api/v1/tasking/meetings/{id}", "A meeting with its agenda (priority threats, new assessments, open escalations, overdue tasks, decisions to ratify) and decisions", true, {}, "", "MeetingView", 200, get_meeting});
  r.push_back({"GET", "/api/v1/tasking/decisions", "Tasking decisions of the caller's region", true,
               {{"awaiting_ratification", "boolean", "only decisions taken outside a meeting and not yet ratified"}}, "", "DecisionList", 200, get_decisions});
  r.push_back({"POST", "/api/v1/tasking/decisions", "Record a decision, who and why; without meeting_id it is marked as taken outside a meeting (tasking chairs)", true, {}, "DecisionDraft", "Decision", 201, post_decision});
  r.push_back({"POST", "/api/v1/tasking/decisions/{id}/ratification", "Ratify a decision taken outside a meeting, in a later meeting", true, {}, "Ratification", "Decision", 200, post_ratification});
  r.push_back({"GET", "/api/v1/escalations", "Escalations between BCUs and the specialist command, with time to decision and overdue flag", true,
               {{"open", "boolean", "only those awaiting a decision"}}, "", "EscalationList", 200, get_escalations});
  r.push_back({"POST", "/api/v1/escalations", "Ask the specialist command (or a BCU) for support from the caller's unit", true, {}, "EscalationDraft", "Escalation", 201, post_escalation});
  r.push_back({"GET", "/api/v1/tasks", "Tasks the caller may see (a partner: their agency's only)", true,
               [&] { auto p = paging; p.push_back({"open", "boolean", "open or in progress only"}); p.push_back({"overdue", "boolean", "past their deadline"});
                 std::string names;
                 for (const auto& c : task_sort_columns()) names += (names.empty() ? "" : " | ") + c;
                 p.push_back({"sort", "string", names + "; ties by id"});
                 p.push_back({"order", "string", "asc (default) | desc"});
                 return p; }(),
               "", "TaskPage", 200, get_tasks});
  r.push_back({"POST", "/api/v1/tasks", "Task a unit or a partner agency (tasking chairs, LROs)", true, {}, "TaskDraft", "Task", 201, post_task});
  r.push_back({"GET", "/api/v1/tasks/{id}", "A task with its updates", true, {}, "", "Task", 200, get_task});
  r.push_back({"POST", "/api/v1/tasks/{id}/updates", "Update a task's status with a note (setting or assigned agency)", true, {}, "TaskUpdate", "Task", 200, post_task_update});
  r.push_back({"GET", "/api/v1/plans/coverage", "4P plan coverage: share of threats past assessment with a current plan, by agency, area, tier, crime type", true, {}, "", "PlanCoverage", 200, get_coverage});
  r.push_back({"GET", "/api/v1/plans/{id}", "A 4P plan with its actions and reviews", true, {}, "", "Plan", 200, get_plan});
  r.push_back({"POST", "/api/v1/plans/{id}/actions", "Add an action under one of the 4Ps (a partner agency may own it)", true, {}, "PlanActionDraft", "Plan", 201, post_plan_action});
  r.push_back({"POST", "/api/v1/plans/{id}/actions/{action}", "Mark a plan action done or not done", true, {}, "PlanActionState", "Plan", 200, post_plan_action_state});
  r.push_back({"POST", "/api/v1/plans/{id}/reviews", "Record a review of the plan and set the next review date", true, {}, "PlanReviewDraft", "Plan", 201, post_plan_review});
  r.push_back({"POST", "/api/v1/threats/{id}/plan", "Write the 4P plan of a threat past assessment (its LRO or a tasking chair)", true, {}, "PlanDraft", "Plan", 201, post_plan});
  r.push_back({"GET", "/api/v1/threats/{id}/plan", "A threat's 4P plan", true, {}, "", "Plan", 200, get_threat_plan});
  r.push_back({"PUT", "/api/v1/threats/{id}/area", "Place a threat in a BCU or rail area (unit_id 0 removes it)", true, {}, "ThreatArea", "", 204, put_threat_area});
  r.push_back({"GET", "/api/v1/local-profiles", "Areas with a SOC local profile: BCUs and BTP rail areas of the caller's region", true, {}, "", "UnitList", 200, get_profile_areas});
  r.push_back({"GET", "/api/v1/local-profiles/{id}", "The SOC local profile of an area, generated now", true,
               {{"area", "integer", "a loaded area's id (GET /api/v1/areas): only threats with a place in or meeting it"}}, "",
               "LocalProfile", 200, get_profile});
}

void add_tasking_schemas(nlohmann::json& s) {
  auto ref = [](const std::string& n) { return json{{"$ref", "#/components/schemas/" + n}}; };
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, boolean{{"type", "boolean"}}, number{{"type", "number"}};
  auto object = [](json props, std::vector<std::string> required = {}) {
    json o{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
    if (!required.empty()) o["required"] = required;
    return o;
  };
  auto list = [&](const std::string& item) { return json{{"type", "array"}, {"items", ref(item)}}; };
  auto open = [](json props) { return json{{"type", "object"}, {"properties", std::move(props)}}; };
  s["PriorityDraft"] = object({{"agency", str}, {"rank", integer}, {"title", str}, {"description", str}, {"crime_type", str},
                               {"effective_from", str}}, {"title", "effective_from"});
  s["Priority"] = open({{"id", integer}, {"agency", str}, {"rank", integer}, {"title", str}, {"crime_type", str},
                        {"effective_from", str}, {"effective_to", {{"type", json::array({"string", "null"})}}}, {"in_force", boolean}});
  s["PriorityList"] = list("Priority");
  s["PriorityEnd"] = object({{"effective_to", str}}, {"effective_to"});
  s["MeetingDraft"] = object({{"unit_id", integer}, {"level", {{"type", "string"}, {"enum", {"force", "bcu", "specialist"}}}},
                              {"title", str}, {"held_on", str}, {"tactical_assessment", str}}, {"unit_id", "title", "held_on"});
  s["Meeting"] = open({{"id", integer}, {"agency", str}, {"unit_id", integer}, {"level", str}, {"title", str}, {"held_on", str},
                       {"chair_id", integer}, {"tactical_assessment", str}});
  s["MeetingList"] = list("Meeting");
  s["AgendaItem"] = open({{"kind", {{"type", "string"}, {"enum", {"priority threat", "new assessment", "escalation", "overdue task", "ratification"}}}},
                          {"ref_id", integer}, {"title", str}, {"detail", str}, {"overdue", boolean}});
  s["MeetingView"] = s["Meeting"];
  s["MeetingView"]["properties"]["unit_name"] = str;
  s["MeetingView"]["properties"]["agenda"] = list("AgendaItem");
  s["MeetingView"]["properties"]["decisions"] = list("Decision");
  s["DecisionDraft"] = object({{"meeting_id", integer}, {"escalation_id", integer}, {"approve", boolean}, {"threat_id", integer},
                               {"decision", str}, {"rationale", str}}, {"decision", "rationale"});
  s["Decision"] = open({{"id", integer}, {"agency", str}, {"meeting_id", integer}, {"outside_meeting", boolean},
                        {"awaits_ratification", boolean}, {"decision", str}, {"rationale", str}, {"decided_by", integer}, {"decided_by_name", str},
                        {"decided_at", str}, {"ratified_in", integer}});
  s["DecisionList"] = list("Decision");
  s["Ratification"] = object({{"meeting_id", integer}}, {"meeting_id"});
  s["EscalationDraft"] = object({{"to_unit_id", integer}, {"threat_id", integer}, {"request", str}, {"support", str}, {"decide_by", str}},
                                {"to_unit_id", "request", "support", "decide_by"});
  s["Escalation"] = open({{"id", integer}, {"direction", {{"type", "string"}, {"enum", json::array({"to specialist", "to bcu"})}}},
                          {"from_unit", str}, {"to_unit", str}, {"request", str}, {"support", str}, {"decide_by", str},
                          {"status", {{"type", "string"}, {"enum", {"open", "approved", "declined"}}}}, {"overdue", boolean},
                          {"days_to_decision", {{"type", json::array({"number", "null"})}}}});
  s["EscalationList"] = list("Escalation");
  const json task_status{{"type", "string"}, {"enum", {"open", "in progress", "done", "cancelled"}}};
  s["TaskDraft"] = object({{"title", str}, {"detail", str}, {"assigned_agency", str}, {"assigned_unit_id", integer}, {"owner", str},
                           {"threat_id", integer}, {"decision_id", integer}, {"deadline", str}}, {"title", "deadline"});
  s["Task"] = open({{"id", integer}, {"agency", str}, {"title", str}, {"assigned_agency", str}, {"owner", str}, {"deadline", str},
                    {"status", task_status}, {"overdue", boolean}, {"updates", {{"type", "array"}, {"items", {{"type", "object"}}}}}});
  s["TaskPage"] = object({{"items", list("Task")}, {"total", integer}, {"limit", integer}, {"offset", integer}});
  s["TaskUpdate"] = object({{"status", task_status}, {"note", str}}, {"status", "note"});
  s["PlanDraft"] = object({{"aim", str}, {"next_review", str}, {"lro_user_id", integer}}, {"aim", "next_review"});
  const json four_p{{"type", "string"}, {"enum", {"pursue", "prevent", "protect", "prepare"}}};
  s["PlanActionDraft"] = object({{"p", four_p}, {"description", str}, {"owner_agency", str}, {"owner", str}, {"due", str}}, {"p", "description"});
  s["PlanActionState"] = object({{"done", boolean}}, {"done"});
  s["PlanReviewDraft"] = object({{"note", str}, {"next_review", str}}, {"note", "next_review"});
  s["Plan"] = open({{"id", integer}, {"threat_id", integer}, {"lro_user_id", integer}, {"aim", str}, {"next_review", str},
                    {"current", boolean}, {"actions", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                    {"reviews", {{"type", "array"}, {"items", {{"type", "object"}}}}}});
  s["CoverageCell"] = open({{"key", str}, {"threats", integer}, {"with_plan", integer}, {"share", number}});
  s["PlanCoverage"] = open({{"overall", ref("CoverageCell")}, {"by_agency", list("CoverageCell")}, {"by_area", list("CoverageCell")},
                            {"by_tier", list("CoverageCell")}, {"by_crime_type", list("CoverageCell")},
                            {"threats", {{"type", "array"}, {"items", {{"type", "object"}}}}}});
  s["ThreatArea"] = object({{"unit_id", integer}}, {"unit_id"});
  s["LocalProfile"] = open({{"area", {{"type", "object"}}}, {"generated_at", str}, {"threats", {{"type", "array"}}},
                            {"vulnerabilities", {{"type", "array"}}}, {"open_tasks", list("Task")}, {"partners", {{"type", "array"}}},
                            {"four_p", {{"type", "array"}}}, {"plan_coverage", ref("CoverageCell")},
                            {"disruptions", open({{"available", boolean}, {"note", str}})}});
}

}  // namespace rocta::api
