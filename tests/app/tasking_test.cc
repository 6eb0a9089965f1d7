// Tasking and co-ordination end to end over a real store (SQLite, and PostgreSQL as pg.*):
// a BCU escalation reaches the specialist command's agenda, is decided there and tasks
// HMRC, whose user sees and updates that task and nothing else; a decision taken outside a
// meeting waits on the next agenda for ratification; 4P plan coverage moves as plans are
// written; control strategy history; the local profile of a BCU.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/four_p_plans.h"
#include "app/tasking.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

constexpr int64_t kDay = 24LL * 3600 * 1000;

bool has_item(const std::vector<AgendaItem>& agenda, AgendaItemKind kind, int64_t ref) {
  return std::any_of(agenda.begin(), agenda.end(), [&](const AgendaItem& i) { return i.kind == kind && i.ref_id == ref; });
}

class TaskingTest : public ::testing::Test {
 protected:
  TestApp t;
  int64_t bcu_unit = t.unit("MPS", "Central East BCU", UnitKind::kBcu);
  int64_t other_bcu = t.unit("MPS", "North Area BCU", UnitKind::kBcu);
  int64_t scc_unit = t.unit("MPS", "Specialist Crime Command", UnitKind::kSpecialistCrimeCommand);
  User bcu = in_unit("mps.bcu", bcu_unit, {Role::kAnalyst});
  User chair = in_unit("mps.tasking", scc_unit, {Role::kTaskingChair});
  User lro = in_unit("mps.lro", scc_unit, {Role::kLeadResponsibleOfficer});
  User hmrc = in_unit("hmrc.partner", t.unit("HMRC", "HMRC Fraud Investigation Service", UnitKind::kPartnerTeam), {Role::kPartner},
                      Classification::kOfficial);
  User nts = in_unit("nts.partner", t.unit("NTS", "NTS Intelligence", UnitKind::kPartnerTeam), {Role::kPartner}, Classification::kOfficial);
  User btp_chair = t.user("btp.tasking", "BTP", {Role::kTaskingChair});

  User in_unit(const std::string& name, int64_t unit, std::vector<Role> roles, Classification c = Classification::kSecret) {
    NewUser n;
    n.user.username = name;
    n.user.display_name = name;
    n.user.unit_id = unit;
    n.user.roles = std::move(roles);
    n.user.clearance = c;
    n.password = "correct-horse-battery";
    auto u = create_user(t.app(), system_caller(), n);
    if (!u.is_ok()) throw std::runtime_error(u.status().message());
    return *u;
  }
  std::string day(int offset) { return iso_date(t.app().clock.now_ms() + offset * kDay); }

  TaskingMeeting meeting(int64_t unit, MeetingLevel level, int days_ahead, const User& by) {
    TaskingMeeting m;
    m.unit_id = unit;
    m.level = level;
    m.title = "Tactical tasking and co-ordination";
    m.held_on = day(days_ahead);
    auto r = schedule_meeting(t.app(), t.as(by), m);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return *r;
  }
  Threat moderated(const std::string& name, int tier, const std::string& crime = "Drug supply", const std::string& owner = "MPS") {
    Threat d;
    d.name = name;
    d.primary_crime_type = crime;
    d.moderation = ModerationStatus::kModerated;
    d.tier = tier;
    d.morile_score = 100.0 - tier;
    d.marking = marking(owner, SharingScope::kRegion);
    auto r = create_threat(t.app(), t.as(owner == "MPS" ? bcu : btp_chair), d);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return *r;
  }
  Task task_to(const std::string& agency, int64_t decision, const std::string& title, int64_t unit = 0) {
    Task d;
    d.title = title;
    d.detail = "Check the trading accounts linked to the group";
    d.assigned_agency = agency;
    d.assigned_unit_id = unit;
    d.owner = "Officer in charge";
    d.decision_id = decision;
    d.deadline = day(14);
    auto r = set_task(t.app(), t.as(chair), d);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return r->task;
  }
};

