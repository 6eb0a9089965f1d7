// JSON for tasking, 4P plans and local profiles (the rest of the codec is json_codec.h).
// Readers are strict, as there: an unknown field, a wrong type or a missing required field
// is an error naming the field, and nothing is applied.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/four_p_plans.h"
#include "app/tasking.h"
#include "core/threat.h"

namespace rocta::json_codec {

using nlohmann::json;

json to_json(const ControlPriority& p, const std::string& today);
json to_json(const TaskingMeeting& m);
json to_json(const MeetingView& v);
json to_json(const TaskingDecision& d);
json to_json(const EscalationView& v);
json to_json(const TaskView& v);
json to_json(const PlanView& v);
json to_json(const CoverageReport& r);
json to_json(const LocalProfile& p);
// The few fields of a threat that tasking screens show.
json threat_brief(const Threat& t);

Status read_priority(const json& body, ControlPriority& out);
Status read_meeting(const json& body, TaskingMeeting& out);
Status read_decision(const json& body, DecisionDraft& out);
Status read_escalation(const json& body, Escalation& out);
Status read_task(const json& body, Task& out);
Status read_plan(const json& body, FourPPlan& out);
Status read_plan_action(const json& body, PlanAction& out);
Status read_plan_review(const json& body, PlanReview& out);

// A field reader: checks that `body` holds only `allowed` fields, then reads each field.
class Fields {
 public:
  Fields(const json& body, std::initializer_list<const char*> allowed);
  Status status() const { return status_; }
  Fields& text(const char* key, std::string& out, bool required = false);
  Fields& id(const char* key, int64_t& out, bool required = false);
  Fields& integer(const char* key, int& out, bool required = false);
  Fields& boolean(const char* key, bool& out, bool required = false);

 private:
  const json* find(const char* key, bool required);
  const json& body_;
  Status status_;
};

}  // namespace rocta::json_codec
