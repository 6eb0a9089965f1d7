// What a review found (issue #18): who may link records and remove links, who grants an SIU
// compartment, what tasking shows of threats the reader cannot open, log-in throttling and
// passwords; figures as at a day, what an export or a figure leaves out, tiers against
// scores, thematic disruptions, a demo that agrees with the inspection.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "app/audit_log.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

class TrustTest : public ::testing::Test {
 protected:
  TestApp t;
  User mps_analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  User btp_analyst = t.user("btp.analyst", "BTP", {Role::kAnalyst});
  User hmrc_partner = t.user("hmrc.partner", "HMRC", {Role::kPartner});

  Nominal nominal(const User& by, Marking m, const std::string& surname) {
    Nominal n;
    n.surname = surname;
    n.marking = std::move(m);
    auto created = create_nominal(t.app(), t.as(by), n);
    EXPECT_TRUE(created.is_ok()) << created.status().message();
    return *created;
  }

  std::vector<AuditEvent> audit_events(const std::string& action) {
    auto tx = t.store().begin(TxMode::kRead);
    auto all = (*tx)->audit().scan(1, 100000);
    std::vector<AuditEvent> out;
    for (auto& e : *all)
      if (e.action == action) out.push_back(e);
    return out;
  }
};

Link link_of(RecordRef from, RecordRef to, std::string relation = "member") {
  Link l;
  l.from = from;
  l.to = to;
  l.relation = std::move(relation);
  l.date = "2026-06-01";
  return l;
}

// ---- (a) links follow the editing rule, and can be removed -----------------------------------

TEST_F(TrustTest, ReaderOfTwoRecordsOwnedByAnotherCannotLinkThem) {
  // BTP (and HMRC, named) read both MPS records, but own neither.
  const Threat th = t.threat(mps_analyst, marking("MPS", SharingScope::kNamed, Classification::kOfficial, "", {"BTP", "HMRC"}));
  const Nominal n = nominal(mps_analyst, marking("MPS", SharingScope::kNamed, Classification::kOfficial, "", {"BTP", "HMRC"}), "Owned");
  const Link l = link_of({RecordKind::kNominal, n.id}, {RecordKind::kThreat, th.id});
  EXPECT_EQ(link_records(t.app(), t.as(hmrc_partner), l).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(link_records(t.app(), t.as(btp_analyst), l).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(open_threat(t.app(), t.as(mps_analyst), th.id)->links.empty());
  // Its own nominal to a threat it reads: that is the linker's own record to edit.
  const Nominal own = nominal(hmrc_partner, marking("HMRC", SharingScope::kNamed, Classification::kOfficial, "", {"MPS"}), "Own");
  EXPECT_TRUE(link_records(t.app(), t.as(hmrc_partner), link_of({RecordKind::kNominal, own.id}, {RecordKind::kThreat, th.id})).is_ok());
  EXPECT_TRUE(link_records(t.app(), t.as(mps_analyst), l).is_ok());
}

TEST_F(TrustTest, LinksAreRemovedByThoseWhoMayEditAnEndAndTheRemovalIsAudited) {
  const Threat th = t.threat(mps_analyst, marking("MPS"));
  const Nominal n = nominal(mps_analyst, marking("MPS"), "Member");
  auto link = link_records(t.app(), t.as(mps_analyst), link_of({RecordKind::kNominal, n.id}, {RecordKind::kThreat, th.id}));
  ASSERT_TRUE(link.is_ok()) << link.status().message();
  // BTP reads both ends (region) but edits neither.
  EXPECT_EQ(remove_link(t.app(), t.as(btp_analyst), link->id, "wrong person").code(), Code::kPermissionDenied);
  EXPECT_EQ(remove_link(t.app(), t.as(mps_analyst), link->id, "").code(), Code::kInvalidArgument);  // a reason is needed
  EXPECT_EQ(remove_link(t.app(), t.as(mps_analyst), 999999, "no such").code(), Code::kNotFound);
  ASSERT_EQ(open_threat(t.app(), t.as(mps_analyst), th.id)->links.size(), 1u);
  ASSERT_TRUE(remove_link(t.app(), t.as(mps_analyst), link->id, "Wrong Member: a namesake").is_ok());
  EXPECT_TRUE(open_threat(t.app(), t.as(mps_analyst), th.id)->links.empty());
  const auto removed = audit_events("link.remove");
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].record_id, link->id);
  EXPECT_NE(removed[0].detail.find("a namesake"), std::string::npos);
  EXPECT_EQ(remove_link(t.app(), t.as(mps_analyst), link->id, "again").code(), Code::kNotFound);
  // The same link may be made again once removed.
  EXPECT_TRUE(link_records(t.app(), t.as(mps_analyst), link_of({RecordKind::kNominal, n.id}, {RecordKind::kThreat, th.id})).is_ok());
}

TEST_F(TrustTest, ALinkToARecordTheCallerCannotReadCannotBeRemovedAndIsNotFound) {
  const Threat th = t.threat(mps_analyst, marking("MPS"));
  const Nominal hidden = nominal(mps_analyst, marking("MPS", SharingScope::kOwnerOnly), "Hidden");
  auto link = link_records(t.app(), t.as(mps_analyst), link_of({RecordKind::kNominal, hidden.id}, {RecordKind::kThreat, th.id}));
  ASSERT_TRUE(link.is_ok());
  const User btp_lro = t.user("btp.lro", "BTP", {Role::kAnalyst});
  EXPECT_EQ(remove_link(t.app(), t.as(btp_lro), link->id, "curious").code(), Code::kNotFound);
}

}  // namespace
}  // namespace rocta
