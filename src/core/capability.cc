#include "core/capability.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "core/enum_names.h"
#include "core/text.h"

namespace rocta {
namespace {

constexpr std::pair<SpecialistRole, std::string_view> kRoles[] = {
    {SpecialistRole::kFinancialInvestigator, "financial investigator"},
    {SpecialistRole::kFinancialIntelligenceOfficer, "financial intelligence officer"},
    {SpecialistRole::kAnalyst, "analyst"},
    {SpecialistRole::kSiu, "siu"},
    {SpecialistRole::kSurveillance, "surveillance"},
    {SpecialistRole::kUndercover, "undercover"},
    {SpecialistRole::kTechnical, "technical"},
};
constexpr std::pair<FiState, std::string_view> kFiStates[] = {
    {FiState::kOpen, "open"}, {FiState::kTaken, "taken"}, {FiState::kDeclined, "declined"}, {FiState::kCompleted, "completed"}};
constexpr std::pair<FiDeclineReason, std::string_view> kReasons[] = {{FiDeclineReason::kNoCapacity, "no capacity"},
                                                                     {FiDeclineReason::kNotProportionate, "not proportionate"},
                                                                     {FiDeclineReason::kAnotherAgency, "another agency"},
                                                                     {FiDeclineReason::kOther, "other"}};
constexpr std::pair<AssetStage, std::string_view> kStages[] = {{AssetStage::kIdentified, "identified"},
                                                               {AssetStage::kRestrained, "restrained"},
                                                               {AssetStage::kConfiscated, "confiscated"},
                                                               {AssetStage::kForfeited, "forfeited"},
                                                               {AssetStage::kRealised, "realised"}};
constexpr std::pair<AssetRoute, std::string_view> kRoutes[] = {{AssetRoute::kConfiscation, "confiscation"},
                                                               {AssetRoute::kForfeiture, "forfeiture"}};
constexpr std::pair<CovertTactic, std::string_view> kTactics[] = {{CovertTactic::kUndercover, "undercover"},
                                                                  {CovertTactic::kSurveillance, "surveillance"},
                                                                  {CovertTactic::kTechnicalSurveillance, "technical surveillance"}};
constexpr std::pair<FiAction, std::string_view> kActions[] = {
    {FiAction::kTake, "take"}, {FiAction::kDecline, "decline"}, {FiAction::kComplete, "complete"}};

template <typename E, size_t N>
std::optional<E> parse_ci(const std::pair<E, std::string_view> (&table)[N], std::string_view s) {
  return value_of(table, lower(trimmed(s)));
}

Status need_text(const std::string& s, const char* field, const std::string& what, size_t max) {
  if (trim(s).empty()) return invalid(what + " is required", field);
  if (s.size() > max) return invalid(what + " is at most " + std::to_string(max) + " characters", field);
  if (!is_clean_text(s)) return invalid(what + " holds characters that are not text", field);
  return Status::ok();
}

Status need_date(const std::string& s, const char* field, const std::string& what) {
  if (!is_iso_date(s)) return invalid(what + " is a date, YYYY-MM-DD", field);
  return Status::ok();
}

bool is_month(const std::string& m) { return m.size() == 7 && is_iso_date(m + "-01"); }

int pct_down(int64_t part, int64_t whole) { return whole > 0 ? static_cast<int>(part * 100 / whole) : 0; }

// The day `months` months before `day` (the 31st falls to the 28th: close enough for a window).
std::string months_before(const std::string& day, int months) {
  int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)) - months;
  while (m < 1) m += 12, --y;
  const int d = std::min(std::stoi(day.substr(8, 2)), 28);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int stage_rank(AssetStage s) {
  switch (s) {
    case AssetStage::kIdentified: return 0;
    case AssetStage::kRestrained: return 1;
    case AssetStage::kConfiscated:
    case AssetStage::kForfeited: return 2;
    case AssetStage::kRealised: return 3;
  }
  return 0;
}

}  // namespace

