#include "app/four_p_plans.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/places.h"
#include "core/local_profile.h"
#include "store/agency_repository.h"
#include "store/disruption_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"

namespace rocta {
namespace {

using nlohmann::json;

Status need_law_enforcement(const Caller& c) {
  if (c.system || sees_tasking(c.user)) return Status::ok();
  return denied("4P plans and local profiles are for law enforcement; partners see the tasks given to them");
}

std::string today(const App& app) { return iso_date(app.clock.now_ms()); }

Result<Threat> readable_threat(Transaction& tx, const Caller& caller, int64_t id) {
  ROCTA_ASSIGN_OR_RETURN(Threat t, tx.threats().get(id, read_scope(caller.user)));
  if (!caller.system && !can(caller.user, Action::kRead, RecordKind::kThreat, t.marking))
    return not_found("threat " + std::to_string(id) + " not found");
  return t;
}

// The threat's LROs and its agency's tasking chairs write its plan.
Status need_plan_writer(const Caller& c, const std::string& agency) {
  if (c.system) return Status::ok();
  if (sees_tasking(c.user) && c.user.agency == agency &&
      (c.user.has(Role::kLeadResponsibleOfficer) || c.user.has(Role::kTaskingChair)))
    return Status::ok();
  return denied("only lead responsible officers and tasking chairs of " + agency + " write its 4P plans");
}

Result<PlanView> plan_view(Transaction& tx, const App& app, const Caller& caller, FourPPlan plan) {
  PlanView v;
  ROCTA_ASSIGN_OR_RETURN(v.threat, readable_threat(tx, caller, plan.threat_id));
  ROCTA_ASSIGN_OR_RETURN(v.reviews, tx.tasking().reviews(plan.id));
  v.current = is_current(plan, static_cast<int>(plan.actions.size()), today(app));
  auto lro = tx.users().get(plan.lro_user_id);
  if (lro.is_ok()) v.lro_name = lro->user.display_name;
  v.plan = std::move(plan);
  return v;
}

// The plan, if the caller may read its threat, and may write it.
Result<FourPPlan> writable_plan(Transaction& tx, const Caller& caller, int64_t plan_id) {
  ROCTA_ASSIGN_OR_RETURN(FourPPlan p, tx.tasking().plan(plan_id));
  ROCTA_RETURN_IF_ERROR(status_of(readable_threat(tx, caller, p.threat_id)));
  ROCTA_RETURN_IF_ERROR(need_plan_writer(caller, p.agency));
  return p;
}

// Writes the plan's change, audits it and returns the plan as it now stands.
Result<PlanView> finish(Transaction& tx, const App& app, const Caller& caller, int64_t plan_id, const AuditEntry& entry) {
  ROCTA_RETURN_IF_ERROR(append_audit(tx, app, caller, entry));
  ROCTA_ASSIGN_OR_RETURN(FourPPlan p, tx.tasking().plan(plan_id));
  ROCTA_ASSIGN_OR_RETURN(PlanView v, plan_view(tx, app, caller, std::move(p)));
  ROCTA_RETURN_IF_ERROR(tx.commit());
  return v;
}

}  // namespace

Result<PlanView> create_plan(App& app, const Caller& caller, int64_t threat_id, FourPPlan draft) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Threat t, readable_threat(*tx, caller, threat_id));
  ROCTA_RETURN_IF_ERROR(need_plan_writer(caller, t.marking.owning_agency));
  if (!past_assessment(t)) return Status(Code::kFailedPrecondition, "only a moderated, open threat is past assessment and takes a 4P plan");
  if (draft.lro_user_id == 0 && caller.user.has(Role::kLeadResponsibleOfficer)) draft.lro_user_id = caller.user.id;
  if (draft.lro_user_id) {
    auto lro = tx->users().get(draft.lro_user_id);
    if (!lro.is_ok() || lro->user.agency != t.marking.owning_agency || !lro->user.has(Role::kLeadResponsibleOfficer))
      return invalid("the lead responsible officer is an LRO of " + t.marking.owning_agency, "lro_user_id");
  }
  draft.id = 0;
  draft.threat_id = t.id;
  draft.agency = t.marking.owning_agency;
  draft.closed = false;
  draft.created_by = caller.user.id;
  draft.created_at_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(validate_plan(draft));
  ROCTA_ASSIGN_OR_RETURN(draft.id, tx->tasking().insert_plan(draft));
  if (t.lro_user_id != draft.lro_user_id) {
    t.lro_user_id = draft.lro_user_id;
    ++t.version;
    t.updated_at = iso_timestamp(app.clock.now_ms());
    ROCTA_RETURN_IF_ERROR(tx->threats().update(t));
  }
  return finish(*tx, app, caller, draft.id, {"plan.create", "threat", t.id, json{{"plan", draft.id}, {"lro", draft.lro_user_id}}.dump()});
}

