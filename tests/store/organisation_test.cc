// Agencies, units, users, sessions and reference counters in the store (conformance suite,
// store_conformance.h).
#include "store/counter_repository.h"
#include "store/session_repository.h"
#include "store/store_conformance.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"

namespace rocta::store_test {
namespace {

TEST_P(StoreConformance, CountersNeverRepeat) {
  auto tx = begin();
  EXPECT_EQ(*tx->counters().next("MPS", "OCG"), 1);
  EXPECT_EQ(*tx->counters().next("MPS", "OCG"), 2);
  EXPECT_EQ(*tx->counters().next("BTP", "OCG"), 1);
  ASSERT_TRUE(tx->commit().is_ok());
  auto tx2 = begin();
  EXPECT_EQ(*tx2->counters().next("MPS", "OCG"), 3);
}
TEST_P(StoreConformance, UnitsUsersAndSessionsRoundTrip) {
  auto tx = begin();
  auto unit = tx->units().insert(Unit{0, "MPS", "Central East BCU", UnitKind::kBcu, {"BTP", "GMP"}, true});
  ASSERT_TRUE(unit.is_ok()) << unit.status().message();
  EXPECT_EQ(tx->units().insert(Unit{0, "MPS", "Central East BCU", UnitKind::kBcu, {}, true}).status().code(),
            Code::kAlreadyExists);
  EXPECT_EQ(tx->units().get(*unit)->serves, (std::vector<std::string>{"BTP", "GMP"}));
  Unit renamed = *tx->units().get(*unit);
  renamed.name = "Central East";
  renamed.serves = {"BTP"};
  renamed.active = false;
  EXPECT_EQ(tx->units().update(renamed).code(), Code::kConflict);  // still version 1: not a change of version 1
  renamed.version = 2;
  ASSERT_TRUE(tx->units().update(renamed).is_ok());
  EXPECT_EQ(tx->units().update(renamed).code(), Code::kConflict);  // version 2 is taken
  auto listed = tx->units().list("MPS");
  ASSERT_TRUE(listed.is_ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "Central East");
  EXPECT_FALSE((*listed)[0].active);
  EXPECT_EQ((*listed)[0].serves, std::vector<std::string>{"BTP"});
  EXPECT_TRUE(tx->units().list("BTP")->empty());

  UserRecord u;
  u.user.username = "ana";
  u.user.display_name = "Ana";
  u.user.unit_id = *unit;
  u.user.roles = {Role::kAnalyst, Role::kSiuOfficer};
  u.user.clearance = Classification::kTopSecret;
  u.user.compartments = {"MPS-SIU", "MPS-X"};
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc";
  u.created_at = "2026-06-21T10:00:00Z";
  auto uid = tx->users().insert(u);
  ASSERT_TRUE(uid.is_ok()) << uid.status().message();
  EXPECT_EQ(tx->users().insert(u).status().code(), Code::kAlreadyExists);
  auto found = tx->users().find_by_username("ana");
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(found->user.id, *uid);
  EXPECT_EQ(found->user.roles, u.user.roles);
  EXPECT_EQ(found->user.clearance, Classification::kTopSecret);
  EXPECT_EQ(found->user.compartments, u.user.compartments);
  EXPECT_EQ(found->user.agency, "MPS");
  EXPECT_EQ(found->user.region, "London");
  EXPECT_TRUE(found->user.active);
  EXPECT_EQ(found->password_hash, u.password_hash);
  ASSERT_TRUE(tx->users().set_password_hash(*uid, "new-hash").is_ok());
  EXPECT_EQ(tx->users().get(*uid)->password_hash, "new-hash");
  EXPECT_EQ(tx->users().set_password_hash(*uid + 99, "x").code(), Code::kNotFound);
  EXPECT_EQ(*tx->users().count(), 1);
  EXPECT_EQ(tx->users().list("MPS", {})->total, 1);
  EXPECT_EQ(tx->users().list("BTP", {})->total, 0);

  ASSERT_TRUE(tx->sessions().insert({"token-a", *uid, 1000, 2000, "10.0.0.1"}).is_ok());
  ASSERT_TRUE(tx->sessions().insert({"token-b", *uid, 1000, 5000, "10.0.0.1"}).is_ok());
  EXPECT_EQ(tx->sessions().find("token-a")->expires_ms, 2000);
  ASSERT_TRUE(tx->sessions().remove_expired(3000).is_ok());
  EXPECT_EQ(tx->sessions().find("token-a").status().code(), Code::kNotFound);
  EXPECT_TRUE(tx->sessions().find("token-b").is_ok());
  ASSERT_TRUE(tx->sessions().remove_for_user(*uid).is_ok());
  EXPECT_EQ(tx->sessions().find("token-b").status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace rocta::store_test
