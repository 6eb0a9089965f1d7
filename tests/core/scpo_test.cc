// SCPO rules: the five-year limit, checks and breaches dated within the order, overdue
// checks, who reads and monitors, and the figures by BCU.
#include <gtest/gtest.h>

#include "core/scpo.h"

namespace rocta {
namespace {

ScpoOrder order(const std::string& starts = "2022-01-10", const std::string& ends = "2025-01-09") {
  ScpoOrder o;
  o.id = 1;
  o.reference = "MPS-SCPO-000001";
  o.agency = "MPS";
  o.nominal_id = 7;
  o.court = "Southwark Crown Court";
  o.made_on = "2022-01-03";
  o.starts_on = starts;
  o.ends_on = ends;
  o.conditions = {{ScpoConditionKind::kCommunicationDevices, "One phone, declared"},
                  {ScpoConditionKind::kTravel, "Notice of travel abroad"}};
  return o;
}

TEST(ScpoOrderRules, AnOrderLastsAtMostFiveYearsFromItsStart) {
  const struct {
    std::string starts, ends;
    bool ok;
  } cases[] = {
      {"2022-01-10", "2027-01-09", true},   // the last day of the fifth year
      {"2022-01-10", "2027-01-10", false},  // five years and a day
      {"2022-01-10", "2030-01-01", false},
      {"2020-02-29", "2025-02-27", true},
      {"2020-02-29", "2025-02-28", false},  // 29 February falls to the 28th
      {"2022-01-10", "2022-01-10", false},  // ends as it starts
      {"2022-01-10", "2022-01-09", false},
  };
  for (const auto& c : cases) {
    ScpoOrder o = order(c.starts, c.ends);
    o.made_on = c.starts;
    Status s = validate_order(o);
    EXPECT_EQ(s.is_ok(), c.ok) << c.starts << " to " << c.ends << ": " << s.message();
  }
  ScpoOrder too_long = order("2022-01-10", "2027-06-01");
  Status s = validate_order(too_long);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("at most five years"), std::string::npos) << s.message();
}

TEST(ScpoOrderRules, NeedsCourtDatesInOrderAndWordedConditions) {
  EXPECT_TRUE(validate_order(order()).is_ok());
  ScpoOrder o = order();
  o.court = " ";
  EXPECT_FALSE(validate_order(o).is_ok());
  o = order();
  o.starts_on = "2021-12-31";  // before it was made
  EXPECT_FALSE(validate_order(o).is_ok());
  o = order();
  o.conditions.clear();
  EXPECT_FALSE(validate_order(o).is_ok());
  o = order();
  o.conditions.push_back({ScpoConditionKind::kOther, ""});
  EXPECT_FALSE(validate_order(o).is_ok());
  o = order();
  o.made_on = "2022-02-30";
  EXPECT_FALSE(validate_order(o).is_ok());
}

TEST(ScpoCheckRules, ACheckIsNeverDatedBeforeTheOrder) {
  const ScpoOrder o = order();
  ScpoCheck c;
  c.due_on = "2022-01-02";
  Status s = validate_check(c, o, "2023-01-01");
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("before the order was made"), std::string::npos) << s.message();
  c.due_on = "2022-01-03";
  EXPECT_TRUE(validate_check(c, o, "2023-01-01").is_ok());
  c.done_on = "2022-01-01";
  c.outcome = ScpoCheckOutcome::kCompliant;
  EXPECT_FALSE(validate_check(c, o, "2023-01-01").is_ok());
  c.done_on = "2023-01-02";  // in the future
  EXPECT_FALSE(validate_check(c, o, "2023-01-01").is_ok());
  c.done_on = "2022-06-01";
  EXPECT_TRUE(validate_check(c, o, "2023-01-01").is_ok());
  c.outcome = ScpoCheckOutcome::kPending;  // done needs an outcome
  EXPECT_FALSE(validate_check(c, o, "2023-01-01").is_ok());
  c.due_on = "2025-01-10";  // after the order ends
  c.done_on.clear();
  EXPECT_FALSE(validate_check(c, o, "2023-01-01").is_ok());
}

TEST(ScpoCheckRules, OverdueFromTheDayAfterItWasDueUntilDone) {
  ScpoCheck c;
  c.due_on = "2022-03-01";
  EXPECT_FALSE(is_overdue(c, "2022-03-01"));
  EXPECT_TRUE(is_overdue(c, "2022-03-02"));
  c.done_on = "2022-03-05";
  EXPECT_FALSE(is_overdue(c, "2022-04-01"));
}