Result<PlanView> open_plan(App& app, const Caller& caller, int64_t plan_id) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(FourPPlan p, tx->tasking().plan(plan_id));
  return plan_view(*tx, app, caller, std::move(p));
}

Result<PlanView> plan_of_threat(App& app, const Caller& caller, int64_t threat_id) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_RETURN_IF_ERROR(status_of(readable_threat(*tx, caller, threat_id)));
  ROCTA_ASSIGN_OR_RETURN(auto p, tx->tasking().plan_for_threat(threat_id));
  if (!p) return not_found("threat " + std::to_string(threat_id) + " has no 4P plan");
  return plan_view(*tx, app, caller, std::move(*p));
}

Result<PlanView> add_plan_action(App& app, const Caller& caller, int64_t plan_id, PlanAction draft) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(FourPPlan p, writable_plan(*tx, caller, plan_id));
  if (draft.owner_agency.empty()) draft.owner_agency = p.agency;
  auto owner = tx->agencies().get(draft.owner_agency);
  if (!owner.is_ok()) return invalid("unknown agency '" + draft.owner_agency + "'", "owner_agency");
  draft.id = 0;
  draft.plan_id = p.id;
  draft.partner = owner->kind == AgencyKind::kPartnerAgency;
  draft.done = false;
  ROCTA_RETURN_IF_ERROR(validate_action(draft));
  ROCTA_ASSIGN_OR_RETURN(draft.id, tx->tasking().insert_action(draft));
  json detail{{"plan", p.id}, {"p", four_p_key(draft.p)}, {"owner_agency", draft.owner_agency}};
  return finish(*tx, app, caller, p.id, {"plan.action.add", "threat", p.threat_id, detail.dump()});
}

Result<PlanView> set_plan_action_done(App& app, const Caller& caller, int64_t plan_id, int64_t action_id, bool done) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(FourPPlan p, writable_plan(*tx, caller, plan_id));
  for (auto& a : p.actions) {
    if (a.id != action_id) continue;
    a.done = done;
    ROCTA_RETURN_IF_ERROR(tx->tasking().update_action(a));
    json detail{{"plan", p.id}, {"action", a.id}, {"done", done}};
    return finish(*tx, app, caller, p.id, {"plan.action.update", "threat", p.threat_id, detail.dump()});
  }
  return not_found("action " + std::to_string(action_id) + " of plan " + std::to_string(plan_id) + " not found");
}

Result<PlanView> review_plan(App& app, const Caller& caller, int64_t plan_id, PlanReview draft) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_RETURN_IF_ERROR(validate_review(draft, today(app)));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(FourPPlan p, writable_plan(*tx, caller, plan_id));
  draft.id = 0;
  draft.plan_id = p.id;
  draft.reviewed_by = caller.user.id;
  draft.reviewed_at_ms = app.clock.now_ms();
  ROCTA_ASSIGN_OR_RETURN(draft.id, tx->tasking().insert_review(draft));
  p.next_review = draft.next_review;
  ROCTA_RETURN_IF_ERROR(tx->tasking().update_plan(p));
  return finish(*tx, app, caller, p.id, {"plan.review", "threat", p.threat_id, json{{"plan", p.id}, {"next_review", p.next_review}}.dump()});
}

Result<CoverageReport> plan_coverage_report(App& app, const Caller& caller) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto sources, tx->tasking().coverage_sources(caller.system ? "" : caller.user.region, read_scope(caller.user)));
  CoverageReport out;
  std::vector<CoverageRow> rows;
  for (auto& s : sources) {
    const bool current = s.has_plan && is_current(s.plan, s.actions, today(app));
    rows.push_back({s.threat.id, s.threat.marking.owning_agency, s.area, s.threat.tier.value_or(0), s.threat.primary_crime_type, current});
    out.threats.push_back({std::move(s.threat), s.area, s.has_plan ? s.plan.id : 0, current, s.has_plan ? s.plan.next_review : ""});
  }
  out.coverage = plan_coverage(rows);
  return out;
}

