// Network analysis as readers use it: what a BCU analyst and an SIU officer each see around
// one threat, the signal for the link the analyst may not see, paths, exports and their
// audit, the network as at a date and what changed after a disruption.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/commodities.h"
#include "app/disruptions.h"
#include "app/network.h"
#include "store/audit_repository.h"
#include "store/disruption_repository.h"
#include "store/link_repository.h"
#include "store/repository_transaction.h"
#include "store/unit_repository.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

class NetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t.unit("MPS", "MPS Sensitive Intelligence Unit", UnitKind::kSiu);
    set_compartment();
    analyst = t.user("analyst", "MPS", {Role::kAnalyst});
    siu = t.user("siu", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
    threat = t.threat(analyst, marking("MPS"), "OCG Orochi line");
    boss = nominal("Boss", marking("MPS"));
    runner = nominal("Runner", marking("BTP", SharingScope::kNational));
    informant = nominal("Hidden", marking("MPS", SharingScope::kOwnerOnly, Classification::kSecret, "MPS-SIU"));
    link({RecordKind::kThreat, threat.id}, {RecordKind::kNominal, boss}, "member", "2025-01-10");
    link({RecordKind::kNominal, boss}, {RecordKind::kNominal, runner}, "associate", "2025-09-01");
    link({RecordKind::kThreat, threat.id}, {RecordKind::kNominal, informant}, "member", "2025-02-01");
    link({RecordKind::kNominal, informant}, {RecordKind::kNominal, runner}, "associate", "2025-02-01");
  }
  void set_compartment() {
    auto tx = t.store().begin(TxMode::kWrite);
    auto units = (*tx)->units().list("MPS");
    for (auto u : *units)
      if (u.kind == UnitKind::kSiu) {
        u.compartment = "MPS-SIU";
        ++u.version;
        ASSERT_TRUE((*tx)->units().update(u).is_ok());
      }
    ASSERT_TRUE((*tx)->commit().is_ok());
  }
  int64_t nominal(const std::string& surname, Marking m) {
    auto tx = t.store().begin(TxMode::kWrite);
    Nominal n;
    n.given_names = "Test";
    n.surname = surname;
    n.marking = std::move(m);
    auto made = create_nominal_in(**tx, t.app(), system_caller("test"), n);
    EXPECT_TRUE(made.is_ok()) << made.status().message();
    EXPECT_TRUE((*tx)->commit().is_ok());
    return made->id;
  }
  void link(RecordRef from, RecordRef to, const std::string& relation, const std::string& date) {
    auto tx = t.store().begin(TxMode::kWrite);
    Link l{0, from, to, relation, "test", date, 0, "2026-06-01T00:00:00Z"};
    ASSERT_TRUE((*tx)->links().insert(l).is_ok());
    ASSERT_TRUE((*tx)->commit().is_ok());
  }
  static std::vector<int64_t> nominal_ids(const NetworkView& v) {
    std::vector<int64_t> out;
    for (const auto& m : v.nodes)
      if (m.node.ref.kind == RecordKind::kNominal) out.push_back(m.node.ref.id);
    std::sort(out.begin(), out.end());
    return out;
  }
  // A pursue disruption of the threat on 2025-06-01; its id.
  int64_t disrupt(const std::string& reference, const std::string& description) {
    auto tx = t.store().begin(TxMode::kWrite);
    Disruption d;
    d.threat_id = threat.id;
    d.recording_agency = "MPS";
    d.reference = reference;
    d.record_date = "2025-06-01";
    d.category = ImpactCategory::kModerate;
    d.outcomes = {FourP::kPursue};
    d.description = description;
    auto ids = (*tx)->disruptions().insert_new({d});
    EXPECT_TRUE(ids.is_ok()) << ids.status().message();
    if (!ids.is_ok() || !(*tx)->commit().is_ok()) return 0;
    return ids->at(0);
  }
  NetworkQuery around_threat(int hops = 2) {
    NetworkQuery q;
    q.around = RecordRef{RecordKind::kThreat, threat.id};
    q.hops = hops;
    return q;
  }

  TestApp t;
  User analyst, siu;
  Threat threat;
  int64_t boss = 0, runner = 0, informant = 0;
};

