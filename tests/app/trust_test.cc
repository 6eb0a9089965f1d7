// What a review found (issue #18): who may link records and remove links, who grants an SIU
// compartment, what tasking shows of threats the reader cannot open, log-in throttling and
// passwords; figures as at a day, what an export or a figure leaves out, tiers against
// scores, thematic disruptions, a demo that agrees with the inspection.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "app/audit_log.h"
#include "app/compartment_grants.h"
#include "app/disruptions.h"
#include "app/national_extract.h"
#include "app/session.h"
#include "app/sharing.h"
#include "app/tasking.h"
#include "app/thematic_disruptions.h"
#include "core/apmis.h"
#include "core/csv.h"
#include "demo/demo_region.h"
#include "demo/national_extract.h"
#include "store/agency_repository.h"
#include "store/audit_repository.h"
#include "store/marked_repository.h"
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

// ---- (b) a compartment is granted by its SIU, two people ---------------------------------------

class CompartmentGrantTest : public TrustTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(create_unit(t.app(), system_caller(), Unit{0, "MPS", "MPS SIU", UnitKind::kSiu, {}, true, "MPS-SIU"}).is_ok());
  }
  User mps_admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  User siu_a = t.user("mps.siu.a", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
  User siu_b = t.user("mps.siu.b", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
};

TEST_F(CompartmentGrantTest, AnAdministratorCannotGiveACompartmentDirectly) {
  User self = mps_admin;
  self.compartments = {"MPS-SIU"};
  EXPECT_EQ(update_user(t.app(), t.as(mps_admin), self).status().code(), Code::kPermissionDenied);
  User analyst = mps_analyst;
  analyst.compartments = {"MPS-SIU"};
  EXPECT_EQ(update_user(t.app(), t.as(mps_admin), analyst).status().code(), Code::kPermissionDenied);
  NewUser n;
  n.user.username = "mps.newcomer";
  n.user.display_name = "Newcomer";
  n.user.unit_id = t.unit("MPS");
  n.user.roles = {Role::kAnalyst};
  n.user.compartments = {"MPS-SIU"};
  n.password = "long-enough-password";
  EXPECT_EQ(create_user(t.app(), t.as(mps_admin), n).status().code(), Code::kPermissionDenied);
  EXPECT_FALSE(get_user(t.app(), t.as(mps_admin), mps_analyst.id)->holds("MPS-SIU"));
  // Taking one away stays with the administrator.
  User leaving = siu_a;
  leaving.compartments.clear();
  EXPECT_TRUE(update_user(t.app(), t.as(mps_admin), leaving).is_ok());
}

TEST_F(CompartmentGrantTest, ProposedByOneApprovedByAnotherOfThatSiuAuditedAndVisibleToIt) {
  auto proposal = propose_compartment(t.app(), t.as(mps_admin), mps_analyst.id, "MPS-SIU", "Joins the SIU's research desk");
  ASSERT_TRUE(proposal.is_ok()) << proposal.status().message();
  EXPECT_EQ(proposal->status, CompartmentGrantStatus::kProposed);
  EXPECT_FALSE(get_user(t.app(), system_caller(), mps_analyst.id)->holds("MPS-SIU"));
  // The proposer cannot approve (the administrator is no SIU officer anyway), nor the user.
  EXPECT_EQ(decide_compartment_grant(t.app(), t.as(mps_admin), proposal->id, true, "").status().code(), Code::kPermissionDenied);
  EXPECT_EQ(decide_compartment_grant(t.app(), t.as(mps_analyst), proposal->id, true, "").status().code(), Code::kNotFound);
  // Another force's SIU does not see it.
  const User btp_siu = t.user("btp.siu", "BTP", {Role::kSiuOfficer}, Classification::kSecret, {"BTP-SIU"});
  EXPECT_TRUE(list_compartment_grants(t.app(), t.as(btp_siu))->empty());
  EXPECT_EQ(decide_compartment_grant(t.app(), t.as(btp_siu), proposal->id, true, "").status().code(), Code::kNotFound);
  // The SIU sees it.
  auto queue = list_compartment_grants(t.app(), t.as(siu_a));
  ASSERT_TRUE(queue.is_ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].username, "mps.analyst");
  auto approved = decide_compartment_grant(t.app(), t.as(siu_a), proposal->id, true, "Vetted");
  ASSERT_TRUE(approved.is_ok()) << approved.status().message();
  EXPECT_TRUE(get_user(t.app(), system_caller(), mps_analyst.id)->holds("MPS-SIU"));
  EXPECT_EQ(decide_compartment_grant(t.app(), t.as(siu_b), proposal->id, false, "Too late").status().code(), Code::kConflict);
  EXPECT_EQ(audit_events("compartment.propose").size(), 1u);
  EXPECT_EQ(audit_events("compartment.approve").size(), 1u);
}

