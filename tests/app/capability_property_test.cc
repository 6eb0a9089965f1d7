// Property test of capability sharing: generated agencies' capability records, generated
// sharing agreements (subjects, whose capability, dates, active or not) and generated users,
// core/capability.h as the oracle. No figure of an agency the policy denies ever contributes to
// an answer (not a row, not a total); every agency it allows is counted whole; a user it denies
// capability altogether is refused.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/capability.h"
#include "app/session.h"
#include "app/sharing.h"
#include "store/agency_repository.h"
#include "store/repository_transaction.h"
#include "support/generated.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::Gen;
using testing::TestApp;

const std::vector<std::string>& kAgencies = testing::kGeneratedAgencies;

// What one agency holds, chosen so that any sum of agencies names the agencies summed: the
// i-th agency has 2^i posts, an accreditation costing 2^i pounds and an asset of 2^i pounds.
struct Holding {
  int64_t posts = 0, cost_pence = 0, identified_pence = 0;
};

TEST(CapabilityProperty, NoFigureFromAnAgencyThePolicyDeniesEverCountsInAnAnswer) {
  TestApp t;
  Gen g(20260616);
  const Caller sys = system_caller("test");
  const std::string today = iso_date(t.app().clock.now_ms());
  std::map<std::string, std::string> region;
  {
    auto tx = std::move(t.store().begin(TxMode::kRead)).value();
    for (const auto& a : tx->agencies().list().value()) region[a.code] = a.region;
  }
  std::map<std::string, Holding> held;
  int bit = 0;
  for (const auto& agency : kAgencies) {
    if (agency == "HMRC") continue;  // partner agencies keep no capability records
    Holding h{int64_t{1} << bit, (int64_t{1} << bit) * 100, (int64_t{1} << bit) * 100};
    ++bit;
    const int64_t unit = t.unit(agency, agency + " Economic Crime");
    for (int64_t i = 0; i < h.posts; ++i) {
      StaffingPost p;
      p.agency = agency, p.unit_id = unit, p.role = SpecialistRole::kFinancialInvestigator, p.month = today.substr(0, 7);
      p.post_ref = agency + "-" + std::to_string(i), p.filled = i % 2 == 0;
      if (p.filled) p.holder = "Officer " + std::to_string(i);
      ASSERT_TRUE(record_post(t.app(), sys, p).is_ok());
    }
    CovertAccreditation a;
    a.agency = agency, a.tactic = CovertTactic::kSurveillance, a.holder = agency + " team";
    a.accredited_on = "2024-01-01", a.expires_on = "2030-01-01", a.annual_cost_pence = h.cost_pence;
    auto accredited = record_accreditation(t.app(), sys, a);
    ASSERT_TRUE(accredited.is_ok()) << accredited.status().message();
    Threat th;
    th.name = "OCG of " + agency;
    th.primary_crime_type = "Fraud";
    th.marking = testing::marking(agency, SharingScope::kOwnerOnly);
    auto threat = create_threat(t.app(), t.as(t.user("owner" + std::to_string(bit), agency, {Role::kAnalyst})), th);
    ASSERT_TRUE(threat.is_ok()) << threat.status().message();
    AssetCase c;
    c.agency = agency, c.threat_id = threat->id, c.description = "Cash seized", c.route = AssetRoute::kForfeiture;
    c.identified_on = "2026-01-10", c.identified_pence = h.identified_pence;
    const User recorder = t.user("recorder" + std::to_string(bit), agency, {Role::kAnalyst});
    auto asset = record_asset_case(t.app(), t.as(recorder), c);
    ASSERT_TRUE(asset.is_ok()) << asset.status().message();
    held[agency] = h;
  }

  // Agreements: every subject mix, dates in force, to come and past, some inactive.
  int capability_agreements = 0;
  for (const auto& giver : kAgencies)
    for (const auto& receiver : kAgencies)
      if (giver != receiver && !(giver == "MPS" && receiver == "HMRC") && g.chance(35)) {
        SharingAgreement a;
        a.giver = giver, a.receiver = receiver, a.purpose = "Generated agreement " + giver + " to " + receiver;
        a.min_scope = static_cast<SharingScope>(1 + g.below(3));
        const int mix = g.below(3);
        a.subjects = mix == 0   ? std::vector{AgreementSubject::kRecords}
                     : mix == 1 ? std::vector{AgreementSubject::kCapability}
                                : std::vector{AgreementSubject::kRecords, AgreementSubject::kCapability};
        if (mix) a.capability_of = {giver};
        const int when = g.below(4);
        if (when == 1) a.starts_on = "2026-07-01";
        if (when == 2) a.ends_on = "2026-06-01";
        if (when == 3) a.starts_on = "2026-01-01", a.ends_on = today;
        a.active = g.chance(80);
        ASSERT_TRUE(make_agreement(t.app(), sys, a).is_ok());
        capability_agreements += mix != 0;
      }
  // And one that is surely in force, so that a partner always reads by an agreement.
  SharingAgreement fixed;
  fixed.giver = "MPS", fixed.receiver = "HMRC", fixed.purpose = "Joint fraud tasking";
  fixed.subjects = {AgreementSubject::kCapability}, fixed.capability_of = {"MPS"};
  ASSERT_TRUE(make_agreement(t.app(), sys, fixed).is_ok());
  ASSERT_GT(capability_agreements, 3);

  int readers = 0, refused = 0, partners_reading = 0;
  for (int u = 0; u < 40; ++u) {
    const std::string agency = u == 0 ? "HMRC" : g.pick(kAgencies);
    Role role = Role::kPartner;  // the partner role is for partner agency users only
    while (agency != "HMRC" && role == Role::kPartner) role = g.pick(all_roles());
    const User made = t.user("cuser" + std::to_string(u), agency, {role});
    // As every request reads the user: from the store, with the agreements in force today.
    const Caller caller = operator_acting_as(t.app(), made.username, "").value();
    std::set<std::string> allowed;
    for (const auto& [code, h] : held)
      if (may_read_capability_of(caller.user, code, region[code], today)) allowed.insert(code);

    auto report = capability_report(t.app(), caller, "");
    if (!may_read_capability(caller.user, today)) {
      EXPECT_EQ(report.status().code(), Code::kPermissionDenied) << made.username;
      EXPECT_EQ(list_fi_items(t.app(), caller, {}).status().code(), Code::kPermissionDenied) << made.username;
      ++refused;
      continue;
    }
    ASSERT_TRUE(report.is_ok()) << made.username << ": " << report.status().message();
    ++readers;
    if (role == Role::kPartner && !allowed.empty()) ++partners_reading;
    Holding want;
    for (const auto& code : allowed) {
      want.posts += held[code].posts;
      want.cost_pence += held[code].cost_pence;
      want.identified_pence += held[code].identified_pence;
    }
    Holding got;
    std::set<std::string> seen;
    for (const auto& row : report->staffing.agencies) got.posts += row.establishment, seen.insert(row.agency);
    for (const auto& row : report->covert.rows) got.cost_pence += row.cost_year_pence, seen.insert(row.agency);
    for (const auto& row : report->assets.by_agency) got.identified_pence += row.identified_pence, seen.insert(row.agency);
    for (const auto& row : report->staffing.unit_totals) seen.insert(row.agency);
    for (const auto& gap : report->gaps) seen.insert(gap.agency);
    EXPECT_EQ(got.posts, want.posts) << made.username;
    EXPECT_EQ(got.cost_pence, want.cost_pence) << made.username;
    EXPECT_EQ(got.identified_pence, want.identified_pence) << made.username;
    for (const auto& code : seen) EXPECT_EQ(allowed.count(code), 1u) << made.username << " was shown " << code;
    EXPECT_TRUE(list_fi_items(t.app(), caller, {}).is_ok());
  }
  // The generator gives the property something to hold on: readers, refusals, and partners
  // reading by an agreement.
  EXPECT_GT(readers, 5);
  EXPECT_GT(refused, 5);
  EXPECT_GT(partners_reading, 0);
}

}  // namespace
}  // namespace rocta
