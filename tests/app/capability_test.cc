// Capability end to end over a real store (SQLite, and PostgreSQL as pg.*): a pursue
// disruption's suspects open FI items that investigators take, decline and complete; the
// figures per threat, team and BCU and demand per investigator; a forfeiture records a pursue
// disruption; covert value for money; capacity gaps on the tasking agenda and in MoRiLE's
// capacity element; partners see nothing without an agreement covering capability, and with
// one that agency's figures alone; writes and reports audited.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/capability.h"
#include "app/disruptions.h"
#include "app/master_list.h"
#include "app/session.h"
#include "app/sharing.h"
#include "app/tasking.h"
#include "store/audit_repository.h"
#include "store/repository_transaction.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

class CapabilityTest : public ::testing::Test {
 protected:
  TestApp t;
  int64_t north = t.unit("MPS", "North Area BCU", UnitKind::kBcu);
  int64_t south = t.unit("MPS", "South Area BCU", UnitKind::kBcu);
  int64_t hub = t.unit("MPS", "Organised Crime Hub", UnitKind::kSpecialistCrimeCommand);
  User analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  User fi2 = t.user("mps.fi2", "MPS", {Role::kAnalyst});
  User inspector = t.user("mps.inspector", "MPS", {Role::kInspector}, Classification::kOfficial);
  User frontline = t.user("mps.frontline", "MPS", {Role::kFrontlineOfficer});
  User btp_admin = t.user("btp.admin", "BTP", {Role::kAdministrator});
  User hmrc = t.user("hmrc.partner", "HMRC", {Role::kPartner}, Classification::kOfficial);
  Threat threat = t.threat(analyst, marking("MPS", SharingScope::kRegion), "OCG Heron");

  std::vector<AuditEvent> audit() {
    auto tx = std::move(t.store().begin(TxMode::kRead)).value();
    return *tx->audit().scan(0, 100000);
  }
  int64_t audited(const std::string& action) {
    auto events = audit();
    return std::count_if(events.begin(), events.end(), [&](const AuditEvent& e) { return e.action == action; });
  }
  std::string today() { return iso_date(t.app().clock.now_ms()); }
  // A pursue disruption with `n` suspects, alternately in the north and south BCUs.
  Disruption arrests(int n, std::vector<FourP> outcomes = {FourP::kPursue}) {
    Disruption d;
    d.threat_id = threat.id;
    d.record_date = today();
    d.outcomes = std::move(outcomes);
    d.description = "Warrants executed.";
    for (int i = 0; i < n; ++i) d.suspects.push_back({0, "Suspect " + std::to_string(i + 1), i % 3 == 0, i % 2 ? south : north});
    auto r = record_disruption(t.app(), t.as(analyst), d);
    if (!r.is_ok()) throw std::runtime_error(r.status().message());
    return *r;
  }
  std::vector<FiItem> items(const User& u) { return *list_fi_items(t.app(), t.as(u), {}); }
  // An agreement from `giver` to HMRC covering `subjects`.
  SharingAgreement agreement(const std::string& giver, std::vector<AgreementSubject> subjects,
                             std::vector<std::string> whose = {}) {
    SharingAgreement a;
    a.giver = giver, a.receiver = "HMRC", a.purpose = "Joint tasking against London OCGs";
    a.subjects = std::move(subjects), a.capability_of = std::move(whose);
    return a;
  }
  // The user as a request reads them: from the store, with the agreements in force today.
  Caller reloaded(const std::string& username) { return operator_acting_as(t.app(), username, "").value(); }
  void posts(int64_t unit, SpecialistRole role, int n, int filled, const std::string& agency = "MPS") {
    for (int i = 0; i < n; ++i) {
      StaffingPost p;
      p.agency = agency, p.unit_id = unit, p.role = role, p.month = today().substr(0, 7);
      p.post_ref = std::string(to_string(role)) + "-" + std::to_string(unit) + "-" + std::to_string(i);
      p.filled = i < filled;
      if (p.filled) p.holder = "Officer " + std::to_string(i);
      auto r = record_post(t.app(), system_caller(), p);
      if (!r.is_ok()) throw std::runtime_error(r.status().message());
    }
  }
};