std::string_view to_string(SpecialistRole r) { return name_of(kRoles, r); }
std::string_view to_string(FiState s) { return name_of(kFiStates, s); }
std::string_view to_string(FiDeclineReason r) { return name_of(kReasons, r); }
std::string_view to_string(AssetStage s) { return name_of(kStages, s); }
std::string_view to_string(AssetRoute r) { return name_of(kRoutes, r); }
std::string_view to_string(CovertTactic t) { return name_of(kTactics, t); }
std::optional<SpecialistRole> parse_specialist_role(std::string_view s) { return parse_ci(kRoles, s); }
std::optional<FiState> parse_fi_state(std::string_view s) { return parse_ci(kFiStates, s); }
std::optional<FiDeclineReason> parse_fi_decline_reason(std::string_view s) { return parse_ci(kReasons, s); }
std::optional<AssetStage> parse_asset_stage(std::string_view s) { return parse_ci(kStages, s); }
std::optional<AssetRoute> parse_asset_route(std::string_view s) { return parse_ci(kRoutes, s); }
std::optional<CovertTactic> parse_covert_tactic(std::string_view s) { return parse_ci(kTactics, s); }
std::optional<FiAction> parse_fi_action(std::string_view s) { return parse_ci(kActions, s); }

const std::vector<SpecialistRole>& all_specialist_roles() {
  static const std::vector<SpecialistRole> kAll = [] {
    std::vector<SpecialistRole> v;
    for (const auto& [r, name] : kRoles) v.push_back(r);
    return v;
  }();
  return kAll;
}
const std::vector<CovertTactic>& all_covert_tactics() {
  static const std::vector<CovertTactic> kAll = [] {
    std::vector<CovertTactic> v;
    for (const auto& [t, name] : kTactics) v.push_back(t);
    return v;
  }();
  return kAll;
}

Marking capability_marking(const std::string& agency, const std::string& region) {
  Marking m;
  m.owning_agency = agency;
  m.owning_region = region;
  m.scope = SharingScope::kRegion;
  return m;
}

// ---- establishment and strength ----------------------------------------------------------

Status validate_post(const StaffingPost& p) {
  if (!is_month(p.month)) return invalid("the month is YYYY-MM", "month");
  if (p.unit_id <= 0) return invalid("the post's unit is required", "unit_id");
  ROCTA_RETURN_IF_ERROR(need_text(p.post_ref, "post_ref", "the post number", 64));
  if (p.filled) ROCTA_RETURN_IF_ERROR(need_text(p.holder, "holder", "who is in post", 200));
  if (!p.filled && !p.holder.empty()) return invalid("a vacant post has no holder", "holder");
  if (p.cover_from < 0 || p.cover_from > 23) return invalid("cover starts at an hour from 0 to 23", "cover_from");
  if (p.cover_to <= p.cover_from || p.cover_to > 24) return invalid("cover ends after it starts, by hour 24", "cover_to");
  return Status::ok();
}

