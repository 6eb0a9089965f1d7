// The SIU check of a MoRiLE assessment end to end over a real store: the SIU replies
// without disclosure, moderation waits for the reply or records why not, and the SOC
// figures carry the consultation rate (app/siu_checks.h, core/siu_check.h).
#include <gtest/gtest.h>

#include "app/disruptions.h"
#include "app/intelligence.h"
#include "app/master_list.h"
#include "app/siu_checks.h"
#include "store/audit_repository.h"
#include "store/repository_transaction.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

AssessmentDraft example_a() {  // DOMAIN.md worked example A: priority 189, tier 2
  return {{{3, 3, 1, 3, 0}, "regional", "high", "highly likely", {2, 1, 3}, Confidence::kMedium}, AssessmentType::kTactical,
          "Supply across three boroughs, violence on the record"};
}

class SiuCheckTest : public ::testing::Test {
 protected:
  TestApp t;
  User bcu = t.user("mps.bcu", "MPS", {Role::kAnalyst});
  User assessor = t.user("mps.assessor", "MPS", {Role::kAssessor});
  User moderator = t.user("mps.moderator", "MPS", {Role::kModerator});
  User siu = t.user("mps.siu", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
  User siu2 = t.user("mps.siu2", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
  User other_siu = t.user("btp.siu", "BTP", {Role::kSiuOfficer}, Classification::kSecret, {"BTP-SIU"});
  User inspector = t.user("mps.inspector", "MPS", {Role::kInspector});

  // An assessment of a new threat whose member is the subject of covert-source material.
  MorileAssessment consulting_assessment(const std::string& name) {
    Nominal member;
    member.surname = name;
    member.marking = marking("MPS", SharingScope::kRegion);
    auto nominal = create_nominal(t.app(), t.as(bcu), member);
    EXPECT_TRUE(nominal.is_ok());
    IntelligenceReport chis;
    chis.title = "CHIS: " + name + " stores firearms";
    chis.body = "Sensitive";
    chis.source_evaluation = 1;
    chis.intelligence_assessment = 'B';
    chis.marking = marking("MPS", SharingScope::kOwnerOnly, Classification::kSecret, "MPS-SIU");
    auto report = submit_intelligence(t.app(), t.as(siu), chis);
    EXPECT_TRUE(report.is_ok()) << report.status().message();
    Link l;
    l.from = {RecordKind::kIntelligence, report->id};
    l.to = {RecordKind::kNominal, nominal->id};
    l.relation = "subject";
    EXPECT_TRUE(link_records(t.app(), t.as(siu), l).is_ok());
    NominationDraft d;
    d.threat.name = "OCG " + name;
    d.threat.primary_crime_type = "Drug supply";
    d.threat.marking = marking("MPS", SharingScope::kRegion);
    d.rationale = "Seen dealing near the station for six weeks";
    d.evidence = {{RecordKind::kNominal, nominal->id}};
    auto n = nominate_threat(t.app(), t.as(bcu), d);
    EXPECT_TRUE(n.is_ok()) << n.status().message();
    auto a = assess_threat(t.app(), t.as(assessor), n->threat.id, example_a());
    EXPECT_TRUE(a.is_ok() && a->siu_signal);
    return *a;
  }

  std::vector<AuditEvent> audit_events(const std::string& action) {
    auto tx = t.store().begin(TxMode::kRead);
    auto all = (*tx)->audit().scan(1, 100000);
    std::vector<AuditEvent> out;
    for (auto& e : *all)
      if (e.action == action) out.push_back(e);
    return out;
  }
};

TEST_F(SiuCheckTest, TheSiuRepliesOnceAndOnlyItsOfficersReadTheNote) {
  const MorileAssessment a = consulting_assessment("Osei");
  const std::string note = "CHIS reporting puts firearms access higher than scored";
  EXPECT_EQ(reply_to_siu_check(t.app(), t.as(assessor), a.id, "MPS-SIU", SiuAdvice::kNoTrace, "").status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(reply_to_siu_check(t.app(), t.as(other_siu), a.id, "MPS-SIU", SiuAdvice::kNoTrace, "").status().code(),
            Code::kPermissionDenied);
  auto r = reply_to_siu_check(t.app(), t.as(siu), a.id, "MPS-SIU", SiuAdvice::kAdviseRescore, note);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(reply_to_siu_check(t.app(), t.as(siu2), a.id, "MPS-SIU", SiuAdvice::kNoTrace, "").status().code(),
            Code::kAlreadyExists);

  auto for_assessor = siu_check_of(t.app(), t.as(assessor), a.id);
  ASSERT_TRUE(for_assessor.is_ok()) << for_assessor.status().message();
  EXPECT_TRUE(for_assessor->asked);
  EXPECT_TRUE(for_assessor->unanswered.empty());
  ASSERT_EQ(for_assessor->replies.size(), 1u);
  EXPECT_EQ(for_assessor->replies[0].advice, SiuAdvice::kAdviseRescore);
  EXPECT_EQ(for_assessor->replies[0].note, "");
  EXPECT_EQ(for_assessor->replies[0].replied_by, 0);
  auto for_colleague = siu_check_of(t.app(), t.as(siu2), a.id);
  ASSERT_TRUE(for_colleague.is_ok());
  EXPECT_EQ(for_colleague->replies[0].note, note);
  EXPECT_EQ(for_colleague->replies[0].replied_by, siu.id);
  // The audit says that the SIU answered and how, never what the note says.
  const auto events = audit_events("siu.reply");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].detail.find("advise re-score"), std::string::npos);
  EXPECT_EQ(events[0].detail.find("firearms"), std::string::npos);
}

TEST_F(SiuCheckTest, ApprovalWaitsForTheReplyOrRecordsWhyNot) {
  const MorileAssessment a = consulting_assessment("Osei");
  const MorileAssessment b = consulting_assessment("Mensah");
  auto early = moderate_assessment(t.app(), t.as(moderator), a.id, true, "consistent", std::nullopt);
  EXPECT_EQ(early.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(early.status().field(), "without_siu_reply");
  // Nothing was written by the refused approval.
  auto check = siu_check_of(t.app(), t.as(moderator), a.id);
  ASSERT_TRUE(check.is_ok());
  EXPECT_FALSE(check->waiver.has_value());

  ASSERT_TRUE(reply_to_siu_check(t.app(), t.as(siu), a.id, "MPS-SIU", SiuAdvice::kNoTrace, "").is_ok());
  auto approved = moderate_assessment(t.app(), t.as(moderator), a.id, true, "consistent", std::nullopt);
  ASSERT_TRUE(approved.is_ok()) << approved.status().message();
  EXPECT_TRUE(audit_events("assessment.moderate.without_siu_reply").empty());
  // Too late to answer once moderated.
  EXPECT_EQ(reply_to_siu_check(t.app(), t.as(siu2), a.id, "MPS-SIU", SiuAdvice::kConsulted, "").status().code(),
            Code::kFailedPrecondition);

  auto going_ahead = moderate_assessment(t.app(), t.as(moderator), b.id, true, "consistent", std::nullopt,
                                         "Tasking meeting tomorrow; the SIU is on leave until Monday");
  ASSERT_TRUE(going_ahead.is_ok()) << going_ahead.status().message();
  auto waived = siu_check_of(t.app(), t.as(assessor), b.id);
  ASSERT_TRUE(waived.is_ok() && waived->waiver.has_value());
  EXPECT_EQ(waived->waiver->unanswered, std::vector<std::string>{"MPS-SIU"});
  EXPECT_EQ(waived->waiver->recorded_by, moderator.id);
  const auto events = audit_events("assessment.moderate.without_siu_reply");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].detail.find("on leave until Monday"), std::string::npos);
  EXPECT_EQ(reply_to_siu_check(t.app(), t.as(siu), b.id, "MPS-SIU", SiuAdvice::kNoTrace, "").status().code(),
            Code::kFailedPrecondition);
}