TEST_F(CapabilityTest, EverySuspectOfAPursueDisruptionOpensAnItemAndOthersOpenNone) {
  Disruption d = arrests(30);
  auto all = items(analyst);
  ASSERT_EQ(all.size(), 30u);
  EXPECT_EQ(all[0].disruption_id, d.id);
  EXPECT_EQ(all[0].threat_reference, threat.reference);
  EXPECT_EQ(all[0].state, FiState::kOpen);
  EXPECT_EQ(all[0].team_unit_id, analyst.unit_id);
  EXPECT_EQ(all[1].bcu_unit_id, south);
  EXPECT_EQ(audited("capability.fi.open"), 1);
  arrests(0);
  EXPECT_EQ(items(analyst).size(), 30u);
}

TEST_F(CapabilityTest, SuspectsOnANonPursueDisruptionOrABadBcuAreRefusedWithNothingWritten) {
  Disruption d;
  d.threat_id = threat.id, d.record_date = today(), d.outcomes = {FourP::kPrepare}, d.description = "Exercise.";
  d.suspects = {{0, "A", false, 0}};
  EXPECT_EQ(record_disruption(t.app(), t.as(analyst), d).status().code(), Code::kInvalidArgument);
  d.outcomes = {FourP::kPursue};
  d.suspects = {{0, "A", false, hub}};  // not a BCU
  EXPECT_EQ(record_disruption(t.app(), t.as(analyst), d).status().code(), Code::kInvalidArgument);
  d.suspects = {{0, "", false, 0}};
  EXPECT_EQ(record_disruption(t.app(), t.as(analyst), d).status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(items(analyst).empty());
  EXPECT_TRUE(threat_disruptions(t.app(), t.as(analyst), threat.id)->empty());
}

TEST_F(CapabilityTest, InvestigatorsTakeDeclineAndCompleteAndTheFiguresFollow) {
  arrests(30);
  posts(hub, SpecialistRole::kFinancialInvestigator, 50, 8);
  auto all = items(analyst);
  // The inspection's case: the appointed investigator could take only the top four.
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(decide_fi_item(t.app(), t.as(analyst), all[i].id, FiAction::kTake, FiDeclineReason::kOther, "", 1).is_ok());
  for (size_t i = 4; i < all.size(); ++i)
    ASSERT_TRUE(decide_fi_item(t.app(), t.as(analyst), all[i].id, FiAction::kDecline, FiDeclineReason::kNoCapacity, "", 0).is_ok());
  EXPECT_EQ(decide_fi_item(t.app(), t.as(fi2), all[0].id, FiAction::kComplete, FiDeclineReason::kOther, "done", 0).status().code(),
            Code::kPermissionDenied);
  ASSERT_TRUE(decide_fi_item(t.app(), t.as(analyst), all[0].id, FiAction::kComplete, FiDeclineReason::kOther, "£40k found", 0).is_ok());
  EXPECT_EQ(decide_fi_item(t.app(), t.as(analyst), all[1].id, FiAction::kTake, FiDeclineReason::kOther, "", 1).status().code(),
            Code::kConflict);  // stale version
  EXPECT_EQ(decide_fi_item(t.app(), t.as(inspector), all[5].id, FiAction::kTake, FiDeclineReason::kOther, "", 0).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(decide_fi_item(t.app(), t.as(btp_admin), all[5].id, FiAction::kTake, FiDeclineReason::kOther, "", 0).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(audited("capability.fi.decide"), 31);

  auto r = capability_report(t.app(), t.as(inspector), "");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->fi.total.suspects, 30);
  EXPECT_EQ(r->fi.total.investigated, 4);
  EXPECT_EQ(r->fi.total.not_investigated, 26);
  EXPECT_EQ(r->fi.total.refused_no_capacity, 26);
  ASSERT_EQ(r->fi.by_threat.size(), 1u);
  EXPECT_EQ(r->fi.by_threat[0].key, threat.reference);
  ASSERT_EQ(r->fi.by_bcu.size(), 2u);
  EXPECT_EQ(r->fi.by_bcu[0].key, "North Area BCU");
  EXPECT_EQ(r->fi.by_bcu[0].suspects, 15);
  ASSERT_EQ(r->fi.capacity.size(), 1u);
  EXPECT_EQ(r->fi.capacity[0].demand, 3);
  EXPECT_EQ(r->fi.capacity[0].investigators, 8);
  ASSERT_EQ(r->staffing.units.size(), 1u);
  EXPECT_EQ(r->staffing.units[0].vacant, 42);
  EXPECT_EQ(audited("capability.report.read"), 1);
}

TEST_F(CapabilityTest, AForfeitureRecordsAPursueDisruptionAndTheArisShareIsReturned) {
  AssetCase c;
  c.threat_id = threat.id, c.description = "Cash seized at Heathrow", c.route = AssetRoute::kForfeiture;
  c.identified_pence = 2'000'000, c.identified_on = today();
  auto made = record_asset_case(t.app(), t.as(analyst), c);
  ASSERT_TRUE(made.is_ok()) << made.status().message();
  EXPECT_EQ(made->threat_reference, threat.reference);
  auto forfeited = advance_asset(t.app(), t.as(analyst), made->id, AssetStage::kForfeited, 1'500'000, today(), 1);
  ASSERT_TRUE(forfeited.is_ok()) << forfeited.status().message();
  auto ds = *threat_disruptions(t.app(), t.as(analyst), threat.id);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].id, forfeited->disruption_id);
  EXPECT_EQ(ds[0].principal(), FourP::kPursue);
  // Bad input changes nothing: more realised than forfeited.
  EXPECT_EQ(advance_asset(t.app(), t.as(analyst), made->id, AssetStage::kRealised, 1'500'001, today(), 2).status().code(),
            Code::kInvalidArgument);
  ASSERT_TRUE(advance_asset(t.app(), t.as(analyst), made->id, AssetStage::kRealised, 1'500'000, today(), 2).is_ok());
  EXPECT_EQ(threat_disruptions(t.app(), t.as(analyst), threat.id)->size(), 1u);
  auto r = *capability_report(t.app(), t.as(inspector), "");
  ASSERT_EQ(r.assets.by_agency.size(), 1u);
  EXPECT_EQ(r.assets.by_agency[0].realised_pence, 1'500'000);
  EXPECT_EQ(r.assets.by_agency[0].returned_pence, 750'000);
  EXPECT_EQ(record_asset_case(t.app(), t.as(inspector), c).status().code(), Code::kPermissionDenied);
}

TEST_F(CapabilityTest, UndercoverKeptWithoutADeploymentInTwoYearsIsFlagged) {
  CovertAccreditation a;
  a.tactic = CovertTactic::kUndercover, a.holder = "UC team", a.accredited_on = "2020-01-01", a.expires_on = "2030-01-01";
  a.annual_cost_pence = 25'000'000;
  ASSERT_TRUE(record_accreditation(t.app(), t.as(btp_admin), a).is_ok());
  CovertDeployment d;
  d.tactic = CovertTactic::kUndercover, d.deployed_on = "2023-01-10", d.cost_pence = 100;
  ASSERT_TRUE(record_deployment(t.app(), t.as(btp_admin), d).is_ok());  // more than two years before 2026-06-21
  auto r = *capability_report(t.app(), t.as(inspector), "");
  ASSERT_EQ(r.covert.rows.size(), 1u);
  EXPECT_EQ(r.covert.rows[0].agency, "BTP");
  EXPECT_TRUE(r.covert.rows[0].kept_without_use);
  EXPECT_EQ(record_accreditation(t.app(), t.as(analyst), CovertAccreditation{0, "BTP", CovertTactic::kUndercover, "x", "2020-01-01", "2030-01-01", 0, {}})
                .value()
                .agency,
            "MPS");  // a person records for their own agency only
}

TEST_F(CapabilityTest, PartnersWithoutACapabilityAgreementAndFrontlineOfficersSeeNothing) {
  arrests(2);
  posts(hub, SpecialistRole::kAnalyst, 3, 1);
  // An agreement covering records (as every agreement did before subjects) opens no capability.
  ASSERT_TRUE(make_agreement(t.app(), system_caller(), agreement("MPS", {AgreementSubject::kRecords})).is_ok());
  const Caller shared = reloaded("hmrc.partner");
  ASSERT_EQ(shared.user.grants.size(), 1u);
  for (const Caller& c : {t.as(hmrc), shared, t.as(frontline)}) {
    EXPECT_EQ(capability_report(t.app(), c, "").status().code(), Code::kPermissionDenied) << c.user.username;
    EXPECT_EQ(list_fi_items(t.app(), c, {}).status().code(), Code::kPermissionDenied) << c.user.username;
  }
  // Another region's inspector reads only its own agency's records.
  User gmp = t.user("gmp.inspector", "GMP", {Role::kInspector}, Classification::kOfficial);
  auto r = capability_report(t.app(), t.as(gmp), "");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->fi.total.suspects, 0);
  EXPECT_TRUE(r->staffing.units.empty());
  r = capability_report(t.app(), t.as(t.user("btp.inspector", "BTP", {Role::kInspector}, Classification::kOfficial)), "");
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->fi.total.suspects, 2);  // same region
}