TEST_F(NetworkTest, AnalystSeesTheOpenNetworkAndASignalForTheSiuLink) {
  auto v = network(t.app(), t.as(analyst), around_threat());
  ASSERT_TRUE(v.is_ok()) << v.status().message();
  EXPECT_EQ(nominal_ids(*v), (std::vector<int64_t>{boss, runner}));
  EXPECT_EQ(v->links.size(), 2u);  // the two links to the hidden nominal are neither drawn nor counted
  for (const auto& m : v->nodes) {
    if (m.node.ref.id == boss && m.node.ref.kind == RecordKind::kNominal) {
      EXPECT_EQ(m.degree, 2);
    }
  }
  // The hidden nominal sits next to the threat and the runner: signalled on both, by its holder.
  ASSERT_EQ(v->signals.size(), 2u);
  for (const auto& s : v->signals) {
    EXPECT_EQ(s.signal.record_id, informant);
    EXPECT_EQ(s.signal.holder, "MPS Sensitive Intelligence Unit");
  }
  // A chain threat - boss - runner: every link is a bridge, the boss holds it together.
  for (const auto& e : v->links) EXPECT_TRUE(e.bridge);
  for (const auto& m : v->nodes) EXPECT_EQ(m.articulation, m.node.ref.kind == RecordKind::kNominal && m.node.ref.id == boss);
}

TEST_F(NetworkTest, SiuOfficerSeesTheWholeNetworkWithoutSignals) {
  auto v = network(t.app(), t.as(siu), around_threat());
  ASSERT_TRUE(v.is_ok()) << v.status().message();
  EXPECT_EQ(nominal_ids(*v), (std::vector<int64_t>{boss, runner, informant}));
  EXPECT_EQ(v->links.size(), 4u);
  EXPECT_TRUE(v->signals.empty());
  // A cycle now: nothing is a bridge.
  for (const auto& e : v->links) EXPECT_FALSE(e.bridge);
}

TEST_F(NetworkTest, PathsGoOnlyThroughWhatTheReaderSees) {
  PathQuery q;
  q.from = {RecordKind::kThreat, threat.id};
  q.to = {RecordKind::kNominal, runner};
  auto seen_by_analyst = paths_between(t.app(), t.as(analyst), q);
  ASSERT_TRUE(seen_by_analyst.is_ok()) << seen_by_analyst.status().message();
  EXPECT_EQ(seen_by_analyst->length, 2);
  ASSERT_EQ(seen_by_analyst->paths.size(), 1u);  // via the boss only
  EXPECT_EQ(seen_by_analyst->paths[0][1].ref.id, boss);
  auto seen_by_siu = paths_between(t.app(), t.as(siu), q);
  ASSERT_TRUE(seen_by_siu.is_ok());
  EXPECT_EQ(seen_by_siu->paths.size(), 2u);  // via the boss and via the informant
  // The hidden nominal is not there to start a path from.
  PathQuery hidden;
  hidden.from = {RecordKind::kNominal, informant};
  hidden.to = {RecordKind::kNominal, runner};
  EXPECT_EQ(paths_between(t.app(), t.as(analyst), hidden).status().code(), Code::kNotFound);
}

TEST_F(NetworkTest, AsAtADateDrawsTheLinksObservedByThen) {
  auto q = around_threat();
  q.filter.as_at = "2025-06-30";
  auto v = network(t.app(), t.as(analyst), q);
  ASSERT_TRUE(v.is_ok());
  EXPECT_EQ(nominal_ids(*v), (std::vector<int64_t>{boss}));  // the runner was linked in September
  q.filter.as_at = "2025-13-01x";
  EXPECT_EQ(network(t.app(), t.as(analyst), q).status().code(), Code::kInvalidArgument);
}

TEST_F(NetworkTest, FilterByRelation) {
  auto q = around_threat();
  q.filter.relations = {"member"};
  auto v = network(t.app(), t.as(siu), q);
  ASSERT_TRUE(v.is_ok());
  EXPECT_EQ(nominal_ids(*v), (std::vector<int64_t>{boss, informant}));
}

TEST_F(NetworkTest, HiddenOrWrongCentreIsNotFoundOrInvalid) {
  NetworkQuery q;
  q.around = RecordRef{RecordKind::kNominal, informant};
  EXPECT_EQ(network(t.app(), t.as(analyst), q).status().code(), Code::kNotFound);
  EXPECT_TRUE(network(t.app(), t.as(siu), q).is_ok());
  q.around = RecordRef{RecordKind::kThreat, 99999};
  EXPECT_EQ(network(t.app(), t.as(siu), q).status().code(), Code::kNotFound);
  auto bad = around_threat(5);
  EXPECT_EQ(network(t.app(), t.as(siu), bad).status().code(), Code::kInvalidArgument);
  q.around = RecordRef{RecordKind::kIntelligence, 1};
  EXPECT_EQ(network(t.app(), t.as(siu), q).status().code(), Code::kInvalidArgument);
}

