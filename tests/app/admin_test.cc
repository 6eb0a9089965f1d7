// Administration of agencies and units: edits are read and written in one transaction
// against the version the administrator read, so two administrators cannot overwrite each
// other's change unseen.
#include <gtest/gtest.h>

#include "app/admin.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::TestApp;

TEST(AdminEdits, AnAgencyEditFromAnOldVersionIsAConflictAndChangesNothing) {
  TestApp t;
  const Caller op = system_caller();
  auto before = get_agency(t.app(), op, "BTP");
  ASSERT_TRUE(before.is_ok()) << before.status().message();
  const int64_t read = before->version;

  auto first = update_agency(t.app(), op, "BTP", read, [](Agency& a) {
    a.name = "British Transport Police (renamed)";
    return Status::ok();
  });
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  EXPECT_EQ(first->version, read + 1);

  // A second administrator who read the same version loses, with a conflict, not silently.
  auto second = update_agency(t.app(), op, "BTP", read, [](Agency& a) {
    a.region = "Elsewhere";
    return Status::ok();
  });
  EXPECT_EQ(second.status().code(), Code::kConflict);
  auto after = get_agency(t.app(), op, "BTP");
  ASSERT_TRUE(after.is_ok());
  EXPECT_EQ(after->name, "British Transport Police (renamed)");
  EXPECT_EQ(after->region, before->region);
  EXPECT_EQ(after->version, read + 1);
}

TEST(AdminEdits, AnAgencyKeepsItsCodeAndAFailedChangeWritesNothing) {
  TestApp t;
  const Caller op = system_caller();
  const int64_t v = get_agency(t.app(), op, "MPS")->version;
  auto renamed = update_agency(t.app(), op, "MPS", v, [](Agency& a) {
    a.code = "XYZ";
    a.name = "Met";
    return Status::ok();
  });
  ASSERT_TRUE(renamed.is_ok()) << renamed.status().message();
  EXPECT_EQ(renamed->code, "MPS");
  EXPECT_EQ(get_agency(t.app(), op, "XYZ").status().code(), Code::kNotFound);

  auto refused = update_agency(t.app(), op, "MPS", v + 1, [](Agency& a) {
    a.name = "";  // invalid
    return Status::ok();
  });
  EXPECT_EQ(refused.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(get_agency(t.app(), op, "MPS")->version, v + 1);
}

TEST(AdminEdits, AUnitEditFromAnOldVersionIsAConflict) {
  TestApp t;
  const User admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  const int64_t id = t.unit("MPS", "Central East BCU", UnitKind::kBcu);
  auto unit = get_unit(t.app(), t.as(admin), id);
  ASSERT_TRUE(unit.is_ok());
  auto first = update_unit(t.app(), t.as(admin), id, unit->version, [](Unit& u) {
    u.name = "Central East";
    return Status::ok();
  });
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  auto second = update_unit(t.app(), t.as(admin), id, unit->version, [](Unit& u) {
    u.active = false;
    return Status::ok();
  });
  EXPECT_EQ(second.status().code(), Code::kConflict);
  EXPECT_TRUE(get_unit(t.app(), t.as(admin), id)->active);

  auto moved = update_unit(t.app(), t.as(admin), id, first->version, [](Unit& u) {
    u.agency = "BTP";
    return Status::ok();
  });
  EXPECT_EQ(moved.status().code(), Code::kInvalidArgument);
}

TEST(AdminEdits, AnotherAgencysAdministratorCannotEditAUnit) {
  TestApp t;
  const User btp_admin = t.user("btp.admin", "BTP", {Role::kAdministrator});
  const int64_t id = t.unit("MPS", "Central East BCU", UnitKind::kBcu);
  auto r = update_unit(t.app(), t.as(btp_admin), id, 1, [](Unit& u) {
    u.name = "Taken";
    return Status::ok();
  });
  EXPECT_EQ(r.status().code(), Code::kPermissionDenied);
}

TEST(AdminEdits, AgenciesListByRegion) {
  TestApp t;
  auto london = list_agencies(t.app(), system_caller(), "London");
  ASSERT_TRUE(london.is_ok());
  ASSERT_FALSE(london->empty());
  for (const auto& a : *london) EXPECT_EQ(a.region, "London");
  auto all = list_agencies(t.app(), system_caller());
  ASSERT_TRUE(all.is_ok());
  EXPECT_GT(all->size(), london->size());
}

}  // namespace
}  // namespace rocta
