// Use cases end to end over a real store (SQLite; PostgreSQL for the "pg." tests): who sees what, purposes, audit, imports.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/audit_group.h"
#include "app/audit_log.h"
#include "app/disruptions.h"
#include "app/intelligence.h"
#include "app/session.h"
#include "app/transfer.h"
#include "demo/demo_region.h"
#include "store/agency_repository.h"
#include "store/audit_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/unit_repository.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::marking;
using testing::TestApp;

class AppTest : public ::testing::Test {
 protected:
  TestApp t;
  User mps_analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  User btp_analyst = t.user("btp.analyst", "BTP", {Role::kAnalyst});
  User mps_siu = t.user("mps.siu", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
};

TEST_F(AppTest, BtpAnalystSeesOwnAndSharedButNotMpsOwnerOnly) {
  const Threat btp_own = t.threat(btp_analyst, marking("BTP", SharingScope::kOwnerOnly), "BTP own");
  const Threat mps_region = t.threat(mps_analyst, marking("MPS", SharingScope::kRegion), "MPS region");
  const Threat mps_named = t.threat(mps_analyst, marking("MPS", SharingScope::kNamed, Classification::kOfficial, "", {"BTP"}), "MPS named");
  const Threat mps_owner = t.threat(mps_analyst, marking("MPS", SharingScope::kOwnerOnly), "MPS owner only");

  auto page = list_threats(t.app(), t.as(btp_analyst), {});
  ASSERT_TRUE(page.is_ok()) << page.status().message();
  std::set<int64_t> ids;
  for (const auto& th : page->items) ids.insert(th.id);
  EXPECT_EQ(ids, (std::set<int64_t>{btp_own.id, mps_region.id, mps_named.id}));
  EXPECT_EQ(page->total, 3);

  auto direct = open_threat(t.app(), t.as(btp_analyst), mps_owner.id);
  ASSERT_FALSE(direct.is_ok());
  EXPECT_EQ(direct.status().code(), Code::kNotFound);
  // …and exactly the answer for an id that does not exist at all.
  EXPECT_EQ(open_threat(t.app(), t.as(btp_analyst), 999999).status().message(),
            "threat 999999 not found");
  EXPECT_EQ(direct.status().message(), "threat " + std::to_string(mps_owner.id) + " not found");
}

TEST_F(AppTest, ReadersOwnAgencyComesFirstInTheList) {
  const Threat btp_region = t.threat(btp_analyst, marking("BTP", SharingScope::kRegion), "BTP region");
  const Threat mps_own = t.threat(mps_analyst, marking("MPS", SharingScope::kRegion), "MPS own");
  auto for_mps = list_threats(t.app(), t.as(mps_analyst), {});
  auto for_btp = list_threats(t.app(), t.as(btp_analyst), {});
  ASSERT_TRUE(for_mps.is_ok() && for_btp.is_ok());
  ASSERT_EQ(for_mps->items.size(), 2u);
  EXPECT_EQ(for_mps->items[0].id, mps_own.id);  // though "BTP-…" sorts before "MPS-…"
  EXPECT_EQ(for_btp->items[0].id, btp_region.id);
}

TEST_F(AppTest, SiuOfficerSeesCompartmentMaterialThatBcuAnalystCannot) {
  IntelligenceReport r;
  r.title = "CHIS reporting";
  r.body = "Sensitive";
  r.source_evaluation = 1;
  r.intelligence_assessment = 'B';
  r.marking = marking("MPS", SharingScope::kOwnerOnly, Classification::kSecret, "MPS-SIU");
  // Only SIU officers write into the compartment.
  EXPECT_EQ(submit_intelligence(t.app(), t.as(mps_analyst), r).status().code(), Code::kPermissionDenied);
  auto created = submit_intelligence(t.app(), t.as(mps_siu), r);
  ASSERT_TRUE(created.is_ok()) << created.status().message();

  EXPECT_EQ(list_intelligence(t.app(), t.as(mps_analyst), {})->total, 0);
  EXPECT_EQ(open_intelligence(t.app(), t.as(mps_analyst, "checking"), created->id).status().code(), Code::kNotFound);
  EXPECT_EQ(list_intelligence(t.app(), t.as(mps_siu), {})->total, 1);
  EXPECT_TRUE(open_intelligence(t.app(), t.as(mps_siu, "review"), created->id).is_ok());
}

TEST_F(AppTest, OpeningSecretNeedsAPurposeAndIsAudited) {
  const Threat secret = t.threat(mps_analyst, marking("MPS", SharingScope::kOwnerOnly, Classification::kSecret), "Secret one");
  auto no_purpose = open_threat(t.app(), t.as(mps_analyst), secret.id);
  ASSERT_FALSE(no_purpose.is_ok());
  EXPECT_EQ(no_purpose.status().reason(), "purpose-required");
  ASSERT_TRUE(open_threat(t.app(), t.as(mps_analyst, "Tasking meeting 14 June"), secret.id).is_ok());

  auto tx = t.store().begin(TxMode::kRead);
  auto last = (*tx)->audit().last();
  ASSERT_TRUE(last.is_ok() && *last);
  EXPECT_EQ((*last)->action, "threat.read");
  EXPECT_EQ((*last)->record_id, secret.id);
  EXPECT_EQ((*last)->purpose, "Tasking meeting 14 June");
  EXPECT_EQ((*last)->actor, "mps.analyst");
}

TEST_F(AppTest, OfficialSensitiveReadIsAuditedWithoutPurposeAndPlainOfficialIsNot) {
  const Threat os = t.threat(mps_analyst, marking("MPS", SharingScope::kRegion, Classification::kOfficial, "", {}, true));
  const Threat plain = t.threat(mps_analyst, marking("MPS"));
  auto count = [&] { return (*(*t.store().begin(TxMode::kRead))->audit().last())->seq; };
  const int64_t before = count();
  ASSERT_TRUE(open_threat(t.app(), t.as(btp_analyst), plain.id).is_ok());
  EXPECT_EQ(count(), before);
  ASSERT_TRUE(open_threat(t.app(), t.as(btp_analyst), os.id).is_ok());
  EXPECT_EQ(count(), before + 1);
}

TEST_F(AppTest, EveryChangeIsAuditedAndTheChainVerifies) {
  Threat th = t.threat(mps_analyst, marking("MPS"));
  ASSERT_TRUE(update_threat(t.app(), t.as(mps_analyst), th.id, th.version, [](Threat& x) {
                x.phase = "Dormant";
                return Status::ok();
              }).is_ok());
  auto report = verify_audit_chain(t.app());
  ASSERT_TRUE(report.is_ok());
  EXPECT_FALSE(report->broken);
  auto tx = t.store().begin(TxMode::kRead);
  auto events = (*tx)->audit().scan(1, 1000);
  std::set<std::string> actions;
  for (const auto& e : *events) actions.insert(e.action);
  for (const char* a : {"reference.load", "unit.create", "user.create", "threat.create", "threat.update"})
    EXPECT_TRUE(actions.count(a)) << a;
  EXPECT_EQ(report->events, static_cast<int64_t>(events->size()));
}

TEST_F(AppTest, StaleUpdateIsAConflictAndNothingIsLost) {
  Threat th = t.threat(mps_analyst, marking("MPS"));
  auto first = update_threat(t.app(), t.as(mps_analyst), th.id, 1, [](Threat& x) { x.name = "First"; return Status::ok(); });
  ASSERT_TRUE(first.is_ok());
  auto second = update_threat(t.app(), t.as(mps_analyst), th.id, 1, [](Threat& x) { x.name = "Second"; return Status::ok(); });
  EXPECT_EQ(second.status().code(), Code::kConflict);
  EXPECT_EQ(open_threat(t.app(), t.as(mps_analyst), th.id)->record.name, "First");
}

TEST_F(AppTest, NobodyRaisesAMarkingOutOfTheirOwnReach) {
  Threat th = t.threat(mps_analyst, marking("MPS"));
  auto r = update_threat(t.app(), t.as(mps_analyst), th.id, 1, [](Threat& x) {
    x.marking.compartment = "MPS-SIU";
    return Status::ok();
  });
  EXPECT_EQ(r.status().code(), Code::kPermissionDenied);
  auto moved = update_threat(t.app(), t.as(mps_analyst), th.id, 1, [](Threat& x) {
    x.marking.owning_agency = "BTP";
    return Status::ok();
  });
  EXPECT_EQ(moved.status().code(), Code::kInvalidArgument);
}

TEST_F(AppTest, ReaderWhoIsNotOwnerGetsForbiddenOnUpdateNotNotFound) {
  Threat th = t.threat(mps_analyst, marking("MPS"));
  auto r = update_threat(t.app(), t.as(btp_analyst), th.id, 1, [](Threat&) { return Status::ok(); });
  EXPECT_EQ(r.status().code(), Code::kPermissionDenied);  // BTP may see it: 403 confirms nothing new
}

TEST_F(AppTest, ImportIsAllOrNothingOnBadRowAndIdempotent) {
  auto item = [](const std::string& ref, const std::string& name) {
    Threat th;
    th.reference = ref;
    th.name = name;
    th.marking = marking("MPS");
    return ImportItem{"f.jsonl:" + ref, th};
  };
  std::vector<ImportItem> items{item("MPS-X-1", "One"), item("MPS-X-2", ""), item("MPS-X-3", "Three")};
  auto bad = import_records(t.app(), t.as(mps_analyst), items);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("f.jsonl:MPS-X-2"), std::string::npos);
  EXPECT_EQ(list_threats(t.app(), t.as(mps_analyst), {})->total, 0);

