// The inspection's scenarios for intelligence, the regional SIU and sharing: sensitive
// material routed to the London SIU and released only sanitised, the CoLP ROCTA analyst
// finding other forces' region-shared intelligence, signals without disclosure, access
// requests, agreements for partner agencies, dissemination within the grading.
#include <gtest/gtest.h>

#include "app/intelligence.h"
#include "app/records.h"
#include "app/sharing.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/user_repository.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

IntelligenceReport report(const std::string& title, SourceType source, Marking m) {
  IntelligenceReport r;
  r.title = title;
  r.body = title + ": seen at the depot with two others";
  r.source_evaluation = 2;
  r.intelligence_assessment = 'B';
  r.source_type = source;
  r.marking = std::move(m);
  return r;
}

User reread(TestApp& t, const User& u) {
  auto tx = t.store().begin(TxMode::kRead);
  return (*tx)->users().get(u.id)->user;
}

// London as the inspection found it (three SIUs), then made one regional SIU.
class LondonRegion : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [agency, compartment] :
         std::vector<std::pair<std::string, std::string>>{{"MPS", "MPS-SIU"}, {"BTP", "BTP-SIU"}, {"COLP", "COLP-SIU"}}) {
      Unit u{0, agency, agency + " SIU", UnitKind::kSiu, {}, true, compartment};
      auto made = create_unit(t.app(), system_caller(), u);
      ASSERT_TRUE(made.is_ok()) << made.status().message();
      old_sius.push_back(made->id);
    }
    Unit london{0, "MPS", "London Sensitive Intelligence Unit", UnitKind::kSiu, {}, true, "LON-SIU"};
    auto made = create_unit(t.app(), system_caller(), london);
    ASSERT_TRUE(made.is_ok()) << made.status().message();
    london_siu = made->id;
    mps_siu = t.user("mps.siu", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
    btp_siu = t.user("btp.siu", "BTP", {Role::kSiuOfficer}, Classification::kSecret, {"BTP-SIU"});
    btp_officer = t.user("btp.officer", "BTP", {Role::kFrontlineOfficer}, Classification::kOfficial);
    mps_bcu = t.user("mps.bcu", "MPS", {Role::kAnalyst});
    colp_rocta = t.user("colp.rocta", "COLP", {Role::kRoctaAnalyst});
    hmrc = t.user("hmrc.partner", "HMRC", {Role::kPartner});
    mps_admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  }
  void consolidate() {
    auto done = consolidate_sius(t.app(), t.as(mps_admin), london_siu, old_sius);
    ASSERT_TRUE(done.is_ok()) << done.status().message();
    mps_siu = reread(t, mps_siu);
    btp_siu = reread(t, btp_siu);
  }

  TestApp t;
  std::vector<int64_t> old_sius;
  int64_t london_siu = 0;
  User mps_siu, btp_siu, btp_officer, mps_bcu, colp_rocta, hmrc, mps_admin;
};

TEST_F(LondonRegion, OneSiuServesTheThreeForcesAfterAnAdministrativeChange) {
  // Material the BTP SIU held before the change moves with it.
  auto held = submit_intelligence(t.app(), t.as(btp_siu), report("Old BTP source", SourceType::kChis, marking("BTP")));
  ASSERT_TRUE(held.is_ok()) << held.status().message();
  EXPECT_EQ(held->marking.compartment, "BTP-SIU");
  EXPECT_EQ(consolidate_sius(t.app(), t.as(mps_bcu), london_siu, old_sius).status().code(), Code::kPermissionDenied);
  consolidate();
  EXPECT_TRUE(btp_siu.holds("LON-SIU"));
  EXPECT_FALSE(btp_siu.holds("BTP-SIU"));
  auto unit = get_unit(t.app(), system_caller(), london_siu);
  ASSERT_TRUE(unit.is_ok());
  EXPECT_EQ(unit->serves, (std::vector<std::string>{"BTP", "COLP"}));
  for (int64_t id : old_sius) EXPECT_TRUE(get_unit(t.app(), system_caller(), id)->compartment.empty());
  auto moved = open_intelligence(t.app(), t.as(mps_siu, "SIU review"), held->id);
  ASSERT_TRUE(moved.is_ok()) << moved.status().message();
  EXPECT_EQ(moved->record.marking.compartment, "LON-SIU");
}