TEST_F(CapabilityTest, APartnerWithACapabilityAgreementReadsThatAgencysFiguresAndNoOther) {
  arrests(3);
  posts(hub, SpecialistRole::kFinancialInvestigator, 4, 3);
  const int64_t btp_unit = t.unit("BTP", "BTP Intelligence");
  posts(btp_unit, SpecialistRole::kFinancialInvestigator, 10, 2, "BTP");
  CovertAccreditation uc;
  uc.tactic = CovertTactic::kUndercover, uc.holder = "UC team", uc.accredited_on = "2020-01-01", uc.expires_on = "2030-01-01";
  ASSERT_TRUE(record_accreditation(t.app(), t.as(btp_admin), uc).is_ok());
  auto made = make_agreement(t.app(), system_caller(), agreement("MPS", {AgreementSubject::kCapability}, {"MPS"}));
  ASSERT_TRUE(made.is_ok()) << made.status().message();

  const Caller partner = reloaded("hmrc.partner");
  auto r = capability_report(t.app(), partner, "");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_EQ(r->staffing.agencies.size(), 1u);
  EXPECT_EQ(r->staffing.agencies[0].agency, "MPS");
  EXPECT_EQ(r->staffing.agencies[0].establishment, 4);  // BTP's ten posts are in no total
  for (const auto& u : r->staffing.unit_totals) EXPECT_EQ(u.agency, "MPS");
  EXPECT_EQ(r->fi.total.suspects, 3);
  ASSERT_EQ(r->fi.capacity.size(), 1u);
  EXPECT_EQ(r->fi.capacity[0].investigators, 3);
  EXPECT_TRUE(r->covert.rows.empty());  // BTP's undercover
  EXPECT_EQ(list_fi_items(t.app(), partner, {}).value().size(), 3u);
  FiItemFilter btp_only;
  btp_only.agency = "BTP";
  EXPECT_TRUE(list_fi_items(t.app(), partner, btp_only).value().empty());

  // The region's inspector reads both: the totals the partner saw were the MPS's alone.
  auto whole = capability_report(t.app(), t.as(inspector), "");
  ASSERT_TRUE(whole.is_ok());
  int64_t posts_seen = 0;
  for (const auto& a : whole->staffing.agencies) posts_seen += a.establishment;
  EXPECT_EQ(posts_seen, 14);
  EXPECT_EQ(whole->covert.rows.size(), 1u);

  // The read is audited with the agencies it was computed from.
  auto events = audit();
  auto read = std::find_if(events.rbegin(), events.rend(), [&](const AuditEvent& e) {
    return e.action == "capability.report.read" && e.actor_id == partner.user.id;
  });
  ASSERT_NE(read, events.rend());
  EXPECT_EQ(nlohmann::json::parse(read->detail)["agencies"], nlohmann::json::array({"MPS"}));
  EXPECT_GE(audited("capability.fi.list"), 2);
}