TEST_F(CompartmentGrantTest, AnSiuOfficerWhoProposesCannotApproveTheirOwnProposal) {
  auto proposal = propose_compartment(t.app(), t.as(siu_a), mps_analyst.id, "MPS-SIU", "Covers leave in the SIU");
  ASSERT_TRUE(proposal.is_ok()) << proposal.status().message();
  EXPECT_EQ(decide_compartment_grant(t.app(), t.as(siu_a), proposal->id, true, "").status().code(), Code::kPermissionDenied);
  EXPECT_EQ(propose_compartment(t.app(), t.as(siu_b), mps_analyst.id, "MPS-SIU", "Second proposal").status().code(),
            Code::kAlreadyExists);
  EXPECT_EQ(decide_compartment_grant(t.app(), t.as(siu_b), proposal->id, false, "").status().code(), Code::kInvalidArgument);
  auto refused = decide_compartment_grant(t.app(), t.as(siu_b), proposal->id, false, "Not vetted to that level");
  ASSERT_TRUE(refused.is_ok());
  EXPECT_FALSE(get_user(t.app(), system_caller(), mps_analyst.id)->holds("MPS-SIU"));
  EXPECT_EQ(audit_events("compartment.refuse").size(), 1u);
  // A compartment no SIU holds is not granted at all; BTP's administrator cannot propose for MPS's user.
  EXPECT_EQ(propose_compartment(t.app(), t.as(mps_admin), mps_analyst.id, "NOBODY", "Made up compartment").status().code(),
            Code::kInvalidArgument);
  const User btp_admin = t.user("btp.admin", "BTP", {Role::kAdministrator});
  EXPECT_EQ(propose_compartment(t.app(), t.as(btp_admin), mps_analyst.id, "MPS-SIU", "Fishing for access").status().code(),
            Code::kNotFound);
}

// ---- (c) tasking about a threat the reader cannot open: a signal or nothing --------------------

class TaskingSightTest : public TrustTest {
 protected:
  int64_t bcu_unit = t.unit("MPS", "Central East BCU", UnitKind::kBcu);
  int64_t scc_unit = t.unit("MPS", "Specialist Crime Command", UnitKind::kSpecialistCrimeCommand);
  User bcu = in_unit("mps.bcu", bcu_unit, {Role::kAnalyst});
  User chair = in_unit("mps.tasking", scc_unit, {Role::kTaskingChair});
  User btp_chair = t.user("btp.tasking", "BTP", {Role::kTaskingChair});
  User mps_admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  static constexpr const char* kSecretText = "Kestrel informant says the Thursday drop moves";

  User in_unit(const std::string& name, int64_t unit, std::vector<Role> roles) {
    NewUser n;
    n.user.username = name;
    n.user.display_name = name;
    n.user.unit_id = unit;
    n.user.roles = std::move(roles);
    n.user.clearance = Classification::kSecret;
    n.password = "correct-horse-battery";
    return *create_user(t.app(), system_caller(), n);
  }
  Escalation escalation_about(int64_t threat_id) {
    Escalation e;
    e.to_unit_id = scc_unit;
    e.threat_id = threat_id;
    e.request = kSecretText;
    e.support = "covert";
    e.decide_by = iso_date(t.app().clock.now_ms() + 7LL * 24 * 3600 * 1000);
    auto r = raise_escalation(t.app(), t.as(bcu), e);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return r->escalation;
  }
};

bool mentions(const std::string& text, int64_t threat_id, const std::string& secret) {
  return text.find(secret) != std::string::npos || text.find("Kestrel") != std::string::npos;
}