  items[1] = item("MPS-X-2", "Two");
  auto good = import_records(t.app(), t.as(mps_analyst), items);
  ASSERT_TRUE(good.is_ok()) << good.status().message();
  EXPECT_EQ(good->created, 3);
  auto again = import_records(t.app(), t.as(mps_analyst), items);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(list_threats(t.app(), t.as(mps_analyst), {})->total, 3);
}

TEST_F(AppTest, ExportNeedsAPurposeAndHoldsOnlyWhatTheUserMaySee) {
  t.threat(mps_analyst, marking("MPS", SharingScope::kOwnerOnly));
  t.threat(mps_analyst, marking("MPS", SharingScope::kRegion));
  EXPECT_EQ(export_visible(t.app(), t.as(btp_analyst)).status().reason(), "purpose-required");
  auto b = export_visible(t.app(), t.as(btp_analyst, "regional assessment"));
  ASSERT_TRUE(b.is_ok());
  EXPECT_EQ(b->threats.size(), 1u);
}

TEST_F(AppTest, LogInThrottlesRepeatedFailuresAndTokensWork) {
  for (int i = 0; i < LoginThrottle::kFreeFailures; ++i)
    EXPECT_EQ(log_in(t.app(), "btp.analyst", "wrong-password-x", "10.0.0.9").status().code(), Code::kUnauthenticated);
  auto locked = log_in(t.app(), "btp.analyst", "correct-horse-battery", "10.0.0.9");
  EXPECT_EQ(locked.status().code(), Code::kResourceExhausted);
  EXPECT_GT(locked.status().retry_after_s(), 0);
  t.clock().now += LoginThrottle::kMaxLockoutMs + 1;
  auto grant = log_in(t.app(), "btp.analyst", "correct-horse-battery", "10.0.0.9");
  ASSERT_TRUE(grant.is_ok()) << grant.status().message();
  auto caller = authenticate(t.app(), grant->token, "10.0.0.9");
  ASSERT_TRUE(caller.is_ok());
  EXPECT_EQ(caller->user.username, "btp.analyst");
  ASSERT_TRUE(log_out(t.app(), *caller, grant->token).is_ok());
  EXPECT_EQ(authenticate(t.app(), grant->token, "x").status().code(), Code::kUnauthenticated);
}