TEST_F(LondonRegion, ABtpChisReportGoesToTheLondonSiuAndIsSeenOnlyAsASanitisedRelease) {
  consolidate();
  // A BTP frontline officer submits CHIS reporting as if it were ordinary intelligence.
  auto submitted = submit_intelligence(t.app(), t.as(btp_officer),
                                       report("CHIS: Kestrel moving cash", SourceType::kChis, marking("BTP", SharingScope::kRegion)));
  ASSERT_TRUE(submitted.is_ok()) << submitted.status().message();
  EXPECT_EQ(submitted->marking.compartment, "LON-SIU");
  EXPECT_EQ(submitted->marking.owning_agency, "MPS");  // the SIU's agency holds it
  EXPECT_EQ(submitted->marking.scope, SharingScope::kOwnerOnly);
  EXPECT_EQ(submitted->originating_agency, "BTP");
  auto routing = routing_of(t.app(), *submitted);
  ASSERT_TRUE(routing.is_ok());
  EXPECT_EQ(routing->siu_name, "London Sensitive Intelligence Unit");

  // Not in the general system: not listed, not searchable, not openable, not even by the submitter.
  IntelligenceQuery search;
  search.text = "kestrel";
  for (const User* u : {&btp_officer, &mps_bcu, &colp_rocta}) {
    EXPECT_EQ(list_intelligence(t.app(), t.as(*u), search)->total, 0) << u->username;
    EXPECT_EQ(open_intelligence(t.app(), t.as(*u, "check"), submitted->id).status().code(), Code::kNotFound);
  }
  // The SIU sees it in its queue, whichever force its officer comes from.
  auto queue = siu_queue(t.app(), t.as(btp_siu), {50, 0});
  ASSERT_TRUE(queue.is_ok()) << queue.status().message();
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().report.id, submitted->id);
  EXPECT_EQ(siu_queue(t.app(), t.as(mps_bcu), {50, 0}).status().code(), Code::kPermissionDenied);

  // Release: a recorded decision; refused without a rationale or by a non-SIU user.
  IntelligenceReport clean = report("Kestrel OCG moving cash through rail hubs", SourceType::kPolice,
                                    marking("MPS", SharingScope::kRegion));
  EXPECT_EQ(release_sanitised(t.app(), t.as(mps_siu, "release"), submitted->id, clean, "").status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(release_sanitised(t.app(), t.as(mps_bcu, "release"), submitted->id, clean, "Safe to share").status().code(),
            Code::kNotFound);
  auto released = release_sanitised(t.app(), t.as(mps_siu, "release"), submitted->id, clean,
                                    "Source protected: no time, place or access detail");
  ASSERT_TRUE(released.is_ok()) << released.status().message();
  EXPECT_EQ(released->sanitised_from, submitted->id);
  EXPECT_EQ(released->source_type, SourceType::kPolice);

  // Now the region finds the sanitised version, and cannot follow its link back.
  for (const User* u : {&btp_officer, &mps_bcu, &colp_rocta}) {
    auto found = list_intelligence(t.app(), t.as(*u), search);
    ASSERT_TRUE(found.is_ok());
    ASSERT_EQ(found->total, 1) << u->username;
    EXPECT_EQ(found->items[0].id, released->id);
    EXPECT_EQ(found->items[0].sanitised_from, -1) << "the link back is the SIU's alone";
  }
  auto as_siu = open_intelligence(t.app(), t.as(btp_siu, "review"), released->id);
  ASSERT_TRUE(as_siu.is_ok());
  EXPECT_EQ(as_siu->record.sanitised_from, submitted->id);
  auto queue_after = siu_queue(t.app(), t.as(mps_siu), {50, 0});
  ASSERT_TRUE(queue_after.is_ok());
  ASSERT_EQ(queue_after->front().releases.size(), 1u);
  EXPECT_EQ(queue_after->front().releases[0].released_id, released->id);
}

TEST_F(LondonRegion, SensitiveMaterialIsRefusedNotStoredWhenNoSiuServesTheAgency) {
  const User gmp = t.user("gmp.analyst", "GMP", {Role::kAnalyst});
  auto refused = submit_intelligence(t.app(), t.as(gmp), report("Technical product", SourceType::kTechnical, marking("GMP")));
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(list_intelligence(t.app(), t.as(gmp), {})->total, 0);
  // A record cannot be turned into sensitive-source material outside a compartment either.
  auto open = submit_intelligence(t.app(), t.as(gmp), report("Open source", SourceType::kOpen, marking("GMP")));
  ASSERT_TRUE(open.is_ok());
  auto changed = update_intelligence(t.app(), t.as(gmp), open->id, open->version, [](IntelligenceReport& r) {
    r.source_type = SourceType::kChis;
    return Status::ok();
  });
  EXPECT_EQ(changed.status().code(), Code::kInvalidArgument);
}