StaffingFigures staffing_figures(const std::vector<StaffingPost>& posts, std::string month) {
  StaffingFigures f;
  if (month.empty())
    for (const auto& p : posts) month = std::max(month, p.month);
  f.month = month;
  using Key = std::tuple<std::string, int64_t, SpecialistRole>;
  std::map<Key, StaffingRow> rows;
  std::map<std::tuple<std::string, std::string, SpecialistRole>, StaffingMonth> history;
  auto count = [](StaffingRow& r, const StaffingPost& p) {
    ++r.establishment;
    if (!p.filled) return;
    r.cover_from = r.in_post == 0 ? p.cover_from : std::min(r.cover_from, p.cover_from);
    r.cover_to = std::max(r.cover_to, p.cover_to);
    ++r.in_post;
  };
  for (const auto& p : posts) {
    auto& h = history[{p.month, p.agency, p.role}];
    h.month = p.month, h.agency = p.agency, h.role = p.role;
    ++h.establishment;
    h.in_post += p.filled ? 1 : 0;
    if (p.month != month) continue;
    for (int64_t unit : {p.unit_id, int64_t{0}}) {
      StaffingRow& r = rows[{p.agency, unit, p.role}];
      r.agency = p.agency, r.unit_id = unit, r.role = p.role;
      if (unit) r.unit = p.unit;
      count(r, p);
    }
  }
  std::map<std::pair<std::string, int64_t>, UnitStaffing> units;
  for (auto& [key, r] : rows) {
    r.vacant = r.establishment - r.in_post;
    r.vacancy_pct = pct_down(r.vacant, r.establishment);
    r.single_point_of_failure = r.in_post == 1;
    (r.unit_id ? f.units : f.agencies).push_back(r);
    if (!r.unit_id) continue;
    UnitStaffing& u = units[{r.agency, r.unit_id}];
    u.agency = r.agency, u.unit_id = r.unit_id, u.unit = r.unit;
    u.establishment += r.establishment, u.in_post += r.in_post, u.vacant += r.vacant;
  }
  for (auto& [key, u] : units) f.unit_totals.push_back(u);
  for (auto& [key, h] : history) f.history.push_back(h);
  return f;
}

// ---- the financial-investigation demand ledger -------------------------------------------

Status validate_suspect(const DisruptionSuspect& s) {
  ROCTA_RETURN_IF_ERROR(need_text(s.name, "suspects", "each suspect's name", 200));
  if (s.nominal_id < 0 || s.bcu_unit_id < 0) return invalid("a suspect's ids are positive", "suspects");
  return Status::ok();
}

Result<FiItem> decide_fi(FiItem item, FiAction action, int64_t by, const std::string& by_name, FiDeclineReason reason,
                         const std::string& note, const std::string& today) {
  if (note.size() > 5000 || !is_clean_text(note)) return invalid("the note is text of at most 5,000 characters", "note");
  switch (action) {
    case FiAction::kTake:
      if (item.state != FiState::kOpen) return Status(Code::kFailedPrecondition, "only an open item can be taken; it is " + std::string(to_string(item.state)));
      item.state = FiState::kTaken;
      item.investigator_id = by;
      item.investigator = by_name;
      break;
    case FiAction::kDecline:
      if (item.state != FiState::kOpen && item.state != FiState::kTaken)
        return Status(Code::kFailedPrecondition, "a " + std::string(to_string(item.state)) + " item cannot be declined");
      if (reason == FiDeclineReason::kOther && trim(note).empty()) return invalid("say why when the reason is 'other'", "note");
      item.state = FiState::kDeclined;
      item.reason = reason;
      if (item.investigator_id == 0) item.investigator_id = by, item.investigator = by_name;
      break;
    case FiAction::kComplete:
      if (item.state != FiState::kTaken) return Status(Code::kFailedPrecondition, "only a taken item can be completed");
      if (item.investigator_id != by) return denied("the investigator who took the item completes it");
      if (trim(note).empty()) return invalid("record what the financial investigation found", "note");
      item.state = FiState::kCompleted;
      break;
  }
  item.note = note;
  item.decided_on = today;
  ++item.version;
  return item;
}

bool investigated(const FiItem& i) { return i.state == FiState::kTaken || i.state == FiState::kCompleted; }

