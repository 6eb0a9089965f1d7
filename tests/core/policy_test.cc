// The access policy, checked over every role × classification × sharing scope ×
// compartment × clearance × relation between the user's agency and the record's owner.
// The expectations are literal tables, one per rule, not a second copy of the code.
#include <gtest/gtest.h>

#include "core/policy.h"

namespace rocta {
namespace {

enum Relation { kOwner, kNamedLe, kSameRegionLe, kOtherRegionLe, kNationalLe, kPartnerNamed, kPartnerUnnamed, kRelations };
enum RecordClass { kOfficialPlain, kOfficialSensitive, kSecretRec, kTopSecretRec, kClasses };
enum Comp { kNoCompartment, kHeldCompartment, kOtherCompartment, kComps };

// [relation][scope: owner, named, region, national]
constexpr bool kScopeAdmits[kRelations][4] = {
    /* owner              */ {true, true, true, true},
    /* named, LE          */ {false, true, true, true},
    /* same region, LE    */ {false, false, true, true},
    /* other region, LE   */ {false, false, false, true},
    /* national agency    */ {false, false, false, true},
    /* partner, named     */ {false, true, true, true},
    /* partner, not named */ {false, false, false, false},
};
// [clearance: OFFICIAL, SECRET, TOP SECRET][record class]
constexpr bool kClearanceAdmits[3][kClasses] = {
    {true, true, false, false},
    {true, true, true, false},
    {true, true, true, true},
};
// Need-to-know for OFFICIAL-SENSITIVE, by role in the order of the Role enum.
constexpr bool kNeedToKnow[kRoleCount] = {
    /* frontline */ false, /* analyst */ true, /* siu */ true, /* rocta */ true, /* assessor */ true,
    /* moderator */ true, /* lro */ true, /* tasking */ true, /* partner */ true, /* scpo */ true,
    /* inspector */ false, /* administrator */ false};
constexpr bool kCompartmentAdmits[kComps] = {true, true, false};

User user_for(Relation rel, Role role, Classification clearance) {
  User u;
  u.id = 1;
  u.username = "u";
  u.roles = {role};
  u.clearance = clearance;
  u.compartments = {"MPS-SIU"};
  u.active = true;
  switch (rel) {
    case kOwner: u.agency = "MPS"; u.region = "London"; break;
    case kNamedLe: u.agency = "GMP"; u.region = "North West"; break;
    case kSameRegionLe: u.agency = "BTP"; u.region = "London"; u.agency_kind = AgencyKind::kSpecialForce; break;
    case kOtherRegionLe: u.agency = "WYP"; u.region = "Yorkshire and the Humber"; break;
    case kNationalLe: u.agency = "NCA"; u.region = "National"; u.agency_kind = AgencyKind::kNationalAgency; break;
    case kPartnerNamed: u.agency = "HMRC"; u.region = "National"; u.agency_kind = AgencyKind::kPartnerAgency; break;
    case kPartnerUnnamed: u.agency = "NTS"; u.region = "National"; u.agency_kind = AgencyKind::kPartnerAgency; break;
    default: break;
  }
  return u;
}

Marking record_for(RecordClass cls, SharingScope scope, Comp comp) {
  Marking m;
  m.owning_agency = "MPS";
  m.owning_region = "London";
  m.scope = scope;
  m.shared_with = {"GMP", "HMRC"};  // the "named" relations
  m.classification = cls == kSecretRec ? Classification::kSecret
                     : cls == kTopSecretRec ? Classification::kTopSecret
                                            : Classification::kOfficial;
  m.sensitive = cls == kOfficialSensitive;
  m.compartment = comp == kNoCompartment ? "" : comp == kHeldCompartment ? "MPS-SIU" : "BTP-SIU";
  return m;
}

TEST(Policy, EveryRoleClassificationScopeCompartmentAndRelation) {
  int cases = 0, admitted = 0;
  for (Role role : all_roles())
    for (int rel = 0; rel < kRelations; ++rel)
      for (int clearance = 0; clearance < 3; ++clearance)
        for (int cls = 0; cls < kClasses; ++cls)
          for (int scope = 0; scope < 4; ++scope)
            for (int comp = 0; comp < kComps; ++comp) {
              const User u = user_for(static_cast<Relation>(rel), role, static_cast<Classification>(clearance));
              const Marking m = record_for(static_cast<RecordClass>(cls), static_cast<SharingScope>(scope), static_cast<Comp>(comp));
              // A held compartment is its own audience, whatever the scope and owner.
              const bool expected = (kScopeAdmits[rel][scope] || comp == kHeldCompartment) && kClearanceAdmits[clearance][cls] &&
                                    kCompartmentAdmits[comp] &&
                                    (cls != kOfficialSensitive || kNeedToKnow[static_cast<int>(role)]);
              ASSERT_EQ(can(u, Action::kRead, RecordKind::kThreat, m), expected)
                  << "role=" << to_string(role) << " relation=" << rel << " clearance=" << clearance << " class=" << cls
                  << " scope=" << scope << " compartment=" << comp;
              // The ReadScope the stores query with says the same.
              ASSERT_EQ(admits(read_scope(u), m), expected);
              ++cases;
              admitted += expected;
            }
  EXPECT_EQ(cases, kRoleCount * kRelations * 3 * kClasses * 4 * kComps);
  EXPECT_GT(admitted, 0);
  EXPECT_LT(admitted, cases);
}

TEST(Policy, InactiveUserReadsNothing) {
  User u = user_for(kOwner, Role::kAnalyst, Classification::kTopSecret);
  u.active = false;
  EXPECT_FALSE(can(u, Action::kRead, RecordKind::kThreat, record_for(kOfficialPlain, SharingScope::kNational, kNoCompartment)));
  EXPECT_FALSE(can(u, Action::kCreate, RecordKind::kThreat, record_for(kOfficialPlain, SharingScope::kNational, kNoCompartment)));
}

TEST(Policy, BcuAnalystCannotSeeSiuMaterialThatAnSiuOfficerCan) {
  User analyst = user_for(kOwner, Role::kAnalyst, Classification::kSecret);
  analyst.compartments.clear();
  const User siu = user_for(kOwner, Role::kSiuOfficer, Classification::kSecret);
  const Marking m = record_for(kSecretRec, SharingScope::kOwnerOnly, kHeldCompartment);
  EXPECT_FALSE(can(analyst, Action::kRead, RecordKind::kIntelligence, m));
  EXPECT_TRUE(can(siu, Action::kRead, RecordKind::kIntelligence, m));
}

// Writes: only the owner, within clearance, compartments only by their SIU officers, and
// only roles that write that kind of record.
TEST(Policy, WritesTable) {
  struct Row {
    Relation rel;
    Role role;
    RecordKind kind;
    RecordClass cls;
    Comp comp;
    bool expected;
  };
  const std::vector<Row> rows{
      {kOwner, Role::kAnalyst, RecordKind::kThreat, kOfficialPlain, kNoCompartment, true},
      {kOwner, Role::kAnalyst, RecordKind::kThreat, kTopSecretRec, kNoCompartment, false},  // above clearance (SECRET)
      {kOwner, Role::kAnalyst, RecordKind::kIntelligence, kSecretRec, kHeldCompartment, false},  // not an SIU officer
      {kOwner, Role::kSiuOfficer, RecordKind::kIntelligence, kSecretRec, kHeldCompartment, true},
      {kOwner, Role::kSiuOfficer, RecordKind::kIntelligence, kSecretRec, kOtherCompartment, false},
      {kOwner, Role::kFrontlineOfficer, RecordKind::kIntelligence, kOfficialPlain, kNoCompartment, true},
      {kOwner, Role::kFrontlineOfficer, RecordKind::kThreat, kOfficialPlain, kNoCompartment, false},
      {kOwner, Role::kInspector, RecordKind::kNominal, kOfficialPlain, kNoCompartment, false},
      {kOwner, Role::kAdministrator, RecordKind::kThreat, kOfficialPlain, kNoCompartment, false},
      {kSameRegionLe, Role::kAnalyst, RecordKind::kThreat, kOfficialPlain, kNoCompartment, false},  // not the owner
      {kNamedLe, Role::kRoctaAnalyst, RecordKind::kNominal, kOfficialPlain, kNoCompartment, false},
  };
  for (const auto& r : rows) {
    const User u = user_for(r.rel, r.role, Classification::kSecret);
    const Marking m = record_for(r.cls, SharingScope::kRegion, r.comp);
    EXPECT_EQ(can(u, Action::kCreate, r.kind, m), r.expected) << to_string(r.role) << " rel=" << r.rel << " cls=" << r.cls;
    // Updating needs the same, and being able to read the record first.
    EXPECT_EQ(can(u, Action::kUpdate, r.kind, m), r.expected && can(u, Action::kRead, r.kind, m));
  }
}

TEST(Policy, OnlyAdministratorsAdminister) {
  User admin = user_for(kOwner, Role::kAdministrator, Classification::kSecret);
  EXPECT_TRUE(can_administer(admin, "MPS"));
  EXPECT_FALSE(can_administer(admin, "BTP"));
  EXPECT_TRUE(can_administer_agencies(admin));
  User analyst = user_for(kOwner, Role::kAnalyst, Classification::kSecret);
  EXPECT_FALSE(can_administer(analyst, "MPS"));
  User partner_admin = user_for(kPartnerNamed, Role::kAdministrator, Classification::kOfficial);
  EXPECT_TRUE(can_administer(partner_admin, "HMRC"));
  EXPECT_FALSE(can_administer_agencies(partner_admin));
}

}  // namespace
}  // namespace rocta

