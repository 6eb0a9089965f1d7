// The operator acting as a named user at the command line (app/session.h): that user's rules
// apply, unknown and deactivated users are refused.
#include <gtest/gtest.h>

#include "app/admin.h"
#include "app/records.h"
#include "app/session.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

TEST(OperatorActingAs, TheNamedUsersRulesApplyWithTheGivenPurpose) {
  TestApp t;
  const User mps = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  const User btp = t.user("btp.analyst", "BTP", {Role::kAnalyst});
  const Threat hidden = t.threat(mps, marking("MPS", SharingScope::kOwnerOnly), "MPS owner only");
  const Threat shared = t.threat(mps, marking("MPS", SharingScope::kRegion), "MPS region");

  auto caller = operator_acting_as(t.app(), "btp.analyst", "export for the review");
  ASSERT_TRUE(caller.is_ok()) << caller.status().message();
  EXPECT_FALSE(caller->system);
  EXPECT_EQ(caller->user.id, btp.id);
  EXPECT_EQ(caller->user.agency, "BTP");
  EXPECT_EQ(caller->origin, "cli");
  EXPECT_EQ(caller->purpose, "export for the review");

  auto page = list_threats(t.app(), *caller, {});
  ASSERT_TRUE(page.is_ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, shared.id);
  EXPECT_EQ(open_threat(t.app(), *caller, hidden.id).status().code(), Code::kNotFound);
}

TEST(OperatorActingAs, RefusesUnknownAndDeactivatedUsers) {
  TestApp t;
  User mps = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  auto unknown = operator_acting_as(t.app(), "nobody", "");
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  EXPECT_EQ(unknown.status().message(), "no user 'nobody'");

  mps.active = false;
  ASSERT_TRUE(update_user(t.app(), system_caller(), mps).is_ok());
  auto deactivated = operator_acting_as(t.app(), "mps.analyst", "");
  EXPECT_EQ(deactivated.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(deactivated.status().message(), "user 'mps.analyst' is deactivated");
}

}  // namespace
}  // namespace rocta
