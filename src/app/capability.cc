#include "app/capability.h"

#include <set>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/disruptions.h"
#include "app/records.h"
#include "core/text.h"
#include "store/agency_repository.h"
#include "store/capability_repository.h"
#include "store/repository_transaction.h"
#include "store/unit_repository.h"

namespace rocta {
namespace {

using nlohmann::json;

std::string today(const App& app) { return iso_date(app.clock.now_ms()); }

Status need_reader(const Caller& c, const std::string& on) {
  if (c.system || may_read_capability(c.user, on)) return Status::ok();
  return denied("the capability figures are for inspectors, tasking chairs, administrators and analysts, and for partner "
                "agencies whose sharing agreement covers capability");
}

Status need_recorder(const Caller& c, const std::string& agency) {
  if (c.system || may_record_capability(c.user, agency)) return Status::ok();
  return denied("only administrators and analysts of " + agency + " keep its capability records");
}

// The agency a record is for: the caller's own (Rocta itself names one).
std::string agency_for(const Caller& c, const std::string& named) { return c.system && !named.empty() ? named : c.user.agency; }

// What a reader of capability reads through, on `on`: the scope of core/capability.h and the
// agencies it admits, both applied inside the store's query (Rocta itself: everything).
struct Sight {
  ReadScope scope;
  CapabilityQuery query;
};

Result<Sight> sight_of(Transaction& tx, const Caller& c, const std::string& on) {
  Sight s;
  s.query.unscoped = c.system;
  if (c.system) return s;
  s.scope = capability_scope(c.user, on);
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx.agencies().list());
  s.query.owners = capability_agencies(c.user, agencies, on);
  return s;
}

Result<Marking> marking_for(Transaction& tx, const std::string& agency) {
  ROCTA_ASSIGN_OR_RETURN(Agency a, tx.agencies().get(agency));
  return capability_marking(a.code, a.region);
}

Result<std::map<int64_t, std::string>> unit_names(Transaction& tx) {
  std::map<int64_t, std::string> out;
  ROCTA_ASSIGN_OR_RETURN(auto units, tx.units().list(""));
  for (const auto& u : units) out[u.id] = u.name;
  return out;
}

Status need_unit_of(Transaction& tx, int64_t unit_id, const std::string& agency, const char* field, bool bcu) {
  auto u = tx.units().get(unit_id);
  if (!u.is_ok() || u->agency != agency || (bcu && u->kind != UnitKind::kBcu))
    return invalid("unit " + std::to_string(unit_id) + " is not " + (bcu ? "a BCU" : "a unit") + " of " + agency, field);
  return Status::ok();
}

// Every record listed must pass the policy before anything of it is shown or counted (fail
// closed): the query already left out what the reader may not read; this says so again.
template <typename T>
Status check_listed(const Caller& caller, const std::vector<T>& records, const std::string& on) {
  if (caller.system) return Status::ok();
  for (const auto& r : records)
    if (r.agency != r.marking.owning_agency ||
        !may_read_capability_of(caller.user, r.marking.owning_agency, r.marking.owning_region, on))
      return Status(Code::kInternal, "access check failed on a listed capability record; nothing shown");
  return Status::ok();
}

// The agencies whose records an answer was computed from, for the audit trail.
template <typename T>
void add_agencies(std::set<std::string>& codes, const std::vector<T>& records) {
  for (const auto& r : records) codes.insert(r.agency);
}
template <typename... Lists>
json agencies_read(const Lists&... lists) {
  std::set<std::string> codes;
  (add_agencies(codes, lists), ...);
  return json(std::vector<std::string>(codes.begin(), codes.end()));
}

Status audit(Transaction& tx, App& app, const Caller& caller, const std::string& action, const std::string& kind, int64_t id,
             const json& detail) {
  return append_audit(tx, app, caller, {action, kind, id, detail.dump()});
}

// The pursue disruption an order against an asset is: on the case's threat, on its day.
Result<int64_t> order_disruption(Transaction& tx, App& app, const Caller& caller, const AssetCase& c) {
  Disruption d;
  d.threat_id = c.threat_id;
  d.record_date = c.ordered_on;
  d.outcomes = {FourP::kPursue};
  d.description = std::string(c.route == AssetRoute::kForfeiture ? "Forfeiture" : "Confiscation order") + " of " +
                  std::to_string(c.ordered_pence / 100) + " pounds: " + c.description + ".";
  // The asset team records the order; other outcomes are for the threat's owners to add.
  for (const auto& s : suggest_outcomes(d.description, d.outcomes)) d.prompts.push_back({s.rule, s.outcome, false});
  ROCTA_ASSIGN_OR_RETURN(Disruption saved, record_disruption_in(tx, app, caller, std::move(d)));
  return saved.id;
}

}  // namespace