FiFigures fi_figures(const std::vector<FiItem>& items, const std::map<int64_t, std::string>& unit_names,
                     const StaffingFigures& staffing) {
  FiFigures f;
  std::map<int64_t, FiDemandRow> threat, team, bcu;
  std::map<std::string, FiCapacityRow> capacity;
  auto add = [](FiDemandRow& r, const FiItem& i) {
    ++r.suspects;
    if (investigated(i)) ++r.investigated;
    else ++r.not_investigated;
    if (i.state == FiState::kDeclined && i.reason == FiDeclineReason::kNoCapacity) ++r.refused_no_capacity;
    if (i.state == FiState::kOpen) ++r.open;
  };
  auto unit_name = [&](int64_t id) {
    auto it = unit_names.find(id);
    return id == 0 ? std::string("None recorded") : it != unit_names.end() ? it->second : "Unit " + std::to_string(id);
  };
  for (const auto& i : items) {
    FiDemandRow& t = threat[i.threat_id];
    t.id = i.threat_id, t.key = i.threat_reference;
    add(t, i);
    FiDemandRow& m = team[i.team_unit_id];
    m.id = i.team_unit_id, m.key = unit_name(i.team_unit_id);
    add(m, i);
    FiDemandRow& b = bcu[i.bcu_unit_id];
    b.id = i.bcu_unit_id, b.key = unit_name(i.bcu_unit_id);
    add(b, i);
    add(f.total, i);
    FiCapacityRow& c = capacity[i.agency];
    c.agency = i.agency;
    if (i.state == FiState::kOpen || i.state == FiState::kTaken) ++c.demand;
  }
  f.total.key = "All";
  auto sorted = [](std::map<int64_t, FiDemandRow>& m) {
    std::vector<FiDemandRow> v;
    for (auto& [id, r] : m) v.push_back(r);
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return std::tie(a.key, a.id) < std::tie(b.key, b.id); });
    return v;
  };
  f.by_threat = sorted(threat);
  f.by_team = sorted(team);
  f.by_bcu = sorted(bcu);
  for (const auto& r : staffing.agencies)
    if (r.role == SpecialistRole::kFinancialInvestigator) {
      FiCapacityRow& c = capacity[r.agency];
      c.agency = r.agency;
      c.investigators = r.in_post;
    }
  for (auto& [agency, c] : capacity) {
    c.per_investigator_tenths = c.investigators ? c.demand * 10 / c.investigators : 0;
    f.capacity.push_back(c);
  }
  return f;
}

// ---- asset recovery -----------------------------------------------------------------------

Status validate_asset_case(const AssetCase& c, const std::string& today) {
  ROCTA_RETURN_IF_ERROR(need_text(c.description, "description", "what the asset is", 2000));
  if (c.threat_id <= 0) return invalid("the threat the asset was pursued from is required", "threat_id");
  ROCTA_RETURN_IF_ERROR(need_date(c.identified_on, "identified_on", "the day the asset was identified"));
  if (c.identified_on > today) return invalid("an asset cannot be identified in the future", "identified_on");
  if (c.identified_pence <= 0) return invalid("the value identified is a positive number of pence", "identified_pence");
  return Status::ok();
}

Result<AssetCase> advance_asset_case(AssetCase c, AssetStage stage, int64_t value_pence, const std::string& on,
                                     const std::string& today) {
  ROCTA_RETURN_IF_ERROR(need_date(on, "on", "the day of the step"));
  if (on > today) return invalid("a step cannot be recorded for a day still to come", "on");
  if (stage_rank(stage) <= stage_rank(c.stage))
    return Status(Code::kFailedPrecondition, "the case is " + std::string(to_string(c.stage)) + ": it moves forward only");
  if (value_pence < 0) return invalid("a value is a number of pence, not negative", "value_pence");
  const std::string last = c.realised_on.empty() ? c.ordered_on.empty() ? c.restrained_on.empty() ? c.identified_on : c.restrained_on
                                                                        : c.ordered_on
                                                 : c.realised_on;
  if (on < last) return invalid("the step is dated before the case's last step (" + last + ")", "on");
  switch (stage) {
    case AssetStage::kIdentified: break;
    case AssetStage::kRestrained:
      c.restrained_pence = value_pence, c.restrained_on = on;
      break;
    case AssetStage::kConfiscated:
    case AssetStage::kForfeited:
      if ((stage == AssetStage::kConfiscated) != (c.route == AssetRoute::kConfiscation))
        return invalid("a " + std::string(to_string(c.route)) + " case ends in " +
                           (c.route == AssetRoute::kConfiscation ? "a confiscation order" : "forfeiture"),
                       "stage");
      c.ordered_pence = value_pence, c.ordered_on = on;
      break;
    case AssetStage::kRealised:
      if (c.ordered_on.empty()) return Status(Code::kFailedPrecondition, "only what a court ordered is realised");
      if (value_pence > c.ordered_pence) return invalid("more cannot be realised than was ordered", "value_pence");
      c.realised_pence = value_pence, c.realised_on = on;
      break;
  }
  c.stage = stage;
  ++c.version;
  return c;
}