TEST_F(TaskingSightTest, EscalationsDecisionsAndAgendasAboutAHiddenThreatAreSignalsOnly) {
  const Threat hidden = t.threat(bcu, marking("MPS", SharingScope::kOwnerOnly), "OCG Kestrel");
  const Escalation decided = escalation_about(hidden.id);
  const Escalation open = escalation_about(hidden.id);
  DecisionDraft d;
  d.escalation_id = decided.id;
  d.threat_id = hidden.id;
  d.decision = "Kestrel: covert support approved";
  d.rationale = kSecretText;
  ASSERT_TRUE(record_decision(t.app(), t.as(chair), d).is_ok());
  TaskingMeeting m;
  m.unit_id = scc_unit;
  m.level = MeetingLevel::kSpecialist;
  m.title = "Specialist tasking";
  m.held_on = iso_date(t.app().clock.now_ms());
  auto meeting = schedule_meeting(t.app(), t.as(chair), m);
  ASSERT_TRUE(meeting.is_ok()) << meeting.status().message();

  // The MPS chair reads the threat: everything shows.
  auto own = list_escalations(t.app(), t.as(chair), false);
  ASSERT_EQ(own->size(), 2u);
  EXPECT_EQ((*own)[0].escalation.threat_id, hidden.id);

  // BTP's chair (London, law enforcement) is told MPS holds something, never what.
  auto escalations = list_escalations(t.app(), t.as(btp_chair), false);
  ASSERT_TRUE(escalations.is_ok());
  ASSERT_EQ(escalations->size(), 2u);
  for (const auto& v : *escalations) {
    EXPECT_EQ(v.escalation.threat_id, 0);
    EXPECT_FALSE(mentions(v.escalation.request + v.escalation.support, hidden.id, kSecretText)) << v.escalation.request;
    EXPECT_NE(v.escalation.request.find("Metropolitan Police"), std::string::npos) << v.escalation.request;
  }
  auto decisions = list_decisions(t.app(), t.as(btp_chair), false);
  ASSERT_TRUE(decisions.is_ok());
  ASSERT_EQ(decisions->size(), 1u);
  EXPECT_EQ((*decisions)[0].threat_id, 0);
  EXPECT_FALSE(mentions((*decisions)[0].decision + (*decisions)[0].rationale, hidden.id, kSecretText));
  auto agenda = open_meeting(t.app(), t.as(btp_chair), meeting->id);
  ASSERT_TRUE(agenda.is_ok()) << agenda.status().message();
  bool escalation_on_agenda = false;
  for (const auto& item : agenda->agenda) {
    EXPECT_FALSE(mentions(item.title + item.detail, hidden.id, kSecretText)) << item.title << " " << item.detail;
    escalation_on_agenda |= item.kind == AgendaItemKind::kEscalation && item.ref_id == open.id;
  }
  EXPECT_TRUE(escalation_on_agenda);
  for (const auto& dv : agenda->decisions) EXPECT_FALSE(mentions(dv.decision + dv.rationale, hidden.id, kSecretText));

  // MPS stops signalling: BTP is told nothing at all.
  ASSERT_TRUE(set_signal_rule(t.app(), t.as(mps_admin), "MPS", SignalAudience::kNone).is_ok());
  EXPECT_TRUE(list_escalations(t.app(), t.as(btp_chair), false)->empty());
  EXPECT_TRUE(list_decisions(t.app(), t.as(btp_chair), false)->empty());
  agenda = open_meeting(t.app(), t.as(btp_chair), meeting->id);
  ASSERT_TRUE(agenda.is_ok());
  for (const auto& item : agenda->agenda) EXPECT_NE(item.kind, AgendaItemKind::kEscalation);
}

// ---- (d) log-in throttling by username and address; common passwords ----------------------------

TEST_F(TrustTest, AGuesserAtOneAddressDoesNotLockTheUserOutElsewhere) {
  for (int i = 0; i < LoginThrottle::kFreeFailures + 1; ++i)
    (void)log_in(t.app(), "btp.analyst", "wrong-password-x", "203.0.113.66");
  EXPECT_EQ(log_in(t.app(), "btp.analyst", "correct-horse-battery", "203.0.113.66").status().code(), Code::kResourceExhausted);
  auto at_desk = log_in(t.app(), "btp.analyst", "correct-horse-battery", "10.20.0.5");
  EXPECT_TRUE(at_desk.is_ok()) << at_desk.status().message();
  // Still held at the guesser's address after the colleague signed in elsewhere.
  EXPECT_EQ(log_in(t.app(), "btp.analyst", "correct-horse-battery", "203.0.113.66").status().code(), Code::kResourceExhausted);
}