TEST_F(AppTest, OnePersonMistypingDoesNotLockOutOthersAtTheSameAddress) {
  for (int i = 0; i < LoginThrottle::kFreeFailures + 1; ++i)
    (void)log_in(t.app(), "btp.analyst", "wrong-password-x", "192.0.2.1");
  EXPECT_EQ(log_in(t.app(), "btp.analyst", "correct-horse-battery", "192.0.2.1").status().code(), Code::kResourceExhausted);
  EXPECT_TRUE(log_in(t.app(), "mps.analyst", "correct-horse-battery", "192.0.2.1").is_ok());
}

// A fresh session must be visible on every pooled connection at once (a connection that
// kept an old snapshot used to answer 401 for a token issued a moment before).
TEST_F(AppTest, FreshTokenWorksOnEveryPooledConnectionAtOnce) {
  for (int round = 0; round < 5; ++round) {
    std::vector<std::thread> warm;
    for (int i = 0; i < 8; ++i) warm.emplace_back([&] { (void)list_threats(t.app(), t.as(mps_analyst), {}); });
    for (auto& w : warm) w.join();
    auto grant = log_in(t.app(), "mps.analyst", "correct-horse-battery", "x");
    ASSERT_TRUE(grant.is_ok());
    std::atomic<int> failures{0};
    std::vector<std::thread> callers;
    for (int i = 0; i < 8; ++i)
      callers.emplace_back([&] {
        if (!authenticate(t.app(), grant->token, "x").is_ok()) ++failures;
      });
    for (auto& c : callers) c.join();
    EXPECT_EQ(failures, 0) << "round " << round;
  }
}