TEST_F(LondonRegion, TheColpRoctaAnalystFindsMpsAndBtpRegionSharedIntelligence) {
  const User mps_analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  const User btp_analyst = t.user("btp.analyst", "BTP", {Role::kAnalyst});
  ASSERT_TRUE(submit_intelligence(t.app(), t.as(mps_analyst), report("Osprey cocaine supply", SourceType::kPolice,
                                                                      marking("MPS", SharingScope::kRegion))).is_ok());
  ASSERT_TRUE(submit_intelligence(t.app(), t.as(btp_analyst), report("Osprey runners on the Overground", SourceType::kPolice,
                                                                      marking("BTP", SharingScope::kRegion))).is_ok());
  ASSERT_TRUE(submit_intelligence(t.app(), t.as(btp_analyst), report("Osprey: BTP only", SourceType::kPolice,
                                                                      marking("BTP", SharingScope::kOwnerOnly))).is_ok());
  IntelligenceQuery q;
  q.text = "osprey";
  auto found = list_intelligence(t.app(), t.as(colp_rocta), q);
  ASSERT_TRUE(found.is_ok());
  std::set<std::string> owners;
  for (const auto& r : found->items) owners.insert(r.marking.owning_agency);
  EXPECT_EQ(found->total, 2);
  EXPECT_EQ(owners, (std::set<std::string>{"BTP", "MPS"}));
  // A partner agency sees none of it until an agreement gives it.
  EXPECT_EQ(list_intelligence(t.app(), t.as(hmrc), q)->total, 0);
  SharingAgreement a;
  a.giver = "MPS";
  a.receiver = "HMRC";
  a.max_classification = Classification::kOfficial;
  a.min_scope = SharingScope::kRegion;
  a.purpose = "Money laundering investigations under the joint tasking";
  EXPECT_EQ(make_agreement(t.app(), t.as(mps_analyst), a).status().code(), Code::kPermissionDenied);
  auto made = make_agreement(t.app(), t.as(mps_admin), a);
  ASSERT_TRUE(made.is_ok()) << made.status().message();
  EXPECT_EQ(make_agreement(t.app(), t.as(mps_admin), a).status().code(), Code::kAlreadyExists);
  const User hmrc_now = reread(t, hmrc);
  auto shared = list_intelligence(t.app(), t.as(hmrc_now), q);
  ASSERT_TRUE(shared.is_ok());
  ASSERT_EQ(shared->total, 1);
  EXPECT_EQ(shared->items[0].marking.owning_agency, "MPS");
  // Ending the agreement ends the access.
  ASSERT_TRUE(change_agreement(t.app(), t.as(mps_admin), made->id, made->version, [](SharingAgreement& x) {
                x.active = false;
                return Status::ok();
              }).is_ok());
  EXPECT_EQ(list_intelligence(t.app(), t.as(reread(t, hmrc)), q)->total, 0);
}