TEST_F(CapabilityTest, ACapabilityAgreementOutOfForceOrEndedOpensNothing) {
  posts(hub, SpecialistRole::kAnalyst, 2, 1);
  auto a = agreement("MPS", {AgreementSubject::kRecords, AgreementSubject::kCapability}, {"MPS"});
  a.starts_on = "2026-06-22";  // tomorrow, by the test clock
  auto made = make_agreement(t.app(), system_caller(), a);
  ASSERT_TRUE(made.is_ok()) << made.status().message();
  EXPECT_EQ(capability_report(t.app(), reloaded("hmrc.partner"), "").status().code(), Code::kPermissionDenied);
  auto changed = change_agreement(t.app(), system_caller(), made->id, made->version, [](SharingAgreement& x) {
    x.starts_on = "2026-01-01";
    return Status::ok();
  });
  ASSERT_TRUE(changed.is_ok()) << changed.status().message();
  EXPECT_TRUE(capability_report(t.app(), reloaded("hmrc.partner"), "").is_ok());
  changed = change_agreement(t.app(), system_caller(), made->id, changed->version, [](SharingAgreement& x) {
    x.active = false;
    return Status::ok();
  });
  ASSERT_TRUE(changed.is_ok());
  EXPECT_EQ(capability_report(t.app(), reloaded("hmrc.partner"), "").status().code(), Code::kPermissionDenied);
}