bool is_disrupting(AssetStage stage) { return stage == AssetStage::kConfiscated || stage == AssetStage::kForfeited; }

ArisShare aris_share(int64_t realised_pence, AssetRoute route) {
  ArisShare s;
  if (route == AssetRoute::kConfiscation) {
    s.investigation = realised_pence * 1875 / 10000;
    s.prosecution = realised_pence * 1875 / 10000;
    s.courts = realised_pence * 1250 / 10000;
  } else {
    s.investigation = realised_pence / 2;
  }
  // The Home Office's half takes the pence that rounding leaves, so the shares add up.
  s.home_office = realised_pence - s.investigation - s.prosecution - s.courts;
  return s;
}

AssetFigures asset_figures(const std::vector<AssetCase>& cases) {
  std::map<std::pair<std::string, int64_t>, AssetPipelineRow> threat;
  std::map<std::string, AssetPipelineRow> agency;
  auto add = [](AssetPipelineRow& r, const AssetCase& c) {
    const int rank = stage_rank(c.stage);
    ++r.identified, r.identified_pence += c.identified_pence;
    if (!c.restrained_on.empty()) ++r.restrained, r.restrained_pence += c.restrained_pence;
    if (rank >= 2) ++r.ordered, r.ordered_pence += c.ordered_pence;
    if (rank >= 3) {
      ++r.realised, r.realised_pence += c.realised_pence;
      r.returned_pence += aris_share(c.realised_pence, c.route).investigation;
    }
  };
  for (const auto& c : cases) {
    AssetPipelineRow& t = threat[{c.agency, c.threat_id}];
    t.agency = c.agency, t.threat_id = c.threat_id, t.threat_reference = c.threat_reference;
    add(t, c);
    AssetPipelineRow& a = agency[c.agency];
    a.agency = c.agency;
    add(a, c);
  }
  AssetFigures f;
  for (auto& [k, r] : threat) f.by_threat.push_back(r);
  for (auto& [k, r] : agency) f.by_agency.push_back(r);
  return f;
}

// ---- covert tactics -----------------------------------------------------------------------

Status validate_accreditation(const CovertAccreditation& a) {
  ROCTA_RETURN_IF_ERROR(need_text(a.holder, "holder", "who holds the accreditation", 200));
  ROCTA_RETURN_IF_ERROR(need_date(a.accredited_on, "accredited_on", "the day of accreditation"));
  ROCTA_RETURN_IF_ERROR(need_date(a.expires_on, "expires_on", "the day the accreditation lapses"));
  if (a.expires_on <= a.accredited_on) return invalid("an accreditation lapses after it is given", "expires_on");
  if (a.annual_cost_pence < 0) return invalid("a cost is a number of pence, not negative", "annual_cost_pence");
  return Status::ok();
}

Status validate_deployment(const CovertDeployment& d, const std::string& today) {
  ROCTA_RETURN_IF_ERROR(need_date(d.deployed_on, "deployed_on", "the day of deployment"));
  if (d.deployed_on > today) return invalid("a deployment cannot be recorded for a day still to come", "deployed_on");
  if (d.cost_pence < 0) return invalid("a cost is a number of pence, not negative", "cost_pence");
  return Status::ok();
}