TEST_F(TrustTest, AGuesserWhoWaitsOutEachLockBacksOffForHours) {
  int64_t retry_s = 0;
  for (int i = 0; i < 16; ++i) {
    auto r = log_in(t.app(), "btp.analyst", "wrong-password-x", "203.0.113.66");
    if (r.status().code() == Code::kResourceExhausted) {
      retry_s = r.status().retry_after_s();
      t.clock().now += retry_s * 1000 + 1;  // waits it out and guesses again
    }
  }
  // Longer than the 15 minutes an address alone, or the old per-user lock, ever waited.
  EXPECT_GT(retry_s, LoginThrottle::kMaxLockoutMs / 1000);
  EXPECT_LE(retry_s, LoginThrottle::kPairMaxLockoutMs / 1000);
}

TEST_F(TrustTest, GuessingOnePasswordFromManyAddressesStillLocksTheUser) {
  for (int i = 0; i < 20 * LoginThrottle::kFreeFailures; ++i)
    (void)log_in(t.app(), "btp.analyst", "wrong-password-x", "198.51.100." + std::to_string(i % 250));
  EXPECT_EQ(log_in(t.app(), "btp.analyst", "correct-horse-battery", "10.20.0.5").status().code(), Code::kResourceExhausted);
  EXPECT_TRUE(log_in(t.app(), "mps.analyst", "correct-horse-battery", "10.20.0.5").is_ok());
}

TEST_F(TrustTest, CommonAndBreachedStylePasswordsAreRefused) {
  const User admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  NewUser n;
  n.user.username = "mps.newcomer";
  n.user.display_name = "Newcomer";
  n.user.unit_id = t.unit("MPS");
  n.user.roles = {Role::kAnalyst};
  for (const char* weak : {"password1234", "Password123!", "P@ssw0rd2024", "qwertyuiop12", "Summer2024!!", "123456789012",
                           "aaaaaaaaaaaa", "121212121212", "iloveyou2026", "Liverpool1892", "Metpolice2026"}) {
    n.password = weak;
    auto r = create_user(t.app(), t.as(admin), n);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << weak;
    EXPECT_EQ(r.status().field(), "password") << weak;
  }
  EXPECT_EQ(set_password(t.app(), t.as(mps_analyst), mps_analyst.id, "Welcome12345", "correct-horse-battery").code(),
            Code::kInvalidArgument);
  n.password = "tangerine-ferry-quartz";
  EXPECT_TRUE(create_user(t.app(), t.as(admin), n).is_ok());
}

// ---- (f) figures as at a past day, from each threat's history -----------------------------------

int64_t ms_of(const std::string& day) {
  // Midday UTC of `day`, from days since 1970-01-01 (civil calendar).
  const int y0 = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)), d = std::stoi(day.substr(8, 2));
  const int y = y0 - (m <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
  return days * 86400000 + 12 * 3600000;
}

TEST_F(TrustTest, SocFiguresAsOfADayAreNotChangedByLaterAssessments) {
  auto mps_threats = [&](const std::string& as_of) -> int64_t {
    report::SocOptions o;
    o.year_ending = "2022-06-30";
    o.as_of = as_of;
    auto f = soc_figures(t.app(), system_caller(), o);
    EXPECT_TRUE(f.is_ok()) << f.status().message();
    auto it = f->threats.find("MPS");
    return it == f->threats.end() ? 0 : it->second.total;
  };
  t.clock().now = ms_of("2022-03-01");
  Threat draft;
  draft.name = "OCG Assessed Early";
  draft.primary_crime_type = "Drug supply";
  draft.moderation = ModerationStatus::kModerated;
  draft.tier = 2;
  draft.morile_score = 80;
  draft.marking = marking("MPS");
  ASSERT_TRUE(create_threat(t.app(), t.as(mps_analyst), draft).is_ok());
  draft.name = "OCG Assessed Late";
  draft.moderation = ModerationStatus::kUnmoderated;
  draft.tier.reset();
  draft.morile_score.reset();
  auto late = create_threat(t.app(), t.as(mps_analyst), draft);
  ASSERT_TRUE(late.is_ok());
  const int64_t published = mps_threats("2022-06-30");
  EXPECT_EQ(published, 1);

  // Assessed and moderated after the year's figures were published; a third recorded later.
  t.clock().now = ms_of("2022-09-15");
  ASSERT_TRUE(update_threat(t.app(), t.as(mps_analyst), late->id, late->version, [](Threat& th) {
                th.moderation = ModerationStatus::kModerated;
                th.tier = 1;
                th.morile_score = 120;
                return Status::ok();
              }).is_ok());
  draft.name = "OCG Recorded Later";
  draft.moderation = ModerationStatus::kModerated;
  draft.tier = 3;
  ASSERT_TRUE(create_threat(t.app(), t.as(mps_analyst), draft).is_ok());
  EXPECT_EQ(mps_threats("2022-06-30"), published);  // the published figure, reproduced
  EXPECT_EQ(mps_threats("2022-09-15"), 3);
  EXPECT_EQ(mps_threats(""), 3);                    // as the records stand now
  EXPECT_EQ(mps_threats("2022-02-28"), 0);          // nothing recorded yet
  report::SocOptions bad;
  bad.year_ending = "2022-06-30";
  bad.as_of = "2022-02-30";
  EXPECT_EQ(soc_figures(t.app(), system_caller(), bad).status().code(), Code::kInvalidArgument);
}

