#include "api/tasking_codec.h"

#include <algorithm>

#include "api/json_codec.h"
#include "core/local_profile.h"

namespace rocta::json_codec {
namespace {

json optional_time(int64_t ms) { return ms ? json(iso_timestamp(ms)) : json(nullptr); }
json optional_id(int64_t id) { return id ? json(id) : json(nullptr); }

json to_json(const AgendaItem& i) {
  return {{"kind", to_string(i.kind)}, {"ref_id", i.ref_id}, {"title", i.title}, {"detail", i.detail}, {"overdue", i.overdue}};
}

json to_json(const Task& t) {
  return {{"id", t.id}, {"agency", t.agency}, {"title", t.title}, {"detail", t.detail}, {"assigned_agency", t.assigned_agency},
          {"assigned_unit_id", optional_id(t.assigned_unit_id)}, {"owner", t.owner}, {"threat_id", optional_id(t.threat_id)},
          {"decision_id", optional_id(t.decision_id)}, {"deadline", t.deadline}, {"status", to_string(t.status)},
          {"created_by", t.created_by}, {"created_at", iso_timestamp(t.created_at_ms)}, {"updated_at", iso_timestamp(t.updated_at_ms)},
          {"version", t.version}};
}

json to_json(const PlanAction& a) {
  return {{"id", a.id}, {"p", four_p_key(a.p)}, {"description", a.description}, {"owner_agency", a.owner_agency},
          {"owner", a.owner}, {"partner", a.partner}, {"due", a.due}, {"done", a.done}};
}

json to_json(const CoverageCell& c) {
  return {{"key", c.key}, {"threats", c.threats}, {"with_plan", c.with_plan}, {"share", c.share}};
}

json cells(const std::vector<CoverageCell>& v) {
  json out = json::array();
  for (const auto& c : v) out.push_back(to_json(c));
  return out;
}

}  // namespace

json threat_brief(const Threat& t) {
  return {{"id", t.id}, {"reference", t.reference}, {"name", t.name}, {"threat_type", to_string(t.type)},
          {"tier", t.tier ? json(*t.tier) : json(nullptr)}, {"primary_crime_type", t.primary_crime_type},
          {"morile_score", t.morile_score ? json(*t.morile_score) : json(nullptr)},
          {"moderation_status", to_string(t.moderation)}, {"owning_agency", t.marking.owning_agency},
          {"lro_user_id", optional_id(t.lro_user_id)}};
}

json to_json(const ControlPriority& p, const std::string& today) {
  return {{"id", p.id}, {"agency", p.agency}, {"rank", p.rank}, {"title", p.title}, {"description", p.description},
          {"crime_type", p.crime_type}, {"effective_from", p.effective_from},
          {"effective_to", p.effective_to.empty() ? json(nullptr) : json(p.effective_to)}, {"in_force", in_force(p, today)},
          {"set_by", p.set_by}, {"set_at", iso_timestamp(p.set_at_ms)}};
}

json to_json(const TaskingMeeting& m) {
  return {{"id", m.id}, {"agency", m.agency}, {"unit_id", m.unit_id}, {"level", to_string(m.level)}, {"title", m.title},
          {"held_on", m.held_on}, {"chair_id", m.chair_id}, {"tactical_assessment", m.tactical_assessment},
          {"created_at", iso_timestamp(m.created_at_ms)}};
}

json to_json(const MeetingView& v) {
  json j = to_json(v.meeting);
  j["unit_name"] = v.unit_name;
  j["agenda"] = json::array();
  for (const auto& i : v.agenda) j["agenda"].push_back(to_json(i));
  j["decisions"] = json::array();
  for (const auto& d : v.decisions) j["decisions"].push_back(to_json(d));
  return j;
}

json to_json(const TaskingDecision& d) {
  return {{"id", d.id}, {"agency", d.agency}, {"meeting_id", optional_id(d.meeting_id)}, {"outside_meeting", d.outside_meeting()},
          {"awaits_ratification", d.awaits_ratification()}, {"escalation_id", optional_id(d.escalation_id)},
          {"threat_id", optional_id(d.threat_id)}, {"decision", d.decision}, {"rationale", d.rationale},
          {"decided_by", d.decided_by}, {"decided_by_name", d.decided_by_name}, {"decided_at", iso_timestamp(d.decided_at_ms)},
          {"ratified_in", optional_id(d.ratified_in)}, {"ratified_by", optional_id(d.ratified_by)},
          {"ratified_at", optional_time(d.ratified_at_ms)}};
}

json to_json(const EscalationView& v) {
  const Escalation& e = v.escalation;
  return {{"id", e.id}, {"agency", e.agency}, {"direction", to_string(e.direction)}, {"from_unit_id", e.from_unit_id},
          {"from_unit", v.from_unit}, {"to_unit_id", e.to_unit_id}, {"to_unit", v.to_unit}, {"threat_id", optional_id(e.threat_id)},
          {"request", e.request}, {"support", e.support}, {"raised_by", e.raised_by}, {"raised_at", iso_timestamp(e.raised_at_ms)},
          {"decide_by", e.decide_by}, {"status", to_string(e.status)}, {"decision_id", optional_id(e.decision_id)},
          {"decided_at", optional_time(e.decided_at_ms)}, {"overdue", v.overdue},
          {"days_to_decision", v.days_to_decision ? json(*v.days_to_decision) : json(nullptr)}};
}

json to_json(const TaskView& v) {
  json j = to_json(v.task);
  j["overdue"] = v.overdue;
  j["updates"] = json::array();
  for (const auto& u : v.updates)
    j["updates"].push_back({{"id", u.id}, {"by", u.by}, {"by_name", u.by_name}, {"by_agency", u.by_agency},
                            {"at", iso_timestamp(u.at_ms)}, {"status", to_string(u.status)}, {"note", u.note}});
  return j;
}

json to_json(const PlanView& v) {
  const FourPPlan& p = v.plan;
  json j{{"id", p.id}, {"threat_id", p.threat_id}, {"agency", p.agency}, {"lro_user_id", p.lro_user_id}, {"lro_name", v.lro_name},
         {"aim", p.aim}, {"next_review", p.next_review}, {"closed", p.closed}, {"current", v.current},
         {"created_at", iso_timestamp(p.created_at_ms)}, {"threat", threat_brief(v.threat)}};
  j["actions"] = json::array();
  for (const auto& a : p.actions) j["actions"].push_back(to_json(a));
  j["reviews"] = json::array();
  for (const auto& r : v.reviews)
    j["reviews"].push_back({{"id", r.id}, {"reviewed_by", r.reviewed_by}, {"reviewed_at", iso_timestamp(r.reviewed_at_ms)},
                            {"note", r.note}, {"next_review", r.next_review}});
  return j;
}

json to_json(const CoverageReport& r) {
  const PlanCoverage& c = r.coverage;
  json threats = json::array();
  for (const auto& l : r.threats)
    threats.push_back({{"threat", threat_brief(l.threat)}, {"area", l.area}, {"plan_id", optional_id(l.plan_id)},
                       {"current", l.current}, {"next_review", l.next_review}});
  return {{"overall", to_json(c.overall)}, {"by_agency", cells(c.by_agency)}, {"by_area", cells(c.by_area)},
          {"by_tier", cells(c.by_tier)}, {"by_crime_type", cells(c.by_crime_type)}, {"threats", threats}};
}

json to_json(const LocalProfile& p) {
  json threats = json::array(), vulnerabilities = json::array(), tasks = json::array(), partners = json::array(),
       approach = json::array();
  for (const auto& t : p.threats) threats.push_back(threat_brief(t));
  for (const auto& t : p.vulnerabilities) vulnerabilities.push_back(threat_brief(t));
  for (const auto& t : p.open_tasks) tasks.push_back(to_json(t));
  for (const auto& c : p.partners) partners.push_back({{"agency", c.agency}, {"what", c.what}});
  for (const auto& a : p.approach)
    approach.push_back({{"p", four_p_key(a.p)}, {"actions", a.actions}, {"partner_actions", a.partner_actions}, {"open", a.open}});
  return {{"area", {{"id", p.area.id}, {"agency", p.area.agency}, {"name", p.area.name}}}, {"generated_at", p.generated_at},
          {"marking", to_json(profile_marking(p.area.agency, p.threats, p.vulnerabilities))},
          {"threats", threats}, {"vulnerabilities", vulnerabilities}, {"open_tasks", tasks}, {"partners", partners},
          {"four_p", approach}, {"plan_coverage", to_json(p.coverage)},
          {"disruptions", {{"available", true}, {"total", p.disruptions_total}, {"last_twelve_months", p.disruptions_last_year},
                           {"by_4p", p.disruptions_by_4p}, {"note", p.disruptions_note}}}};
}

Fields::Fields(const json& body, std::initializer_list<const char*> allowed) : body_(body) {
  for (auto it = body.begin(); it != body.end(); ++it)
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* k) { return it.key() == k; })) {
      status_ = invalid("unknown field '" + it.key() + "'", it.key());
      return;
    }
}