TEST_F(CapabilityTest, AnAgreementOpensOnlyTheGiversOwnCapability) {
  auto bad = make_agreement(t.app(), system_caller(), agreement("MPS", {AgreementSubject::kCapability}, {"BTP"}));
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "capability_of");
  bad = make_agreement(t.app(), system_caller(), agreement("MPS", {AgreementSubject::kCapability}));
  EXPECT_EQ(bad.status().field(), "capability_of");
  bad = make_agreement(t.app(), system_caller(), agreement("MPS", {}));
  EXPECT_EQ(bad.status().field(), "subjects");
  // Only the giver's administrators make it.
  EXPECT_EQ(make_agreement(t.app(), t.as(btp_admin), agreement("MPS", {AgreementSubject::kCapability}, {"MPS"})).status().code(),
            Code::kPermissionDenied);
}

TEST_F(CapabilityTest, CapacityGapsShowOnTheAgendaUnderThePriorityThatNeedsThem) {
  posts(hub, SpecialistRole::kFinancialInvestigator, 10, 5);
  User chair = t.user("mps.chair", "MPS", {Role::kTaskingChair});
  ControlPriority p;
  p.rank = 1, p.title = "Drug supply", p.crime_type = "Drug supply", p.effective_from = today();
  auto added = add_priority(t.app(), t.as(chair), p);
  ASSERT_TRUE(added.is_ok()) << added.status().message();
  TaskingMeeting m;
  m.unit_id = hub, m.level = MeetingLevel::kForce, m.held_on = today(), m.title = "Force TTCG";
  auto meeting = schedule_meeting(t.app(), t.as(chair), m);
  ASSERT_TRUE(meeting.is_ok()) << meeting.status().message();
  auto v = open_meeting(t.app(), t.as(chair), meeting->id);
  ASSERT_TRUE(v.is_ok()) << v.status().message();
  auto gap = std::find_if(v->agenda.begin(), v->agenda.end(), [](const AgendaItem& i) { return i.kind == AgendaItemKind::kCapacityGap; });
  ASSERT_NE(gap, v->agenda.end());
  EXPECT_NE(gap->title.find("Drug supply"), std::string::npos);
  EXPECT_EQ(gap->detail, "5 of 10 in post (50% vacant)");
  auto tx = std::move(t.store().begin(TxMode::kRead)).value();
  EXPECT_EQ(*capacity_org_score_in(*tx, t.as(chair), "MPS", 4, today()), 4);
  EXPECT_EQ(*capacity_org_score_in(*tx, t.as(frontline), "MPS", 4, today()), 0);
}

TEST_F(CapabilityTest, AModelWithTheCapacityElementScoresItFromTheOwnersRecords) {
  posts(hub, SpecialistRole::kFinancialInvestigator, 10, 5);  // 50% vacant: the top band
  User assessor = t.user("mps.assessor", "MPS", {Role::kAssessor});
  AssessmentDraft d;
  d.factors = {{2, 2, 2, 2, 2}, "regional", "some", "likely", {0, 1, 1}, Confidence::kMedium};
  d.rationale = "Financial investigators short in the owning force";
  auto v1 = assess_threat(t.app(), t.as(assessor), threat.id, d);
  ASSERT_TRUE(v1.is_ok()) << v1.status().message();
  EXPECT_EQ(v1->factors.org[0], 0);  // version 1 has no such element: as given
  auto loaded = load_morile_model(t.app(), system_caller(), morile_model_json(capacity_morile_model()));
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  auto moderated = moderate_assessment(t.app(), t.as(t.user("mps.moderator", "MPS", {Role::kModerator})), v1->id, true, "agreed",
                                       std::nullopt);
  ASSERT_TRUE(moderated.is_ok()) << moderated.status().message();
  auto v2 = assess_threat(t.app(), t.as(assessor), threat.id, d);
  ASSERT_TRUE(v2.is_ok()) << v2.status().message();
  EXPECT_EQ(v2->model_version, 2);
  EXPECT_EQ(v2->factors.org[0], 4);  // from the records, not the 0 typed in
  EXPECT_EQ(v2->score.org_position, 6);
}

}  // namespace
}  // namespace rocta