TEST_F(NetworkTest, ExportHoldsWhatIsShownAndIsAudited) {
  auto graphml = export_network(t.app(), t.as(analyst), around_threat(), NetworkFormat::kGraphml);
  ASSERT_TRUE(graphml.is_ok()) << graphml.status().message();
  EXPECT_NE(graphml->find("<graphml"), std::string::npos);
  EXPECT_NE(graphml->find("Runner"), std::string::npos);
  EXPECT_EQ(graphml->find("Hidden"), std::string::npos);
  auto csv = export_network(t.app(), t.as(analyst), around_threat(), NetworkFormat::kCsv);
  ASSERT_TRUE(csv.is_ok());
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 3);  // a header and two links
  auto tx = t.store().begin(TxMode::kRead);
  auto events = (*tx)->audit().scan(0, 10000);
  ASSERT_TRUE(events.is_ok());
  int exports = 0;
  for (const auto& e : *events)
    if (e.action == "network.export" && e.actor_id == analyst.id) {
      ++exports;
      EXPECT_NE(e.detail.find("nominal-" + std::to_string(runner)), std::string::npos);
      EXPECT_EQ(e.detail.find("nominal-" + std::to_string(informant)), std::string::npos);
    }
  EXPECT_EQ(exports, 2);
}

TEST_F(NetworkTest, ChangesAfterADisruptionShowWhatAppeared) {
  const int64_t disruption = disrupt("MPS-DIS-1", "Deal line closed");
  ASSERT_GT(disruption, 0);
  // The boss's deal line, closed by the disruption.
  Commodity line;
  line.kind = CommodityKind::kPhone;
  line.value = "07700 900952";
  line.opened = "2025-01-05";
  line.closed = "2025-06-01";
  line.closed_by_disruption = disruption;
  line.marking = marking("MPS");
  auto phone = record_commodity(t.app(), t.as(analyst), line);
  ASSERT_TRUE(phone.is_ok()) << phone.status().message();
  link({RecordKind::kNominal, boss}, {RecordKind::kCommodity, phone->id}, "uses phone", "2025-01-05");
  auto c = changes_after_disruption(t.app(), t.as(analyst), threat.id, disruption, "2025-12-31", 2);
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_EQ(c->before, "2025-05-31");
  ASSERT_EQ(c->appeared.size(), 1u);
  EXPECT_EQ(c->appeared[0].ref.id, runner);
  EXPECT_EQ(c->links_added.size(), 1u);
  ASSERT_EQ(c->gone.size(), 1u);  // the line the disruption closed
  EXPECT_EQ(c->gone[0].ref, (RecordRef{RecordKind::kCommodity, phone->id}));
  EXPECT_EQ(c->links_gone.size(), 1u);
  // A commodity is drawn as any record: the line is there today only without a date.
  auto now = network(t.app(), t.as(analyst), around_threat());
  ASSERT_TRUE(now.is_ok());
  EXPECT_EQ(std::count_if(now->nodes.begin(), now->nodes.end(),
                          [](const NetworkMember& m) { return m.node.ref.kind == RecordKind::kCommodity; }),
            1);
  EXPECT_EQ(changes_after_disruption(t.app(), t.as(analyst), threat.id, disruption + 100, "", 2).status().code(),
            Code::kNotFound);
  // The answer signals the SIU's link on the records it touches, as the network does.
  ASSERT_FALSE(c->signals.empty());
  for (const auto& s : c->signals) EXPECT_EQ(s.signal.record_id, informant);
}

TEST_F(NetworkTest, PathsSignalTheLinksTheReaderMayNotSee) {
  PathQuery q;
  q.from = {RecordKind::kThreat, threat.id};
  q.to = {RecordKind::kNominal, runner};
  q.limit = 5;
  auto p = paths_between(t.app(), t.as(analyst), q);
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  // The informant is linked to both ends: a second path the analyst may not see, signalled.
  ASSERT_EQ(p->signals.size(), 2u);
  for (const auto& s : p->signals) {
    EXPECT_EQ(s.signal.record_id, informant);
    EXPECT_EQ(s.signal.holder, "MPS Sensitive Intelligence Unit");
  }
  auto siu_paths = paths_between(t.app(), t.as(siu), q);
  ASSERT_TRUE(siu_paths.is_ok());
  EXPECT_TRUE(siu_paths->signals.empty());
}

