// SCPO monitoring end to end over a real store (SQLite, and PostgreSQL as pg.*): an order
// recorded and varied with its history; checks planned, missed and recorded; the queue and
// horizon; overdue checks on a tasking agenda; a breach whose arrest becomes a pursue
// disruption; surveillance support as an escalation; the figures; and who may see what,
// with every write and every read of a sensitive subject's order audited.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/admin.h"
#include "app/disruptions.h"
#include "app/scpo.h"
#include "app/tasking.h"
#include "store/audit_repository.h"
#include "store/repository_transaction.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

constexpr int64_t kDay = 24LL * 3600 * 1000;

class ScpoTest : public ::testing::Test {
 protected:
  TestApp t;
  int64_t bcu = t.unit("MPS", "Central East BCU", UnitKind::kBcu);
  int64_t scc = t.unit("MPS", "Specialist Crime Command", UnitKind::kSpecialistCrimeCommand);
  int64_t team = t.unit("MPS", "SCPO Monitoring Team", UnitKind::kScpoMonitoring);
  User officer = in_unit("mps.scpo", team, {Role::kScpoOfficer}, Classification::kOfficial);
  User analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  User chair = in_unit("mps.tasking", scc, {Role::kTaskingChair});
  User inspector = t.user("mps.inspector", "MPS", {Role::kInspector}, Classification::kOfficial);
  User btp_officer = t.user("btp.scpo", "BTP", {Role::kScpoOfficer});
  User hmrc = t.user("hmrc.partner", "HMRC", {Role::kPartner}, Classification::kOfficial);
  Threat threat = t.threat(analyst, marking("MPS", SharingScope::kRegion), "OCG Heron");
  Nominal subject = nominal(marking("MPS", SharingScope::kRegion));

  User in_unit(const std::string& name, int64_t unit, std::vector<Role> roles, Classification c = Classification::kSecret) {
    NewUser n;
    n.user.username = name;
    n.user.display_name = name;
    n.user.unit_id = unit;
    n.user.roles = std::move(roles);
    n.user.clearance = c;
    n.password = "correct-horse-battery";
    auto u = create_user(t.app(), system_caller(), n);
    if (!u.is_ok()) throw std::runtime_error(u.status().message());
    return *u;
  }
  Nominal nominal(Marking m) {
    Nominal n;
    n.given_names = "Dean";
    n.surname = "Harper";
    n.marking = std::move(m);
    auto created = create_nominal(t.app(), t.as(analyst), n);
    if (!created.is_ok()) throw std::runtime_error(created.status().message());
    return *created;
  }
  std::string day(int offset) { return iso_date(t.app().clock.now_ms() + offset * kDay); }
  ScpoOrder draft(int64_t nominal_id, int starts = -100, int ends = 900) {
    ScpoOrder o;
    o.nominal_id = nominal_id;
    o.threat_id = threat.id;
    o.bcu_unit_id = bcu;
    o.court = "Southwark Crown Court";
    o.made_on = day(starts - 10);
    o.starts_on = day(starts);
    o.ends_on = day(ends);
    o.conditions = {{ScpoConditionKind::kCommunicationDevices, "One phone, declared"},
                    {ScpoConditionKind::kAssociation, "No contact with the Heron OCG"}};
    return o;
  }
  ScpoOrder recorded(int64_t nominal_id, int starts = -100, int ends = 900) {
    auto o = record_order(t.app(), t.as(officer), draft(nominal_id, starts, ends));
    if (!o.is_ok()) throw std::runtime_error(o.status().message());
    return *o;
  }
  std::vector<AuditEvent> audit() {
    auto tx = std::move(t.store().begin(TxMode::kRead)).value();
    return *tx->audit().scan(0, 100000);
  }
  int64_t audited(const std::string& action) {
    auto events = audit();
    return std::count_if(events.begin(), events.end(), [&](const AuditEvent& e) { return e.action == action; });
  }
};