const json* Fields::find(const char* key, bool required) {
  if (!status_.is_ok()) return nullptr;
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) {
    if (required) status_ = invalid(std::string("field '") + key + "' is required", key);
    return nullptr;
  }
  return &*it;
}

Fields& Fields::text(const char* key, std::string& out, bool required) {
  if (const json* v = find(key, required)) {
    if (!v->is_string()) status_ = invalid(std::string("field '") + key + "' is a string", key);
    else out = v->get<std::string>();
  }
  return *this;
}

Fields& Fields::id(const char* key, int64_t& out, bool required) {
  if (const json* v = find(key, required)) {
    if (!v->is_number_integer() || v->get<int64_t>() < 0) status_ = invalid(std::string("field '") + key + "' is an id", key);
    else out = v->get<int64_t>();
  }
  return *this;
}

Fields& Fields::integer(const char* key, int& out, bool required) {
  if (const json* v = find(key, required)) {
    if (!v->is_number_integer() || v->get<int64_t>() < -1000000 || v->get<int64_t>() > 1000000)
      status_ = invalid(std::string("field '") + key + "' is a whole number", key);
    else out = v->get<int>();
  }
  return *this;
}

Fields& Fields::boolean(const char* key, bool& out, bool required) {
  if (const json* v = find(key, required)) {
    if (!v->is_boolean()) status_ = invalid(std::string("field '") + key + "' is true or false", key);
    else out = v->get<bool>();
  }
  return *this;
}