Result<StaffingPost> record_post(App& app, const Caller& caller, StaffingPost p) {
  p.agency = agency_for(caller, p.agency);
  ROCTA_RETURN_IF_ERROR(need_recorder(caller, p.agency));
  ROCTA_RETURN_IF_ERROR(validate_post(p));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(need_unit_of(*tx, p.unit_id, p.agency, "unit_id", false));
  ROCTA_ASSIGN_OR_RETURN(p.marking, marking_for(*tx, p.agency));
  ROCTA_ASSIGN_OR_RETURN(p.id, tx->capability().insert_post(p));
  ROCTA_RETURN_IF_ERROR(audit(*tx, app, caller, "capability.post.create", "capability_post", p.id,
                              {{"month", p.month}, {"role", to_string(p.role)}, {"filled", p.filled}}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return p;
}

Result<std::vector<FiItem>> open_fi_items_in(Transaction& tx, App& app, const Caller& caller, const Disruption& d) {
  std::vector<FiItem> out;
  if (d.suspects.empty()) return out;
  if (std::find(d.outcomes.begin(), d.outcomes.end(), FourP::kPursue) == d.outcomes.end())
    return invalid("suspects arrested or charged are recorded on a pursue disruption", "suspects");
  ROCTA_ASSIGN_OR_RETURN(Marking marking, marking_for(tx, d.recording_agency));
  for (const auto& s : d.suspects) {
    ROCTA_RETURN_IF_ERROR(validate_suspect(s));
    if (s.bcu_unit_id) ROCTA_RETURN_IF_ERROR(need_unit_of(tx, s.bcu_unit_id, d.recording_agency, "suspects", true));
    FiItem i;
    i.agency = d.recording_agency, i.marking = marking;
    i.threat_id = d.threat_id, i.threat_reference = d.threat_reference;
    i.disruption_id = d.id, i.disruption_reference = d.reference;
    i.nominal_id = s.nominal_id, i.suspect = s.name, i.charged = s.charged, i.bcu_unit_id = s.bcu_unit_id;
    i.team_unit_id = caller.user.unit_id;
    i.opened_on = d.record_date;
    i.version = 1;
    ROCTA_ASSIGN_OR_RETURN(i.id, tx.capability().insert_fi_item(i));
    out.push_back(i);
  }
  ROCTA_RETURN_IF_ERROR(audit(tx, app, caller, "capability.fi.open", "disruption", d.id,
                              {{"disruption", d.reference}, {"items", static_cast<int64_t>(out.size())}}));
  return out;
}

Result<std::vector<FiItem>> list_fi_items(App& app, const Caller& caller, const FiItemFilter& filter) {
  const std::string on = today(app);
  ROCTA_RETURN_IF_ERROR(need_reader(caller, on));
  std::vector<FiItem> items;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(Sight sight, sight_of(*tx, caller, on));
    CapabilityQuery& q = sight.query;
    q.agency = filter.agency, q.threat_id = filter.threat_id, q.disruption_id = filter.disruption_id, q.state = filter.state;
    q.limit = 5000;
    ROCTA_ASSIGN_OR_RETURN(items, tx->capability().fi_items(sight.scope, q));
    ROCTA_RETURN_IF_ERROR(check_listed(caller, items, on));
  }
  ROCTA_RETURN_IF_ERROR(append_audit_now(
      app, caller, {"capability.fi.list", "", 0, json{{"shown", items.size()}, {"agencies", agencies_read(items)}}.dump()}));
  return items;
}

Result<FiItem> decide_fi_item(App& app, const Caller& caller, int64_t id, FiAction action, FiDeclineReason reason,
                              const std::string& note, int64_t expected_version) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(FiItem item, tx->capability().fi_item(id, read_scope(caller.user), caller.system));
  if (!caller.system && !may_decide_fi(caller.user, item.agency))
    return denied("financial investigators of " + item.agency + " (analysts, LROs, tasking chairs) decide its items");
  if (expected_version && item.version != expected_version)
    return Status(Code::kConflict, "the item is at version " + std::to_string(item.version) + ": someone decided it; reload first");
  ROCTA_ASSIGN_OR_RETURN(FiItem decided,
                         decide_fi(item, action, caller.user.id, caller.user.display_name, reason, note, today(app)));
  ROCTA_RETURN_IF_ERROR(tx->capability().update_fi_item(decided));
  json detail{{"state", to_string(decided.state)}, {"threat", decided.threat_reference}};
  if (decided.state == FiState::kDeclined) detail["reason"] = to_string(decided.reason);
  ROCTA_RETURN_IF_ERROR(audit(*tx, app, caller, "capability.fi.decide", "fi_item", id, detail));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return decided;
}