TEST(ScpoBreachRules, WithinTheOrderOfAConditionItHasWithEvidence) {
  const ScpoOrder o = order();
  ScpoBreach b;
  b.occurred_on = "2022-05-01";
  b.condition = ScpoConditionKind::kTravel;
  b.evidence = "Flew to Alicante without notice (Border Force record).";
  EXPECT_TRUE(validate_breach(b, o, "2023-01-01").is_ok());
  auto with = [&](auto change) {
    ScpoBreach x = b;
    change(x);
    return validate_breach(x, o, "2023-01-01");
  };
  EXPECT_FALSE(with([](ScpoBreach& x) { x.occurred_on = "2022-01-09"; }).is_ok());  // before it started
  EXPECT_FALSE(with([](ScpoBreach& x) { x.occurred_on = "2025-01-10"; }).is_ok());  // after it ended
  EXPECT_FALSE(with([](ScpoBreach& x) { x.occurred_on = "2023-01-02"; }).is_ok());  // still to come
  EXPECT_FALSE(with([](ScpoBreach& x) { x.condition = ScpoConditionKind::kPremises; }).is_ok());
  EXPECT_FALSE(with([](ScpoBreach& x) { x.evidence = ""; }).is_ok());
  EXPECT_FALSE(with([](ScpoBreach& x) { x.charged = true; }).is_ok());  // a charge without an arrest
  EXPECT_TRUE(with([](ScpoBreach& x) { x.charged = x.arrested = true; }).is_ok());
}

TEST(ScpoOrderRules, InForceAndOnTheHorizon) {
  const ScpoOrder o = order("2023-03-01", "2026-02-28");
  EXPECT_TRUE(on_horizon(o, "2023-02-28"));
  EXPECT_FALSE(in_force(o, "2023-02-28"));
  EXPECT_TRUE(in_force(o, "2023-03-01"));
  EXPECT_TRUE(in_force(o, "2026-02-28"));
  EXPECT_FALSE(in_force(o, "2026-03-01"));
  EXPECT_FALSE(on_horizon(o, "2026-03-01"));
}

TEST(ScpoPolicy, EveryRoleReadsMonitorsAndSeesFiguresAsDesigned) {
  for (Role r : all_roles()) {
    User u;
    u.agency = "MPS";
    u.roles = {r};
    const bool reads = r == Role::kScpoOfficer || r == Role::kAnalyst || r == Role::kRoctaAnalyst || r == Role::kSiuOfficer ||
                       r == Role::kLeadResponsibleOfficer || r == Role::kTaskingChair || r == Role::kFrontlineOfficer;
    EXPECT_EQ(may_read_scpo(u), reads) << to_string(r);
    EXPECT_EQ(may_monitor_scpo(u, "MPS"), r == Role::kScpoOfficer) << to_string(r);
    EXPECT_FALSE(may_monitor_scpo(u, "BTP")) << to_string(r);
    EXPECT_EQ(may_read_scpo_figures(u), r == Role::kScpoOfficer || r == Role::kInspector || r == Role::kTaskingChair)
        << to_string(r);
    u.agency_kind = AgencyKind::kPartnerAgency;  // a partner agency sees none of it
    EXPECT_FALSE(may_read_scpo(u)) << to_string(r);
    EXPECT_FALSE(may_monitor_scpo(u, "MPS")) << to_string(r);
    u.agency_kind = AgencyKind::kTerritorialForce;
    u.active = false;
    EXPECT_FALSE(may_read_scpo(u) || may_monitor_scpo(u, "MPS") || may_read_scpo_figures(u)) << to_string(r);
  }
}