CovertFigures covert_figures(const std::vector<CovertAccreditation>& held, const std::vector<CovertDeployment>& deployed,
                             const std::string& today) {
  const std::string year_ago = months_before(today, 12), two_years_ago = months_before(today, kCovertIdleMonths);
  std::map<std::pair<std::string, CovertTactic>, CovertRow> rows;
  std::map<std::tuple<std::string, CovertTactic, std::string>, CovertYear> years;
  auto row = [&](const std::string& agency, CovertTactic t) -> CovertRow& {
    CovertRow& r = rows[{agency, t}];
    r.agency = agency, r.tactic = t;
    return r;
  };
  for (const auto& a : held) {
    if (a.accredited_on > today || a.expires_on < today) continue;
    CovertRow& r = row(a.agency, a.tactic);
    ++r.accreditations;
    r.cost_year_pence += a.annual_cost_pence;
    CovertYear& y = years[{a.agency, a.tactic, today.substr(0, 4)}];
    y.agency = a.agency, y.tactic = a.tactic, y.year = today.substr(0, 4);
    y.cost_pence += a.annual_cost_pence;
  }
  for (const auto& d : deployed) {
    if (d.deployed_on > today) continue;
    CovertRow& r = row(d.agency, d.tactic);
    r.last_deployed_on = std::max(r.last_deployed_on, d.deployed_on);
    if (d.deployed_on > two_years_ago) ++r.deployments_two_years;
    if (d.deployed_on > year_ago) ++r.deployments_year, r.cost_year_pence += d.cost_pence;
    CovertYear& y = years[{d.agency, d.tactic, d.deployed_on.substr(0, 4)}];
    y.agency = d.agency, y.tactic = d.tactic, y.year = d.deployed_on.substr(0, 4);
    ++y.deployments, y.cost_pence += d.cost_pence;
  }
  CovertFigures f;
  for (auto& [k, r] : rows) {
    r.kept_without_use = r.accreditations > 0 && r.deployments_two_years == 0;
    r.under_used = !r.kept_without_use && r.accreditations > 0 && r.deployments_year < r.accreditations;
    f.rows.push_back(r);
  }
  for (auto& [k, y] : years) f.by_year.push_back(y);
  return f;
}

// ---- who, and what it feeds -----------------------------------------------------------------

namespace {

bool is_partner(const User& u) { return u.has(Role::kPartner) || !is_law_enforcement(u.agency_kind); }

bool has_reading_role(const User& u) {
  for (Role r : {Role::kInspector, Role::kTaskingChair, Role::kAdministrator, Role::kAnalyst, Role::kRoctaAnalyst})
    if (u.has(r)) return true;
  return false;
}

}  // namespace