Result<AssetCase> record_asset_case(App& app, const Caller& caller, AssetCase c) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(c, record_asset_case_in(*tx, app, caller, std::move(c)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return c;
}

Result<AssetCase> record_asset_case_in(Transaction& tx, App& app, const Caller& caller, AssetCase c) {
  c.agency = agency_for(caller, c.agency);
  ROCTA_RETURN_IF_ERROR(need_recorder(caller, c.agency));
  ROCTA_RETURN_IF_ERROR(validate_asset_case(c, today(app)));
  ROCTA_ASSIGN_OR_RETURN(Threat threat, readable_threat_in(tx, caller, c.threat_id));
  c.threat_reference = threat.reference;
  c.stage = AssetStage::kIdentified;
  c.restrained_pence = c.ordered_pence = c.realised_pence = c.disruption_id = 0;
  c.restrained_on.clear(), c.ordered_on.clear(), c.realised_on.clear();
  c.version = 1;
  ROCTA_ASSIGN_OR_RETURN(c.marking, marking_for(tx, c.agency));
  ROCTA_ASSIGN_OR_RETURN(c.id, tx.capability().insert_asset_case(c));
  ROCTA_RETURN_IF_ERROR(audit(tx, app, caller, "capability.asset.create", "asset_case", c.id,
                              {{"threat", c.threat_reference}, {"route", to_string(c.route)}, {"identified_pence", c.identified_pence}}));
  return c;
}

Result<AssetCase> advance_asset(App& app, const Caller& caller, int64_t id, AssetStage stage, int64_t value_pence,
                                const std::string& on, int64_t expected_version) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(AssetCase c, advance_asset_in(*tx, app, caller, id, stage, value_pence, on, expected_version));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return c;
}

Result<AssetCase> advance_asset_in(Transaction& tx, App& app, const Caller& caller, int64_t id, AssetStage stage,
                                   int64_t value_pence, const std::string& on, int64_t expected_version) {
  ROCTA_ASSIGN_OR_RETURN(AssetCase c, tx.capability().asset_case(id, read_scope(caller.user), caller.system));
  ROCTA_RETURN_IF_ERROR(need_recorder(caller, c.agency));
  if (expected_version && c.version != expected_version)
    return Status(Code::kConflict, "the case is at version " + std::to_string(c.version) + ": someone changed it; reload first");
  ROCTA_ASSIGN_OR_RETURN(c, advance_asset_case(c, stage, value_pence, on, today(app)));
  if (is_disrupting(stage)) {
    ROCTA_ASSIGN_OR_RETURN(c.disruption_id, order_disruption(tx, app, caller, c));
  }
  ROCTA_RETURN_IF_ERROR(tx.capability().update_asset_case(c));
  ROCTA_RETURN_IF_ERROR(audit(tx, app, caller, "capability.asset.advance", "asset_case", id,
                              {{"stage", to_string(stage)}, {"value_pence", value_pence}, {"disruption", c.disruption_id}}));
  return c;
}

