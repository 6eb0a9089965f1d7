#include "core/four_p_plan.h"

#include "core/text.h"

namespace rocta {

std::string four_p_key(FourP p) { return lower(to_string(p)); }

Status validate_plan(const FourPPlan& p) {
  if (p.threat_id <= 0) return invalid("a plan is for a threat", "threat_id");
  if (p.lro_user_id <= 0) return invalid("a plan has a lead responsible officer", "lro_user_id");
  if (trim(p.aim).empty() || p.aim.size() > 5000) return invalid("state the plan's aim (at most 5,000 characters)", "aim");
  if (!is_iso_date(p.next_review)) return invalid("the review date is a date, YYYY-MM-DD", "next_review");
  return Status::ok();
}

Status validate_action(const PlanAction& a) {
  if (trim(a.description).empty() || a.description.size() > 5000)
    return invalid("describe the action (at most 5,000 characters)", "description");
  if (a.owner_agency.empty()) return invalid("an action is owned by an agency", "owner_agency");
  if (a.owner.size() > 200) return invalid("the owner is at most 200 characters", "owner");
  if (!a.due.empty() && !is_iso_date(a.due)) return invalid("the due date is a date, YYYY-MM-DD", "due");
  return Status::ok();
}

Status validate_review(const PlanReview& r, const std::string& today) {
  if (trim(r.note).empty() || r.note.size() > 20000) return invalid("record what the review found", "note");
  if (!is_iso_date(r.next_review)) return invalid("the next review is a date, YYYY-MM-DD", "next_review");
  if (r.next_review <= today) return invalid("the next review falls after today", "next_review");
  return Status::ok();
}

bool past_assessment(const Threat& t) { return t.moderation == ModerationStatus::kModerated && !t.is_closed(); }

bool is_current(const FourPPlan& p, int action_count, const std::string& today) {
  return !p.closed && action_count > 0 && p.next_review >= today;
}

namespace {

void count(std::map<std::string, CoverageCell>& cells, const std::string& key, bool with_plan) {
  CoverageCell& c = cells[key];
  c.key = key;
  ++c.threats;
  if (with_plan) ++c.with_plan;
}

std::vector<CoverageCell> shares(std::map<std::string, CoverageCell>& cells) {
  std::vector<CoverageCell> out;
  for (auto& [k, c] : cells) {
    c.share = c.threats ? static_cast<double>(c.with_plan) / c.threats : 0;
    out.push_back(c);
  }
  return out;
}

}  // namespace

PlanCoverage plan_coverage(const std::vector<CoverageRow>& rows) {
  std::map<std::string, CoverageCell> overall, agency, area, tier, crime;
  for (const auto& r : rows) {
    count(overall, "all", r.current_plan);
    count(agency, r.agency, r.current_plan);
    count(area, r.area.empty() ? "(not located)" : r.area, r.current_plan);
    count(tier, r.tier ? "tier " + std::to_string(r.tier) : "(no tier)", r.current_plan);
    count(crime, r.crime_type.empty() ? "(none)" : r.crime_type, r.current_plan);
  }
  PlanCoverage out;
  auto all = shares(overall);
  out.overall = all.empty() ? CoverageCell{"all", 0, 0, 0} : all.front();
  out.by_agency = shares(agency);
  out.by_area = shares(area);
  out.by_tier = shares(tier);
  out.by_crime_type = shares(crime);
  return out;
}

std::vector<FourPCount> four_p_approach(const std::vector<PlanAction>& actions) {
  std::vector<FourPCount> out;
  for (FourP p : kFourPs) {
    FourPCount c{p, 0, 0, 0};
    for (const auto& a : actions) {
      if (a.p != p) continue;
      ++c.actions;
      if (a.partner) ++c.partner_actions;
      if (!a.done) ++c.open;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace rocta
