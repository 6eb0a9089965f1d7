// Issue #18, checked again: what the first pass corrected in app code is now computed by
// the query (the task list's total under the reader's policy).
#include <gtest/gtest.h>

#include "app/sharing.h"
#include "app/tasking.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

class TaskTotalTest : public ::testing::Test {
 protected:
  TestApp t;
  User mps_chair = t.user("mps.tasking", "MPS", {Role::kTaskingChair});
  User btp_chair = t.user("btp.tasking", "BTP", {Role::kTaskingChair});
  User mps_admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  User mps_analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});

  void task(const std::string& title, int64_t threat_id, const std::string& deadline) {
    Task d;
    d.title = title;
    d.detail = threat_id ? "Kestrel informant says the Thursday drop moves" : "Routine visit";
    d.assigned_agency = "MPS";
    d.threat_id = threat_id;
    d.deadline = deadline;
    auto r = set_task(t.app(), t.as(mps_chair), d);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
  }
  Page<TaskView> page_of(const User& u, int limit, int offset) {
    TaskQuery q;
    q.page = {limit, offset};
    auto r = list_tasks(t.app(), t.as(u), q);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return r.is_ok() ? *r : Page<TaskView>{};
  }
};

TEST_F(TaskTotalTest, EveryPageCountsOnlyTheTasksTheReaderMaySee) {
  const Threat hidden = t.threat(mps_analyst, marking("MPS", SharingScope::kOwnerOnly), "OCG Kestrel");
  ASSERT_TRUE(set_signal_rule(t.app(), t.as(mps_admin), "MPS", SignalAudience::kNone).is_ok());
  task("Visit the garage", 0, "2026-07-01");
  task("Kestrel: follow the van", hidden.id, "2026-07-02");
  task("Kestrel: check the lock-up", hidden.id, "2026-07-03");

  EXPECT_EQ(page_of(mps_chair, 10, 0).total, 3);
  // BTP may not be told of Kestrel: one task, on the first page and on every other.
  for (int offset : {0, 1, 2}) {
    const auto p = page_of(btp_chair, 1, offset);
    EXPECT_EQ(p.total, 1) << "offset " << offset;
    EXPECT_EQ(p.items.size(), offset == 0 ? 1u : 0u) << "offset " << offset;
  }
  // A full page holds every visible task, whatever hidden ones sort before it.
  task("Another visible task", 0, "2026-07-09");
  const auto p = page_of(btp_chair, 2, 0);
  EXPECT_EQ(p.total, 2);
  EXPECT_EQ(p.items.size(), 2u);

  // Once MPS lets its region be told, the tasks are signals and are counted.
  ASSERT_TRUE(set_signal_rule(t.app(), t.as(mps_admin), "MPS", SignalAudience::kRegion).is_ok());
  const auto signalled = page_of(btp_chair, 10, 0);
  EXPECT_EQ(signalled.total, 4);
  ASSERT_EQ(signalled.items.size(), 4u);
  for (const auto& v : signalled.items) {
    EXPECT_EQ(v.task.threat_id, 0);
    EXPECT_EQ(v.task.detail.find("Thursday"), std::string::npos);
  }
}

}  // namespace
}  // namespace rocta
