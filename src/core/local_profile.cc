#include "core/local_profile.h"

namespace rocta {

std::vector<CoverageRow> area_coverage_rows(const std::vector<Threat>& located, const std::string& area,
                                            const std::vector<FourPPlan>& plans, const std::vector<PlanAction>& actions,
                                            const std::string& today) {
  std::map<int64_t, const FourPPlan*> plan_of_threat;
  for (const auto& p : plans) plan_of_threat.emplace(p.threat_id, &p);
  std::map<int64_t, int> actions_of_plan;
  for (const auto& a : actions) ++actions_of_plan[a.plan_id];
  std::vector<CoverageRow> rows;
  for (const auto& t : located) {
    if (!past_assessment(t)) continue;
    auto plan = plan_of_threat.find(t.id);
    const bool current = plan != plan_of_threat.end() &&
                         is_current(*plan->second, actions_of_plan[plan->second->id], today);
    rows.push_back({t.id, t.marking.owning_agency, area, t.tier.value_or(0), t.primary_crime_type, current});
  }
  return rows;
}

DisruptionTally tally_lead_disruptions(const std::vector<Disruption>& recorded, const std::string& since) {
  DisruptionTally out;
  for (FourP p : all_four_p()) out.by_4p[std::string(to_string(p))] = 0;
  for (const auto& d : recorded) {
    if (d.role != DisruptionRole::kLead) continue;
    ++out.total;
    if (d.record_date < since) continue;
    ++out.last_year;
    ++out.by_4p[std::string(to_string(d.principal()))];
  }
  return out;
}

std::string disruptions_note(const DisruptionTally& tally, const std::string& since) {
  std::string note = std::to_string(tally.total) + " lead disruptions recorded against these threats; " +
                     std::to_string(tally.last_year) + " since " + since;
  if (tally.last_year > 0) {
    std::string split;
    for (const auto& [p, n] : tally.by_4p) split += (split.empty() ? "" : ", ") + p + " " + std::to_string(n);
    note += " (" + split + ")";
  }
  return note + ".";
}

std::vector<PartnerContribution> partner_contributions(const std::vector<std::pair<std::string, int>>& reports,
                                                       const std::vector<Task>& tasks, const std::vector<PlanAction>& actions,
                                                       const std::set<std::string>& partner_agencies) {
  std::vector<PartnerContribution> out;
  for (const auto& [agency, n] : reports) out.push_back({agency, std::to_string(n) + " intelligence reports"});
  std::map<std::string, std::pair<int, int>> partner_tasks;
  for (const auto& t : tasks) {
    if (!partner_agencies.count(t.assigned_agency)) continue;
    ++partner_tasks[t.assigned_agency].first;
    if (t.status == TaskStatus::kDone) ++partner_tasks[t.assigned_agency].second;
  }
  for (const auto& [agency, n] : partner_tasks)
    out.push_back({agency, std::to_string(n.first) + " tasks (" + std::to_string(n.second) + " done)"});
  std::map<std::string, int> partner_actions;
  for (const auto& a : actions)
    if (a.partner) ++partner_actions[a.owner_agency];
  for (const auto& [agency, n] : partner_actions) out.push_back({agency, std::to_string(n) + " 4P plan actions"});
  return out;
}

Marking profile_marking(const std::string& agency, const std::vector<Threat>& threats,
                        const std::vector<Threat>& vulnerabilities) {
  Marking m;
  m.owning_agency = agency;
  m.scope = SharingScope::kOwnerOnly;
  for (const auto* list : {&threats, &vulnerabilities})
    for (const auto& t : *list) {
      if (t.marking.classification > m.classification) m.classification = t.marking.classification;
      if (m.compartment.empty()) m.compartment = t.marking.compartment;
    }
  m.sensitive = m.classification == Classification::kOfficial;
  return m;
}

}  // namespace rocta