TEST_F(TaskingTest, BcuEscalationReachesSpecialistAgendaIsDecidedAndTasksHmrcWhoSeesOnlyThat) {
  const Threat threat = moderated("OCG Kestrel", 2);
  const TaskingMeeting scc = meeting(scc_unit, MeetingLevel::kSpecialist, 7, chair);
  const TaskingMeeting bcu_meeting = meeting(other_bcu, MeetingLevel::kBcu, 7, chair);

  Escalation e;
  e.to_unit_id = scc_unit;
  e.threat_id = threat.id;
  e.support = "covert";
  e.request = "Surveillance on the group's stash address; the BCU has no covert capability";
  e.decide_by = day(5);
  auto raised = raise_escalation(t.app(), t.as(bcu), e);
  ASSERT_TRUE(raised.is_ok()) << raised.status().message();
  EXPECT_EQ(raised->escalation.direction, EscalationDirection::kToSpecialist);
  EXPECT_EQ(raised->escalation.from_unit_id, bcu_unit);
  const int64_t esc = raised->escalation.id;

  // On the specialist command's agenda, not on another BCU's.
  auto opened = open_meeting(t.app(), t.as(chair), scc.id);
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  EXPECT_TRUE(has_item(opened->agenda, AgendaItemKind::kEscalation, esc));
  EXPECT_TRUE(has_item(opened->agenda, AgendaItemKind::kPriorityThreat, threat.id));
  EXPECT_FALSE(has_item(open_meeting(t.app(), t.as(chair), bcu_meeting.id)->agenda, AgendaItemKind::kEscalation, esc));

  // Decided in the meeting, two days later: who, why, time to decision.
  t.clock().now += 2 * kDay;
  DecisionDraft d{scc.id, esc, true, threat.id, "Approve covert support; HMRC to examine the group's trading accounts",
                  "Tier 2 drug supply with cash businesses; covert tactics are proportionate"};
  auto decision = record_decision(t.app(), t.as(chair), d);
  ASSERT_TRUE(decision.is_ok()) << decision.status().message();
  EXPECT_FALSE(decision->outside_meeting());
  EXPECT_EQ(decision->decided_by, chair.id);
  EXPECT_EQ(decision->decided_by_name, chair.display_name);
  auto escalations = list_escalations(t.app(), t.as(bcu), false);
  ASSERT_EQ(escalations->size(), 1u);
  EXPECT_EQ((*escalations)[0].escalation.status, EscalationStatus::kApproved);
  ASSERT_TRUE((*escalations)[0].days_to_decision.has_value());
  EXPECT_NEAR(*(*escalations)[0].days_to_decision, 2.0, 1e-9);
  EXPECT_FALSE(has_item(open_meeting(t.app(), t.as(chair), scc.id)->agenda, AgendaItemKind::kEscalation, esc));
  EXPECT_EQ(open_meeting(t.app(), t.as(chair), scc.id)->decisions.size(), 1u);
  // Deciding it again is refused and changes nothing.
  EXPECT_EQ(record_decision(t.app(), t.as(chair), d).status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(list_decisions(t.app(), t.as(chair), false)->size(), 1u);

  const Task for_hmrc = task_to("HMRC", decision->id, "Examine trading accounts of OCG Kestrel's car washes");
  const Task for_bcu = task_to("", decision->id, "Overt patrols at the stash address", bcu_unit);
  const Task for_nts = task_to("NTS", decision->id, "Check the group's online shops");
  EXPECT_EQ(for_bcu.assigned_agency, "MPS");

  // The HMRC user sees their task, and nothing else.
  auto mine = list_tasks(t.app(), t.as(hmrc), {});
  ASSERT_TRUE(mine.is_ok()) << mine.status().message();
  ASSERT_EQ(mine->total, 1);
  EXPECT_EQ(mine->items[0].task.id, for_hmrc.id);
  EXPECT_EQ(open_task(t.app(), t.as(hmrc), for_bcu.id).status().code(), Code::kNotFound);
  EXPECT_EQ(open_task(t.app(), t.as(hmrc), for_nts.id).status().code(), Code::kNotFound);
  EXPECT_EQ(update_task_status(t.app(), t.as(hmrc), for_nts.id, TaskStatus::kDone, "done").status().code(), Code::kNotFound);
  EXPECT_EQ(list_meetings(t.app(), t.as(hmrc)).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(open_meeting(t.app(), t.as(hmrc), scc.id).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(list_escalations(t.app(), t.as(hmrc), false).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(list_decisions(t.app(), t.as(hmrc), false).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(control_strategy(t.app(), t.as(hmrc), "").status().code(), Code::kPermissionDenied);
  EXPECT_EQ(plan_coverage_report(t.app(), t.as(hmrc)).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(local_profile(t.app(), t.as(hmrc), bcu_unit).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(list_threats(t.app(), t.as(hmrc), {})->total, 0);
  EXPECT_EQ(list_tasks(t.app(), t.as(nts), {})->total, 1);

  // … and updates it; the chair sees the update.
  auto updated = update_task_status(t.app(), t.as(hmrc), for_hmrc.id, TaskStatus::kInProgress, "Production order served on the bank");
  ASSERT_TRUE(updated.is_ok()) << updated.status().message();
  EXPECT_EQ(updated->task.status, TaskStatus::kInProgress);
  auto seen = open_task(t.app(), t.as(chair), for_hmrc.id);
  ASSERT_EQ(seen->updates.size(), 1u);
  EXPECT_EQ(seen->updates[0].by_agency, "HMRC");
  EXPECT_EQ(seen->updates[0].note, "Production order served on the bank");
  // An update without a note is refused whole.
  EXPECT_EQ(update_task_status(t.app(), t.as(hmrc), for_hmrc.id, TaskStatus::kDone, " ").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(open_task(t.app(), t.as(hmrc), for_hmrc.id)->task.status, TaskStatus::kInProgress);
  EXPECT_EQ(list_tasks(t.app(), t.as(chair), {})->total, 3);
}

TEST_F(TaskingTest, DecisionOutsideMeetingAppearsOnNextAgendaForRatification) {
  DecisionDraft d;
  d.decision = "Deploy the county lines taskforce to the Southend line this weekend";
  d.rationale = "Intelligence of a drugs run on Saturday; no meeting before then";
  auto outside = record_decision(t.app(), t.as(chair), d);
  ASSERT_TRUE(outside.is_ok()) << outside.status().message();
  EXPECT_TRUE(outside->outside_meeting());
  EXPECT_TRUE(outside->awaits_ratification());
  const TaskingMeeting earlier = meeting(scc_unit, MeetingLevel::kSpecialist, -3, chair);
  const TaskingMeeting next = meeting(scc_unit, MeetingLevel::kForce, 4, chair);

  auto agenda = open_meeting(t.app(), t.as(chair), next.id);
  ASSERT_TRUE(agenda.is_ok());
  EXPECT_TRUE(has_item(agenda->agenda, AgendaItemKind::kRatification, outside->id));
  EXPECT_FALSE(has_item(open_meeting(t.app(), t.as(chair), earlier.id)->agenda, AgendaItemKind::kRatification, outside->id));
  EXPECT_EQ(list_decisions(t.app(), t.as(bcu), true)->size(), 1u);
  // Not another agency's meeting; not a meeting held before it; not by a non-chair.
  const TaskingMeeting btp = meeting(t.unit("BTP"), MeetingLevel::kForce, 4, btp_chair);
  EXPECT_FALSE(has_item(open_meeting(t.app(), t.as(chair), btp.id)->agenda, AgendaItemKind::kRatification, outside->id));
  EXPECT_EQ(ratify_decision(t.app(), t.as(chair), outside->id, btp.id).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ratify_decision(t.app(), t.as(chair), outside->id, earlier.id).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ratify_decision(t.app(), t.as(lro), outside->id, next.id).status().code(), Code::kPermissionDenied);

  auto ratified = ratify_decision(t.app(), t.as(chair), outside->id, next.id);
  ASSERT_TRUE(ratified.is_ok()) << ratified.status().message();
  EXPECT_EQ(ratified->ratified_in, next.id);
  auto after = open_meeting(t.app(), t.as(chair), next.id);
  EXPECT_FALSE(has_item(after->agenda, AgendaItemKind::kRatification, outside->id));
  ASSERT_EQ(after->decisions.size(), 1u);
  EXPECT_EQ(after->decisions[0].id, outside->id);
  EXPECT_EQ(ratify_decision(t.app(), t.as(chair), outside->id, next.id).status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(list_decisions(t.app(), t.as(bcu), true)->size(), 0u);
  // A decision needs its reason.
  d.rationale = "";
  EXPECT_EQ(record_decision(t.app(), t.as(chair), d).status().code(), Code::kInvalidArgument);
}

TEST_F(TaskingTest, PlanCoverageChangesAsPlansAreAdded) {
  const Threat a = moderated("OCG Avocet", 1, "Drug supply");
  const Threat b = moderated("OCG Bittern", 3, "Fraud");
  Threat raw;
  raw.name = "OCG Unassessed";
  raw.marking = marking("MPS", SharingScope::kRegion);
  const Threat unassessed = *create_threat(t.app(), t.as(bcu), raw);
  ASSERT_TRUE(locate_threat(t.app(), t.as(bcu), a.id, bcu_unit).is_ok());

  auto before = plan_coverage_report(t.app(), t.as(bcu));
  ASSERT_TRUE(before.is_ok()) << before.status().message();
  EXPECT_EQ(before->coverage.overall.threats, 2);
  EXPECT_EQ(before->coverage.overall.with_plan, 0);

  FourPPlan draft;
  draft.aim = "Dismantle the group's supply line into the borough";
  draft.next_review = day(30);
  EXPECT_EQ(create_plan(t.app(), t.as(lro), unassessed.id, draft).status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(create_plan(t.app(), t.as(bcu), a.id, draft).status().code(), Code::kPermissionDenied);
  auto plan = create_plan(t.app(), t.as(lro), a.id, draft);
  ASSERT_TRUE(plan.is_ok()) << plan.status().message();
  EXPECT_EQ(plan->plan.lro_user_id, lro.id);
  EXPECT_EQ(plan->threat.lro_user_id, lro.id);
  EXPECT_FALSE(plan->current);  // no action yet
  EXPECT_EQ(create_plan(t.app(), t.as(lro), a.id, draft).status().code(), Code::kAlreadyExists);
  EXPECT_EQ(plan_coverage_report(t.app(), t.as(bcu))->coverage.overall.with_plan, 0);

  PlanAction pursue{0, 0, FourP::kPursue, "Warrants at the two stash addresses", "", "DI Ray", false, day(20), false};
  ASSERT_TRUE(add_plan_action(t.app(), t.as(lro), plan->plan.id, pursue).is_ok());
  PlanAction prevent{0, 0, FourP::kPrevent, "Trading Standards visits to the group's shops", "NTS", "Intelligence team", false, "", false};
  auto with_partner = add_plan_action(t.app(), t.as(lro), plan->plan.id, prevent);
  ASSERT_TRUE(with_partner.is_ok()) << with_partner.status().message();
  EXPECT_TRUE(with_partner->current);
  EXPECT_TRUE(with_partner->plan.actions[1].partner);
  PlanAction bad = pursue;
  bad.owner_agency = "NOPE";
  EXPECT_EQ(add_plan_action(t.app(), t.as(lro), plan->plan.id, bad).status().code(), Code::kInvalidArgument);

  auto after = plan_coverage_report(t.app(), t.as(bcu));
  EXPECT_EQ(after->coverage.overall.with_plan, 1);
  EXPECT_DOUBLE_EQ(after->coverage.overall.share, 0.5);
  auto cell = [](const std::vector<CoverageCell>& cells, const std::string& key) {
    for (const auto& c : cells)
      if (c.key == key) return c;
    return CoverageCell{};
  };
  EXPECT_EQ(cell(after->coverage.by_tier, "tier 1").with_plan, 1);
  EXPECT_EQ(cell(after->coverage.by_tier, "tier 3").with_plan, 0);
  EXPECT_EQ(cell(after->coverage.by_crime_type, "Drug supply").share, 1.0);
  EXPECT_EQ(cell(after->coverage.by_area, "Central East BCU").with_plan, 1);
  EXPECT_EQ(cell(after->coverage.by_agency, "MPS").threats, 2);

  // A second plan: full coverage. Then the reviews fall overdue and coverage drops.
  ASSERT_TRUE(create_plan(t.app(), t.as(lro), b.id, draft).is_ok());
  auto second = plan_of_threat(t.app(), t.as(bcu), b.id);
  ASSERT_TRUE(second.is_ok());
  ASSERT_TRUE(add_plan_action(t.app(), t.as(lro), second->plan.id, pursue).is_ok());
  EXPECT_DOUBLE_EQ(plan_coverage_report(t.app(), t.as(bcu))->coverage.overall.share, 1.0);
  EXPECT_EQ(review_plan(t.app(), t.as(lro), second->plan.id, {0, 0, 0, 0, "On track", day(-1)}).status().code(), Code::kInvalidArgument);
  ASSERT_TRUE(review_plan(t.app(), t.as(lro), second->plan.id, {0, 0, 0, 0, "On track", day(60)}).is_ok());
  t.clock().now += 45 * kDay;
  auto later = plan_coverage_report(t.app(), t.as(bcu));
  EXPECT_EQ(later->coverage.overall.with_plan, 1);  // the first plan's review is overdue
  EXPECT_EQ(open_plan(t.app(), t.as(bcu), second->plan.id)->reviews.size(), 1u);
}

TEST_F(TaskingTest, ControlStrategyKeepsHistoryAndOnlyChairsChangeIt) {
  ControlPriority p;
  p.title = "Drug supply and county lines";
  p.crime_type = "Drug supply";
  p.effective_from = day(-100);
  auto added = add_priority(t.app(), t.as(chair), p);
  ASSERT_TRUE(added.is_ok()) << added.status().message();
  EXPECT_EQ(added->agency, "MPS");
  EXPECT_EQ(add_priority(t.app(), t.as(lro), p).status().code(), Code::kPermissionDenied);
  p.agency = "BTP";
  EXPECT_EQ(add_priority(t.app(), t.as(chair), p).status().code(), Code::kPermissionDenied);
  p.agency = "";
  p.crime_type = "Not a crime type";
  EXPECT_EQ(add_priority(t.app(), t.as(chair), p).status().code(), Code::kInvalidArgument);

  ASSERT_TRUE(end_control_priority(t.app(), t.as(chair), added->id, day(0)).is_ok());
  EXPECT_EQ(end_control_priority(t.app(), t.as(chair), added->id, day(1)).status().code(), Code::kFailedPrecondition);
  auto strategy = control_strategy(t.app(), t.as(bcu), "MPS");
  ASSERT_EQ(strategy->size(), 1u);
  EXPECT_EQ((*strategy)[0].effective_to, day(0));
  EXPECT_FALSE(in_force((*strategy)[0], day(0)));
  EXPECT_TRUE(in_force((*strategy)[0], day(-1)));
}

TEST_F(TaskingTest, LocalProfileShowsThreatsTasksPartnersAndApproach) {
  const Threat a = moderated("OCG Dunlin", 2);
  Threat v;
  v.name = "Stratford station car park";
  v.type = ThreatType::kVulnerability;
  v.marking = marking("MPS", SharingScope::kRegion);
  const Threat place = *create_threat(t.app(), t.as(bcu), v);
  const Threat elsewhere = moderated("OCG Elsewhere", 3);
  ASSERT_TRUE(locate_threat(t.app(), t.as(bcu), a.id, bcu_unit).is_ok());
  ASSERT_TRUE(locate_threat(t.app(), t.as(bcu), place.id, bcu_unit).is_ok());
  ASSERT_TRUE(locate_threat(t.app(), t.as(bcu), elsewhere.id, other_bcu).is_ok());
  EXPECT_EQ(locate_threat(t.app(), t.as(bcu), a.id, scc_unit).code(), Code::kInvalidArgument);

  Task d;
  d.title = "Trace the group's cash";
  d.assigned_agency = "HMRC";
  d.threat_id = a.id;
  d.deadline = day(10);
  ASSERT_TRUE(set_task(t.app(), t.as(chair), d).is_ok());
  FourPPlan plan;
  plan.aim = "Disrupt supply";
  plan.next_review = day(30);
  auto p = create_plan(t.app(), t.as(lro), a.id, plan);
  ASSERT_TRUE(p.is_ok());
  ASSERT_TRUE(add_plan_action(t.app(), t.as(lro), p->plan.id, {0, 0, FourP::kProtect, "Target hardening at the car park", "", "", false, "", false}).is_ok());

  auto profile = local_profile(t.app(), t.as(bcu), bcu_unit);
  ASSERT_TRUE(profile.is_ok()) << profile.status().message();
  ASSERT_EQ(profile->threats.size(), 1u);
  EXPECT_EQ(profile->threats[0].id, a.id);
  ASSERT_EQ(profile->vulnerabilities.size(), 1u);
  ASSERT_EQ(profile->open_tasks.size(), 1u);
  ASSERT_EQ(profile->partners.size(), 1u);
  EXPECT_EQ(profile->partners[0].agency, "HMRC");
  EXPECT_EQ(profile->approach[2].p, FourP::kProtect);
  EXPECT_EQ(profile->approach[2].actions, 1);
  EXPECT_DOUBLE_EQ(profile->coverage.share, 1.0);
  EXPECT_FALSE(profile->disruptions_note.empty());
  EXPECT_EQ(local_profile(t.app(), t.as(bcu), scc_unit).status().code(), Code::kNotFound);
}

TEST_F(TaskingTest, BadInputIsRefusedWholeAndWritesNothing) {
  Task d;
  d.title = "Something";
  d.assigned_agency = "HMRC";
  d.deadline = "next week";
  EXPECT_EQ(set_task(t.app(), t.as(chair), d).status().code(), Code::kInvalidArgument);
  d.deadline = day(3);
  d.assigned_agency = "NOWHERE";
  EXPECT_EQ(set_task(t.app(), t.as(chair), d).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(set_task(t.app(), t.as(bcu), d).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(list_tasks(t.app(), t.as(chair), {})->total, 0);

  Escalation e;
  e.to_unit_id = bcu_unit;  // to itself
  e.support = "covert";
  e.request = "help";
  e.decide_by = day(3);
  EXPECT_EQ(raise_escalation(t.app(), t.as(bcu), e).status().code(), Code::kInvalidArgument);
  e.to_unit_id = t.unit("HMRC", "HMRC Fraud Investigation Service", UnitKind::kPartnerTeam);
  EXPECT_EQ(raise_escalation(t.app(), t.as(bcu), e).status().code(), Code::kInvalidArgument);
  e.to_unit_id = scc_unit;
  e.decide_by = "soon";
  EXPECT_EQ(raise_escalation(t.app(), t.as(bcu), e).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(list_escalations(t.app(), t.as(bcu), false)->size(), 0u);

  // The specialist command asks a BCU for overt resources: the other direction.
  e.decide_by = day(-1);
  e.to_unit_id = bcu_unit;
  auto back = raise_escalation(t.app(), t.as(chair), e);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->escalation.direction, EscalationDirection::kToBcu);
  EXPECT_TRUE(list_escalations(t.app(), t.as(bcu), true)->front().overdue);

  TaskingMeeting m;
  m.unit_id = scc_unit;
  m.title = "TTCG";
  m.held_on = "2026-13-40";
  EXPECT_EQ(schedule_meeting(t.app(), t.as(chair), m).status().code(), Code::kInvalidArgument);
  m.held_on = day(1);
  EXPECT_EQ(schedule_meeting(t.app(), t.as(bcu), m).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(list_meetings(t.app(), t.as(chair))->size(), 0u);
}

}  // namespace
}  // namespace rocta