Result<CovertAccreditation> record_accreditation(App& app, const Caller& caller, CovertAccreditation a) {
  a.agency = agency_for(caller, a.agency);
  ROCTA_RETURN_IF_ERROR(need_recorder(caller, a.agency));
  ROCTA_RETURN_IF_ERROR(validate_accreditation(a));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(a.marking, marking_for(*tx, a.agency));
  ROCTA_ASSIGN_OR_RETURN(a.id, tx->capability().insert_accreditation(a));
  ROCTA_RETURN_IF_ERROR(audit(*tx, app, caller, "capability.covert.accredit", "covert_accreditation", a.id,
                              {{"tactic", to_string(a.tactic)}, {"expires_on", a.expires_on}}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return a;
}

Result<CovertDeployment> record_deployment(App& app, const Caller& caller, CovertDeployment d) {
  d.agency = agency_for(caller, d.agency);
  ROCTA_RETURN_IF_ERROR(need_recorder(caller, d.agency));
  ROCTA_RETURN_IF_ERROR(validate_deployment(d, today(app)));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  if (d.threat_id) ROCTA_RETURN_IF_ERROR(status_of(readable_threat_in(*tx, caller, d.threat_id)));
  ROCTA_ASSIGN_OR_RETURN(d.marking, marking_for(*tx, d.agency));
  ROCTA_ASSIGN_OR_RETURN(d.id, tx->capability().insert_deployment(d));
  ROCTA_RETURN_IF_ERROR(audit(*tx, app, caller, "capability.covert.deploy", "covert_deployment", d.id,
                              {{"tactic", to_string(d.tactic)}, {"deployed_on", d.deployed_on}}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return d;
}

Result<CapabilityReport> capability_report(App& app, const Caller& caller, const std::string& month) {
  CapabilityReport r;
  r.today = today(app);
  ROCTA_RETURN_IF_ERROR(need_reader(caller, r.today));
  if (!month.empty() && (month.size() != 7 || !is_iso_date(month + "-01"))) return invalid("the month is YYYY-MM", "month");
  json read;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(const Sight sight, sight_of(*tx, caller, r.today));
    const ReadScope& scope = sight.scope;
    const CapabilityQuery& q = sight.query;
    ROCTA_ASSIGN_OR_RETURN(auto posts, tx->capability().posts(scope, q));
    ROCTA_ASSIGN_OR_RETURN(auto items, tx->capability().fi_items(scope, q));
    ROCTA_ASSIGN_OR_RETURN(auto cases, tx->capability().asset_cases(scope, q));
    ROCTA_ASSIGN_OR_RETURN(auto held, tx->capability().accreditations(scope, q));
    ROCTA_ASSIGN_OR_RETURN(auto deployed, tx->capability().deployments(scope, q));
    ROCTA_RETURN_IF_ERROR(check_listed(caller, posts, r.today));
    ROCTA_RETURN_IF_ERROR(check_listed(caller, items, r.today));
    ROCTA_RETURN_IF_ERROR(check_listed(caller, cases, r.today));
    ROCTA_RETURN_IF_ERROR(check_listed(caller, held, r.today));
    ROCTA_RETURN_IF_ERROR(check_listed(caller, deployed, r.today));
    read = agencies_read(posts, items, cases, held, deployed);
    ROCTA_ASSIGN_OR_RETURN(r.unit_names, unit_names(*tx));
    r.staffing = staffing_figures(posts, month);
    r.month = r.staffing.month;
    r.fi = fi_figures(items, r.unit_names, r.staffing);
    r.assets = asset_figures(cases);
    r.covert = covert_figures(held, deployed, r.today);
    r.gaps = capacity_gaps(r.staffing);
  }
  // The agencies whose records went into the figures: a partner's read shows its agreements at work.
  ROCTA_RETURN_IF_ERROR(
      append_audit_now(app, caller, {"capability.report.read", "", 0, json{{"month", r.month}, {"agencies", read}}.dump()}));
  return r;
}

bool reads_capability(App& app, const Caller& caller) { return need_reader(caller, today(app)).is_ok(); }

Result<std::vector<AgendaItem>> capacity_agenda_in(Transaction& tx, const Caller& caller, const TaskingMeeting& meeting,
                                                   const std::vector<ControlPriority>& priorities, const std::string& today) {
  if (!caller.system && !may_read_capability(caller.user, today)) return std::vector<AgendaItem>{};
  ROCTA_ASSIGN_OR_RETURN(Sight sight, sight_of(tx, caller, today));
  CapabilityQuery& q = sight.query;
  q.agency = meeting.agency;
  q.month = today.substr(0, 7);
  ROCTA_ASSIGN_OR_RETURN(auto posts, tx.capability().posts(sight.scope, q));
  if (posts.empty()) {  // no return for this month yet: the latest there is
    q.month.clear();
    ROCTA_ASSIGN_OR_RETURN(posts, tx.capability().posts(sight.scope, q));
  }
  ROCTA_RETURN_IF_ERROR(check_listed(caller, posts, today));
  return capacity_agenda_items(priorities, meeting.agency, meeting.held_on, capacity_gaps(staffing_figures(posts, "")));
}

Result<int> capacity_org_score_in(Transaction& tx, const Caller& caller, const std::string& agency, int org_max,
                                  const std::string& today) {
  if (!caller.system && !may_read_capability(caller.user, today)) return 0;
  ROCTA_ASSIGN_OR_RETURN(Sight sight, sight_of(tx, caller, today));
  sight.query.agency = agency;
  ROCTA_ASSIGN_OR_RETURN(auto posts, tx.capability().posts(sight.scope, sight.query));
  ROCTA_RETURN_IF_ERROR(check_listed(caller, posts, today));
  return capacity_org_score(capacity_gaps(staffing_figures(posts, "")), org_max);
}

}  // namespace rocta