namespace rocta {
namespace {

// Access requests: compartmented material is decided by the SIU officers holding the
// compartment, open material by the holder's writers of that kind of record; nobody else.
TEST(Policy, WhoDecidesAnAccessRequest) {
  AccessRequest open{0, 7, "BTP", "intelligence", 3, "MPS", "", "purpose"};
  AccessRequest siu = open;
  siu.compartment = "LON-SIU";
  struct Row {
    std::string agency;
    Role role;
    std::vector<std::string> compartments;
    bool decides_open, decides_siu;
  };
  const std::vector<Row> rows{
      {"MPS", Role::kAnalyst, {}, true, false},
      {"MPS", Role::kFrontlineOfficer, {}, true, false},  // writes intelligence
      {"MPS", Role::kInspector, {}, false, false},
      {"MPS", Role::kAdministrator, {}, false, false},
      {"BTP", Role::kAnalyst, {}, false, false},  // not the holder
      {"BTP", Role::kSiuOfficer, {"LON-SIU"}, false, true},
      {"MPS", Role::kSiuOfficer, {"MPS-SIU"}, true, false},
      {"MPS", Role::kAnalyst, {"LON-SIU"}, true, false},  // holds it but is no SIU officer
  };
  for (const auto& r : rows) {
    User u;
    u.active = true;
    u.agency = r.agency;
    u.roles = {r.role};
    u.compartments = r.compartments;
    EXPECT_EQ(may_decide_access_request(u, open), r.decides_open) << r.agency << " " << to_string(r.role);
    EXPECT_EQ(may_decide_access_request(u, siu), r.decides_siu) << r.agency << " " << to_string(r.role);
    u.active = false;
    EXPECT_FALSE(may_decide_access_request(u, open));
    EXPECT_FALSE(may_decide_access_request(u, siu));
  }
  AccessRequest odd = open;
  odd.record_kind = "unknown";
  User analyst;
  analyst.agency = "MPS";
  analyst.roles = {Role::kAnalyst};
  EXPECT_FALSE(may_decide_access_request(analyst, odd));
}

}  // namespace
}  // namespace rocta
