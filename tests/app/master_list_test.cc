// The master list end to end over a real store: nomination from a BCU, the queue, MoRiLE
// assessment, moderation by a second person, the SIU check, priorities.
#include <gtest/gtest.h>

#include "app/intelligence.h"
#include "app/master_list.h"
#include "store/marked_repository.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

constexpr int64_t kDay = 24LL * 3600 * 1000;

AssessmentDraft example_a() {  // DOMAIN.md worked example A: priority 189, tier 2
  return {{{3, 3, 1, 3, 0}, "regional", "high", "highly likely", {2, 1, 3}, Confidence::kMedium}, AssessmentType::kTactical,
          "Supply across three boroughs, violence on the record"};
}
AssessmentDraft example_b() {  // worked example B: priority 114, tier 3
  return {{{2, 0, 3, 3, 1}, "national", "none", "likely", {3, 2, 2}, Confidence::kHigh}, AssessmentType::kTactical, "National reach, little local harm"};
}

class MasterListTest : public ::testing::Test {
 protected:
  TestApp t;
  User bcu = t.user("mps.bcu", "MPS", {Role::kAnalyst});
  User assessor = t.user("mps.assessor", "MPS", {Role::kAssessor});
  User moderator = t.user("mps.moderator", "MPS", {Role::kModerator});
  User both = t.user("mps.both", "MPS", {Role::kAssessor, Role::kModerator});
  User siu = t.user("mps.siu", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
  User btp = t.user("btp.analyst", "BTP", {Role::kAnalyst});

  NominationView nominate(const std::string& name, int priority = 3, std::vector<RecordRef> evidence = {}) {
    NominationDraft d;
    d.threat.name = name;
    d.threat.primary_crime_type = "Drug supply";
    d.threat.marking = marking("MPS", SharingScope::kRegion);
    d.rationale = "Seen dealing near the station for six weeks";
    d.provisional_priority = priority;
    d.evidence = std::move(evidence);
    auto n = nominate_threat(t.app(), t.as(bcu), d);
    EXPECT_TRUE(n.is_ok()) << n.status().message();
    return *n;
  }
};

TEST_F(MasterListTest, BcuNominationIsQueuedAssessedModeratedAndListedInScoreOrder) {
  const auto low = nominate("OCG Lapwing", 4);
  const auto high = nominate("OCG Curlew", 1);
  auto queue = list_nominations(t.app(), t.as(assessor), {NominationStatus::kAwaitingAssessment, "", {}});
  ASSERT_TRUE(queue.is_ok());
  ASSERT_EQ(queue->total, 2);
  EXPECT_EQ(queue->items[0].nomination.id, high.nomination.id);  // provisional priority 1 first
  EXPECT_EQ(queue->items[0].threat.moderation, ModerationStatus::kUnmoderated);

  auto a_low = assess_threat(t.app(), t.as(assessor), low.threat.id, example_b());
  auto a_high = assess_threat(t.app(), t.as(assessor), high.threat.id, example_a());
  ASSERT_TRUE(a_low.is_ok() && a_high.is_ok()) << a_low.status().message();
  EXPECT_NEAR(a_high->score.priority, 189.0, 1e-9);
  EXPECT_EQ(a_high->score.tier, 2);
  EXPECT_EQ(nomination_queue_figures(t.app(), t.as(assessor))->count, 0);

  // Not yet on the list: awaiting moderation.
  ThreatQuery list;
  list.master_list = MasterListFilter{};
  list.relevant_to = "MPS";
  EXPECT_EQ(list_threats(t.app(), t.as(bcu), list)->total, 0);

  // The assessor cannot moderate their own work; a second person can.
  EXPECT_EQ(moderate_assessment(t.app(), t.as(assessor), a_high->id, true, "ok", std::nullopt).status().code(),
            Code::kPermissionDenied);  // not a moderator
  // A second assessment waits until the first is moderated or returned.
  EXPECT_EQ(assess_threat(t.app(), t.as(both), high.threat.id, example_a()).status().code(), Code::kFailedPrecondition);
  ASSERT_TRUE(moderate_assessment(t.app(), t.as(moderator), a_high->id, false, "recheck the likelihood", std::nullopt).is_ok());
  auto own = assess_threat(t.app(), t.as(both), high.threat.id, example_a());
  ASSERT_TRUE(own.is_ok());
  EXPECT_EQ(own->version, 2);
  EXPECT_EQ(moderate_assessment(t.app(), t.as(both), own->id, true, "ok", std::nullopt).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(moderate_assessment(t.app(), t.as(moderator), own->id, true, "consistent", std::nullopt).is_ok());
  ASSERT_TRUE(moderate_assessment(t.app(), t.as(moderator), a_low->id, true, "consistent", std::nullopt).is_ok());

  auto priorities = list_threats(t.app(), t.as(bcu), list);
  ASSERT_TRUE(priorities.is_ok());
  ASSERT_EQ(priorities->total, 2);
  EXPECT_EQ(priorities->items[0].id, high.threat.id);  // 189 before 114
  EXPECT_EQ(priorities->items[0].tier, 2);
  EXPECT_EQ(priorities->items[1].tier, 3);
  // Versions are kept, each with the model it used.
  auto history = assessment_history(t.app(), t.as(bcu), high.threat.id);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].status, AssessmentStatus::kReturned);
  EXPECT_EQ((*history)[0].moderation_note, "recheck the likelihood");
  EXPECT_EQ((*history)[1].status, AssessmentStatus::kModerated);
}

