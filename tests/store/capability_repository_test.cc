// The capability repository's conformance suite, run on every adapter: posts, FI items, asset
// cases and covert records round-trip with their marking; scoped reads apply the policy inside
// the query (another region's reader and a partner without an agreement see none of it; a
// partner with one sees the giver's); versions guard concurrent decisions.
#include <gtest/gtest.h>

#include "store/agency_repository.h"
#include "store/capability_repository.h"
#include "store/repository_transaction.h"
#include "store/sharing_repository.h"
#include "store/store.h"
#include "store/user_repository.h"
#include "store/unit_repository.h"
#include "support/scratch_database.h"

namespace rocta {
namespace {

using testing::ScratchDatabase;

class CapabilityRepositoryConformance : public ::testing::TestWithParam<testing::ScratchAdapter> {
 protected:
  void SetUp() override {
    db_ = GetParam().scratch();
    if (!db_) GTEST_SKIP() << "no PostgreSQL server named: set ROCTA_TEST_PG (scripts/run-tests.sh does)";
    auto s = open_store(db_->url());
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    store_ = std::move(s).value();
    auto tx = begin();
    for (const char* code : {"MPS", "BTP"}) ASSERT_TRUE(tx->agencies().insert({code, code, AgencyKind::kTerritorialForce, "London", true}).is_ok());
    ASSERT_TRUE(tx->agencies().insert({"GMP", "GMP", AgencyKind::kTerritorialForce, "North West", true}).is_ok());
    ASSERT_TRUE(tx->agencies().insert({"HMRC", "HMRC", AgencyKind::kPartnerAgency, "London", true}).is_ok());
    hub_ = *tx->units().insert(Unit{0, "MPS", "Organised Crime Hub", UnitKind::kSpecialistCrimeCommand, {}, true, "", 1});
    gmp_unit_ = *tx->units().insert(Unit{0, "GMP", "GMP Economic Crime", UnitKind::kEconomicCrime, {}, true, "", 1});
    ASSERT_TRUE(tx->commit().is_ok());
  }
  std::unique_ptr<Transaction> begin(TxMode mode = TxMode::kWrite) {
    auto tx = store_->begin(mode);
    EXPECT_TRUE(tx.is_ok()) << tx.status().message();
    return std::move(tx).value();
  }
  static ReadScope scope_of(const std::string& agency, bool law_enforcement = true, std::vector<SharingGrant> grants = {}) {
    ReadScope s;
    s.active = true;
    s.agency = agency;
    s.region = agency == "GMP" ? "North West" : "London";
    s.law_enforcement = law_enforcement;
    s.grants = std::move(grants);
    return s;
  }
  StaffingPost post(const std::string& agency, int64_t unit, const std::string& month, bool filled) {
    StaffingPost p;
    p.agency = agency, p.unit_id = unit, p.role = SpecialistRole::kFinancialInvestigator, p.month = month;
    p.post_ref = "FI-" + std::to_string(++count_);
    p.filled = filled;
    if (filled) p.holder = "DC " + std::to_string(count_);
    p.cover_from = 7, p.cover_to = 22;
    p.marking = capability_marking(agency, agency == "GMP" ? "North West" : "London");
    return p;
  }
  FiItem item(const std::string& agency, int64_t threat) {
    FiItem i;
    i.agency = agency, i.threat_id = threat, i.threat_reference = agency + "-T-" + std::to_string(threat), i.disruption_id = 9;
    i.disruption_reference = agency + "-DIS-000009", i.suspect = "Suspect " + std::to_string(++count_), i.team_unit_id = hub_;
    i.opened_on = "2023-03-01", i.version = 1;
    i.marking = capability_marking(agency, "London");
    return i;
  }
  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<Store> store_;
  int64_t hub_ = 0, gmp_unit_ = 0;
  int count_ = 0;
};

TEST_P(CapabilityRepositoryConformance, PostsRoundTripWithTheirUnitAndMonth) {
  auto tx = begin();
  StaffingPost p = post("MPS", hub_, "2023-03", true);
  auto id = tx->capability().insert_post(p);
  ASSERT_TRUE(id.is_ok()) << id.status().message();
  ASSERT_TRUE(tx->capability().insert_post(post("MPS", hub_, "2023-02", false)).is_ok());
  EXPECT_EQ(tx->capability().insert_post(p).status().code(), Code::kAlreadyExists);  // same number, same month
  CapabilityQuery q;
  q.month = "2023-03";
  auto got = tx->capability().posts(scope_of("MPS"), q);
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  ASSERT_EQ(got->size(), 1u);
  const StaffingPost& g = got->front();
  EXPECT_EQ(g.id, *id);
  EXPECT_EQ(g.agency, "MPS");
  EXPECT_EQ(g.unit, "Organised Crime Hub");
  EXPECT_EQ(g.role, SpecialistRole::kFinancialInvestigator);
  EXPECT_TRUE(g.filled);
  EXPECT_EQ(g.holder, p.holder);
  EXPECT_EQ(g.cover_to, 22);
  EXPECT_EQ(g.marking.scope, SharingScope::kRegion);
  EXPECT_EQ(g.marking.owning_region, "London");
  EXPECT_EQ(tx->capability().posts(scope_of("MPS"), {})->size(), 2u);
}

TEST_P(CapabilityRepositoryConformance, ScopedReadsHideOtherRegionsAndPartnersWithoutAnAgreement) {
  auto tx = begin();
  ASSERT_TRUE(tx->capability().insert_post(post("MPS", hub_, "2023-03", true)).is_ok());
  ASSERT_TRUE(tx->capability().insert_post(post("GMP", gmp_unit_, "2023-03", true)).is_ok());
  ASSERT_TRUE(tx->capability().insert_fi_item(item("MPS", 1)).is_ok());
  const struct {
    ReadScope scope;
    size_t posts, items;
  } cases[] = {
      {scope_of("MPS"), 1, 1},
      {scope_of("BTP"), 1, 1},  // same region, law enforcement
      {scope_of("GMP"), 1, 0},  // its own only
      {scope_of("HMRC", false), 0, 0},
      {scope_of("HMRC", false, {{"MPS", Classification::kOfficial, SharingScope::kRegion, false}}), 1, 1},
      {ReadScope{}, 0, 0},  // inactive
  };
  for (const auto& c : cases) {
    EXPECT_EQ(tx->capability().posts(c.scope, {})->size(), c.posts) << c.scope.agency;
    EXPECT_EQ(tx->capability().fi_items(c.scope, {})->size(), c.items) << c.scope.agency;
  }
  CapabilityQuery all;
  all.unscoped = true;
  EXPECT_EQ(tx->capability().posts(ReadScope{}, all)->size(), 2u);
}

TEST_P(CapabilityRepositoryConformance, FiItemsAreDecidedOnceAtTheirVersionAndFilterByThreatAndState) {
  auto tx = begin();
  auto a = tx->capability().insert_fi_item(item("MPS", 1));
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  ASSERT_TRUE(tx->capability().insert_fi_item(item("MPS", 2)).is_ok());
  auto got = tx->capability().fi_item(*a, scope_of("MPS"), false);
  ASSERT_TRUE(got.is_ok());
  EXPECT_EQ(got->suspect.substr(0, 8), "Suspect ");
  FiItem decided = *decide_fi(*got, FiAction::kDecline, 5, "DC Lee", FiDeclineReason::kNoCapacity, "", "2023-03-02");
  ASSERT_TRUE(tx->capability().update_fi_item(decided).is_ok());
  EXPECT_EQ(tx->capability().update_fi_item(decided).code(), Code::kConflict);  // same version again
  auto again = tx->capability().fi_item(*a, scope_of("MPS"), false);
  EXPECT_EQ(again->state, FiState::kDeclined);
  EXPECT_EQ(again->reason, FiDeclineReason::kNoCapacity);
  EXPECT_EQ(again->investigator, "DC Lee");
  EXPECT_EQ(again->version, 2);
  EXPECT_EQ(tx->capability().fi_item(*a, scope_of("GMP"), false).status().code(), Code::kNotFound);
  EXPECT_TRUE(tx->capability().fi_item(*a, ReadScope{}, true).is_ok());
  CapabilityQuery q;
  q.threat_id = 2;
  EXPECT_EQ(tx->capability().fi_items(scope_of("MPS"), q)->size(), 1u);
  q = {};
  q.state = FiState::kDeclined;
  EXPECT_EQ(tx->capability().fi_items(scope_of("MPS"), q)->size(), 1u);
}

TEST_P(CapabilityRepositoryConformance, AssetCasesAndCovertRecordsRoundTrip) {
  auto tx = begin();
  AssetCase c;
  c.agency = "MPS", c.threat_id = 3, c.threat_reference = "MPS-T-3", c.description = "Cash", c.route = AssetRoute::kForfeiture;
  c.identified_pence = 750'000'000, c.identified_on = "2022-05-01", c.version = 1, c.marking = capability_marking("MPS", "London");
  auto id = tx->capability().insert_asset_case(c);
  ASSERT_TRUE(id.is_ok()) << id.status().message();
  AssetCase got = *tx->capability().asset_case(*id, scope_of("MPS"), false);
  EXPECT_EQ(got.identified_pence, 750'000'000);
  EXPECT_EQ(got.route, AssetRoute::kForfeiture);
  AssetCase moved = *advance_asset_case(got, AssetStage::kForfeited, 100'000'000, "2022-06-01", "2023-01-01");
  moved.disruption_id = 44;
  ASSERT_TRUE(tx->capability().update_asset_case(moved).is_ok());
  got = *tx->capability().asset_case(*id, scope_of("MPS"), false);
  EXPECT_EQ(got.stage, AssetStage::kForfeited);
  EXPECT_EQ(got.ordered_pence, 100'000'000);
  EXPECT_EQ(got.disruption_id, 44);
  EXPECT_EQ(tx->capability().asset_cases(scope_of("GMP"), {})->size(), 0u);

  CovertAccreditation a;
  a.agency = "BTP", a.tactic = CovertTactic::kUndercover, a.holder = "UC 1", a.accredited_on = "2020-01-01";
  a.expires_on = "2025-01-01", a.annual_cost_pence = 12'345, a.marking = capability_marking("BTP", "London");
  ASSERT_TRUE(tx->capability().insert_accreditation(a).is_ok());
  CovertDeployment d;
  d.agency = "BTP", d.tactic = CovertTactic::kSurveillance, d.deployed_on = "2022-02-02", d.cost_pence = 99;
  d.marking = a.marking;
  ASSERT_TRUE(tx->capability().insert_deployment(d).is_ok());
  auto held = tx->capability().accreditations(scope_of("MPS"), {});
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ(held->front().agency, "BTP");
  EXPECT_EQ(held->front().annual_cost_pence, 12'345);
  auto deployed = tx->capability().deployments(scope_of("BTP"), {});
  ASSERT_EQ(deployed->size(), 1u);
  EXPECT_EQ(deployed->front().tactic, CovertTactic::kSurveillance);
  EXPECT_EQ(tx->capability().deployments(scope_of("GMP"), {})->size(), 0u);
}

// app/ hands the store the agencies core/capability.h admits; the query reads no other
// agency's rows, whatever the scope would let through.
TEST_P(CapabilityRepositoryConformance, TheOwnersListLimitsEveryReadInsideTheQuery) {
  auto tx = begin();
  const int64_t btp_unit = *tx->units().insert(Unit{0, "BTP", "BTP Intelligence", UnitKind::kIntelligence, {}, true, "", 1});
  ASSERT_TRUE(tx->capability().insert_post(post("MPS", hub_, "2023-03", true)).is_ok());
  ASSERT_TRUE(tx->capability().insert_post(post("BTP", btp_unit, "2023-03", false)).is_ok());
  ASSERT_TRUE(tx->capability().insert_fi_item(item("BTP", 5)).is_ok());
  const ReadScope region = scope_of("MPS");
  CapabilityQuery q;
  EXPECT_EQ(tx->capability().posts(region, q)->size(), 2u);
  q.owners = std::vector<std::string>{"MPS"};
  auto posts = tx->capability().posts(region, q);
  ASSERT_TRUE(posts.is_ok()) << posts.status().message();
  ASSERT_EQ(posts->size(), 1u);
  EXPECT_EQ((*posts)[0].agency, "MPS");
  EXPECT_TRUE(tx->capability().fi_items(region, q)->empty());
  q.owners = std::vector<std::string>{};
  EXPECT_TRUE(tx->capability().posts(region, q)->empty());
  q.owners = std::vector<std::string>{"MPS", "BTP"};
  EXPECT_EQ(tx->capability().posts(region, q)->size(), 2u);
  // A partner whose scope carries a grant from the MPS, limited to the MPS by the list.
  SharingGrant g{"MPS", Classification::kOfficial, SharingScope::kNamed, false};
  q.owners = std::vector<std::string>{"MPS"};
  EXPECT_EQ(tx->capability().posts(scope_of("HMRC", false, {g}), q)->size(), 1u);
  EXPECT_TRUE(tx->capability().posts(scope_of("HMRC", false), q)->empty());  // the scope still applies
}

// Agreements keep their subjects, whose capability and dates; a user is read with grants
// that say which subjects each covers (an agreement made before subjects covers records).
TEST_P(CapabilityRepositoryConformance, AgreementsKeepTheirSubjectsAndUsersAreReadWithThem) {
  auto tx = begin();
  SharingAgreement a;
  a.giver = "MPS", a.receiver = "HMRC", a.purpose = "Joint fraud tasking", a.version = 1;
  a.subjects = {AgreementSubject::kRecords, AgreementSubject::kCapability}, a.capability_of = {"MPS"};
  a.starts_on = "2026-01-01", a.ends_on = "2026-12-31";
  auto id = tx->sharing().insert_agreement(a);
  ASSERT_TRUE(id.is_ok()) << id.status().message();
  SharingAgreement b;
  b.giver = "BTP", b.receiver = "HMRC", b.purpose = "Rail fraud", b.version = 1;  // records only, no dates
  ASSERT_TRUE(tx->sharing().insert_agreement(b).is_ok());
  auto back = tx->sharing().agreement(*id);
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back->subjects, a.subjects);
  EXPECT_EQ(back->capability_of, a.capability_of);
  EXPECT_EQ(back->starts_on, "2026-01-01");
  EXPECT_EQ(back->ends_on, "2026-12-31");

  const int64_t hmrc_unit = *tx->units().insert(Unit{0, "HMRC", "HMRC FIS", UnitKind::kIntelligence, {}, true, "", 1});
  User u;
  u.username = "hmrc.reader", u.display_name = "HMRC reader", u.unit_id = hmrc_unit, u.roles = {Role::kPartner};
  ASSERT_TRUE(tx->users().insert({u, "x", "2026-01-01T00:00:00.000Z"}).is_ok());
  auto read = tx->users().find_by_username("hmrc.reader");
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  ASSERT_EQ(read->user.grants.size(), 2u);
  const auto& btp = read->user.grants[0];
  const auto& mps = read->user.grants[1];
  EXPECT_EQ(btp.giver, "BTP");
  EXPECT_TRUE(btp.records);
  EXPECT_FALSE(btp.capability);
  EXPECT_EQ(mps.giver, "MPS");
  EXPECT_TRUE(mps.records);
  EXPECT_TRUE(mps.capability);
  EXPECT_EQ(mps.starts_on, "2026-01-01");
  EXPECT_EQ(mps.ends_on, "2026-12-31");

  // Changed to capability only: the grant no longer covers records.
  back->subjects = {AgreementSubject::kCapability}, back->version = 2;
  ASSERT_TRUE(tx->sharing().update_agreement(*back).is_ok());
  read = tx->users().find_by_username("hmrc.reader");
  EXPECT_FALSE(read->user.grants[1].records);
  EXPECT_TRUE(read->user.grants[1].capability);
}

INSTANTIATE_TEST_SUITE_P(Adapters, CapabilityRepositoryConformance,
                         ::testing::ValuesIn(testing::conformance_adapters()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace rocta