TEST_F(AppTest, UnknownUserAndWrongPasswordLookTheSame) {
  auto unknown = log_in(t.app(), "nobody.here", "whatever-password", "1.1.1.1");
  auto wrong = log_in(t.app(), "mps.analyst", "whatever-password", "1.1.1.2");
  EXPECT_EQ(unknown.status().code(), wrong.status().code());
  EXPECT_EQ(unknown.status().message(), wrong.status().message());
}

TEST_F(AppTest, SessionsExpireAndDeactivationEndsThem) {
  auto grant = log_in(t.app(), "mps.analyst", "correct-horse-battery", "x");
  ASSERT_TRUE(grant.is_ok());
  User changed = mps_analyst;
  changed.active = false;
  ASSERT_TRUE(update_user(t.app(), system_caller(), changed).is_ok());
  EXPECT_EQ(authenticate(t.app(), grant->token, "x").status().code(), Code::kUnauthenticated);
  EXPECT_EQ(log_in(t.app(), "mps.analyst", "correct-horse-battery", "x").status().code(), Code::kUnauthenticated);

  auto other = log_in(t.app(), "btp.analyst", "correct-horse-battery", "x");
  ASSERT_TRUE(other.is_ok());
  t.clock().now += t.app().session_ttl_ms + 1;
  EXPECT_EQ(authenticate(t.app(), other->token, "x").status().code(), Code::kUnauthenticated);
}