TEST_F(MasterListTest, SharedThreatShowsOnTheOtherAgencysPriorities) {
  NominationDraft d;
  d.threat.name = "OCG on the line";
  d.threat.marking = marking("BTP", SharingScope::kNamed, Classification::kOfficial, "", {"MPS"});
  d.rationale = "Members live in MPS boroughs";
  auto n = nominate_threat(t.app(), t.as(btp), d);
  ASSERT_TRUE(n.is_ok()) << n.status().message();
  auto a = assess_threat(t.app(), t.as(assessor), n->threat.id, example_a());  // shared with the MPS by name
  ASSERT_TRUE(a.is_ok());
  ASSERT_TRUE(moderate_assessment(t.app(), t.as(moderator), a->id, true, "ok", std::nullopt).is_ok());
  ThreatQuery mps;
  mps.master_list = MasterListFilter{};
  mps.relevant_to = "MPS";
  EXPECT_EQ(list_threats(t.app(), t.as(bcu), mps)->total, 1);
  ThreatQuery colp = mps;
  colp.relevant_to = "COLP";
  EXPECT_EQ(list_threats(t.app(), t.as(bcu), colp)->total, 0);
}

TEST_F(MasterListTest, SiuMaterialIsSignalledToTheAssessorAndShownToNoOneUncleared) {
  Nominal member;
  member.surname = "Osei";
  member.marking = marking("MPS", SharingScope::kRegion);
  auto nominal = create_nominal(t.app(), t.as(bcu), member);
  ASSERT_TRUE(nominal.is_ok());
  IntelligenceReport chis;
  chis.title = "CHIS: Osei stores firearms";
  chis.body = "Sensitive";
  chis.source_evaluation = 1;
  chis.intelligence_assessment = 'B';
  chis.marking = marking("MPS", SharingScope::kOwnerOnly, Classification::kSecret, "MPS-SIU");
  auto report = submit_intelligence(t.app(), t.as(siu), chis);
  ASSERT_TRUE(report.is_ok()) << report.status().message();
  Link l;
  l.from = {RecordKind::kIntelligence, report->id};
  l.to = {RecordKind::kNominal, nominal->id};
  l.relation = "subject";
  ASSERT_TRUE(link_records(t.app(), t.as(siu), l).is_ok());

  const auto n = nominate("OCG Osei", 2, {{RecordKind::kNominal, nominal->id}});
  auto a = assess_threat(t.app(), t.as(assessor), n.threat.id, example_a());
  ASSERT_TRUE(a.is_ok());
  EXPECT_TRUE(a->siu_signal);
  EXPECT_EQ(a->siu_compartments, std::vector<std::string>{"MPS-SIU"});
  // The assessor is told to consult the SIU, and still cannot read the material.
  EXPECT_EQ(open_intelligence(t.app(), t.as(assessor, "assessment"), report->id).status().code(), Code::kNotFound);
  EXPECT_EQ(open_threat(t.app(), t.as(assessor), n.threat.id)->links.size(), 1u);  // the nominal, not the report
  // The SIU is told an assessment waits on it.
  auto checks = siu_assessment_checks(t.app(), t.as(siu));
  ASSERT_TRUE(checks.is_ok());
  ASSERT_EQ(checks->size(), 1u);
  EXPECT_EQ((*checks)[0].id, a->id);
  EXPECT_EQ(siu_assessment_checks(t.app(), t.as(assessor)).status().code(), Code::kPermissionDenied);
  // A threat with nothing sensitive around it raises no signal.
  const auto plain = nominate("OCG Plain");
  EXPECT_FALSE(assess_threat(t.app(), t.as(assessor), plain.threat.id, example_b())->siu_signal);
}