TEST_F(ScpoTest, AnOfficerRecordsAnOrderAndBadInputIsAClearErrorWithNothingWritten) {
  ScpoOrder o = recorded(subject.id);
  EXPECT_EQ(o.reference, "MPS-SCPO-000001");
  EXPECT_EQ(o.subject_reference, subject.reference);
  EXPECT_EQ(audited("scpo.order.create"), 1);

  auto too_long = draft(subject.id, -100, -100 + 5 * 366);
  auto r = record_order(t.app(), t.as(officer), too_long);
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("at most five years"), std::string::npos);
  auto before = draft(subject.id);
  before.starts_on = day(-200);  // before it was made
  EXPECT_EQ(record_order(t.app(), t.as(officer), before).status().code(), Code::kInvalidArgument);
  // Only SCPO officers record orders, and for their own agency.
  EXPECT_EQ(record_order(t.app(), t.as(analyst), draft(subject.id)).status().code(), Code::kPermissionDenied);
  auto other = draft(subject.id);
  other.bcu_unit_id = 0;
  other.threat_id = 0;
  auto btp = record_order(t.app(), t.as(btp_officer), other);
  ASSERT_TRUE(btp.is_ok()) << btp.status().message();  // the region-wide subject: BTP may monitor its own order on them
  EXPECT_EQ(btp->agency, "BTP");
  // A BCU of another agency is refused.
  auto wrong_bcu = draft(subject.id);
  wrong_bcu.threat_id = 0;
  EXPECT_EQ(record_order(t.app(), t.as(btp_officer), wrong_bcu).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(audited("scpo.order.create"), 2);
}

TEST_F(ScpoTest, ChecksArePlannedRecordedAndOverdueOnesReachTheQueueAndTheAgenda) {
  ScpoOrder o = recorded(subject.id);
  ScpoCheck planned;
  planned.kind = ScpoCheckKind::kVisit;
  planned.due_on = day(-5);
  auto late = schedule_check(t.app(), t.as(officer), o.id, planned);
  ASSERT_TRUE(late.is_ok()) << late.status().message();
  planned.due_on = day(3);
  ASSERT_TRUE(schedule_check(t.app(), t.as(officer), o.id, planned).is_ok());
  // A check dated before the order is refused.
  planned.due_on = day(-300);
  auto early = schedule_check(t.app(), t.as(officer), o.id, planned);
  EXPECT_EQ(early.status().code(), Code::kInvalidArgument);
  EXPECT_NE(early.status().message().find("before the order was made"), std::string::npos);

  auto q = scpo_queue(t.app(), t.as(officer));
  ASSERT_TRUE(q.is_ok()) << q.status().message();
  ASSERT_EQ(q->overdue.size(), 1u);
  EXPECT_EQ(q->overdue[0].check.id, late->id);
  EXPECT_EQ(q->due_soon.size(), 1u);
  EXPECT_EQ(q->in_force.size(), 1u);

  // The tasking chair's force meeting lists the overdue check.
  TaskingMeeting m;
  m.unit_id = scc;
  m.level = MeetingLevel::kForce;
  m.title = "Force tasking";
  m.held_on = day(1);
  auto meeting = schedule_meeting(t.app(), t.as(chair), m);
  ASSERT_TRUE(meeting.is_ok()) << meeting.status().message();
  auto opened = open_meeting(t.app(), t.as(chair), meeting->id);
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  auto item = std::find_if(opened->agenda.begin(), opened->agenda.end(),
                           [](const AgendaItem& i) { return i.kind == AgendaItemKind::kOverdueScpoCheck; });
  ASSERT_NE(item, opened->agenda.end());
  EXPECT_EQ(item->ref_id, o.id);

  ScpoCheck done;
  done.id = late->id;
  done.done_on = day(0);
  done.outcome = ScpoCheckOutcome::kCompliant;
  ASSERT_TRUE(record_check(t.app(), t.as(officer), o.id, done).is_ok());
  EXPECT_EQ(record_check(t.app(), t.as(officer), o.id, done).status().code(), Code::kConflict);  // already recorded
  EXPECT_TRUE(scpo_queue(t.app(), t.as(officer))->overdue.empty());
  opened = open_meeting(t.app(), t.as(chair), meeting->id);
  EXPECT_TRUE(std::none_of(opened->agenda.begin(), opened->agenda.end(),
                           [](const AgendaItem& i) { return i.kind == AgendaItemKind::kOverdueScpoCheck; }));
  EXPECT_EQ(audited("scpo.check.schedule"), 2);
  EXPECT_EQ(audited("scpo.check.record"), 1);
}

