// 4P plans (pursue, prevent, protect, prepare) and the SOC local profile, as pure rules.
//
// A threat past assessment has one plan, owned by its lead responsible officer (LRO), with
// actions under each P (a partner agency may own an action), a review date and a record of
// reviews. A plan is current while it is open, has at least one action and its review is
// not overdue. Coverage is the share of threats past assessment with a current plan.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/disruption.h"
#include "core/tasking.h"

namespace rocta {

// FourP, to_string(FourP) ("Pursue", …) and parse_four_p (any case) are in core/disruption.h.
std::string four_p_key(FourP p);  // "pursue", "prevent", "protect", "prepare": the plan's keys
inline constexpr FourP kFourPs[] = {FourP::kPursue, FourP::kPrevent, FourP::kProtect, FourP::kPrepare};

struct PlanAction {
  int64_t id = 0;
  int64_t plan_id = 0;
  FourP p = FourP::kPursue;
  std::string description;
  std::string owner_agency;  // a force, or a partner agency
  std::string owner;         // the person or team
  bool partner = false;      // the owner agency is a partner agency
  std::string due;           // YYYY-MM-DD or empty
  bool done = false;
};

struct PlanReview {
  int64_t id = 0;
  int64_t plan_id = 0;
  int64_t reviewed_by = 0;
  int64_t reviewed_at_ms = 0;
  std::string note;
  std::string next_review;  // YYYY-MM-DD
};

struct FourPPlan {
  int64_t id = 0;
  int64_t threat_id = 0;
  std::string agency;  // the threat's owning agency
  int64_t lro_user_id = 0;
  std::string aim;
  std::string next_review;  // YYYY-MM-DD
  bool closed = false;
  int64_t created_by = 0;
  int64_t created_at_ms = 0;
  std::vector<PlanAction> actions;  // filled by the reader when wanted
};

Status validate_plan(const FourPPlan& p);
Status validate_action(const PlanAction& a);
// The next review must fall after the review; `today` is the review's date.
Status validate_review(const PlanReview& r, const std::string& today);
// Only a moderated, open threat is past assessment and needs a plan.
bool past_assessment(const Threat& t);
bool is_current(const FourPPlan& p, int action_count, const std::string& today);

// One threat past assessment, as coverage counts it.
struct CoverageRow {
  int64_t threat_id = 0;
  std::string agency;
  std::string area;  // the BCU or rail area it is located in; empty: not located
  int tier = 0;
  std::string crime_type;
  bool current_plan = false;
};

struct CoverageCell {
  std::string key;
  int threats = 0;
  int with_plan = 0;
  double share = 0;  // with_plan / threats, 0..1
};

struct PlanCoverage {
  CoverageCell overall;
  std::vector<CoverageCell> by_agency, by_area, by_tier, by_crime_type;  // each by key
};
PlanCoverage plan_coverage(const std::vector<CoverageRow>& rows);

// The 4P approach of an area: actions by P, and how many a partner owns.
struct FourPCount {
  FourP p = FourP::kPursue;
  int actions = 0;
  int partner_actions = 0;
  int open = 0;
};
std::vector<FourPCount> four_p_approach(const std::vector<PlanAction>& actions);

}  // namespace rocta