// ---- (g), (h) the national extract and Appendix 2 say what they leave out -----------------------

class LeftOutTest : public TrustTest {
 protected:
  User siu = t.user("mps.siu", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
  Threat threat_of(const User& by, ThreatType type, Marking m, const std::string& name) {
    Threat d;
    d.name = name;
    d.type = type;
    d.primary_crime_type = "Drug supply";
    d.moderation = ModerationStatus::kModerated;
    d.tier = 2;
    d.morile_score = 80;
    d.marking = std::move(m);
    auto r = create_threat(t.app(), t.as(by), d);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return *r;
  }
  void disrupt(const User& by, const Threat& th) {
    Disruption d;
    d.threat_id = th.id;
    d.role = DisruptionRole::kLead;
    d.record_date = "2026-05-01";
    d.category = ImpactCategory::kMajor;
    d.justification = "Three arrests and the supply line closed";
    d.outcomes = {FourP::kPursue};
    auto r = record_disruption(t.app(), t.as(by), d);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
  }
};

TEST_F(LeftOutTest, TheNationalExportSaysWhatItLeftOutAndWhy) {
  const Threat ocg = threat_of(mps_analyst, ThreatType::kOcg, marking("MPS"), "OCG Open");
  const Threat covert = threat_of(siu, ThreatType::kOcg, marking("MPS", SharingScope::kOwnerOnly, Classification::kSecret, "MPS-SIU"),
                                  "OCG Covert");
  const Threat person = threat_of(mps_analyst, ThreatType::kPriorityIndividual, marking("MPS"), "PI Person");
  disrupt(mps_analyst, ocg);
  disrupt(siu, covert);
  disrupt(mps_analyst, person);
  std::ostringstream threats, disruptions;
  auto out = export_apmis(t.app(), system_caller(), threats, disruptions);
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  EXPECT_EQ(out->threats, 2);
  EXPECT_EQ(out->disruptions, 1);
  EXPECT_EQ(out->withheld_threats_by_compartment, (std::map<std::string, int64_t>{{"MPS-SIU", 1}}));
  EXPECT_EQ(out->withheld_disruptions_of_compartmented_threats, 1);
  EXPECT_EQ(out->beyond_standard_disruptions, 1);
  EXPECT_EQ(threats.str().find(covert.reference), std::string::npos);
  EXPECT_EQ(disruptions.str().find(covert.reference), std::string::npos);
  std::string notes;
  for (const auto& line : out->notes()) notes += line + "\n";
  EXPECT_NE(notes.find("MPS-SIU"), std::string::npos) << notes;
  EXPECT_NE(notes.find("priority individuals"), std::string::npos) << notes;
  const auto exported = audit_events("apmis.export");
  ASSERT_EQ(exported.size(), 1u);
  EXPECT_NE(exported[0].detail.find("MPS-SIU"), std::string::npos);
}

TEST_F(LeftOutTest, DisruptionsOfPriorityIndividualsAreNotInAppendix2FiguresAndTheFiguresSaySo) {
  const Threat ocg = threat_of(mps_analyst, ThreatType::kOcg, marking("MPS"), "OCG Open");
  const Threat person = threat_of(mps_analyst, ThreatType::kPriorityIndividual, marking("MPS"), "PI Person");
  const Threat place = threat_of(mps_analyst, ThreatType::kVulnerability, marking("MPS"), "Vulnerable Estate");
  disrupt(mps_analyst, ocg);
  disrupt(mps_analyst, person);
  disrupt(mps_analyst, place);
  for (const std::string as_of : {"", "2026-06-21"}) {
    report::SocOptions o;
    o.year_ending = "2026-06-30";
    o.as_of = as_of;
    auto f = soc_figures(t.app(), system_caller(), o);
    ASSERT_TRUE(f.is_ok()) << f.status().message();
    EXPECT_EQ(f->disruptions.at("MPS").total, 1) << as_of;
    EXPECT_EQ(f->disruptions.at("MPS").by_4p.at("Pursue"), 1) << as_of;
    EXPECT_EQ(f->beyond_standard_left_out.at("MPS"), 2) << as_of;
    EXPECT_NE(report::to_json(*f).find("beyond_national_standard_left_out"), std::string::npos);
  }
}

// ---- (i) an import flags a tier that is not its score's; the demo agrees --------------------------

Result<ApmisImport> import_threats(TestApp& t, const std::string& csv) {
  std::istringstream in(csv);
  return import_apmis(t.app(), system_caller(), ExtractFile{"threats.csv", &in, csv.size()}, ExtractFile{});
}

TEST_F(TrustTest, ImportFlagsATierThatIsNotTheTierOfItsScore) {
  std::string csv = csv_line(apmis::threat_columns()) + "\r\n";
  for (auto [ref, tier, score] : {std::tuple{"MPS-OCG-000901", 4, 95.0}, std::tuple{"MPS-OCG-000902", 3, 95.0},
                                  std::tuple{"MPS-OCG-000903", 1, 150.0}, std::tuple{"MPS-OCG-000904", 5, 12.0}}) {
    Threat th;
    th.reference = ref;
    th.name = std::string("OCG ") + ref;
    th.primary_crime_type = "Drug supply";
    th.moderation = ModerationStatus::kModerated;
    th.tier = tier;
    th.morile_score = score;
    th.assessment_date = "2022-03-01";
    th.marking = marking("MPS");
    csv += csv_line(apmis::threat_row(th)) + "\r\n";
  }
  auto r = import_threats(t, csv);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->threats_created, 4);
  EXPECT_EQ(r->tier_score_disagreements, 2);
  ASSERT_EQ(r->tier_score_examples.size(), 2u);
  EXPECT_NE(r->tier_score_examples[0].find("MPS-OCG-000901: Tier 4 but score 95.0 is Tier 3"), std::string::npos)
      << r->tier_score_examples[0];
  EXPECT_NE(r->tier_score_examples[1].find("MPS-OCG-000903"), std::string::npos);
  const auto imported = audit_events("apmis.import");
  ASSERT_EQ(imported.size(), 1u);
  EXPECT_NE(imported[0].detail.find("\"tier_score_disagreements\":2"), std::string::npos) << imported[0].detail;
}