TEST_F(AppTest, AdministratorsManageOnlyTheirOwnAgency) {
  const User admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  NewUser n;
  n.user.username = "btp.someone";
  n.user.display_name = "Someone";
  n.user.unit_id = t.unit("BTP");
  n.user.roles = {Role::kAnalyst};
  n.password = "long-enough-password";
  EXPECT_EQ(create_user(t.app(), t.as(admin), n).status().code(), Code::kPermissionDenied);
  n.user.unit_id = t.unit("MPS");
  n.user.username = "mps.someone";
  n.user.clearance = Classification::kTopSecret;
  EXPECT_EQ(create_user(t.app(), t.as(admin), n).status().code(), Code::kPermissionDenied);  // above own clearance
  n.user.clearance = Classification::kSecret;
  EXPECT_TRUE(create_user(t.app(), t.as(admin), n).is_ok());
  EXPECT_EQ(list_users(t.app(), t.as(mps_analyst), "", {}).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(get_user(t.app(), t.as(mps_analyst), btp_analyst.id).status().code(), Code::kNotFound);
}

TEST_F(AppTest, LinksShowOnlyWhatTheReaderMaySee) {
  const Threat th = t.threat(mps_analyst, marking("MPS"));
  Nominal visible, hidden;
  visible.surname = "Visible";
  visible.marking = marking("MPS");
  hidden.surname = "Hidden";
  hidden.marking = marking("MPS", SharingScope::kOwnerOnly);
  auto v = create_nominal(t.app(), t.as(mps_analyst), visible);
  auto h = create_nominal(t.app(), t.as(mps_analyst), hidden);
  ASSERT_TRUE(v.is_ok() && h.is_ok());
  for (int64_t id : {v->id, h->id}) {
    Link l;
    l.from = {RecordKind::kNominal, id};
    l.to = {RecordKind::kThreat, th.id};
    l.relation = "member";
    ASSERT_TRUE(link_records(t.app(), t.as(mps_analyst), l).is_ok());
  }
  EXPECT_EQ(open_threat(t.app(), t.as(mps_analyst), th.id)->links.size(), 2u);
  auto seen_by_btp = open_threat(t.app(), t.as(btp_analyst), th.id);
  ASSERT_TRUE(seen_by_btp.is_ok());
  ASSERT_EQ(seen_by_btp->links.size(), 1u);
  EXPECT_EQ(seen_by_btp->links[0].from.id, v->id);
  // BTP cannot link to what it cannot see: the hidden end is "not found".
  Link l;
  l.from = {RecordKind::kNominal, h->id};
  l.to = {RecordKind::kThreat, th.id};
  l.relation = "associate";
  EXPECT_EQ(link_records(t.app(), t.as(btp_analyst), l).status().code(), Code::kNotFound);
}

TEST(DemoRegion, LoadsOnceDeterministicallyWithTheNationalPicture) {
  TestApp t;
  auto first = demo::load_demo_region(t.app());
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  EXPECT_TRUE(first->loaded_now);
  auto again = demo::load_demo_region(t.app());
  ASSERT_TRUE(again.is_ok());
  EXPECT_FALSE(again->loaded_now);

  // The inspection's figures, counted from the records the demo wrote, with Appendix 2's
  // filters (tactical, moderated, SOC, tier 1-4, not closed), over every record.
  auto tx = t.store().begin(TxMode::kRead);
  ReadScope all;
  all.active = true;
  all.law_enforcement = true;
  all.max_classification = Classification::kTopSecret;
  all.need_to_know = true;
  all.compartments = {"LON-SIU"};  // the demo folds the three London SIUs into one
  int national = 0, mps = 0, btp = 0, btp_county_lines = 0;
  auto agencies = (*tx)->agencies().list();
  ASSERT_TRUE(agencies.is_ok());
  for (const auto& agency : *agencies) {
    all.agency = agency.code;
    all.region = agency.region;
    ThreatQuery q;
    q.owning_agency = agency.code;
    q.moderation = ModerationStatus::kModerated;
    q.include_closed = false;
    q.page.limit = 200;
    for (q.page.offset = 0;; q.page.offset += 200) {
      auto page = (*tx)->threats().list(all, q);
      ASSERT_TRUE(page.is_ok());
      for (const auto& th : page->items) {
        if (th.assessment_type != AssessmentType::kTactical || !th.soc || th.tier == 5) continue;
        ++national;
        if (agency.code == "MPS") ++mps;
        if (agency.code == "BTP") {
          ++btp;
          btp_county_lines += th.county_lines;
        }
      }
      if (q.page.offset + 200 >= page->total) break;
    }
  }
  EXPECT_EQ(mps, 266);
  EXPECT_EQ(btp, 22);
  EXPECT_EQ(btp_county_lines, 10);
  EXPECT_NEAR(100.0 * mps / national, 7.0, 0.05);

  // One London SIU serves the three forces; the old SIUs receive nothing.
  auto units = (*tx)->units().list("");
  ASSERT_TRUE(units.is_ok());
  for (const char* agency : {"MPS", "BTP", "COLP"}) {
    const Unit* siu = responsible_siu(*units, agency);
    ASSERT_NE(siu, nullptr) << agency;
    EXPECT_EQ(siu->name, "London Sensitive Intelligence Unit") << agency;
  }
}

}  // namespace
}  // namespace rocta