TEST_F(LondonRegion, AnMpsBcuAnalystSeesTheSignalNotTheContentOfSiuMaterialOnANominal) {
  consolidate();
  Nominal n;
  n.given_names = "Dean";
  n.surname = "Harrow";
  n.marking = marking("MPS", SharingScope::kRegion);
  auto nominal = create_nominal(t.app(), t.as(mps_bcu), n);
  ASSERT_TRUE(nominal.is_ok()) << nominal.status().message();
  auto chis = submit_intelligence(t.app(), t.as(mps_siu), report("CHIS: Harrow's supplier", SourceType::kChis, marking("MPS")));
  ASSERT_TRUE(chis.is_ok()) << chis.status().message();
  Link l;
  l.from = {RecordKind::kIntelligence, chis->id};
  l.to = {RecordKind::kNominal, nominal->id};
  l.relation = "subject";
  l.source = chis->reference;
  l.date = "2026-06-01";
  ASSERT_TRUE(link_records(t.app(), t.as(mps_siu, "linking"), l).is_ok());

  auto opened = open_nominal(t.app(), t.as(mps_bcu), nominal->id);
  ASSERT_TRUE(opened.is_ok());
  EXPECT_TRUE(opened->links.empty());  // the content stays hidden
  auto signals = signals_on(t.app(), t.as(mps_bcu), {RecordKind::kNominal, nominal->id});
  ASSERT_TRUE(signals.is_ok()) << signals.status().message();
  ASSERT_EQ(signals->size(), 1u);
  EXPECT_EQ(signals->front().holder, "London Sensitive Intelligence Unit");
  EXPECT_EQ(signals->front().record_id, chis->id);
  // The SIU itself reads the link: no signal for what one may read.
  EXPECT_TRUE(signals_on(t.app(), t.as(mps_siu), {RecordKind::kNominal, nominal->id})->empty());
  // A force outside the region is not told, unless the holder signals nationally.
  const User gmp = t.user("gmp.analyst", "GMP", {Role::kAnalyst});
  EXPECT_EQ(signals_on(t.app(), t.as(gmp), {RecordKind::kNominal, nominal->id}).status().code(), Code::kNotFound);

  // The BCU analyst asks; the SIU decides; everything is audited.
  EXPECT_EQ(request_access(t.app(), t.as(mps_bcu), {RecordKind::kIntelligence, chis->id}, "x").status().code(),
            Code::kInvalidArgument);
  auto asked = request_access(t.app(), t.as(mps_bcu), {RecordKind::kIntelligence, chis->id},
                              "Planning an arrest of Harrow next week");
  ASSERT_TRUE(asked.is_ok()) << asked.status().message();
  EXPECT_EQ(request_access(t.app(), t.as(mps_bcu), {RecordKind::kIntelligence, chis->id}, "Planning an arrest again")
                .status().code(),
            Code::kAlreadyExists);
  EXPECT_EQ(access_requests(t.app(), t.as(mps_bcu), false)->size(), 0u);
  auto to_decide = access_requests(t.app(), t.as(btp_siu), false);
  ASSERT_TRUE(to_decide.is_ok());
  ASSERT_EQ(to_decide->size(), 1u);
  EXPECT_EQ(decide_access_request(t.app(), t.as(mps_bcu), asked->id, AccessRequestStatus::kApproved, "").status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(decide_access_request(t.app(), t.as(btp_siu), asked->id, AccessRequestStatus::kRefused, "").status().code(),
            Code::kInvalidArgument);
  auto decided = decide_access_request(t.app(), t.as(btp_siu), asked->id, AccessRequestStatus::kApproved,
                                       "A sanitised release follows today");
  ASSERT_TRUE(decided.is_ok()) << decided.status().message();
  EXPECT_EQ(decided->status, AccessRequestStatus::kApproved);
  // Approval of compartmented material does not open the compartment.
  EXPECT_EQ(open_intelligence(t.app(), t.as(mps_bcu, "arrest"), chis->id).status().code(), Code::kNotFound);
  EXPECT_EQ(decide_access_request(t.app(), t.as(btp_siu), asked->id, AccessRequestStatus::kRefused, "late").status().code(),
            Code::kConflict);
}

TEST_F(LondonRegion, AnApprovedRequestOnOpenMaterialSharesItAndAHolderMayStopSignalling) {
  const User btp_analyst = t.user("btp.analyst", "BTP", {Role::kAnalyst});
  Nominal n;
  n.surname = "Cray";
  n.marking = marking("MPS", SharingScope::kRegion);
  auto nominal = create_nominal(t.app(), t.as(mps_bcu), n);
  ASSERT_TRUE(nominal.is_ok());
  auto own = submit_intelligence(t.app(), t.as(mps_bcu), report("Cray seen with Kestrel", SourceType::kPolice,
                                                                 marking("MPS", SharingScope::kOwnerOnly)));
  ASSERT_TRUE(own.is_ok());
  // Not yet next to anything BTP reads: not signalled, so not to be asked for either.
  EXPECT_EQ(request_access(t.app(), t.as(btp_analyst), {RecordKind::kIntelligence, own->id}, "Guessing record numbers")
                .status().code(),
            Code::kNotFound);
  ASSERT_TRUE(link_records(t.app(), t.as(mps_bcu), {0, {RecordKind::kIntelligence, own->id}, {RecordKind::kNominal, nominal->id},
                                                     "subject", own->reference, "2026-06-02"}).is_ok());
  ASSERT_EQ(signals_on(t.app(), t.as(btp_analyst), {RecordKind::kNominal, nominal->id})->size(), 1u);
  // The holder stops signalling: BTP is told nothing, and cannot ask.
  EXPECT_EQ(set_signal_rule(t.app(), t.as(btp_analyst), "MPS", SignalAudience::kNone).code(), Code::kPermissionDenied);
  ASSERT_TRUE(set_signal_rule(t.app(), t.as(mps_admin), "MPS", SignalAudience::kNone).is_ok());
  EXPECT_TRUE(signals_on(t.app(), t.as(btp_analyst), {RecordKind::kNominal, nominal->id})->empty());
  EXPECT_EQ(request_access(t.app(), t.as(btp_analyst), {RecordKind::kIntelligence, own->id}, "Joint operation Cray")
                .status().code(),
            Code::kNotFound);
  ASSERT_TRUE(set_signal_rule(t.app(), t.as(mps_admin), "MPS", SignalAudience::kRegion).is_ok());
  auto asked = request_access(t.app(), t.as(btp_analyst), {RecordKind::kIntelligence, own->id}, "Joint operation Cray");
  ASSERT_TRUE(asked.is_ok()) << asked.status().message();
  auto decided = decide_access_request(t.app(), t.as(mps_bcu), asked->id, AccessRequestStatus::kApproved, "For Op Cray");
  ASSERT_TRUE(decided.is_ok()) << decided.status().message();
  auto opened = open_intelligence(t.app(), t.as(btp_analyst), own->id);
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  EXPECT_EQ(opened->record.marking.shared_with, (std::vector<std::string>{"BTP"}));
}

// The home page's one request: the signals of each threat at the top of the reader's list,
// exactly those signals_on gives, with the access requests to decide and the reader's own.
TEST_F(LondonRegion, RecentSignalsAreEachListedThreatsSignalsWithTheAccessDecisions) {
  const User btp_analyst = t.user("btp.analyst", "BTP", {Role::kAnalyst});
  auto threat = [&](const std::string& name, SharingScope scope) {
    Threat d;
    d.name = name;
    d.primary_crime_type = "Drug supply";
    d.marking = marking("MPS", scope);
    auto made = create_threat(t.app(), t.as(mps_bcu), d);
    EXPECT_TRUE(made.is_ok()) << made.status().message();
    return *made;
  };
  auto held = [&](const Threat& on, const std::string& title, SharingScope scope) {
    auto r = submit_intelligence(t.app(), t.as(mps_bcu), report(title, SourceType::kPolice, marking("MPS", scope)));
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_TRUE(link_records(t.app(), t.as(mps_bcu), {0, {RecordKind::kIntelligence, r->id}, {RecordKind::kThreat, on.id},
                                                      "about", r->reference, "2026-06-02"}).is_ok());
    return *r;
  };
  const Threat kestrel = threat("OCG Kestrel", SharingScope::kRegion);
  const Threat hidden = threat("OCG Hidden", SharingScope::kOwnerOnly);
  const IntelligenceReport first = held(kestrel, "Kestrel at the depot", SharingScope::kOwnerOnly);
  held(kestrel, "Kestrel's courier", SharingScope::kOwnerOnly);
  held(kestrel, "Kestrel in the open", SharingScope::kRegion);  // BTP reads it: not a signal
  held(hidden, "On a threat BTP cannot see", SharingScope::kOwnerOnly);  // nothing BTP reads is beside it

  // The oracle: signals_on for each threat of the reader's list, top ten.
  auto expected = [&](const User& u) {
    ThreatQuery top;
    top.page = {10, 0};
    int64_t n = 0;
    const auto page = list_threats(t.app(), t.as(u), top);  // held: a range-for over ->items of a temporary dangles
    for (const auto& th : page->items) n += static_cast<int64_t>(signals_on(t.app(), t.as(u), {RecordKind::kThreat, th.id})->size());
    return n;
  };
  auto recent = recent_signals(t.app(), t.as(btp_analyst));
  ASSERT_TRUE(recent.is_ok()) << recent.status().message();
  EXPECT_EQ(recent->signal_count, 2);
  EXPECT_EQ(recent->signal_count, expected(btp_analyst));
  ASSERT_EQ(recent->signals.size(), 2u);
  for (const auto& s : recent->signals) {
    EXPECT_EQ(s.threat.id, kestrel.id);
    EXPECT_EQ(s.signal.holder_agency, "MPS");
  }
  auto one = recent_signals(t.app(), t.as(btp_analyst), 1);
  EXPECT_EQ(one->signals.size(), 1u);
  EXPECT_EQ(one->signal_count, 2);  // the count is of all, not of those listed
  EXPECT_EQ(recent_signals(t.app(), t.as(btp_analyst), 0).status().field(), "limit");
  EXPECT_EQ(recent_signals(t.app(), t.as(mps_bcu))->signal_count, 0);  // the holder reads its own

  // A request for access: the reader's own, waiting; the holder's to decide.
  auto asked = request_access(t.app(), t.as(btp_analyst), {RecordKind::kIntelligence, first.id}, "Joint operation Kestrel");
  ASSERT_TRUE(asked.is_ok()) << asked.status().message();
  recent = recent_signals(t.app(), t.as(btp_analyst));
  EXPECT_EQ(recent->mine_count, 1);
  EXPECT_EQ(recent->mine_pending, 1);
  EXPECT_EQ(recent->to_decide_count, 0);  // their own is not theirs to decide
  auto holder = recent_signals(t.app(), t.as(mps_bcu));
  ASSERT_EQ(holder->to_decide_count, 1);
  EXPECT_EQ(holder->to_decide.front().id, asked->id);
  ASSERT_TRUE(decide_access_request(t.app(), t.as(mps_bcu), asked->id, AccessRequestStatus::kApproved, "For Op Kestrel").is_ok());
  EXPECT_EQ(recent_signals(t.app(), t.as(mps_bcu))->to_decide_count, 0);
  recent = recent_signals(t.app(), t.as(btp_analyst));
  EXPECT_EQ(recent->mine_pending, 0);
  ASSERT_EQ(recent->mine.size(), 1u);
  EXPECT_EQ(recent->mine.front().status, AccessRequestStatus::kApproved);
  EXPECT_EQ(recent->signal_count, 1);  // the shared report is read now, no longer signalled
  // The holder stops signalling: nothing is said of what it holds.
  ASSERT_TRUE(set_signal_rule(t.app(), t.as(mps_admin), "MPS", SignalAudience::kNone).is_ok());
  EXPECT_EQ(recent_signals(t.app(), t.as(btp_analyst))->signal_count, 0);
  EXPECT_EQ(expected(btp_analyst), 0);
}

TEST_F(LondonRegion, DisseminationStaysWithinTheGrading) {
  const User mps_analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  Marking m = marking("MPS", SharingScope::kOwnerOnly);
  m.handling = HandlingCode::kC;
  m.handling_conditions = "Not to be used in evidence";
  auto r = submit_intelligence(t.app(), t.as(mps_analyst), report("Cash courier pattern", SourceType::kPolice, m));
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(open_intelligence(t.app(), t.as(hmrc), r->id).status().code(), Code::kNotFound);
  EXPECT_EQ(disseminate(t.app(), t.as(hmrc), r->id, {0, 0, "HMRC"}).status().code(), Code::kNotFound);
  EXPECT_EQ(disseminate(t.app(), t.as(mps_analyst), r->id, {0, 0, "NOPE"}).status().code(), Code::kInvalidArgument);
  auto sent = disseminate(t.app(), t.as(mps_analyst), r->id, {0, 0, "HMRC", 0, 0, 0, "For Op Ledger"});
  ASSERT_TRUE(sent.is_ok()) << sent.status().message();
  EXPECT_EQ(sent->note, "Handling conditions: Not to be used in evidence\nFor Op Ledger");
  auto opened = open_intelligence(t.app(), t.as(hmrc), r->id);
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  EXPECT_EQ(disseminations_of(t.app(), t.as(mps_analyst), r->id)->size(), 1u);
  // SIU material is never disseminated: it is released sanitised.
  consolidate();
  auto chis = submit_intelligence(t.app(), t.as(mps_siu), report("CHIS product", SourceType::kChis, marking("MPS")));
  ASSERT_TRUE(chis.is_ok());
  EXPECT_EQ(disseminate(t.app(), t.as(mps_siu, "send"), chis->id, {0, 0, "BTP"}).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace rocta