Status locate_threat(App& app, const Caller& caller, int64_t threat_id, int64_t unit_id) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Threat t, readable_threat(*tx, caller, threat_id));
  if (!caller.system && !can(caller.user, Action::kUpdate, RecordKind::kThreat, t.marking))
    return denied("only the owning agency places its threat");
  if (unit_id) {
    auto unit = tx->units().get(unit_id);
    if (!unit.is_ok() || unit->kind != UnitKind::kBcu) return invalid("a threat is placed in a BCU or rail area", "unit_id");
  }
  ROCTA_RETURN_IF_ERROR(tx->tasking().set_threat_area(threat_id, unit_id));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"threat.locate", "threat", threat_id, json{{"unit", unit_id}}.dump()}));
  return tx->commit();
}

Result<std::vector<Unit>> profile_areas(App& app, const Caller& caller) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx->agencies().list());
  std::map<std::string, std::string> region;
  for (const auto& a : agencies) region[a.code] = a.region;
  ROCTA_ASSIGN_OR_RETURN(auto units, tx->units().list(""));
  std::vector<Unit> out;
  for (auto& u : units)
    if (u.kind == UnitKind::kBcu && u.active && (caller.system || region[u.agency] == caller.user.region)) out.push_back(std::move(u));
  return out;
}

Result<LocalProfile> local_profile(App& app, const Caller& caller, int64_t unit_id, int64_t area_id) {
  ROCTA_RETURN_IF_ERROR(need_law_enforcement(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  LocalProfile lp;
  auto unit = tx->units().get(unit_id);
  if (!unit.is_ok() || unit->kind != UnitKind::kBcu) return not_found("area " + std::to_string(unit_id) + " not found");
  ROCTA_ASSIGN_OR_RETURN(Agency owner, tx->agencies().get(unit->agency));
  if (!caller.system && owner.region != caller.user.region) return not_found("area " + std::to_string(unit_id) + " not found");
  lp.area = *unit;
  lp.generated_at = iso_timestamp(app.clock.now_ms());
  const ReadScope scope = read_scope(caller.user);
  ROCTA_ASSIGN_OR_RETURN(auto located, tx->tasking().threats_in_area(unit_id, scope));
  if (area_id) {
    ROCTA_ASSIGN_OR_RETURN(auto in_area, records_in_area(*tx, caller, area_id, RecordKind::kThreat));
    std::erase_if(located, [&](const Threat& t) { return !std::binary_search(in_area.begin(), in_area.end(), t.id); });
  }
  std::vector<int64_t> ids;
  for (const auto& t : located) ids.push_back(t.id);
  ROCTA_ASSIGN_OR_RETURN(auto plans, tx->tasking().plans_for_threats(ids));
  ROCTA_ASSIGN_OR_RETURN(auto actions, tx->tasking().actions_for_threats(ids));
  lp.coverage = plan_coverage(area_coverage_rows(located, unit->name, plans, actions, today(app))).overall;
  lp.approach = four_p_approach(actions);
  const std::string since = iso_date(app.clock.now_ms() - 365LL * 24 * 3600 * 1000);
  ROCTA_ASSIGN_OR_RETURN(auto recorded, tx->disruptions().of_threats(ids));
  const DisruptionTally tally = tally_lead_disruptions(recorded, since);
  lp.disruptions_total = tally.total;
  lp.disruptions_last_year = tally.last_year;
  lp.disruptions_by_4p = tally.by_4p;
  lp.disruptions_note = disruptions_note(tally, since);
  for (auto& t : located) (t.type == ThreatType::kVulnerability ? lp.vulnerabilities : lp.threats).push_back(std::move(t));
  if (ids.empty()) return lp;
  TaskQuery tq;
  tq.threat_ids = ids;
  tq.page = {200, 0};
  if (!caller.system) {
    tq.or_assigned = true;
    tq.region = caller.user.region;
    tq.assigned_agency = caller.user.agency;
  }
  ROCTA_ASSIGN_OR_RETURN(auto tasks, tx->tasking().tasks(tq));
  // Which partners supplied what: intelligence, work on tasks, actions in the plans.
  ROCTA_ASSIGN_OR_RETURN(auto supply, tx->tasking().partner_supply(ids, scope));
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx->agencies().list());
  std::vector<std::pair<std::string, int>> reports;
  for (const auto& s : supply) reports.emplace_back(s.agency, s.reports);
  std::set<std::string> partners;
  for (const auto& a : agencies)
    if (a.kind == AgencyKind::kPartnerAgency) partners.insert(a.code);
  lp.partners = partner_contributions(reports, tasks.items, actions, partners);
  for (auto& t : tasks.items)
    if (!t.is_closed()) lp.open_tasks.push_back(std::move(t));
  return lp;
}

}  // namespace rocta
