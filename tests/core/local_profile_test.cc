// The tallies of a local profile (core/local_profile.h), table by table.
#include <gtest/gtest.h>

#include "core/local_profile.h"

namespace rocta {
namespace {

Threat threat(int64_t id, ModerationStatus m, const std::string& phase = "Active") {
  Threat t;
  t.id = id;
  t.moderation = m;
  t.phase = phase;
  t.marking.owning_agency = "MPS";
  t.tier = 2;
  t.primary_crime_type = "Drugs";
  return t;
}

FourPPlan plan(int64_t id, int64_t threat_id, const std::string& next_review, bool closed = false) {
  FourPPlan p;
  p.id = id;
  p.threat_id = threat_id;
  p.next_review = next_review;
  p.closed = closed;
  return p;
}

PlanAction action(int64_t plan_id, const std::string& owner = "MPS", bool partner = false) {
  PlanAction a;
  a.plan_id = plan_id;
  a.owner_agency = owner;
  a.partner = partner;
  return a;
}

TEST(AreaCoverageRows, OnlyThreatsPastAssessmentCountAndAPlanIsCurrentWithActionsAndAFutureReview) {
  const std::string today = "2026-06-01";
  struct Case {
    const char* what;
    Threat threat;
    std::vector<FourPPlan> plans;
    std::vector<PlanAction> actions;
    int rows;      // 0: not counted
    bool current;  // when counted
  };
  const std::vector<Case> cases = {
      {"moderated, no plan", threat(1, ModerationStatus::kModerated), {}, {}, 1, false},
      {"moderated, current plan", threat(1, ModerationStatus::kModerated), {plan(10, 1, "2026-07-01")}, {action(10)}, 1, true},
      {"review today is still current", threat(1, ModerationStatus::kModerated), {plan(10, 1, today)}, {action(10)}, 1, true},
      {"plan without actions", threat(1, ModerationStatus::kModerated), {plan(10, 1, "2026-07-01")}, {}, 1, false},
      {"actions of another plan", threat(1, ModerationStatus::kModerated), {plan(10, 1, "2026-07-01")}, {action(11)}, 1, false},
      {"review overdue", threat(1, ModerationStatus::kModerated), {plan(10, 1, "2026-05-31")}, {action(10)}, 1, false},
      {"plan closed", threat(1, ModerationStatus::kModerated), {plan(10, 1, "2026-07-01", true)}, {action(10)}, 1, false},
      {"plan of another threat", threat(1, ModerationStatus::kModerated), {plan(10, 2, "2026-07-01")}, {action(10)}, 1, false},
      {"unmoderated", threat(1, ModerationStatus::kUnmoderated), {plan(10, 1, "2026-07-01")}, {action(10)}, 0, false},
      {"awaiting moderation", threat(1, ModerationStatus::kAwaitingModeration), {}, {}, 0, false},
      {"closed threat", threat(1, ModerationStatus::kModerated, "Closed - dismantled"), {plan(10, 1, "2026-07-01")}, {action(10)}, 0, false},
  };
  for (const auto& c : cases) {
    auto rows = area_coverage_rows({c.threat}, "Westminster BCU", c.plans, c.actions, today);
    ASSERT_EQ(static_cast<int>(rows.size()), c.rows) << c.what;
    if (rows.empty()) continue;
    EXPECT_EQ(rows[0].current_plan, c.current) << c.what;
    EXPECT_EQ(rows[0].threat_id, 1) << c.what;
    EXPECT_EQ(rows[0].area, "Westminster BCU") << c.what;
    EXPECT_EQ(rows[0].agency, "MPS") << c.what;
    EXPECT_EQ(rows[0].tier, 2) << c.what;
    EXPECT_EQ(rows[0].crime_type, "Drugs") << c.what;
  }
}

TEST(AreaCoverageRows, EachThreatFindsItsOwnPlanAmongSeveral) {
  const std::vector<Threat> located = {threat(1, ModerationStatus::kModerated), threat(2, ModerationStatus::kModerated),
                                       threat(3, ModerationStatus::kUnmoderated), threat(4, ModerationStatus::kModerated)};
  const std::vector<FourPPlan> plans = {plan(20, 2, "2026-01-01"), plan(10, 1, "2027-01-01"), plan(40, 4, "2027-01-01")};
  const std::vector<PlanAction> actions = {action(10), action(20), action(10)};
  auto rows = area_coverage_rows(located, "A", plans, actions, "2026-06-01");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].threat_id, 1);
  EXPECT_TRUE(rows[0].current_plan);
  EXPECT_EQ(rows[1].threat_id, 2);
  EXPECT_FALSE(rows[1].current_plan);  // review passed
  EXPECT_EQ(rows[2].threat_id, 4);
  EXPECT_FALSE(rows[2].current_plan);  // no actions
  EXPECT_EQ(plan_coverage(rows).overall.with_plan, 1);
}

Disruption disruption(DisruptionRole role, const std::string& date, std::vector<FourP> outcomes) {
  Disruption d;
  d.role = role;
  d.record_date = date;
  d.outcomes = std::move(outcomes);
  return d;
}

