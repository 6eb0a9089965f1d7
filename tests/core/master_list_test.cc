#include <gtest/gtest.h>

#include "core/master_list.h"

namespace rocta {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;

User person(int64_t id, Role role) {
  User u;
  u.id = id;
  u.username = "u" + std::to_string(id);
  u.roles = {role};
  return u;
}

MorileAssessment assessed_by(int64_t assessor) {
  MorileAssessment a;
  a.assessor_id = assessor;
  a.score.tier = 3;
  return a;
}

TEST(Moderation, OnlyAModeratorOtherThanTheAssessorApproves) {
  MorileAssessment a = assessed_by(7);
  EXPECT_EQ(moderate(a, person(7, Role::kModerator), true, "", std::nullopt, 1).code(), Code::kPermissionDenied);
  EXPECT_EQ(moderate(a, person(8, Role::kAssessor), true, "", std::nullopt, 1).code(), Code::kPermissionDenied);
  EXPECT_EQ(a.status, AssessmentStatus::kAwaitingModeration);
  ASSERT_TRUE(moderate(a, person(8, Role::kModerator), true, "consistent with similar groups", std::nullopt, 5).is_ok());
  EXPECT_EQ(a.status, AssessmentStatus::kModerated);
  EXPECT_EQ(a.moderator_id, 8);
  // Once moderated, not again.
  EXPECT_EQ(moderate(a, person(9, Role::kModerator), false, "late", std::nullopt, 6).code(), Code::kFailedPrecondition);
}

TEST(Moderation, AReturnCarriesItsReasonAndAnAdjustmentItsRationale) {
  MorileAssessment a = assessed_by(7);
  const User m = person(8, Role::kModerator);
  EXPECT_EQ(moderate(a, m, false, "  ", std::nullopt, 1).field(), "note");
  EXPECT_EQ(moderate(a, m, true, "", 2, 1).field(), "note");
  ASSERT_TRUE(moderate(a, m, true, "harm understated: firearms seen", 2, 1).is_ok());
  EXPECT_EQ(effective_tier(a), 2);
  MorileAssessment b = assessed_by(7);
  ASSERT_TRUE(moderate(b, m, false, "likelihood not supported by the intelligence", std::nullopt, 1).is_ok());
  EXPECT_EQ(b.status, AssessmentStatus::kReturned);
  EXPECT_EQ(b.moderation_note, "likelihood not supported by the intelligence");
  EXPECT_EQ(effective_tier(b), 3);
}

TEST(Nominations, NeverDroppedSilently) {
  Nomination n;
  n.threat_id = 4;
  n.unit_id = 2;
  n.rationale = "Seen dealing at the station";
  ASSERT_TRUE(validate_nomination(n).is_ok());
  EXPECT_EQ(close_nomination(n, NominationStatus::kRejected, "", 0, 1, 1).field(), "reason");
  EXPECT_EQ(close_nomination(n, NominationStatus::kMerged, "same group", 0, 1, 1).field(), "merged_into");
  EXPECT_EQ(close_nomination(n, NominationStatus::kMerged, "same group", 4, 1, 1).field(), "merged_into");
  ASSERT_TRUE(close_nomination(n, NominationStatus::kRejected, "not SOC: a single shoplifter", 0, 9, 100).is_ok());
  EXPECT_EQ(n.outcome_reason, "not SOC: a single shoplifter");
  EXPECT_EQ(n.decided_by, 9);
  EXPECT_EQ(close_nomination(n, NominationStatus::kAssessed, "", 0, 1, 1).code(), Code::kFailedPrecondition);
  n.provisional_priority = 0;
  EXPECT_FALSE(validate_nomination(n).is_ok());
}

TEST(Queue, CountOldestMedianAndByUnit) {
  const int64_t now = 100 * kDay;
  std::vector<Nomination> q(4);
  q[0].unit_id = 1, q[0].nominated_at_ms = now - 2 * kDay;
  q[1].unit_id = 1, q[1].nominated_at_ms = now - 10 * kDay;
  q[2].unit_id = 2, q[2].nominated_at_ms = now - 4 * kDay;
  q[3].unit_id = 2, q[3].nominated_at_ms = now - 50 * kDay, q[3].status = NominationStatus::kRejected;
  const QueueStats s = queue_stats(q, now);
  EXPECT_EQ(s.count, 3);
  EXPECT_DOUBLE_EQ(s.oldest_days, 10);
  EXPECT_DOUBLE_EQ(s.median_days, 4);
  EXPECT_EQ(s.by_unit.at(1), 2);
  EXPECT_EQ(s.by_unit.at(2), 1);
  EXPECT_EQ(queue_stats({}, now).count, 0);
}

TEST(Reassessment, DueDateAndOverdue) {
  MorileAssessment a;
  a.assessed_at_ms = 1656547200000;  // 2022-06-30
  a.reassess_by = reassessment_date(a.assessed_at_ms, 90);
  EXPECT_EQ(a.reassess_by, "2022-09-28");
  EXPECT_FALSE(is_overdue(a, "2022-09-28"));
  EXPECT_TRUE(is_overdue(a, "2022-09-29"));
}

TEST(AssessmentRationale, RequiredCleanAndAtMost4000Characters) {
  const std::string four_thousand(kMaxAssessmentRationale, 'x');
  std::string euros;  // three bytes a character
  for (size_t i = 0; i < kMaxAssessmentRationale; ++i) euros += "\u20ac";
  const struct {
    std::string text;
    bool ok;
  } cases[] = {
      {"", false},
      {" \t\n ", false},
      {"Harm scored from the county-lines evidence", true},
      {"two lines\nof reasons", true},
      {four_thousand, true},
      {four_thousand + "x", false},
      {euros, true},
      {euros + "\u20ac", false},
      {std::string("bell \a inside"), false},
      {std::string("broken \xff byte"), false},
  };
  for (const auto& c : cases) {
    const Status s = validate_assessment_rationale(c.text);
    EXPECT_EQ(s.is_ok(), c.ok) << c.text.substr(0, 40);
    if (!c.ok) {
      EXPECT_EQ(s.code(), Code::kInvalidArgument);
      EXPECT_EQ(s.field(), "rationale");
    }
  }
}

TEST(MasterList, Appendix2FilterAndEachSwitch) {
  Threat t;
  t.assessment_type = AssessmentType::kTactical;
  t.moderation = ModerationStatus::kModerated;
  t.soc = true;
  t.tier = 2;
  t.phase = "Active";
  EXPECT_TRUE(on_master_list(t));
  struct Case {
    void (*spoil)(Threat&);
    bool MasterListFilter::*switch_off;
  };
  const std::vector<Case> cases{
      {[](Threat& x) { x.assessment_type = AssessmentType::kStrategic; }, &MasterListFilter::tactical_only},
      {[](Threat& x) { x.moderation = ModerationStatus::kAwaitingModeration; }, &MasterListFilter::moderated_only},
      {[](Threat& x) { x.soc = false; }, &MasterListFilter::soc_only},
      {[](Threat& x) { x.tier = 5; }, &MasterListFilter::exclude_tier_5},
      {[](Threat& x) { x.phase = "Closed - Dismantled"; }, &MasterListFilter::exclude_closed},
  };
  for (const auto& c : cases) {
    Threat x = t;
    c.spoil(x);
    EXPECT_FALSE(on_master_list(x));
    MasterListFilter f;
    f.*c.switch_off = false;
    EXPECT_TRUE(on_master_list(x, f));
  }
}

}  // namespace
}  // namespace rocta