std::vector<std::string> capability_givers(const User& u, std::string_view today) {
  std::vector<std::string> out;
  if (!u.active) return out;
  for (const auto& g : u.grants)
    if (g.capability && g.giver != u.agency && in_force(true, g.starts_on, g.ends_on, today)) out.push_back(g.giver);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool may_read_capability(const User& u, std::string_view today) {
  if (!u.active) return false;
  // A partner agency reads capability only by an agreement that names it: an agreement for
  // fraud intelligence must not open a force's staffing and covert tactics too.
  if (is_partner(u)) return !capability_givers(u, today).empty();
  return has_reading_role(u);
}

ReadScope capability_scope(const User& u, std::string_view today) {
  ReadScope s = read_scope(u);
  s.grants.clear();
  if (!may_read_capability(u, today)) {
    s.active = false;  // admits nothing
    return s;
  }
  // A partner reads exactly its agreements' givers: not its own agency's records (a partner
  // role in a force reads none of the force's) nor a region's.
  if (is_partner(u)) {
    s.agency.clear();
    s.law_enforcement = false;
    s.compartments.clear();
  }
  // Capability records are OFFICIAL, without compartment or sensitivity, at region scope:
  // a grant opens every one of the giver's.
  for (const auto& giver : capability_givers(u, today))
    s.grants.push_back({giver, Classification::kOfficial, SharingScope::kNamed, false, false, true, "", ""});
  return s;
}

bool may_read_capability_of(const User& u, const std::string& agency, const std::string& agency_region,
                            std::string_view today) {
  return admits(capability_scope(u, today), capability_marking(agency, agency_region));
}

std::vector<std::string> capability_agencies(const User& u, const std::vector<Agency>& agencies, std::string_view today) {
  std::vector<std::string> out;
  const ReadScope scope = capability_scope(u, today);
  for (const auto& a : agencies)
    if (admits(scope, capability_marking(a.code, a.region))) out.push_back(a.code);
  return out;
}

bool may_record_capability(const User& u, const std::string& agency) {
  return u.active && u.agency == agency && is_law_enforcement(u.agency_kind) && !u.has(Role::kPartner) &&
         (u.has(Role::kAdministrator) || u.has(Role::kAnalyst));
}

bool may_decide_fi(const User& u, const std::string& agency) {
  return u.active && u.agency == agency && is_law_enforcement(u.agency_kind) && !u.has(Role::kPartner) &&
         (u.has(Role::kAnalyst) || u.has(Role::kLeadResponsibleOfficer) || u.has(Role::kTaskingChair));
}

std::vector<CapacityGap> capacity_gaps(const StaffingFigures& f) {
  std::vector<CapacityGap> out;
  for (const auto& r : f.agencies)
    if (r.vacancy_pct >= kGapVacancyPct || r.single_point_of_failure)
      out.push_back({r.agency, r.role, r.establishment, r.in_post, r.vacancy_pct, r.single_point_of_failure});
  return out;
}

std::vector<SpecialistRole> roles_needed_for(const std::string& crime_type) {
  std::vector<SpecialistRole> out{SpecialistRole::kAnalyst};
  static const std::array kMoneyWords{"drug", "launder", "fraud", "economic", "county lines", "money", "acquisitive",
                                      "trafficking", "slavery", "organised immigration"};
  for (const char* w : kMoneyWords)
    if (contains_ci(crime_type, w)) {
      out.push_back(SpecialistRole::kFinancialInvestigator);
      out.push_back(SpecialistRole::kFinancialIntelligenceOfficer);
      break;
    }
  return out;
}

std::vector<AgendaItem> capacity_agenda_items(const std::vector<ControlPriority>& priorities, const std::string& agency,
                                              const std::string& on, const std::vector<CapacityGap>& gaps) {
  std::vector<const ControlPriority*> live;
  for (const auto& p : priorities)
    if (p.agency == agency && in_force(p, on)) live.push_back(&p);
  std::sort(live.begin(), live.end(), [](const auto* a, const auto* b) { return std::tie(a->rank, a->id) < std::tie(b->rank, b->id); });
  std::vector<AgendaItem> out;
  for (const auto* p : live)
    for (SpecialistRole role : roles_needed_for(p->crime_type.empty() ? p->title : p->crime_type))
      for (const auto& g : gaps) {
        if (g.agency != agency || g.role != role) continue;
        std::string detail = std::to_string(g.in_post) + " of " + std::to_string(g.establishment) + " in post (" +
                             std::to_string(g.vacancy_pct) + "% vacant)";
        if (g.single_point_of_failure) detail += "; held by one person only";
        out.push_back({AgendaItemKind::kCapacityGap, p->id,
                       "Capacity gap for priority " + std::to_string(p->rank) + " " + p->title + ": " + std::string(to_string(role)),
                       detail, false});
      }
  return out;
}

int capacity_org_score(const std::vector<CapacityGap>& gaps, int org_max) {
  int score = 0;
  for (const auto& g : gaps) {
    int s = g.vacancy_pct >= kGapVacancyPct ? 1 + (g.vacancy_pct - kGapVacancyPct) / 10 : 0;
    if (g.single_point_of_failure) s = std::max(s, 2);
    score = std::max(score, s);
  }
  return std::min(score, org_max);
}

}  // namespace rocta