TEST_F(ScpoTest, AnArrestForBreachIsAPursueDisruptionOnTheOrdersThreat) {
  ScpoOrder o = recorded(subject.id);
  ScpoBreach b;
  b.occurred_on = day(-3);
  b.condition = ScpoConditionKind::kAssociation;
  b.evidence = "Surveillance log 14: met a Heron OCG member at a car wash.";
  b.arrested = b.charged = true;
  auto saved = record_breach(t.app(), t.as(officer), o.id, b);
  ASSERT_TRUE(saved.is_ok()) << saved.status().message();
  ASSERT_GT(saved->disruption_id, 0);
  auto disruptions = threat_disruptions(t.app(), t.as(analyst), threat.id);
  ASSERT_TRUE(disruptions.is_ok());
  ASSERT_EQ(disruptions->size(), 1u);
  EXPECT_EQ(disruptions->front().id, saved->disruption_id);
  EXPECT_EQ(disruptions->front().principal(), FourP::kPursue);
  EXPECT_EQ(disruptions->front().record_date, b.occurred_on);
  // A condition the order does not have, or a day outside it, is refused and nothing kept.
  b.condition = ScpoConditionKind::kTravel;
  EXPECT_EQ(record_breach(t.app(), t.as(officer), o.id, b).status().code(), Code::kInvalidArgument);
  b.condition = ScpoConditionKind::kAssociation;
  b.occurred_on = day(-200);
  EXPECT_EQ(record_breach(t.app(), t.as(officer), o.id, b).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(threat_disruptions(t.app(), t.as(analyst), threat.id)->size(), 1u);
  auto view = open_order(t.app(), t.as(officer), o.id);
  ASSERT_TRUE(view.is_ok());
  EXPECT_EQ(view->breaches.size(), 1u);
  EXPECT_EQ(audited("scpo.breach.record"), 1);
}

TEST_F(ScpoTest, SurveillanceSupportIsATaskingEscalationKeptInTheHistory) {
  ScpoOrder o = recorded(subject.id);
  auto esc = request_surveillance(t.app(), t.as(officer), o.id, {scc, "Prove contact with the Heron OCG", day(7)});
  ASSERT_TRUE(esc.is_ok()) << esc.status().message();
  EXPECT_EQ(esc->escalation.support, "surveillance");
  EXPECT_EQ(esc->escalation.from_unit_id, team);
  auto open = list_escalations(t.app(), t.as(chair), true);
  ASSERT_TRUE(open.is_ok());
  ASSERT_EQ(open->size(), 1u);
  auto view = open_order(t.app(), t.as(officer), o.id);
  ASSERT_TRUE(view.is_ok());
  ASSERT_EQ(view->history.size(), 2u);
  EXPECT_EQ(view->history[1].kind, ScpoChangeKind::kSupportRequested);
  EXPECT_EQ(view->history[1].ref_id, esc->escalation.id);
}

TEST_F(ScpoTest, VariationsAndTheFullOrderKeepWhatWasBefore) {
  ScpoOrder interim = draft(subject.id);
  interim.interim = true;
  auto o = record_order(t.app(), t.as(officer), interim);
  ASSERT_TRUE(o.is_ok());
  ScpoVariation v;
  v.expected_version = 1;
  v.on = day(-20);
  v.full_order = true;
  v.note = "Full hearing";
  v.conditions = {{ScpoConditionKind::kTravel, "No travel abroad"}};
  auto full = vary_order(t.app(), t.as(officer), o->id, v);
  ASSERT_TRUE(full.is_ok()) << full.status().message();
  EXPECT_FALSE(full->interim);
  EXPECT_EQ(full->version, 2);
  EXPECT_EQ(vary_order(t.app(), t.as(officer), o->id, v).status().code(), Code::kConflict);  // stale version
  v.expected_version = 2;
  v.full_order = false;
  v.ends_on = day(-100 + 5 * 366);  // past five years
  EXPECT_EQ(vary_order(t.app(), t.as(officer), o->id, v).status().code(), Code::kInvalidArgument);
  auto view = open_order(t.app(), t.as(officer), o->id);
  ASSERT_TRUE(view.is_ok());
  ASSERT_EQ(view->history.size(), 2u);
  EXPECT_EQ(view->history[1].kind, ScpoChangeKind::kFullOrder);
  EXPECT_NE(view->history[1].note.find("No contact with the Heron OCG"), std::string::npos);  // the conditions before
  EXPECT_EQ(view->order.conditions.size(), 1u);
}

TEST_F(ScpoTest, WhoMaySeeOrdersAndTheHorizon) {
  Nominal hidden = nominal(marking("MPS", SharingScope::kOwnerOnly, Classification::kOfficial, {}, {}, true));
  ScpoOrder open_order_ = recorded(subject.id);
  ScpoOrder sensitive = recorded(hidden.id);
  ScpoOrder later = recorded(subject.id, 40, 400);  // on release from prison
  auto q = scpo_queue(t.app(), t.as(officer));
  ASSERT_TRUE(q.is_ok());
  ASSERT_EQ(q->horizon.size(), 1u);
  EXPECT_EQ(q->horizon[0].id, later.id);
  // The partner sees none of it; the inspector reads figures, not orders.
  EXPECT_EQ(open_order(t.app(), t.as(hmrc), open_order_.id).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(scpo_queue(t.app(), t.as(inspector)).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(subject_orders(t.app(), t.as(hmrc), subject.id)->empty());
  // A BTP officer reads the region-wide subject's order but not the owner-only one: NotFound.
  EXPECT_TRUE(open_order(t.app(), t.as(btp_officer), open_order_.id).is_ok());
  EXPECT_EQ(open_order(t.app(), t.as(btp_officer), sensitive.id).status().code(), Code::kNotFound);
  EXPECT_EQ(subject_orders(t.app(), t.as(analyst), subject.id)->size(), 2u);
  // Reading the OFFICIAL-SENSITIVE subject's order is audited; the plain one is not.
  const int64_t before = audited("scpo.order.read");
  ASSERT_TRUE(open_order(t.app(), t.as(officer), open_order_.id).is_ok());
  EXPECT_EQ(audited("scpo.order.read"), before);
  ASSERT_TRUE(open_order(t.app(), t.as(officer), sensitive.id).is_ok());
  EXPECT_EQ(audited("scpo.order.read"), before + 1);
}

TEST_F(ScpoTest, FiguresAreComputedFromTheRecordsTheReaderMaySee) {
  ScpoOrder o = recorded(subject.id, -100, 900);
  ScpoCheck c;
  c.due_on = day(-50);
  ASSERT_TRUE(schedule_check(t.app(), t.as(officer), o.id, c).is_ok());  // missed: overdue
  c.id = 0;
  c.due_on = day(-20);
  c.done_on = day(-20);
  c.outcome = ScpoCheckOutcome::kCompliant;
  ASSERT_TRUE(record_check(t.app(), t.as(officer), o.id, c).is_ok());
  ScpoBreach b;
  b.occurred_on = day(-10);
  b.condition = ScpoConditionKind::kCommunicationDevices;
  b.evidence = "Second phone found at a search";
  b.arrested = true;
  ASSERT_TRUE(record_breach(t.app(), t.as(officer), o.id, b).is_ok());
  auto f = scpo_report(t.app(), t.as(inspector), day(-60), day(0));
  ASSERT_TRUE(f.is_ok()) << f.status().message();
  ASSERT_EQ(f->rows.size(), 1u);
  EXPECT_EQ(f->rows[0].bcu, "Central East BCU");
  EXPECT_EQ(f->total, (ScpoFigureRow{0, "All BCUs", 1, 1, 1, 1, 1}));
  // Before the order: nothing happened, though it was monitored.
  auto earlier = scpo_report(t.app(), t.as(officer), day(-400), day(-200));
  ASSERT_TRUE(earlier.is_ok());
  EXPECT_EQ(earlier->total.orders_monitored, 0);
  EXPECT_EQ(scpo_report(t.app(), t.as(hmrc), day(-60), day(0)).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(scpo_report(t.app(), t.as(officer), "2022-13-01", day(0)).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace rocta
