// Whose name a reader sees (core/people.h).
#include <gtest/gtest.h>

#include "core/people.h"

namespace rocta {
namespace {

User person(int64_t id, const std::string& agency, const std::string& region, AgencyKind kind, std::vector<Role> roles) {
  User u;
  u.id = id;
  u.username = "u" + std::to_string(id);
  u.display_name = "Person " + std::to_string(id);
  u.agency = agency;
  u.region = region;
  u.agency_kind = kind;
  u.roles = std::move(roles);
  return u;
}

TEST(MayName, OwnAgencyAndTheRegionsLawEnforcementButNotAnotherForcesSiuOfficers) {
  const User mps = person(1, "MPS", "London", AgencyKind::kTerritorialForce, {Role::kAnalyst});
  const User mps_siu = person(2, "MPS", "London", AgencyKind::kTerritorialForce, {Role::kSiuOfficer});
  const User btp = person(3, "BTP", "London", AgencyKind::kTerritorialForce, {Role::kAnalyst});
  const User btp_siu = person(4, "BTP", "London", AgencyKind::kTerritorialForce, {Role::kSiuOfficer});
  const User hmrc = person(5, "HMRC", "London", AgencyKind::kPartnerAgency, {Role::kPartner});
  const User wmp = person(6, "WMP", "West Midlands", AgencyKind::kTerritorialForce, {Role::kAnalyst});

  EXPECT_TRUE(may_name(mps, mps_siu)) << "own agency, SIU included";
  EXPECT_TRUE(may_name(mps, btp));
  EXPECT_FALSE(may_name(mps, btp_siu)) << "another force's SIU officer";
  EXPECT_FALSE(may_name(mps, hmrc)) << "a partner is not named to law enforcement outside it";
  EXPECT_FALSE(may_name(hmrc, mps)) << "a partner sees its own agency only";
  EXPECT_TRUE(may_name(hmrc, hmrc));
  EXPECT_FALSE(may_name(mps, wmp)) << "another region";

  User gone = mps;
  gone.active = false;
  EXPECT_FALSE(may_name(gone, btp));

  const PersonName named = name_for(mps, btp);
  EXPECT_TRUE(named.named);
  EXPECT_EQ(named.name, "Person 3");
  const PersonName hidden = name_for(mps, btp_siu);
  EXPECT_FALSE(hidden.named);
  EXPECT_EQ(hidden.name, "A user of BTP");
  EXPECT_EQ(hidden.agency, "BTP");
}

}  // namespace
}  // namespace rocta