TEST(TallyLeadDisruptions, CountsLeadOnesAndSplitsTheRecentOnesByPrincipalOutcome) {
  const std::string since = "2025-12-04";
  struct Case {
    const char* what;
    std::vector<Disruption> recorded;
    int64_t total, last_year;
    std::map<std::string, int64_t> by_4p;
    std::string note;
  };
  const std::map<std::string, int64_t> none{{"Pursue", 0}, {"Prevent", 0}, {"Protect", 0}, {"Prepare", 0}};
  auto with = [&](std::map<std::string, int64_t> m) {
    auto out = none;
    for (const auto& [k, v] : m) out[k] = v;
    return out;
  };
  const std::vector<Case> cases = {
      {"nothing recorded", {}, 0, 0, none,
       "0 lead disruptions recorded against these threats; 0 since 2025-12-04."},
      {"an old lead one", {disruption(DisruptionRole::kLead, "2024-01-01", {FourP::kPursue})}, 1, 0, none,
       "1 lead disruptions recorded against these threats; 0 since 2025-12-04."},
      {"supporting ones never count",
       {disruption(DisruptionRole::kSupporting, "2026-01-01", {FourP::kPursue}),
        disruption(DisruptionRole::kSupporting, "2020-01-01", {FourP::kPrevent})},
       0, 0, none, "0 lead disruptions recorded against these threats; 0 since 2025-12-04."},
      {"recorded on the day counts as recent",
       {disruption(DisruptionRole::kLead, since, {FourP::kProtect, FourP::kPursue})}, 1, 1, with({{"Protect", 1}}),
       "1 lead disruptions recorded against these threats; 1 since 2025-12-04 (Prepare 0, Prevent 0, Protect 1, Pursue 0)."},
      {"by the principal (first) outcome only",
       {disruption(DisruptionRole::kLead, "2026-02-01", {FourP::kPrevent, FourP::kPursue}),
        disruption(DisruptionRole::kLead, "2026-03-01", {FourP::kPursue}),
        disruption(DisruptionRole::kLead, "2026-04-01", {FourP::kPursue, FourP::kPrepare}),
        disruption(DisruptionRole::kLead, "2025-12-03", {FourP::kPrepare}),
        disruption(DisruptionRole::kSupporting, "2026-04-01", {FourP::kPrepare})},
       4, 3, with({{"Prevent", 1}, {"Pursue", 2}}),
       "4 lead disruptions recorded against these threats; 3 since 2025-12-04 (Prepare 0, Prevent 1, Protect 0, Pursue 2)."},
  };
  for (const auto& c : cases) {
    const DisruptionTally t = tally_lead_disruptions(c.recorded, since);
    EXPECT_EQ(t.total, c.total) << c.what;
    EXPECT_EQ(t.last_year, c.last_year) << c.what;
    EXPECT_EQ(t.by_4p, c.by_4p) << c.what;
    EXPECT_EQ(disruptions_note(t, since), c.note) << c.what;
  }
}

Task task(const std::string& agency, TaskStatus status) {
  Task t;
  t.assigned_agency = agency;
  t.status = status;
  return t;
}

TEST(PartnerContributions, ReportsThenTasksThenPlanActionsOfPartnersOnly) {
  const std::set<std::string> partners{"HMRC", "DWP"};
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, int>> reports;
    std::vector<Task> tasks;
    std::vector<PlanAction> actions;
    std::vector<std::pair<std::string, std::string>> expected;
  };
  const std::vector<Case> cases = {
      {"nothing", {}, {}, {}, {}},
      {"reports as given", {{"HMRC", 3}, {"DWP", 1}}, {}, {}, {{"HMRC", "3 intelligence reports"}, {"DWP", "1 intelligence reports"}}},
      {"tasks of forces are not partners' work",
       {},
       {task("MPS", TaskStatus::kDone), task("HMRC", TaskStatus::kDone), task("HMRC", TaskStatus::kOpen),
        task("DWP", TaskStatus::kCancelled)},
       {},
       {{"DWP", "1 tasks (0 done)"}, {"HMRC", "2 tasks (1 done)"}}},
      {"actions a partner owns",
       {},
       {},
       {action(1, "HMRC", true), action(1, "HMRC", true), action(2, "MPS", false), action(2, "DWP", true)},
       {{"DWP", "1 4P plan actions"}, {"HMRC", "2 4P plan actions"}}},
      {"all three, in that order",
       {{"DWP", 2}},
       {task("HMRC", TaskStatus::kInProgress)},
       {action(1, "DWP", true)},
       {{"DWP", "2 intelligence reports"}, {"HMRC", "1 tasks (0 done)"}, {"DWP", "1 4P plan actions"}}},
  };
  for (const auto& c : cases) {
    auto got = partner_contributions(c.reports, c.tasks, c.actions, partners);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& p : got) pairs.emplace_back(p.agency, p.what);
    EXPECT_EQ(pairs, c.expected) << c.what;
  }
}

TEST(ProfileMarking, AtLeastOfficialSensitiveAndAsHighAsTheHighestRecordShown) {
  auto open = threat(1, ModerationStatus::kModerated);
  auto m = profile_marking("MPS", {open}, {});
  EXPECT_EQ(m.label(), "OFFICIAL-SENSITIVE");
  EXPECT_EQ(m.owning_agency, "MPS");
  EXPECT_EQ(m.scope, SharingScope::kOwnerOnly);
  EXPECT_TRUE(m.compartment.empty());

  auto secret = threat(2, ModerationStatus::kModerated);
  secret.marking.classification = Classification::kSecret;
  secret.marking.compartment = "LON-SIU";
  m = profile_marking("MPS", {open}, {secret});
  EXPECT_EQ(m.classification, Classification::kSecret);
  EXPECT_FALSE(m.sensitive) << "OFFICIAL-SENSITIVE is within OFFICIAL only";
  EXPECT_EQ(m.compartment, "LON-SIU");
  EXPECT_EQ(profile_marking("BTP", {}, {}).label(), "OFFICIAL-SENSITIVE");
}

}  // namespace
}  // namespace rocta