TEST_F(TrustTest, TheDemoExtractsTiersAgreeWithTheirScores) {
  auto tx = t.store().begin(TxMode::kRead);
  std::vector<std::string> others;
  auto agencies = (*tx)->agencies().list();
  ASSERT_TRUE(agencies.is_ok());
  for (const auto& a : *agencies)
    if (a.region != "London" && a.kind != AgencyKind::kPartnerAgency) others.push_back(a.code);
  tx->reset();
  std::ostringstream threats, disruptions;
  demo::write_extract(demo::inspection_plan(others, 7), 7, threats, disruptions);
  auto r = import_threats(t, threats.str());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_GT(r->threats_created, 3000);
  EXPECT_EQ(r->tier_score_disagreements, 0) << (r->tier_score_examples.empty() ? "" : r->tier_score_examples[0]);
}

// ---- (k) thematic prevent and protect work, counted apart ---------------------------------------

TEST_F(TrustTest, ThematicPreventAndProtectWorkIsRecordedByCrimeTypeAndAreaAndCountedApart) {
  const User btp_officer = t.user("btp.officer", "BTP", {Role::kAnalyst});
  ThematicDisruption d;
  d.crime_type = "Modern slavery and human trafficking";
  d.area = "London Overground";
  d.record_date = "2026-05-12";
  d.outcome = FourP::kProtect;
  d.activity = "Forty rail staff trained to spot exploitation";
  d.reached = 40;
  auto made = record_thematic_disruption(t.app(), t.as(btp_officer), d);
  ASSERT_TRUE(made.is_ok()) << made.status().message();
  EXPECT_EQ(made->recording_agency, "BTP");
  d.crime_type = "Drug supply";
  d.area = "Stratford";
  d.outcome = FourP::kPrevent;
  d.activity = "Six schools visited about county lines";
  d.reached = 900;
  ASSERT_TRUE(record_thematic_disruption(t.app(), t.as(btp_officer), d).is_ok());
  d.outcome = FourP::kPursue;
  EXPECT_EQ(record_thematic_disruption(t.app(), t.as(btp_officer), d).status().code(), Code::kInvalidArgument);
  d.outcome = FourP::kPrevent;
  d.record_date = "2099-01-01";
  EXPECT_EQ(record_thematic_disruption(t.app(), t.as(btp_officer), d).status().code(), Code::kInvalidArgument);
  const User frontline = t.user("btp.frontline", "BTP", {Role::kFrontlineOfficer});
  d.record_date = "2026-05-12";
  EXPECT_EQ(record_thematic_disruption(t.app(), t.as(frontline), d).status().code(), Code::kPermissionDenied);

  auto f = thematic_figures(t.app(), t.as(mps_analyst), "2026-06-30", "");
  ASSERT_TRUE(f.is_ok()) << f.status().message();
  const auto& btp = f->by_agency.at("BTP");
  EXPECT_EQ(btp.total, 2);
  EXPECT_EQ(btp.reached, 940);
  EXPECT_EQ(btp.by_4p.at("Prevent"), 1);
  EXPECT_EQ(btp.by_4p.at("Protect"), 1);
  EXPECT_EQ(btp.by_crime_type.at("Drug supply"), 1);
  EXPECT_EQ(btp.by_area.at("London Overground"), 1);
  // Not in Appendix 2's figures: no disruption against a threat was recorded.
  report::SocOptions o;
  o.year_ending = "2026-06-30";
  auto soc = soc_figures(t.app(), system_caller(), o);
  ASSERT_TRUE(soc.is_ok());
  EXPECT_EQ(soc->disruptions.count("BTP"), 0u);
  auto listed = list_thematic_disruptions(t.app(), t.as(mps_analyst), "2026-01-01", "2026-06-30");
  ASSERT_TRUE(listed.is_ok());
  EXPECT_EQ(listed->size(), 2u);
  EXPECT_EQ(audit_events("thematic_disruption.create").size(), 2u);
}