TEST(ScpoFigures, CountedByBcuForThePeriodFromTheRecords) {
  ScpoOrder a = order("2021-06-01", "2024-05-31");
  a.id = 1;
  a.bcu_unit_id = 10;
  ScpoOrder b = order("2022-08-01", "2025-07-31");  // starts after the period
  b.id = 2;
  b.bcu_unit_id = 10;
  ScpoOrder c = order("2019-01-01", "2022-02-01");  // ends in it
  c.id = 3;
  c.bcu_unit_id = 11;
  auto check = [](int64_t order, std::string due, std::string done) {
    ScpoCheck x;
    x.order_id = order;
    x.due_on = std::move(due);
    x.done_on = std::move(done);
    return x;
  };
  const std::vector<ScpoCheck> checks{
      check(1, "2022-02-01", "2022-02-01"),  // done on time
      check(1, "2022-03-01", "2022-03-09"),  // done late: done and overdue
      check(1, "2022-04-01", ""),            // never done: overdue
      check(1, "2022-09-01", ""),            // due after the period
      check(3, "2022-01-15", "2022-01-14"),
      check(99, "2022-02-01", ""),           // an order the reader may not see
  };
  auto breach = [](int64_t order, std::string on, bool arrested) {
    ScpoBreach x;
    x.order_id = order;
    x.occurred_on = std::move(on);
    x.arrested = arrested;
    return x;
  };
  const std::vector<ScpoBreach> breaches{breach(1, "2022-05-01", true), breach(1, "2022-06-01", false), breach(3, "2022-01-20", true),
                                         breach(1, "2022-08-01", true), breach(99, "2022-02-01", true)};
  auto f = scpo_figures({a, b, c}, checks, breaches, {{10, "Central East BCU"}, {11, "North Area BCU"}}, "2022-01-01", "2022-07-31",
                        "2023-01-01");
  ASSERT_TRUE(f.is_ok()) << f.status().message();
  ASSERT_EQ(f->rows.size(), 2u);
  EXPECT_EQ(f->rows[0], (ScpoFigureRow{10, "Central East BCU", 1, 2, 2, 2, 1}));
  EXPECT_EQ(f->rows[1], (ScpoFigureRow{11, "North Area BCU", 1, 1, 0, 1, 1}));
  EXPECT_EQ(f->total.orders_monitored, 2);
  EXPECT_EQ(f->total.checks_done, 3);
  EXPECT_EQ(f->total.checks_overdue, 2);
  EXPECT_EQ(f->total.breaches, 3);
  EXPECT_EQ(f->total.arrests, 2);
  // Not yet overdue while its due day has not passed.
  auto early = scpo_figures({a}, checks, {}, {}, "2022-01-01", "2022-07-31", "2022-04-01");
  ASSERT_TRUE(early.is_ok());
  EXPECT_EQ(early->total.checks_overdue, 1);
  EXPECT_FALSE(scpo_figures({}, {}, {}, {}, "2022-07-31", "2022-01-01", "2023-01-01").is_ok());
  EXPECT_FALSE(scpo_figures({}, {}, {}, {}, "2022-13-01", "2022-12-01", "2023-01-01").is_ok());
}

TEST(ScpoAgenda, OverdueChecksOfKnownOrdersOldestFirst) {
  ScpoOrder o = order();
  o.subject_reference = "MPS-NOM-000007";
  ScpoCheck late, later, done, unknown;
  late.id = 1, late.order_id = 1, late.due_on = "2022-03-01";
  later.id = 2, later.order_id = 1, later.due_on = "2022-02-01";
  done.id = 3, done.order_id = 1, done.due_on = "2022-01-20", done.done_on = "2022-01-20";
  unknown.id = 4, unknown.order_id = 5, unknown.due_on = "2022-01-01";
  auto items = scpo_agenda_items({late, later, done, unknown}, {o}, "2022-04-01");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, AgendaItemKind::kOverdueScpoCheck);
  EXPECT_NE(items[0].detail.find("2022-02-01"), std::string::npos);
  EXPECT_NE(items[1].detail.find("2022-03-01"), std::string::npos);
  EXPECT_TRUE(items[0].overdue);
  EXPECT_EQ(to_string(AgendaItemKind::kOverdueScpoCheck), "overdue scpo check");
}

TEST(ScpoNames, EveryKindRoundTrips) {
  for (auto k : all_scpo_condition_kinds()) EXPECT_EQ(parse_scpo_condition_kind(to_string(k)), k);
  for (auto k : {ScpoCheckKind::kVisit, ScpoCheckKind::kFinancialReport, ScpoCheckKind::kDeviceInspection})
    EXPECT_EQ(parse_scpo_check_kind(to_string(k)), k);
  for (auto k : {ScpoCheckOutcome::kPending, ScpoCheckOutcome::kCompliant, ScpoCheckOutcome::kConcern, ScpoCheckOutcome::kBreach,
                 ScpoCheckOutcome::kNoAccess})
    EXPECT_EQ(parse_scpo_check_outcome(to_string(k)), k);
  EXPECT_FALSE(parse_scpo_condition_kind("curfew"));
  EXPECT_EQ(add_years("2024-02-29", 1), "2025-02-28");
  EXPECT_EQ(add_years("2022-01-10", 5), "2027-01-10");
}

}  // namespace
}  // namespace rocta
