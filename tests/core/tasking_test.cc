// The pure rules of tasking and 4P plans: who sees which task, what goes on an agenda,
// ratification, escalation timing, plan currency and coverage.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/four_p_plan.h"
#include "core/tasking.h"

namespace rocta {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kNow = 1782000000000;  // 2026-06-21

User person(const std::string& agency, AgencyKind kind, std::vector<Role> roles, const std::string& region = "London") {
  User u;
  u.id = 7;
  u.agency = agency;
  u.agency_kind = kind;
  u.region = region;
  u.roles = std::move(roles);
  return u;
}

Task task(const std::string& setter, const std::string& assigned) {
  Task t;
  t.agency = setter;
  t.assigned_agency = assigned;
  t.title = "Check accounts";
  t.deadline = "2026-07-01";
  return t;
}

TEST(TaskVisibility, PartnersSeeAndUpdateOnlyTheirOwnAgencysTasks) {
  const User hmrc = person("HMRC", AgencyKind::kPartnerAgency, {Role::kPartner}, "National");
  const User mps = person("MPS", AgencyKind::kTerritorialForce, {Role::kAnalyst});
  const User btp = person("BTP", AgencyKind::kSpecialForce, {Role::kAnalyst});
  const User far = person("GMP", AgencyKind::kTerritorialForce, {Role::kAnalyst}, "North West");
  struct Case {
    const User* who;
    Task t;
    bool sees, updates;
  } cases[] = {
      {&hmrc, task("MPS", "HMRC"), true, true},   {&hmrc, task("MPS", "NTS"), false, false},
      {&hmrc, task("MPS", "MPS"), false, false},  {&mps, task("MPS", "HMRC"), true, true},
      {&btp, task("MPS", "HMRC"), true, false},   {&btp, task("MPS", "BTP"), true, true},
      {&far, task("MPS", "HMRC"), false, false},  {&far, task("MPS", "GMP"), true, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(may_see_task(*c.who, c.t, "London"), c.sees) << c.who->agency << " " << c.t.assigned_agency;
    EXPECT_EQ(may_update_task(*c.who, c.t), c.updates) << c.who->agency << " " << c.t.assigned_agency;
  }
  EXPECT_FALSE(sees_tasking(hmrc));
  EXPECT_TRUE(sees_tasking(mps));
  User inactive = mps;
  inactive.active = false;
  EXPECT_FALSE(may_see_task(inactive, task("MPS", "MPS"), "London"));
}

TEST(TaskRules, UpdatesNeedANoteAndClosedTasksStayClosed) {
  Task t = task("MPS", "HMRC");
  ASSERT_TRUE(validate_task(t).is_ok());
  EXPECT_EQ(apply_update(t, {0, 1, 7, "x", "HMRC", kNow, TaskStatus::kDone, ""}).code(), Code::kInvalidArgument);
  EXPECT_EQ(t.status, TaskStatus::kOpen);
  ASSERT_TRUE(apply_update(t, {0, 1, 7, "x", "HMRC", kNow, TaskStatus::kDone, "Filed"}).is_ok());
  EXPECT_EQ(t.version, 2);
  EXPECT_EQ(apply_update(t, {0, 1, 7, "x", "HMRC", kNow, TaskStatus::kOpen, "Reopen"}).code(), Code::kFailedPrecondition);
  EXPECT_FALSE(is_overdue(t, "2026-08-01"));  // done is never overdue
  Task late = task("MPS", "HMRC");
  EXPECT_TRUE(is_overdue(late, "2026-07-02"));
  EXPECT_FALSE(is_overdue(late, "2026-07-01"));
  late.deadline = "soon";
  EXPECT_EQ(validate_task(late).field(), "deadline");
}

TEST(Escalations, TimeToDecisionAndOverdue) {
  Escalation e;
  e.agency = "MPS";
  e.from_unit_id = 1;
  e.to_unit_id = 2;
  e.request = "Surveillance";
  e.support = "covert";
  e.decide_by = "2026-06-25";
  e.raised_at_ms = kNow;
  ASSERT_TRUE(validate_escalation(e).is_ok());
  EXPECT_FALSE(is_overdue(e, "2026-06-25"));
  EXPECT_TRUE(is_overdue(e, "2026-06-26"));
  EXPECT_FALSE(days_to_decision(e).has_value());
  TaskingDecision d{5, "MPS", 3, 0, 0, "Approve", "Proportionate", 7, "Chair", kNow + 3 * kDay / 2, 0, 0, 0};
  TaskingDecision other = d;
  other.agency = "BTP";
  EXPECT_EQ(decide_escalation(e, other, true).code(), Code::kInvalidArgument);
  ASSERT_TRUE(decide_escalation(e, d, true).is_ok());
  EXPECT_DOUBLE_EQ(*days_to_decision(e), 1.5);
  EXPECT_FALSE(is_overdue(e, "2026-07-30"));  // decided is never overdue
  EXPECT_EQ(decide_escalation(e, d, false).code(), Code::kFailedPrecondition);
  e.to_unit_id = e.from_unit_id;
  EXPECT_EQ(validate_escalation(e).field(), "to_unit_id");
}

TEST(Agenda, BuiltFromPrioritiesAssessmentsEscalationsOverdueTasksAndRatifications) {
  AgendaInputs in;
  in.meeting = {1, "MPS", 9, MeetingLevel::kSpecialist, "SCC tasking", "2026-06-28", 7, "", 7, kNow};
  in.priorities = {{1, "MPS", 1, "Firearms", "", "Firearms", "2026-01-01", "", 7, kNow},
                   {2, "MPS", 2, "Fraud", "", "Fraud", "2025-01-01", "2026-01-01", 7, kNow}};  // ended
  Threat drugs, guns, fraud;
  drugs.id = 10, drugs.primary_crime_type = "Drug supply", drugs.morile_score = 300;
  guns.id = 11, guns.primary_crime_type = "Firearms", guns.morile_score = 100;
  fraud.id = 12, fraud.primary_crime_type = "Fraud", fraud.morile_score = 200;
  in.threats = {drugs, guns, fraud};
  in.newly_assessed = {guns};
  Escalation open_one;
  open_one.id = 20, open_one.decide_by = "2026-06-20", open_one.support = "covert";
  Escalation decided = open_one;
  decided.id = 21, decided.status = EscalationStatus::kApproved;
  in.escalations = {open_one, decided};
  Task late = task("MPS", "HMRC"), not_late = task("MPS", "HMRC");
  late.id = 30, late.deadline = "2026-06-01";
  not_late.id = 31, not_late.deadline = "2026-09-01";
  in.tasks = {late, not_late};
  TaskingDecision outside{40, "MPS", 0, 0, 0, "Deploy", "Urgent", 7, "Chair", kNow, 0, 0, 0};
  TaskingDecision after_meeting = outside;
  after_meeting.id = 41, after_meeting.decided_at_ms = kNow + 30 * kDay;
  TaskingDecision ratified = outside;
  ratified.id = 42, ratified.ratified_in = 1;
  TaskingDecision in_meeting = outside;
  in_meeting.id = 43, in_meeting.meeting_id = 1;
  in.decisions = {outside, after_meeting, ratified, in_meeting};

  const auto agenda = build_agenda(in, "2026-06-21");
  std::vector<std::pair<AgendaItemKind, int64_t>> got;
  for (const auto& i : agenda) got.emplace_back(i.kind, i.ref_id);
  const std::vector<std::pair<AgendaItemKind, int64_t>> want{
      {AgendaItemKind::kPriorityThreat, 11},  // the control strategy's crime type first
      {AgendaItemKind::kPriorityThreat, 10}, {AgendaItemKind::kPriorityThreat, 12},
      {AgendaItemKind::kNewAssessment, 11},   {AgendaItemKind::kEscalation, 20},
      {AgendaItemKind::kOverdueTask, 30},     {AgendaItemKind::kRatification, 40}};
  EXPECT_EQ(got, want);
  EXPECT_TRUE(agenda[4].overdue);  // the escalation's decision was due on the 20th
}

TEST(Ratification, OnlyOutsideDecisionsOnceByALaterMeetingOfTheAgency) {
  TaskingDecision d{40, "MPS", 0, 0, 0, "Deploy", "Urgent", 7, "Chair", kNow, 0, 0, 0};
  TaskingMeeting earlier{1, "MPS", 9, MeetingLevel::kForce, "T", "2026-06-20", 7, "", 7, kNow};
  TaskingMeeting other{2, "BTP", 9, MeetingLevel::kForce, "T", "2026-06-28", 7, "", 7, kNow};
  TaskingMeeting later{3, "MPS", 9, MeetingLevel::kForce, "T", "2026-06-28", 7, "", 7, kNow};
  EXPECT_EQ(ratify(d, earlier, 7, kNow).code(), Code::kInvalidArgument);
  EXPECT_EQ(ratify(d, other, 7, kNow).code(), Code::kInvalidArgument);
  ASSERT_TRUE(ratify(d, later, 7, kNow).is_ok());
  EXPECT_FALSE(d.awaits_ratification());
  EXPECT_EQ(ratify(d, later, 7, kNow).code(), Code::kFailedPrecondition);
  TaskingDecision in_meeting = d;
  in_meeting.meeting_id = 3;
  in_meeting.ratified_in = 0;
  EXPECT_EQ(ratify(in_meeting, later, 7, kNow).code(), Code::kFailedPrecondition);
}

TEST(ControlStrategy, InForceBetweenItsDatesAndEndedOnce) {
  ControlPriority p{1, "BTP", 1, "Metal theft", "", "Organised acquisitive crime", "2023-01-01", "", 0, kNow};
  ASSERT_TRUE(validate_priority(p).is_ok());
  EXPECT_FALSE(in_force(p, "2022-12-31"));
  EXPECT_TRUE(in_force(p, "2023-01-01"));
  EXPECT_EQ(end_priority(p, "2022-01-01").code(), Code::kInvalidArgument);
  ASSERT_TRUE(end_priority(p, "2024-01-01").is_ok());
  EXPECT_FALSE(in_force(p, "2024-01-01"));
  EXPECT_EQ(end_priority(p, "2025-01-01").code(), Code::kFailedPrecondition);
  p.crime_type = "Jaywalking";
  EXPECT_EQ(validate_priority(p).field(), "crime_type");
}

TEST(FourPPlans, CurrentWhileOpenWithActionsAndReviewNotOverdue) {
  FourPPlan p{1, 2, "MPS", 7, "Dismantle", "2026-07-01", false, 7, kNow, {}};
  EXPECT_FALSE(is_current(p, 0, "2026-06-21"));
  EXPECT_TRUE(is_current(p, 1, "2026-07-01"));
  EXPECT_FALSE(is_current(p, 1, "2026-07-02"));
  p.closed = true;
  EXPECT_FALSE(is_current(p, 1, "2026-06-21"));
  EXPECT_EQ(validate_review({0, 1, 7, kNow, "ok", "2026-06-21"}, "2026-06-21").field(), "next_review");
  EXPECT_EQ(parse_four_p("protect"), FourP::kProtect);
  EXPECT_EQ(parse_four_p("Pursue"), FourP::kPursue);  // any case: the extract writes "Pursue"
  EXPECT_FALSE(parse_four_p("pursuit").has_value());
  EXPECT_EQ(four_p_key(FourP::kPrepare), "prepare");
}

TEST(FourPPlans, CoverageByAgencyAreaTierAndCrimeType) {
  const std::vector<CoverageRow> rows{{1, "MPS", "Central East BCU", 1, "Drug supply", true},
                                      {2, "MPS", "Central East BCU", 2, "Drug supply", false},
                                      {3, "MPS", "", 2, "Fraud", false},
                                      {4, "BTP", "BTP London North rail area", 1, "Organised acquisitive crime", true}};
  const PlanCoverage c = plan_coverage(rows);
  EXPECT_EQ(c.overall.threats, 4);
  EXPECT_EQ(c.overall.with_plan, 2);
  EXPECT_DOUBLE_EQ(c.overall.share, 0.5);
  ASSERT_EQ(c.by_agency.size(), 2u);
  EXPECT_EQ(c.by_agency[0].key, "BTP");
  EXPECT_DOUBLE_EQ(c.by_agency[0].share, 1.0);
  EXPECT_NEAR(c.by_agency[1].share, 1.0 / 3, 1e-12);
  EXPECT_EQ(c.by_area.front().key, "(not located)");
  EXPECT_EQ(c.by_tier[0].key, "tier 1");
  EXPECT_DOUBLE_EQ(c.by_tier[0].share, 1.0);
  EXPECT_EQ(plan_coverage({}).overall.threats, 0);
  const auto approach = four_p_approach({{1, 1, FourP::kProtect, "x", "HMRC", "", true, "", false},
                                         {2, 1, FourP::kProtect, "y", "MPS", "", false, "", true}});
  EXPECT_EQ(approach[2].actions, 2);
  EXPECT_EQ(approach[2].partner_actions, 1);
  EXPECT_EQ(approach[2].open, 1);
  EXPECT_EQ(approach[0].actions, 0);
}

}  // namespace
}  // namespace rocta
