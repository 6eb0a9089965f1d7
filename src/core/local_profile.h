// The tallies of an area's local profile (app/four_p_plans.h local_profile), computed from
// records the app has already read: pure functions, no store.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/disruption.h"
#include "core/four_p_plan.h"
#include "core/tasking.h"
#include "core/threat.h"

namespace rocta {

// Coverage of the located threats past assessment: current when the threat's plan (among
// `plans`, its action count among `actions`) is current on `today`.
std::vector<CoverageRow> area_coverage_rows(const std::vector<Threat>& located, const std::string& area,
                                            const std::vector<FourPPlan>& plans, const std::vector<PlanAction>& actions,
                                            const std::string& today);

// Lead disruptions only: all of them, and those recorded on or after `since` by their
// principal (national) outcome, every P present (0 when none).
struct DisruptionTally {
  int64_t total = 0, last_year = 0;
  std::map<std::string, int64_t> by_4p;
};
DisruptionTally tally_lead_disruptions(const std::vector<Disruption>& recorded, const std::string& since);
// "3 lead disruptions recorded against these threats; 2 since 2025-12-04 (pursue 1, …)."
std::string disruptions_note(const DisruptionTally& tally, const std::string& since);

struct PartnerContribution {
  std::string agency;
  std::string what;  // "3 intelligence reports", "2 tasks (1 done)", "4 4P plan actions"
};
// What partner agencies supplied, in this order: intelligence reports (agency and count, as
// given), tasks assigned to a partner (with how many are done) and plan actions a partner
// owns, each by agency.
std::vector<PartnerContribution> partner_contributions(const std::vector<std::pair<std::string, int>>& reports,
                                                       const std::vector<Task>& tasks, const std::vector<PlanAction>& actions,
                                                       const std::set<std::string>& partner_agencies);

// The protective marking a profile carries, printed or on screen: the area's agency owns
// it, no wider than its owner; at least OFFICIAL-SENSITIVE (it gathers the area's threat
// picture), and as high as the highest record it shows; a compartment when a record shown
// is in one.
Marking profile_marking(const std::string& agency, const std::vector<Threat>& threats,
                        const std::vector<Threat>& vulnerabilities);

}  // namespace rocta