TEST_F(MasterListTest, RejectedNominationKeepsItsReasonAndReturnedAssessmentGoesBack) {
  const auto n = nominate("Shoplifter");
  EXPECT_EQ(decide_nomination(t.app(), t.as(bcu), n.nomination.id, NominationStatus::kRejected, "x", 0).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(decide_nomination(t.app(), t.as(assessor), n.nomination.id, NominationStatus::kRejected, "", 0).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(decide_nomination(t.app(), t.as(assessor), n.nomination.id, NominationStatus::kMerged, "same group", 0).status().field(),
            "merged_into");
  auto rejected = decide_nomination(t.app(), t.as(assessor), n.nomination.id, NominationStatus::kRejected,
                                    "Not SOC: a lone offender", 0);
  ASSERT_TRUE(rejected.is_ok());
  auto closed = list_nominations(t.app(), t.as(bcu), {NominationStatus::kRejected, "", {}});
  ASSERT_EQ(closed->total, 1);
  EXPECT_EQ(closed->items[0].nomination.outcome_reason, "Not SOC: a lone offender");

  const auto m = nominate("OCG Returned");
  auto a = assess_threat(t.app(), t.as(assessor), m.threat.id, example_a());
  auto back = moderate_assessment(t.app(), t.as(moderator), a->id, false, "likelihood not supported", std::nullopt);
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back->status, AssessmentStatus::kReturned);
  EXPECT_EQ(open_threat(t.app(), t.as(bcu), m.threat.id)->record.moderation, ModerationStatus::kUnmoderated);
}

TEST_F(MasterListTest, ANewModelVersionChangesNewAssessmentsNotOldOnes) {
  const auto first = nominate("OCG First");
  auto old_a = assess_threat(t.app(), t.as(assessor), first.threat.id, example_a());
  ASSERT_TRUE(old_a.is_ok());
  MorileModel v2 = default_morile_model();
  v2.version = 2;
  v2.name = "Force model 2";
  v2.tier_floors = {250, 150, 75, 25};
  v2.vulnerabilities = {{"none", 100}, {"some", 150}, {"high", 200}};
  const User admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  EXPECT_EQ(load_morile_model(t.app(), t.as(bcu), morile_model_json(v2)).status().code(), Code::kPermissionDenied);
  ASSERT_TRUE(load_morile_model(t.app(), t.as(admin), morile_model_json(v2)).is_ok());
  EXPECT_EQ(load_morile_model(t.app(), t.as(admin), morile_model_json(v2)).status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(load_morile_model(t.app(), t.as(admin), "{\"version\": 3}").is_ok());

  const auto second = nominate("OCG Second");
  auto new_a = assess_threat(t.app(), t.as(assessor), second.threat.id, example_a());
  ASSERT_TRUE(new_a.is_ok());
  EXPECT_EQ(new_a->model_version, 2);
  EXPECT_NEAR(new_a->score.priority, 252.0, 1e-9);
  EXPECT_EQ(new_a->score.tier, 1);
  auto kept = assessment_history(t.app(), t.as(bcu), first.threat.id);
  EXPECT_EQ((*kept)[0].model_version, 1);
  EXPECT_NEAR((*kept)[0].score.priority, 189.0, 1e-9);
}

TEST_F(MasterListTest, QueueFiguresAndOverdueReassessments) {
  nominate("A");
  t.clock().now += 3 * kDay;
  nominate("B");
  t.clock().now += 1 * kDay;
  auto figures = nomination_queue_figures(t.app(), t.as(assessor));
  ASSERT_TRUE(figures.is_ok());
  EXPECT_EQ(figures->count, 2);
  EXPECT_DOUBLE_EQ(figures->oldest_days, 4);
  EXPECT_DOUBLE_EQ(figures->median_days, 2.5);
  EXPECT_EQ(figures->by_unit.size(), 1u);

  const auto c = nominate("C");
  ASSERT_TRUE(assess_threat(t.app(), t.as(assessor), c.threat.id, example_b()).is_ok());
  ThreatQuery overdue;
  overdue.overdue_on = iso_date(t.clock().now + 30 * kDay);
  EXPECT_EQ(list_threats(t.app(), t.as(assessor), overdue)->total, 0);
  overdue.overdue_on = iso_date(t.clock().now + (default_morile_model().reassess_after_days + 1) * kDay);
  EXPECT_EQ(list_threats(t.app(), t.as(assessor), overdue)->total, 1);
}

TEST_F(MasterListTest, OnlyAssessorsAssessAndFactorsAreChecked) {
  const auto n = nominate("OCG X");
  EXPECT_EQ(assess_threat(t.app(), t.as(bcu), n.threat.id, example_a()).status().code(), Code::kPermissionDenied);
  AssessmentDraft bad = example_a();
  bad.factors.scope = "galactic";
  auto r = assess_threat(t.app(), t.as(assessor), n.threat.id, bad);
  EXPECT_EQ(r.status().field(), "scope");
  // A threat the assessor cannot see is simply not found.
  NominationDraft d;
  d.threat.name = "BTP own";
  d.threat.marking = marking("BTP", SharingScope::kOwnerOnly);
  d.rationale = "r";
  auto hidden = nominate_threat(t.app(), t.as(btp), d);
  ASSERT_TRUE(hidden.is_ok());
  EXPECT_EQ(assess_threat(t.app(), t.as(assessor), hidden->threat.id, example_a()).status().code(), Code::kNotFound);
}

TEST_F(MasterListTest, AnAssessmentNeedsARationaleAndKeepsIt) {
  const auto n = nominate("OCG Dunlin");
  for (const std::string missing : {"", "   \n "}) {
    AssessmentDraft d = example_a();
    d.rationale = missing;
    auto r = assess_threat(t.app(), t.as(assessor), n.threat.id, d);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "rationale");
  }
  // Characters, not bytes: 4,000 two-byte characters are within the limit, one more is not.
  std::string at_limit;
  for (size_t i = 0; i < kMaxAssessmentRationale; ++i) at_limit += "\u00e9";
  AssessmentDraft too_long = example_a();
  too_long.rationale = at_limit + "e";
  EXPECT_EQ(assess_threat(t.app(), t.as(assessor), n.threat.id, too_long).status().field(), "rationale");
  // Refused means nothing written: no assessment, the nomination still waits.
  ASSERT_TRUE(assessment_history(t.app(), t.as(assessor), n.threat.id)->empty());

  AssessmentDraft d = example_a();
  d.rationale = "  " + at_limit + "  ";
  auto a = assess_threat(t.app(), t.as(assessor), n.threat.id, d);
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  auto history = assessment_history(t.app(), t.as(moderator), n.threat.id);
  ASSERT_TRUE(history.is_ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().rationale, at_limit);  // trimmed, kept whole
  auto queue = moderation_queue(t.app(), t.as(moderator), {});
  ASSERT_TRUE(queue.is_ok());
  ASSERT_EQ(queue->items.size(), 1u);
  EXPECT_EQ(queue->items.front().rationale, at_limit);  // what the moderator reads
}

}  // namespace
}  // namespace rocta
