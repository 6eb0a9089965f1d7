// Capability rules: staffing figures from posts (vacancies, single points of failure, cover,
// history), the FI demand ledger's decisions and figures, the asset pipeline and the ARIS
// share, covert value for money, who reads and decides, capacity gaps on agendas and MoRiLE.
#include <gtest/gtest.h>

#include "core/capability.h"
#include "core/morile.h"

namespace rocta {
namespace {

// `n` posts of one agency, unit and role in `month`, `filled` of them in post.
void add_posts(std::vector<StaffingPost>& out, const std::string& agency, int64_t unit, SpecialistRole role,
               const std::string& month, int n, int filled, int cover_to = 18) {
  for (int i = 0; i < n; ++i) {
    StaffingPost p;
    p.agency = agency, p.unit_id = unit, p.unit = "Unit " + std::to_string(unit), p.role = role, p.month = month;
    p.post_ref = agency + "-" + std::to_string(unit) + "-" + std::to_string(out.size());
    p.filled = i < filled;
    if (p.filled) p.holder = "Officer " + std::to_string(i);
    p.cover_to = cover_to;
    out.push_back(p);
  }
}

TEST(CapabilityNames, EveryEnumeratorRoundTrips) {
  for (auto r : all_specialist_roles()) EXPECT_EQ(parse_specialist_role(to_string(r)), r);
  for (auto t : all_covert_tactics()) EXPECT_EQ(parse_covert_tactic(to_string(t)), t);
  for (auto s : {FiState::kOpen, FiState::kTaken, FiState::kDeclined, FiState::kCompleted}) EXPECT_EQ(parse_fi_state(to_string(s)), s);
  for (auto r : {FiDeclineReason::kNoCapacity, FiDeclineReason::kNotProportionate, FiDeclineReason::kAnotherAgency, FiDeclineReason::kOther})
    EXPECT_EQ(parse_fi_decline_reason(to_string(r)), r);
  for (auto s : {AssetStage::kIdentified, AssetStage::kRestrained, AssetStage::kConfiscated, AssetStage::kForfeited, AssetStage::kRealised})
    EXPECT_EQ(parse_asset_stage(to_string(s)), s);
  EXPECT_EQ(parse_specialist_role("Financial Investigator"), SpecialistRole::kFinancialInvestigator);
  EXPECT_FALSE(parse_specialist_role("detective"));
}

TEST(StaffingPostRules, APostHasAMonthAUnitAHolderWhenFilledAndCoverWithinTheDay) {
  StaffingPost ok;
  ok.unit_id = 3, ok.month = "2023-03", ok.post_ref = "FI-1", ok.filled = true, ok.holder = "DC Lee";
  const struct {
    const char* what;
    void (*change)(StaffingPost&);
    const char* field;
  } cases[] = {
      {"valid", [](StaffingPost&) {}, ""},
      {"bad month", [](StaffingPost& p) { p.month = "2023-13"; }, "month"},
      {"no unit", [](StaffingPost& p) { p.unit_id = 0; }, "unit_id"},
      {"filled, no holder", [](StaffingPost& p) { p.holder.clear(); }, "holder"},
      {"vacant with holder", [](StaffingPost& p) { p.filled = false; }, "holder"},
      {"cover ends before start", [](StaffingPost& p) { p.cover_from = 10, p.cover_to = 9; }, "cover_to"},
      {"cover past midnight", [](StaffingPost& p) { p.cover_to = 25; }, "cover_to"},
      {"no post number", [](StaffingPost& p) { p.post_ref.clear(); }, "post_ref"},
  };
  for (const auto& c : cases) {
    StaffingPost p = ok;
    c.change(p);
    Status s = validate_post(p);
    EXPECT_EQ(s.is_ok(), std::string(c.field).empty()) << c.what;
    if (!s.is_ok()) {
      EXPECT_EQ(s.field(), c.field) << c.what;
    }
  }
}

TEST(StaffingFigures, VacanciesPerUnitAndAgencyFromThePostsOfTheMonth) {
  std::vector<StaffingPost> posts;
  add_posts(posts, "MPS", 1, SpecialistRole::kFinancialInvestigator, "2023-03", 50, 8);
  add_posts(posts, "MPS", 2, SpecialistRole::kFinancialInvestigator, "2023-03", 279, 261);
  add_posts(posts, "MPS", 2, SpecialistRole::kFinancialInvestigator, "2023-02", 279, 279);  // history only
  StaffingFigures f = staffing_figures(posts, "");
  EXPECT_EQ(f.month, "2023-03");
  ASSERT_EQ(f.agencies.size(), 1u);
  EXPECT_EQ(f.agencies[0].establishment, 329);
  EXPECT_EQ(f.agencies[0].vacant, 60);
  EXPECT_EQ(f.agencies[0].vacancy_pct, 18);
  ASSERT_EQ(f.units.size(), 2u);
  EXPECT_EQ(f.units[0].unit_id, 1);
  EXPECT_EQ(f.units[0].in_post, 8);
  EXPECT_EQ(f.units[0].vacant, 42);
  ASSERT_EQ(f.history.size(), 2u);
  EXPECT_EQ(f.history[0].month, "2023-02");
  EXPECT_EQ(f.history[0].in_post, 279);
  EXPECT_EQ(f.history[1].in_post, 269);
  EXPECT_EQ(staffing_figures(posts, "2023-02").agencies[0].vacant, 0);
}

TEST(StaffingFigures, ARoleHeldByOnePersonIsASinglePointOfFailureAndCoverIsTheHoldersHours) {
  const struct {
    int establishment, filled;
    bool spof;
  } cases[] = {{1, 1, true}, {2, 1, true}, {2, 2, false}, {3, 0, false}, {5, 1, true}};
  for (const auto& c : cases) {
    std::vector<StaffingPost> posts;
    add_posts(posts, "COLP", 9, SpecialistRole::kSiu, "2023-03", c.establishment, c.filled, 22);
    const StaffingFigures f = staffing_figures(posts, "");
    const StaffingRow& r = f.units.at(0);
    EXPECT_EQ(r.single_point_of_failure, c.spof) << c.establishment << "/" << c.filled;
    EXPECT_EQ(r.cover_to, c.filled ? 22 : 0);
    EXPECT_EQ(r.cover_from, c.filled ? 8 : 0);
  }
}

FiItem item(FiState s, int64_t threat = 1, int64_t team = 10, int64_t bcu = 20) {
  FiItem i;
  i.agency = "MPS", i.threat_id = threat, i.threat_reference = "MPS-T-" + std::to_string(threat), i.team_unit_id = team;
  i.bcu_unit_id = bcu, i.state = s, i.suspect = "A";
  return i;
}

TEST(FiDecisions, TakeDeclineCompleteFollowTheLedgerRules) {
  const struct {
    FiState from;
    FiAction action;
    FiDeclineReason reason;
    std::string note;
    int64_t by;  // the item was taken by 5 where taken
    Code expect;
    FiState to;
  } cases[] = {
      {FiState::kOpen, FiAction::kTake, FiDeclineReason::kOther, "", 5, Code::kOk, FiState::kTaken},
      {FiState::kTaken, FiAction::kTake, FiDeclineReason::kOther, "", 5, Code::kFailedPrecondition, FiState::kTaken},
      {FiState::kOpen, FiAction::kDecline, FiDeclineReason::kNoCapacity, "", 5, Code::kOk, FiState::kDeclined},
      {FiState::kOpen, FiAction::kDecline, FiDeclineReason::kOther, "", 5, Code::kInvalidArgument, FiState::kOpen},
      {FiState::kOpen, FiAction::kDecline, FiDeclineReason::kOther, "NCA has it", 5, Code::kOk, FiState::kDeclined},
      {FiState::kTaken, FiAction::kDecline, FiDeclineReason::kNoCapacity, "", 5, Code::kOk, FiState::kDeclined},
      {FiState::kCompleted, FiAction::kDecline, FiDeclineReason::kNoCapacity, "", 5, Code::kFailedPrecondition, FiState::kCompleted},
      {FiState::kOpen, FiAction::kComplete, FiDeclineReason::kOther, "found", 5, Code::kFailedPrecondition, FiState::kOpen},
      {FiState::kTaken, FiAction::kComplete, FiDeclineReason::kOther, "", 5, Code::kInvalidArgument, FiState::kTaken},
      {FiState::kTaken, FiAction::kComplete, FiDeclineReason::kOther, "£40k in accounts", 6, Code::kPermissionDenied, FiState::kTaken},
      {FiState::kTaken, FiAction::kComplete, FiDeclineReason::kOther, "£40k in accounts", 5, Code::kOk, FiState::kCompleted},
  };
  for (const auto& c : cases) {
    FiItem i = item(c.from);
    if (c.from == FiState::kTaken) i.investigator_id = 5;
    auto r = decide_fi(i, c.action, c.by, "DC Lee", c.reason, c.note, "2023-03-01");
    EXPECT_EQ(r.is_ok() ? Code::kOk : r.status().code(), c.expect) << to_string(c.from) << " " << static_cast<int>(c.action);
    if (r.is_ok()) {
      EXPECT_EQ(r->state, c.to);
      EXPECT_EQ(r->decided_on, "2023-03-01");
      EXPECT_EQ(r->version, 1);
    }
  }
}

TEST(FiFigures, SuspectsInvestigatedAndRefusedForLackOfCapacityPerThreatTeamAndBcu) {
  // The inspection's case: 30 suspects, the top 4 investigated, the rest refused.
  std::vector<FiItem> items;
  for (int i = 0; i < 30; ++i) {
    FiItem x = item(i < 4 ? FiState::kTaken : FiState::kDeclined, 1, 10, i % 2 ? 20 : 21);
    x.reason = FiDeclineReason::kNoCapacity;
    items.push_back(x);
  }
  items.push_back(item(FiState::kOpen, 2, 11, 20));
  std::vector<StaffingPost> posts;
  add_posts(posts, "MPS", 1, SpecialistRole::kFinancialInvestigator, "2023-03", 4, 2);
  FiFigures f = fi_figures(items, {{10, "Trident"}, {11, "Hub"}, {20, "North"}, {21, "South"}}, staffing_figures(posts, ""));
  EXPECT_EQ(f.total.suspects, 31);
  EXPECT_EQ(f.total.investigated, 4);
  EXPECT_EQ(f.total.not_investigated, 27);
  EXPECT_EQ(f.total.refused_no_capacity, 26);
  ASSERT_EQ(f.by_threat.size(), 2u);
  EXPECT_EQ(f.by_threat[0].key, "MPS-T-1");
  EXPECT_EQ(f.by_threat[0].suspects, 30);
  EXPECT_EQ(f.by_team[0].key, "Hub");
  EXPECT_EQ(f.by_team[0].open, 1);
  EXPECT_EQ(f.by_bcu[0].key, "North");
  EXPECT_EQ(f.by_bcu[0].suspects, 16);
  ASSERT_EQ(f.capacity.size(), 1u);
  EXPECT_EQ(f.capacity[0].demand, 5);  // 4 taken + 1 open
  EXPECT_EQ(f.capacity[0].investigators, 2);
  EXPECT_EQ(f.capacity[0].per_investigator_tenths, 25);
}

AssetCase asset(AssetRoute route = AssetRoute::kConfiscation) {
  AssetCase c;
  c.agency = "MPS", c.threat_id = 1, c.threat_reference = "MPS-T-1", c.description = "House in Enfield", c.route = route;
  c.identified_pence = 50'000'000, c.identified_on = "2022-01-05";
  return c;
}

TEST(AssetPipeline, ACaseMovesForwardOnlyAndRealisesNoMoreThanOrdered) {
  const struct {
    AssetRoute route;
    std::vector<std::tuple<AssetStage, int64_t, std::string>> steps;
    Code last;
  } cases[] = {
      {AssetRoute::kConfiscation, {{AssetStage::kRestrained, 40'000'000, "2022-02-01"}, {AssetStage::kConfiscated, 30'000'000, "2022-09-01"}, {AssetStage::kRealised, 30'000'000, "2023-01-01"}}, Code::kOk},
      {AssetRoute::kConfiscation, {{AssetStage::kConfiscated, 30'000'000, "2022-09-01"}, {AssetStage::kRealised, 30'000'001, "2023-01-01"}}, Code::kInvalidArgument},
      {AssetRoute::kConfiscation, {{AssetStage::kForfeited, 1, "2022-09-01"}}, Code::kInvalidArgument},
      {AssetRoute::kForfeiture, {{AssetStage::kForfeited, 1'000'000, "2022-03-01"}}, Code::kOk},
      {AssetRoute::kForfeiture, {{AssetStage::kRealised, 1, "2022-03-01"}}, Code::kFailedPrecondition},
      {AssetRoute::kConfiscation, {{AssetStage::kConfiscated, 1, "2022-09-01"}, {AssetStage::kRestrained, 1, "2022-10-01"}}, Code::kFailedPrecondition},
      {AssetRoute::kConfiscation, {{AssetStage::kRestrained, 1, "2021-12-01"}}, Code::kInvalidArgument},  // before identified
      {AssetRoute::kConfiscation, {{AssetStage::kRestrained, 1, "2024-01-01"}}, Code::kInvalidArgument},  // future
  };
  for (const auto& c : cases) {
    AssetCase a = asset(c.route);
    Code last = Code::kOk;
    for (const auto& [stage, value, on] : c.steps) {
      auto r = advance_asset_case(a, stage, value, on, "2023-06-01");
      last = r.is_ok() ? Code::kOk : r.status().code();
      if (!r.is_ok()) break;
      a = *r;
    }
    EXPECT_EQ(last, c.last) << to_string(c.route) << " " << c.steps.size();
  }
  EXPECT_TRUE(is_disrupting(AssetStage::kForfeited));
  EXPECT_TRUE(is_disrupting(AssetStage::kConfiscated));
  EXPECT_FALSE(is_disrupting(AssetStage::kRestrained));
}

TEST(ArisShare, HalfToTheHomeOfficeTheRestByRouteAndThePenceAddUp) {
  const struct {
    int64_t pence;
    AssetRoute route;
    ArisShare want;
  } cases[] = {
      {1'000'000, AssetRoute::kConfiscation, {500'000, 187'500, 187'500, 125'000}},
      {1'000'000, AssetRoute::kForfeiture, {500'000, 500'000, 0, 0}},
      {3, AssetRoute::kForfeiture, {2, 1, 0, 0}},
      {7, AssetRoute::kConfiscation, {5, 1, 1, 0}},  // shares round down; the Home Office takes the rest
      {0, AssetRoute::kConfiscation, {0, 0, 0, 0}},
  };
  for (const auto& c : cases) {
    ArisShare s = aris_share(c.pence, c.route);
    EXPECT_EQ(s.home_office, c.want.home_office) << c.pence;
    EXPECT_EQ(s.investigation, c.want.investigation) << c.pence;
    EXPECT_EQ(s.prosecution, c.want.prosecution) << c.pence;
    EXPECT_EQ(s.courts, c.want.courts) << c.pence;
    EXPECT_EQ(s.home_office + s.investigation + s.prosecution + s.courts, c.pence);
  }
}

TEST(AssetPipeline, FiguresCountEachStageReachedAndTheAgencysShare) {
  AssetCase a = *advance_asset_case(asset(), AssetStage::kRestrained, 40'000'000, "2022-02-01", "2023-06-01");
  a = *advance_asset_case(a, AssetStage::kConfiscated, 30'000'000, "2022-09-01", "2023-06-01");
  a = *advance_asset_case(a, AssetStage::kRealised, 20'000'000, "2023-01-01", "2023-06-01");
  AssetCase b = asset(AssetRoute::kForfeiture);
  b = *advance_asset_case(b, AssetStage::kForfeited, 1'000'000, "2022-03-01", "2023-06-01");
  b = *advance_asset_case(b, AssetStage::kRealised, 1'000'000, "2022-04-01", "2023-06-01");
  AssetFigures f = asset_figures({a, b, asset()});
  ASSERT_EQ(f.by_agency.size(), 1u);
  const auto& r = f.by_agency[0];
  EXPECT_EQ(r.identified, 3);
  EXPECT_EQ(r.restrained, 1);
  EXPECT_EQ(r.ordered, 2);
  EXPECT_EQ(r.realised, 2);
  EXPECT_EQ(r.realised_pence, 21'000'000);
  EXPECT_EQ(r.returned_pence, 3'750'000 + 500'000);
  EXPECT_EQ(f.by_threat.size(), 1u);
}

TEST(CovertValueForMoney, CapabilityKeptWithoutUseAndUnderUseAreFlagged) {
  auto acc = [](const std::string& agency, CovertTactic t) {
    CovertAccreditation a;
    a.agency = agency, a.tactic = t, a.holder = "UC1", a.accredited_on = "2020-01-01", a.expires_on = "2026-01-01";
    a.annual_cost_pence = 10'000'000;
    return a;
  };
  auto dep = [](const std::string& agency, CovertTactic t, const std::string& on) {
    CovertDeployment d;
    d.agency = agency, d.tactic = t, d.deployed_on = on, d.cost_pence = 500'000;
    return d;
  };
  const struct {
    std::vector<std::string> deployed;
    int held;
    bool idle, under;
  } cases[] = {
      {{}, 1, true, false},
      {{"2021-05-01"}, 1, true, false},            // more than two years before
      {{"2021-07-01"}, 1, false, true},            // within two years, not within one
      {{"2023-01-01"}, 1, false, false},
      {{"2023-01-01"}, 3, false, true},            // fewer deployments than accreditations
      {{"2023-01-01", "2023-02-01", "2023-03-01"}, 3, false, false},
      {{"2023-01-01"}, 0, false, false},           // deployed on loan: nothing held
  };
  for (const auto& c : cases) {
    std::vector<CovertAccreditation> held(static_cast<size_t>(c.held), acc("BTP", CovertTactic::kUndercover));
    std::vector<CovertDeployment> deployed;
    for (const auto& on : c.deployed) deployed.push_back(dep("BTP", CovertTactic::kUndercover, on));
    CovertFigures f = covert_figures(held, deployed, "2023-06-01");
    ASSERT_EQ(f.rows.size(), 1u);
    EXPECT_EQ(f.rows[0].kept_without_use, c.idle) << c.held << " " << c.deployed.size();
    EXPECT_EQ(f.rows[0].under_used, c.under) << c.held << " " << c.deployed.size();
    EXPECT_EQ(f.rows[0].accreditations, c.held);
  }
  CovertFigures f = covert_figures({acc("BTP", CovertTactic::kUndercover)}, {dep("BTP", CovertTactic::kUndercover, "2023-01-01")}, "2023-06-01");
  EXPECT_EQ(f.rows[0].cost_year_pence, 10'500'000);
  EXPECT_EQ(f.rows[0].last_deployed_on, "2023-01-01");
}

TEST(CapabilityPolicy, WhoReadsRecordsAndDecides) {
  const struct {
    Role role;
    AgencyKind kind;
    bool grant;
    bool read, record, decide;
  } cases[] = {
      {Role::kInspector, AgencyKind::kTerritorialForce, false, true, false, false},
      {Role::kTaskingChair, AgencyKind::kTerritorialForce, false, true, false, true},
      {Role::kAdministrator, AgencyKind::kTerritorialForce, false, true, true, false},
      {Role::kAnalyst, AgencyKind::kTerritorialForce, false, true, true, true},
      {Role::kRoctaAnalyst, AgencyKind::kRocu, false, true, false, false},
      {Role::kFrontlineOfficer, AgencyKind::kTerritorialForce, false, false, false, false},
      {Role::kScpoOfficer, AgencyKind::kTerritorialForce, false, false, false, false},
      {Role::kPartner, AgencyKind::kPartnerAgency, false, false, false, false},
      {Role::kPartner, AgencyKind::kPartnerAgency, true, false, false, false},  // the agreement covers records only
  };
  for (const auto& c : cases) {
    User u;
    u.agency = "MPS", u.agency_kind = c.kind, u.roles = {c.role};
    if (c.grant) u.grants.push_back({"BTP"});
    EXPECT_EQ(may_read_capability(u, "2026-06-01"), c.read) << to_string(c.role);
    EXPECT_EQ(may_record_capability(u, "MPS"), c.record) << to_string(c.role);
    EXPECT_EQ(may_decide_fi(u, "MPS"), c.decide) << to_string(c.role);
    EXPECT_FALSE(may_decide_fi(u, "BTP")) << to_string(c.role);
  }
}

// ---- whose capability a user reads -----------------------------------------------------------

// The region's agencies and one elsewhere: whose capability a reader might ask for.
const std::vector<Agency> kAgencies{{"MPS", "Metropolitan Police", AgencyKind::kTerritorialForce, "London"},
                                    {"BTP", "British Transport Police", AgencyKind::kSpecialForce, "London"},
                                    {"GMP", "Greater Manchester Police", AgencyKind::kTerritorialForce, "North West"},
                                    {"HMRC", "HM Revenue and Customs", AgencyKind::kPartnerAgency, "London"}};
constexpr const char* kToday = "2026-06-01";

SharingGrant capability_grant(const std::string& giver, const std::string& from = "", const std::string& to = "") {
  SharingGrant g{giver, Classification::kOfficial, SharingScope::kRegion, false};
  g.records = false, g.capability = true, g.starts_on = from, g.ends_on = to;
  return g;
}

User reader(const std::string& agency, AgencyKind kind, Role role, std::vector<SharingGrant> grants = {}) {
  User u;
  u.agency = agency, u.agency_kind = kind, u.roles = {role}, u.grants = std::move(grants);
  u.region = agency == "GMP" ? "North West" : "London";
  return u;
}

TEST(CapabilitySight, WhoseCapabilityEachReaderReads) {
  const User partner = reader("HMRC", AgencyKind::kPartnerAgency, Role::kPartner);
  const struct {
    const char* what;
    User u;
    std::vector<std::string> reads;
  } cases[] = {
      {"inspector: own region, as before", reader("MPS", AgencyKind::kTerritorialForce, Role::kInspector), {"MPS", "BTP", "HMRC"}},
      {"other region's analyst: its own", reader("GMP", AgencyKind::kTerritorialForce, Role::kAnalyst), {"GMP"}},
      {"frontline officer: none", reader("MPS", AgencyKind::kTerritorialForce, Role::kFrontlineOfficer), {}},
      {"partner without agreement: none", partner, {}},
      {"partner with a records agreement: none",
       reader("HMRC", AgencyKind::kPartnerAgency, Role::kPartner, {SharingGrant{"MPS"}}), {}},
      {"partner with a capability agreement: that agency only",
       reader("HMRC", AgencyKind::kPartnerAgency, Role::kPartner, {capability_grant("MPS")}), {"MPS"}},
      {"partner, agreement not yet in force", reader("HMRC", AgencyKind::kPartnerAgency, Role::kPartner, {capability_grant("MPS", "2026-06-02")}), {}},
      {"partner, agreement ended", reader("HMRC", AgencyKind::kPartnerAgency, Role::kPartner, {capability_grant("MPS", "", "2026-05-31")}), {}},
      {"partner, agreement on its last day",
       reader("HMRC", AgencyKind::kPartnerAgency, Role::kPartner, {capability_grant("MPS", "2026-01-01", "2026-06-01")}), {"MPS"}},
      {"partner with two", reader("HMRC", AgencyKind::kPartnerAgency, Role::kPartner, {capability_grant("BTP"), capability_grant("MPS")}),
       {"MPS", "BTP"}},
      {"an analyst elsewhere with a capability agreement from the MPS",
       reader("GMP", AgencyKind::kTerritorialForce, Role::kAnalyst, {capability_grant("MPS")}), {"MPS", "GMP"}},
      {"an analyst elsewhere with a records agreement from the MPS",
       reader("GMP", AgencyKind::kTerritorialForce, Role::kAnalyst, {SharingGrant{"MPS"}}), {"GMP"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(capability_agencies(c.u, kAgencies, kToday), c.reads) << c.what;
    EXPECT_EQ(may_read_capability(c.u, kToday), !c.reads.empty()) << c.what;
  }
}

// Every role, agency kind, agreement and state against every agency: the rule as the issue
// states it, spelt out here independently of the code.
TEST(CapabilitySight, ExhaustiveOverRolesAgreementsDatesAndAgencies) {
  enum class Terms { kNone, kRecords, kCapability, kBoth, kNotYet, kEnded };
  const Terms all_terms[] = {Terms::kNone, Terms::kRecords, Terms::kCapability, Terms::kBoth, Terms::kNotYet, Terms::kEnded};
  const std::pair<std::string, AgencyKind> homes[] = {{"MPS", AgencyKind::kTerritorialForce},
                                                      {"GMP", AgencyKind::kTerritorialForce},
                                                      {"HMRC", AgencyKind::kPartnerAgency}};
  int checked = 0;
  for (const auto& [home, kind] : homes)
    for (Role role : all_roles())
      for (Terms terms : all_terms)
        for (const std::string giver : {"MPS", "BTP", "GMP"})
          for (bool active : {true, false}) {
            User u = reader(home, kind, role);
            u.active = active;
            SharingGrant g{giver};
            g.records = terms == Terms::kRecords || terms == Terms::kBoth;
            g.capability = terms != Terms::kNone && terms != Terms::kRecords;
            if (terms == Terms::kNotYet) g.starts_on = "2026-06-02";
            if (terms == Terms::kEnded) g.ends_on = "2026-05-31";
            if (terms != Terms::kNone) u.grants.push_back(g);
            const bool by_agreement = (terms == Terms::kCapability || terms == Terms::kBoth) && giver != home;
            const bool partner = kind == AgencyKind::kPartnerAgency || role == Role::kPartner;
            const bool police_reader = !partner && (role == Role::kInspector || role == Role::kTaskingChair ||
                                                    role == Role::kAdministrator || role == Role::kAnalyst ||
                                                    role == Role::kRoctaAnalyst);
            for (const auto& a : kAgencies) {
              bool expected = false;
              if (active && partner) expected = by_agreement && a.code == giver;
              if (active && police_reader)
                expected = a.code == home || a.region == u.region || (by_agreement && a.code == giver);
              EXPECT_EQ(may_read_capability_of(u, a.code, a.region, kToday), expected)
                  << home << " " << to_string(role) << " terms " << static_cast<int>(terms) << " giver " << giver << " active "
                  << active << " reading " << a.code;
              ++checked;
            }
            EXPECT_EQ(may_read_capability(u, kToday), active && (partner ? by_agreement : police_reader));
          }
  EXPECT_EQ(checked, 3 * kRoleCount * 6 * 3 * 2 * 4);
}

TEST(CapacityGaps, GapsShowUnderThePrioritiesThatNeedThemAndFeedMorile) {
  std::vector<StaffingPost> posts;
  add_posts(posts, "MPS", 1, SpecialistRole::kFinancialInvestigator, "2023-03", 329, 269);  // 18%
  add_posts(posts, "MPS", 1, SpecialistRole::kAnalyst, "2023-03", 228, 188);                // 17%
  add_posts(posts, "MPS", 1, SpecialistRole::kSurveillance, "2023-03", 10, 10);             // none
  auto gaps = capacity_gaps(staffing_figures(posts, ""));
  ASSERT_EQ(gaps.size(), 2u);
  ControlPriority drugs{1, "MPS", 1, "Drug supply", "", "Drugs", "2023-01-01", "", 0, 0};
  ControlPriority fraud{2, "MPS", 2, "Cyber", "", "Cyber crime", "2023-01-01", "", 0, 0};
  ControlPriority ended{3, "MPS", 3, "Old", "", "Drugs", "2022-01-01", "2022-06-01", 0, 0};
  auto items = capacity_agenda_items({fraud, drugs, ended}, "MPS", "2023-03-10", gaps);
  ASSERT_EQ(items.size(), 3u);  // drugs: analyst + FI; cyber: analyst
  EXPECT_EQ(items[0].ref_id, 1);
  EXPECT_EQ(items[0].kind, AgendaItemKind::kCapacityGap);
  EXPECT_NE(items[1].title.find("financial investigator"), std::string::npos);
  EXPECT_EQ(items[1].detail, "269 of 329 in post (18% vacant)");
  EXPECT_EQ(items[2].ref_id, 2);
  EXPECT_TRUE(capacity_agenda_items({drugs}, "BTP", "2023-03-10", gaps).empty());

  const struct {
    int pct;
    bool spof;
    int score;
  } bands[] = {{0, false, 0}, {14, false, 0}, {15, false, 1}, {24, false, 1}, {25, false, 2}, {45, false, 4}, {90, false, 4}, {0, true, 2}};
  for (const auto& b : bands)
    EXPECT_EQ(capacity_org_score({{"MPS", SpecialistRole::kAnalyst, 10, 9, b.pct, b.spof}}, 4), b.score) << b.pct;
  EXPECT_EQ(capacity_org_score({}, 4), 0);
  EXPECT_EQ(capacity_element_index(default_morile_model()), -1);
  EXPECT_EQ(capacity_element_index(capacity_morile_model()), 0);
  EXPECT_TRUE(validate_morile_model(capacity_morile_model()).is_ok());
  EXPECT_GT(capacity_morile_model().version, default_morile_model().version);
}

}  // namespace
}  // namespace rocta