// ---- (l) the demo agrees with the inspection ----------------------------------------------------

std::vector<std::string> agencies_outside_london(TestApp& t) {
  auto tx = t.store().begin(TxMode::kRead);
  std::vector<std::string> out;
  auto agencies = (*tx)->agencies().list();
  if (!agencies.is_ok()) return out;
  for (const auto& a : *agencies)
    if (a.region != "London" && a.kind != AgencyKind::kPartnerAgency) out.push_back(a.code);
  return out;
}

TEST_F(TrustTest, TheInspectionPlanSplitsDisruptionsAsTheInspectionFoundAndForcesDiffer) {
  const auto others = agencies_outside_london(t);
  const demo::ExtractPlan plan = demo::inspection_plan(others, 7);
  std::map<std::string, std::map<FourP, int>> by_4p;
  std::map<std::string, int> total;
  int colp_protect_cyber = 0;
  for (const auto& d : plan.disruptions) {
    by_4p[d.agency][d.outcome] += d.current;
    total[d.agency] += d.current;
    if (d.agency == "COLP" && d.outcome == FourP::kProtect && d.threat_category == "Cyber crime") colp_protect_cyber += d.current;
  }
  EXPECT_EQ(total["COLP"], 506);
  EXPECT_EQ(by_4p["COLP"][FourP::kPursue], 78);                // "only 78 pursue disruptions"
  EXPECT_GE(colp_protect_cyber * 100, 70 * total["COLP"]);     // "almost three quarters were protect
  EXPECT_LT(colp_protect_cyber * 100, 75 * total["COLP"]);     //  disruptions of cyber threats"
  EXPECT_EQ(total["BTP"], 184);
  EXPECT_GE(by_4p["BTP"][FourP::kPursue] * 100, 95 * total["BTP"]);  // "virtually all ... pursue"
  for (const auto& th : plan.threats) {
    if (th.type == ThreatType::kVulnerability) {
      EXPECT_TRUE(th.crime != "Drug supply" || th.agency == "MPS") << th.agency << " vulnerability of " << th.crime;
    }
  }
  // Forces outside London differ in size and mix, as forces do.
  std::map<std::string, int> threats, individuals;
  for (const auto& th : plan.threats) {
    if (th.agency == "MPS" || th.agency == "BTP" || th.agency == "COLP") continue;
    threats[th.agency] += th.count;
    if (th.type == ThreatType::kPriorityIndividual) individuals[th.agency] += th.count;
  }
  std::set<int> sizes, mixes;
  int smallest = 1 << 30, largest = 0, sum = 0;
  for (const auto& [agency, n] : threats) {
    sizes.insert(n);
    mixes.insert(100 * individuals[agency] / std::max(n, 1));
    smallest = std::min(smallest, n);
    largest = std::max(largest, n);
    sum += n;
  }
  EXPECT_EQ(sum, 3800 - 266 - 22 - 43);
  EXPECT_GE(sizes.size(), 8u);
  EXPECT_GE(largest, 4 * smallest);
  EXPECT_GT(mixes.size(), 3u);
}