namespace rocta {
namespace {

// Writers and readers at once, more threads than the store has connections, threats and
// intelligence, two agencies' reference counters: nothing lost, no reference given twice,
// no busy errors, one unbroken audit chain.
TEST(Concurrency, ParallelWritersAndReadersLoseNothing) {
  testing::TestApp t;
  const User mps_writer = t.user("mps.writer", "MPS", {Role::kAnalyst});
  const User btp_writer = t.user("btp.writer", "BTP", {Role::kAnalyst});
  const User reader = t.user("btp.reader", "BTP", {Role::kAnalyst});
  constexpr int kThreads = 12, kEach = 12;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  std::mutex mu;
  std::set<std::string> references;
  auto remember = [&](const std::string& reference) {
    std::lock_guard lock(mu);
    references.insert(reference);
  };
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < kEach; ++k) {
        const std::string name = "Parallel " + std::to_string(i) + "-" + std::to_string(k);
        switch (i % 4) {
          case 0: {  // threats, by MPS and by BTP
            const User& writer = i % 8 == 0 ? mps_writer : btp_writer;
            Threat th;
            th.name = name;
            th.marking = testing::marking(writer.agency);
            auto r = create_threat(t.app(), t.as(writer), th);
            if (r.is_ok()) remember(r->reference);
            else ++failures;
            break;
          }
          case 1: {  // intelligence
            IntelligenceReport ir;
            ir.title = name;
            ir.body = "Seen together";
            ir.marking = testing::marking("MPS");
            auto r = submit_intelligence(t.app(), t.as(mps_writer), ir);
            if (r.is_ok()) remember(r->reference);
            else ++failures;
            break;
          }
          case 2: {
            ThreatQuery q;
            if (k % 2) q.text = "parallel";
            if (!list_threats(t.app(), t.as(reader), q).is_ok()) ++failures;
            break;
          }
          default: {
            IntelligenceQuery q;
            if (k % 2) q.text = "seen parallel";
            if (!list_intelligence(t.app(), t.as(reader), q).is_ok()) ++failures;
          }
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  constexpr int kThreatWriters = kThreads / 4, kIntelligenceWriters = kThreads / 4;
  EXPECT_EQ(references.size(), static_cast<size_t>((kThreatWriters + kIntelligenceWriters) * kEach));
  EXPECT_EQ(list_threats(t.app(), t.as(reader), {})->total, kThreatWriters * kEach);
  EXPECT_EQ(list_intelligence(t.app(), t.as(reader), {})->total, kIntelligenceWriters * kEach);
  EXPECT_FALSE(verify_audit_chain(t.app())->broken);
}

// Sixteen threads: threats, intelligence and disruptions (two agencies against the same
// shared threats, so their reference series and the daily and monthly counts are contended)
// written while others list, search and read the SOC figures. Every disruption recorded is
// counted once in the figures and in its threat's history; every snapshot of the figures
// adds up; references are never given twice; the audit chain holds.
TEST(Concurrency, DisruptionsAndFiguresUnderParallelWritersAndReaders) {
  testing::TestApp t;
  const User mps_writer = t.user("mps.writer", "MPS", {Role::kAnalyst});
  const User btp_writer = t.user("btp.writer", "BTP", {Role::kAnalyst});
  const User reader = t.user("btp.reader", "BTP", {Role::kAnalyst});
  std::vector<Threat> shared;
  for (int i = 0; i < 4; ++i)
    shared.push_back(t.threat(i % 2 ? btp_writer : mps_writer, marking(i % 2 ? "BTP" : "MPS"), "Shared " + std::to_string(i)));
  constexpr int kThreads = 16, kEach = 12;
  report::SocOptions year;
  year.year_ending = "2026-06-30";
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  std::mutex mu;
  std::set<std::string> references;
  std::map<std::string, std::map<std::string, int64_t>> recorded;  // agency → principal outcome → count
  std::vector<std::string> problems;
  auto remember = [&](const std::string& reference) {
    std::lock_guard lock(mu);
    if (!references.insert(reference).second) problems.push_back("reference given twice: " + reference);
  };
  auto fail = [&](const Status& s) {
    ++failures;
    std::lock_guard lock(mu);
    problems.push_back(s.message());
  };
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      std::map<std::string, int64_t> seen;  // agency → the last total this reader saw
      for (int k = 0; k < kEach; ++k) {
        const std::string name = "Parallel " + std::to_string(i) + "-" + std::to_string(k);
        switch (i % 8) {
          case 0: {  // threats
            Threat th;
            th.name = name;
            th.marking = marking(mps_writer.agency);
            auto r = create_threat(t.app(), t.as(mps_writer), th);
            if (r.is_ok()) remember(r->reference);
            else fail(r.status());
            break;
          }
          case 1: {  // intelligence
            IntelligenceReport ir;
            ir.title = name;
            ir.body = "Seen together";
            ir.marking = marking("MPS");
            auto r = submit_intelligence(t.app(), t.as(mps_writer), ir);
            if (r.is_ok()) remember(r->reference);
            else fail(r.status());
            break;
          }
          case 2:
          case 3:
          case 5: {  // disruptions by MPS and by BTP against the same threats
            const User& writer = i % 2 ? btp_writer : mps_writer;
            Disruption d;
            d.threat_id = shared[(i + k) % shared.size()].id;
            d.record_date = k % 3 ? "2026-06-01" : "2025-11-15";  // two months' counts
            d.category = ImpactCategory::kModerate;
            d.justification = "Line closed for three weeks";
            d.outcomes = k % 2 ? std::vector<FourP>{FourP::kPrepare} : std::vector<FourP>{FourP::kPursue};
            d.description = "Arrest " + name;
            auto r = record_disruption(t.app(), t.as(writer), d);
            if (!r.is_ok()) {
              fail(r.status());
              break;
            }
            remember(r->reference);
            std::lock_guard lock(mu);
            ++recorded[writer.agency][std::string(to_string(d.outcomes.front()))];
            break;
          }
          case 4: {
            ThreatQuery q;
            if (k % 2) q.text = "parallel";
            auto r = list_threats(t.app(), t.as(reader), q);
            if (!r.is_ok()) fail(r.status());
            break;
          }
          case 6: {
            IntelligenceQuery q;
            if (k % 2) q.text = "seen parallel";
            auto r = list_intelligence(t.app(), t.as(reader), q);
            if (!r.is_ok()) fail(r.status());
            break;
          }
          default: {  // the figures: each snapshot adds up, and no count ever goes back
            auto f = soc_figures(t.app(), t.as(reader), year);
            if (!f.is_ok()) {
              fail(f.status());
              break;
            }
            for (const auto& [agency, d] : f->disruptions) {
              int64_t by_4p = 0;
              for (const auto& [p, n] : d.by_4p) by_4p += n;
              std::lock_guard lock(mu);
              if (by_4p != d.total) problems.push_back(agency + ": the outcomes do not add up to the total");
              if (d.total < seen[agency]) problems.push_back(agency + ": the total went back");
              seen[agency] = d.total;
            }
          }
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_TRUE(problems.empty()) << problems.front();

  constexpr int kThreatWriters = 2, kIntelligenceWriters = 2, kDisruptionWriters = 6;
  EXPECT_EQ(references.size(), static_cast<size_t>((kThreatWriters + kIntelligenceWriters + kDisruptionWriters) * kEach));
  EXPECT_EQ(list_threats(t.app(), t.as(reader), {})->total, static_cast<int64_t>(shared.size()) + kThreatWriters * kEach);
  EXPECT_EQ(list_intelligence(t.app(), t.as(reader), {})->total, kIntelligenceWriters * kEach);

  // Every disruption once in its threat's history, and once in the figures by its principal outcome.
  size_t in_histories = 0;
  for (const auto& th : shared) {
    auto history = threat_disruptions(t.app(), t.as(reader), th.id);
    ASSERT_TRUE(history.is_ok()) << history.status().message();
    in_histories += history->size();
  }
  EXPECT_EQ(in_histories, static_cast<size_t>(kDisruptionWriters * kEach));
  auto f = soc_figures(t.app(), t.as(reader), year);
  ASSERT_TRUE(f.is_ok()) << f.status().message();
  int64_t total = 0;
  for (const auto& [agency, by_4p] : recorded) {
    const auto& d = f->disruptions.at(agency);
    int64_t n = 0;
    for (const auto& [p, count] : by_4p) {
      EXPECT_EQ(d.by_4p.at(p), count) << agency << " " << p;
      n += count;
    }
    EXPECT_EQ(d.total, n) << agency;
    total += d.total;
  }
  EXPECT_EQ(total, kDisruptionWriters * kEach);
  EXPECT_FALSE(verify_audit_chain(t.app())->broken);
}

}  // namespace
}  // namespace rocta

namespace rocta {
namespace {

// Reads' audit events share write transactions (group commit). A read is answered only once
// the transaction that carries its own event has committed; a group commits whole or not at
// all. Readers queue behind a held write transaction, one of them a reader whose event the
// database refuses: that reader is not answered, neither is anyone whose event shared its
// transaction, and every read that was answered has its event in an unbroken chain.
TEST(AuditGroupCommit, ReadsAreAnsweredOnlyOnceTheirSharedAuditTransactionCommits) {
  testing::TestApp t;
  const User owner = t.user("mps.owner", "MPS", {Role::kAnalyst});
  const Threat sensitive = t.threat(owner, testing::marking("MPS", SharingScope::kRegion, Classification::kOfficial, "", {}, true));
  constexpr int kReaders = 12;
  std::vector<User> readers;
  for (int i = 0; i < kReaders; ++i)
    readers.push_back(t.user(i == kReaders / 2 ? "refused.reader" : "reader." + std::to_string(i), "BTP", {Role::kAnalyst}));
  const bool postgres = t.db_url().starts_with("postgres");
  const std::string refuse =
      postgres ? "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.actor = 'refused.reader' "
                 "THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; CREATE TRIGGER refuse_audit BEFORE INSERT ON "
                 "audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()"
               : "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events WHEN NEW.actor = 'refused.reader' "
                 "BEGIN SELECT RAISE(ABORT, 'refused'); END";
  ASSERT_EQ(t.db().exec(refuse), "");

  std::vector<int> answered(kReaders, 0);
  std::vector<std::thread> threads;
  {
    // Everyone's event waits behind this writer, so the events queue together.
    auto held = t.store().begin(TxMode::kWrite);
    ASSERT_TRUE(held.is_ok());
    auto queued_until = [&](size_t n) {
      while (audit_events_waiting(t.app()) != n) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    };
    auto read = [&](int i) { answered[i] = open_threat(t.app(), t.as(readers[i]), sensitive.id).is_ok() ? 1 : 0; };
    threads.emplace_back(read, 0);  // first, so it leads a group of its own
    queued_until(1);
    for (int i = 1; i < kReaders; ++i) threads.emplace_back(read, i);
    queued_until(kReaders);
    ASSERT_TRUE((*held)->commit().is_ok());
  }
  for (auto& th : threads) th.join();

  int refused_with_others = 0;
  for (int i = 0; i < kReaders; ++i) {
    const std::string events = t.db().text("SELECT count(*) FROM audit_events WHERE action = 'threat.read' AND actor = '" +
                                           readers[i].username + "'");
    EXPECT_EQ(events, std::to_string(answered[i])) << readers[i].username;
    if (i != kReaders / 2 && !answered[i]) ++refused_with_others;
  }
  EXPECT_EQ(answered[kReaders / 2], 0);
  // The first in the queue commits alone (it led before the others arrived); the rest share
  // one transaction with the refused event.
  EXPECT_GE(refused_with_others, 1);
  EXPECT_FALSE(verify_audit_chain(t.app())->broken);
}

}  // namespace
}  // namespace rocta