Status read_priority(const json& body, ControlPriority& out) {
  return Fields(body, {"agency", "rank", "title", "description", "crime_type", "effective_from"})
      .text("agency", out.agency).integer("rank", out.rank).text("title", out.title, true).text("description", out.description)
      .text("crime_type", out.crime_type).text("effective_from", out.effective_from, true).status();
}

Status read_meeting(const json& body, TaskingMeeting& out) {
  std::string level = "force";
  Fields f(body, {"unit_id", "level", "title", "held_on", "tactical_assessment"});
  f.id("unit_id", out.unit_id, true).text("level", level).text("title", out.title, true).text("held_on", out.held_on, true)
      .text("tactical_assessment", out.tactical_assessment);
  ROCTA_RETURN_IF_ERROR(f.status());
  auto l = parse_meeting_level(level);
  if (!l) return invalid("field 'level' is force, bcu or specialist", "level");
  out.level = *l;
  return Status::ok();
}

Status read_decision(const json& body, DecisionDraft& out) {
  return Fields(body, {"meeting_id", "escalation_id", "approve", "threat_id", "decision", "rationale"})
      .id("meeting_id", out.meeting_id).id("escalation_id", out.escalation_id).boolean("approve", out.approve)
      .id("threat_id", out.threat_id).text("decision", out.decision, true).text("rationale", out.rationale, true).status();
}

Status read_escalation(const json& body, Escalation& out) {
  return Fields(body, {"to_unit_id", "threat_id", "request", "support", "decide_by"})
      .id("to_unit_id", out.to_unit_id, true).id("threat_id", out.threat_id).text("request", out.request, true)
      .text("support", out.support, true).text("decide_by", out.decide_by, true).status();
}

Status read_task(const json& body, Task& out) {
  return Fields(body, {"title", "detail", "assigned_agency", "assigned_unit_id", "owner", "threat_id", "decision_id", "deadline"})
      .text("title", out.title, true).text("detail", out.detail).text("assigned_agency", out.assigned_agency)
      .id("assigned_unit_id", out.assigned_unit_id).text("owner", out.owner).id("threat_id", out.threat_id)
      .id("decision_id", out.decision_id).text("deadline", out.deadline, true).status();
}

Status read_plan(const json& body, FourPPlan& out) {
  return Fields(body, {"aim", "next_review", "lro_user_id"})
      .text("aim", out.aim, true).text("next_review", out.next_review, true).id("lro_user_id", out.lro_user_id).status();
}

Status read_plan_action(const json& body, PlanAction& out) {
  std::string p;
  Fields f(body, {"p", "description", "owner_agency", "owner", "due"});
  f.text("p", p, true).text("description", out.description, true).text("owner_agency", out.owner_agency)
      .text("owner", out.owner).text("due", out.due);
  ROCTA_RETURN_IF_ERROR(f.status());
  auto parsed = parse_four_p(p);
  if (!parsed) return invalid("field 'p' is pursue, prevent, protect or prepare", "p");
  out.p = *parsed;
  return Status::ok();
}

Status read_plan_review(const json& body, PlanReview& out) {
  return Fields(body, {"note", "next_review"}).text("note", out.note, true).text("next_review", out.next_review, true).status();
}

}  // namespace rocta::json_codec