TEST(DemoRegionTrust, TheDemosNominalsSexFollowsGivenNamesAndVulnerabilitiesHaveFittingCrimeTypes) {
  TestApp t;  // empty: the demo loads only into a database without users
  auto loaded = demo::load_demo_region(t.app());
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  ASSERT_TRUE(loaded->loaded_now);
  auto tx = t.store().begin(TxMode::kRead);
  const std::set<std::string> women{"Sophie", "Chloe", "Amira", "Jade", "Olivia", "Grace", "Aisha", "Megan", "Precious",
                                    "Elena", "Leah", "Shanice"};
  const std::set<std::string> men{"James", "Oliver", "Mohammed", "Daniel", "Kwame", "Tomasz", "Ryan", "Aaron", "Liam", "Jordan",
                                  "Amir", "Connor", "Luca", "Ionut", "Tyrone", "Bogdan", "Kieran", "Dwayne",
                                  "Jim", "Ollie", "Danny", "Mohamed", "Tom"};
  int checked = 0;
  for (int64_t after = 0;;) {
    auto page = (*tx)->nominals().scan(after, 1000);
    ASSERT_TRUE(page.is_ok());
    if (page->empty()) break;
    for (const auto& n : *page) {
      after = n.id;
      if (n.sex.empty()) continue;
      if (women.count(n.given_names)) {
        EXPECT_EQ(n.sex, "F") << n.given_names << " " << n.surname;
      }
      if (men.count(n.given_names)) {
        EXPECT_EQ(n.sex, "M") << n.given_names << " " << n.surname;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
  const std::set<std::string> fitting{"Child sexual abuse and exploitation", "Fraud", "Cyber crime", "Organised acquisitive crime",
                                      "Drug supply", "Modern slavery and human trafficking"};
  int vulnerabilities = 0;
  for (int64_t after = 0;;) {
    auto page = (*tx)->threats().scan(after, 1000);
    ASSERT_TRUE(page.is_ok());
    if (page->empty()) break;
    for (const auto& th : *page) {
      after = th.id;
      const std::string owner = th.marking.owning_agency;
      if (th.type != ThreatType::kVulnerability || (owner != "MPS" && owner != "BTP" && owner != "COLP")) continue;
      ++vulnerabilities;
      EXPECT_TRUE(fitting.count(th.primary_crime_type)) << th.reference << " " << th.primary_crime_type;
      EXPECT_EQ(th.name.find("payment kiosks"), th.primary_crime_type == "Organised acquisitive crime" ? th.name.find("payment kiosks")
                                                                                                      : std::string::npos)
          << th.name << " (" << th.primary_crime_type << ")";
    }
  }
  EXPECT_GT(vulnerabilities, 10);
}

}  // namespace
}  // namespace rocta