TEST_F(NetworkTest, LinksBetweenGroupsAndAgenciesAreMarked) {
  // Two tight groups of MPS nominals joined by one association to a BTP nominal.
  std::vector<int64_t> a, b;
  for (int i = 0; i < 4; ++i) a.push_back(nominal("A" + std::to_string(i), marking("MPS")));
  for (int i = 0; i < 4; ++i) b.push_back(nominal("B" + std::to_string(i), marking(i ? "MPS" : "BTP", SharingScope::kNational)));
  for (const auto* g : {&a, &b})
    for (size_t i = 0; i < g->size(); ++i)
      for (size_t j = i + 1; j < g->size(); ++j)
        link({RecordKind::kNominal, (*g)[i]}, {RecordKind::kNominal, (*g)[j]}, "associate", "2025-03-01");
  link({RecordKind::kNominal, a[0]}, {RecordKind::kNominal, b[0]}, "associate", "2025-03-02");
  NetworkQuery q;
  q.around = RecordRef{RecordKind::kNominal, a[1]};
  q.hops = 3;
  auto v = network(t.app(), t.as(analyst), q);
  ASSERT_TRUE(v.is_ok()) << v.status().message();
  ASSERT_EQ(v->nodes.size(), 8u);
  EXPECT_EQ(v->communities, 2);
  int across_groups = 0, across_agencies = 0;
  for (const auto& e : v->links) {
    const bool tie = (e.link.from.id == a[0] && e.link.to.id == b[0]) || (e.link.from.id == b[0] && e.link.to.id == a[0]);
    EXPECT_EQ(e.across_groups, tie);
    EXPECT_EQ(e.bridge, tie);
    across_groups += e.across_groups;
    across_agencies += e.across_agencies;
  }
  EXPECT_EQ(across_groups, 1);
  EXPECT_EQ(across_agencies, 4);  // b[0] (BTP) with a[0] and with the three MPS nominals of its group
}

TEST_F(NetworkTest, CommoditiesAreEditedAndClosedWithVersionChecks) {
  const int64_t disruption = disrupt("MPS-DIS-2", "Line cut off");
  ASSERT_GT(disruption, 0);
  Commodity line;
  line.kind = CommodityKind::kPhone;
  line.value = "07700 900111";
  line.opened = "2025-01-05";
  line.marking = marking("MPS");
  auto made = record_commodity(t.app(), t.as(analyst), line);
  ASSERT_TRUE(made.is_ok()) << made.status().message();
  auto edited = update_commodity(t.app(), t.as(analyst), made->id, 1, [](Commodity& c) {
    c.description = "deal line 'Kash'";
    c.kind = CommodityKind::kVehicle;  // a kind is kept
    return Status::ok();
  });
  ASSERT_TRUE(edited.is_ok()) << edited.status().message();
  EXPECT_EQ(edited->version, 2);
  EXPECT_EQ(edited->kind, CommodityKind::kPhone);
  EXPECT_EQ(edited->description, "deal line 'Kash'");
  // An edit read from version 1 would overwrite the change: refused, nothing applied.
  auto stale = close_commodity(t.app(), t.as(analyst), made->id, 1, "2025-06-01", disruption);
  EXPECT_EQ(stale.status().code(), Code::kConflict);
  EXPECT_EQ(close_commodity(t.app(), t.as(analyst), made->id, 2, "2025-06-01", disruption + 50).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(close_commodity(t.app(), t.as(analyst), made->id, 2, "2024-12-31", disruption).status().code(),
            Code::kInvalidArgument);  // before it opened
  EXPECT_EQ(close_commodity(t.app(), t.as(analyst), made->id, 2, "", disruption).status().code(), Code::kInvalidArgument);
  auto closed = close_commodity(t.app(), t.as(analyst), made->id, 2, "2025-06-01", disruption);
  ASSERT_TRUE(closed.is_ok()) << closed.status().message();
  EXPECT_EQ(closed->version, 3);
  EXPECT_EQ(closed->closed, "2025-06-01");
  EXPECT_EQ(closed->closed_by_disruption, disruption);
  // Another agency's analyst reads it (the region may) but may not edit it.
  const User btp = t.user("btp.writer", "BTP", {Role::kAnalyst});
  EXPECT_EQ(update_commodity(t.app(), t.as(btp), made->id, 3, [](Commodity&) { return Status::ok(); }).status().code(),
            Code::kPermissionDenied);
  // Closed: the network as at a later day no longer holds the line.
  link({RecordKind::kNominal, boss}, {RecordKind::kCommodity, made->id}, "uses phone", "2025-01-05");
  auto q = around_threat();
  q.filter.as_at = "2025-05-31";
  auto before = network(t.app(), t.as(analyst), q);
  q.filter.as_at = "2025-06-02";
  auto after = network(t.app(), t.as(analyst), q);
  ASSERT_TRUE(before.is_ok() && after.is_ok());
  EXPECT_EQ(before->nodes.size(), after->nodes.size() + 1);
  // Each change is on the audit trail.
  auto tx = t.store().begin(TxMode::kRead);
  auto events = (*tx)->audit().scan(0, 10000);
  ASSERT_TRUE(events.is_ok());
  EXPECT_EQ(std::count_if(events->begin(), events->end(),
                          [&](const AuditEvent& e) { return e.action == "commodity.update" && e.record_id == made->id; }),
            2);
}

}  // namespace
}  // namespace rocta