TEST_F(SiuCheckTest, TheSocFiguresCarryTheConsultationRate) {
  const MorileAssessment a = consulting_assessment("Osei");
  consulting_assessment("Mensah");
  ASSERT_TRUE(reply_to_siu_check(t.app(), t.as(siu), a.id, "MPS-SIU", SiuAdvice::kConsulted, "").is_ok());
  report::SocOptions o;
  o.year_ending = "2027-03-31";
  auto f = soc_figures(t.app(), t.as(inspector), o);
  ASSERT_TRUE(f.is_ok()) << f.status().message();
  ASSERT_EQ(f->siu_consultation.count("MPS"), 1u);
  const SiuConsultation& mps = f->siu_consultation.at("MPS");
  EXPECT_EQ(mps.assessments, 2);
  EXPECT_EQ(mps.asked, 2);
  EXPECT_EQ(mps.answered, 1);
  EXPECT_EQ(mps.rate_tenths, 500);
  EXPECT_NE(report::to_json(*f).find("\"siu_consultation\""), std::string::npos);
  // As at the day before the assessments, none had been made.
  o.as_of = "2026-06-20";
  auto before = soc_figures(t.app(), t.as(inspector), o);
  ASSERT_TRUE(before.is_ok());
  EXPECT_EQ(before->siu_consultation.count("MPS"), 0u);
  const User frontline = t.user("mps.frontline", "MPS", {Role::kFrontlineOfficer});
  EXPECT_EQ(siu_consultation_figures(t.app(), t.as(frontline), "2026-01-01", "2026-12-31", "").status().code(),
            Code::kPermissionDenied);
}

}  // namespace
}  // namespace rocta
