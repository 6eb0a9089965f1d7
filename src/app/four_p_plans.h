// Use cases of 4P plans, their coverage figures, where threats are located, and the SOC
// local profile of a BCU (or a BTP rail area). Law enforcement only; a plan is seen through
// its threat: who may not read the threat sees no plan.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "core/local_profile.h"
#include "core/organisation.h"
#include "core/threat.h"
#include "store/tasking_repository.h"

namespace rocta {

struct PlanView {
  FourPPlan plan;
  Threat threat;
  std::vector<PlanReview> reviews;
  bool current = false;
  std::string lro_name;
};

// The threat's lead responsible officer (or a tasking chair of its agency) writes a plan
// for a threat past assessment; the plan's LRO becomes the threat's.
Result<PlanView> create_plan(App& app, const Caller& caller, int64_t threat_id, FourPPlan draft);
Result<PlanView> open_plan(App& app, const Caller& caller, int64_t plan_id);
Result<PlanView> plan_of_threat(App& app, const Caller& caller, int64_t threat_id);
// An action under one P; `partner` follows from the owning agency's kind.
Result<PlanView> add_plan_action(App& app, const Caller& caller, int64_t plan_id, PlanAction draft);
Result<PlanView> set_plan_action_done(App& app, const Caller& caller, int64_t plan_id, int64_t action_id, bool done);
// Records a review and moves the plan's next review date.
Result<PlanView> review_plan(App& app, const Caller& caller, int64_t plan_id, PlanReview draft);

struct CoverageLine {
  Threat threat;
  std::string area;
  int64_t plan_id = 0;  // 0: no plan
  bool current = false;
  std::string next_review;
};
struct CoverageReport {
  PlanCoverage coverage;
  std::vector<CoverageLine> threats;  // every threat past assessment, with its plan state
};
// Threats past assessment owned in the caller's region that the caller may read.
Result<CoverageReport> plan_coverage_report(App& app, const Caller& caller);

// Places a threat in a BCU or rail area (a unit of kind bcu); 0 removes it.
Status locate_threat(App& app, const Caller& caller, int64_t threat_id, int64_t unit_id);

struct LocalProfile {
  Unit area;
  std::string generated_at;
  std::vector<Threat> threats;          // OCGs and priority individuals located there
  std::vector<Threat> vulnerabilities;  // SOC vulnerabilities located there
  std::vector<Task> open_tasks;         // on those threats
  std::vector<PartnerContribution> partners;
  std::vector<FourPCount> approach;
  CoverageCell coverage;
  // Lead disruptions recorded against these threats: all of them, and those of the last
  // twelve months by their principal (national) outcome; and the same in a sentence.
  int64_t disruptions_total = 0, disruptions_last_year = 0;
  std::map<std::string, int64_t> disruptions_by_4p;
  std::string disruptions_note;
};
// Areas a profile can be drawn for: BCUs of the caller's region's forces (BTP's rail areas
// are its BCU-level units).
Result<std::vector<Unit>> profile_areas(App& app, const Caller& caller);
// With `area_id`: only the threats with a place in or meeting that loaded area (app/places.h
// records_in_area), and what follows from them; NotFound for an unknown area.
Result<LocalProfile> local_profile(App& app, const Caller& caller, int64_t unit_id, int64_t area_id = 0);

}  // namespace rocta
