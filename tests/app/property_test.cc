// Property test: generated users and records, the policy function as the oracle. Every
// list, search, count and direct read must return exactly what can() allows: nothing
// more, nothing less.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "app/intelligence.h"
#include "app/sharing.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/user_repository.h"
#include "support/generated.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::Gen;
using testing::random_marking;
using testing::TestApp;

const std::vector<std::string>& kAgencies = testing::kGeneratedAgencies;
const std::vector<std::string>& kCompartments = testing::kGeneratedCompartments;
const std::vector<std::string> kWords{"alpha", "bravo", "charlie"};

template <typename Record, typename Query, typename ListFn>
std::set<int64_t> listed(App& app, const Caller& c, Query q, ListFn list, int64_t& total) {
  std::set<int64_t> ids;
  q.page.limit = 37;  // an odd page size, so paging boundaries are exercised
  for (q.page.offset = 0;; q.page.offset += q.page.limit) {
    auto page = list(app, c, q);
    EXPECT_TRUE(page.is_ok()) << page.status().message();
    if (!page.is_ok()) break;
    total = page->total;
    for (const auto& r : page->items) EXPECT_TRUE(ids.insert(r.id).second) << "record listed twice: " << r.id;
    if (q.page.offset + q.page.limit >= page->total) break;
  }
  return ids;
}

TEST(PolicyProperty, ListsSearchesCountsAndReadsReturnExactlyWhatCanAllows) {
  TestApp t;
  Gen g(20221130);
  std::vector<Threat> threats;
  std::vector<Nominal> nominals;
  {
    auto tx = t.store().begin(TxMode::kWrite);
    ASSERT_TRUE(tx.is_ok());
    const Caller sys = system_caller("test");
    for (int i = 0; i < 160; ++i) {
      Threat th;
      th.name = "Threat " + g.pick(kWords) + " " + std::to_string(i);
      th.marking = random_marking(g);
      auto r = create_threat_in(**tx, t.app(), sys, th);
      ASSERT_TRUE(r.is_ok()) << r.status().message();
      threats.push_back(*r);
    }
    for (int i = 0; i < 80; ++i) {
      Nominal n;
      n.surname = g.pick(kWords) + "son";
      n.marking = random_marking(g);
      auto r = create_nominal_in(**tx, t.app(), sys, n);
      ASSERT_TRUE(r.is_ok()) << r.status().message();
      nominals.push_back(*r);
    }
    ASSERT_TRUE((*tx)->commit().is_ok());
  }
  const std::vector<Role> police_roles{Role::kFrontlineOfficer, Role::kAnalyst, Role::kSiuOfficer, Role::kRoctaAnalyst,
                                       Role::kAssessor, Role::kInspector, Role::kAdministrator, Role::kScpoOfficer};
  int checked_users = 0;
  size_t nonempty = 0;
  for (int u = 0; u < 24; ++u) {
    const std::string agency = g.pick(kAgencies);
    std::vector<Role> roles{agency == "HMRC" ? Role::kPartner : g.pick(police_roles)};
    if (agency != "HMRC" && g.chance(30)) roles.push_back(g.pick(police_roles));
    std::vector<std::string> compartments;
    for (const auto& c : kCompartments)
      if (g.chance(30)) compartments.push_back(c);
    const User user = t.user("user" + std::to_string(u), agency, roles, static_cast<Classification>(g.below(3)), compartments);
    const Caller caller = t.as(user, "property test");

    // Threats: every page, and a search, and a filter.
    std::set<int64_t> expected, expected_bravo, expected_btp_owned;
    for (const auto& th : threats)
      if (can(user, Action::kRead, RecordKind::kThreat, th.marking)) {
        expected.insert(th.id);
        if (th.name.find("bravo") != std::string::npos) expected_bravo.insert(th.id);
        if (th.marking.owning_agency == "BTP") expected_btp_owned.insert(th.id);
      }
    int64_t total = -1;
    EXPECT_EQ((listed<Threat>(t.app(), caller, ThreatQuery{}, list_threats, total)), expected) << user.username;
    EXPECT_EQ(total, static_cast<int64_t>(expected.size()));
    ThreatQuery search;
    search.text = "bravo";
    EXPECT_EQ((listed<Threat>(t.app(), caller, search, list_threats, total)), expected_bravo);
    EXPECT_EQ(total, static_cast<int64_t>(expected_bravo.size()));
    ThreatQuery by_owner;
    by_owner.owning_agency = "BTP";
    EXPECT_EQ((listed<Threat>(t.app(), caller, by_owner, list_threats, total)), expected_btp_owned);

    // Nominals: the same rule on another table.
    std::set<int64_t> expected_nominals;
    for (const auto& n : nominals)
      if (can(user, Action::kRead, RecordKind::kNominal, n.marking)) expected_nominals.insert(n.id);
    EXPECT_EQ((listed<Nominal>(t.app(), caller, NominalQuery{}, list_nominals, total)), expected_nominals);

    // Direct reads: found exactly when allowed.
    for (const auto& th : threats) {
      auto opened = open_threat(t.app(), caller, th.id);
      EXPECT_EQ(opened.is_ok(), expected.count(th.id) == 1) << user.username << " threat " << th.id;
      if (!opened.is_ok()) {
        EXPECT_EQ(opened.status().code(), Code::kNotFound);
      }
    }
    nonempty += !expected.empty();
    ++checked_users;
  }
  EXPECT_EQ(checked_users, 24);
  EXPECT_GT(nonempty, 12u);  // the generator gives most users something to see
}

// Sharing agreements, searches of intelligence, signals and disseminations over generated
// agreements, users and records: every search returns exactly what can() allows (with the
// agreements), a signal names only a record the reader may not read and that the holder's
// rule lets be signalled, and after a dissemination the receiving agency reads exactly
// what can() allows.
TEST(PolicyProperty, AgreementsSearchSignalsAndDisseminationsFollowThePolicy) {
  TestApp t;
  Gen g(20261130);
  const Caller sys = system_caller("test");
  for (const auto& giver : kAgencies)
    for (const auto& receiver : kAgencies)
      if (giver != receiver && g.chance(25)) {
        SharingAgreement a;
        a.giver = giver;
        a.receiver = receiver;
        a.max_classification = static_cast<Classification>(g.below(3));
        a.min_scope = static_cast<SharingScope>(1 + g.below(3));
        a.purpose = "Generated agreement " + giver + " to " + receiver;
        a.signals = g.chance(50);
        a.active = g.chance(80);
        ASSERT_TRUE(make_agreement(t.app(), sys, a).is_ok());
      }
  const std::vector<SignalAudience> audiences{SignalAudience::kNone, SignalAudience::kAgreements, SignalAudience::kRegion,
                                              SignalAudience::kNational};
  std::map<std::string, SignalAudience> rules;
  for (const auto& holder : kAgencies) {
    rules[holder] = g.pick(audiences);
    ASSERT_TRUE(set_signal_rule(t.app(), sys, holder, rules[holder]).is_ok());
  }
  std::vector<IntelligenceReport> reports;
  Nominal subject;
  subject.surname = "Subject";
  subject.marking = testing::marking("MPS", SharingScope::kNational);
  auto nominal = create_nominal(t.app(), sys, subject);
  ASSERT_TRUE(nominal.is_ok());
  for (int i = 0; i < 120; ++i) {
    IntelligenceReport r;
    r.title = "Report " + g.pick(kWords) + " " + std::to_string(i);
    r.body = "Generated body " + g.pick(kWords);
    r.marking = random_marking(g);
    auto made = submit_intelligence(t.app(), sys, r);
    ASSERT_TRUE(made.is_ok()) << made.status().message();
    reports.push_back(*made);
    if (i % 3 == 0)
      ASSERT_TRUE(link_records(t.app(), sys, {0, {RecordKind::kIntelligence, made->id}, {RecordKind::kNominal, nominal->id},
                                              "subject", made->reference, "2026-06-01"}).is_ok());
  }
  const std::vector<Role> roles{Role::kAnalyst, Role::kRoctaAnalyst, Role::kSiuOfficer, Role::kFrontlineOfficer};
  for (int u = 0; u < 20; ++u) {
    const std::string agency = g.pick(kAgencies);
    std::vector<std::string> compartments;
    for (const auto& c : kCompartments)
      if (g.chance(30)) compartments.push_back(c);
    const User made = t.user("puser" + std::to_string(u), agency, {agency == "HMRC" ? Role::kPartner : g.pick(roles)},
                             static_cast<Classification>(g.below(3)), compartments);
    auto tx = t.store().begin(TxMode::kRead);
    const User user = (*tx)->users().get(made.id)->user;  // read as every request reads it: with its grants
    tx->reset();
    const Caller caller = t.as(user, "property test");
    std::set<int64_t> expected, expected_bravo;
    for (const auto& r : reports)
      if (can(user, Action::kRead, RecordKind::kIntelligence, r.marking)) {
        expected.insert(r.id);
        if (r.title.find("bravo") != std::string::npos || r.body.find("bravo") != std::string::npos) expected_bravo.insert(r.id);
      }
    int64_t total = -1;
    EXPECT_EQ((listed<IntelligenceReport>(t.app(), caller, IntelligenceQuery{}, list_intelligence, total)), expected)
        << user.username;
    IntelligenceQuery search;
    search.text = "bravo";
    EXPECT_EQ((listed<IntelligenceReport>(t.app(), caller, search, list_intelligence, total)), expected_bravo) << user.username;

    // Signals on the shared subject: exactly the linked reports the reader may not read
    // and whose holder's rule (or an agreement) allows signalling.
    auto signals = signals_on(t.app(), caller, {RecordKind::kNominal, nominal->id});
    if (!can(user, Action::kRead, RecordKind::kNominal, nominal->marking)) {
      EXPECT_EQ(signals.status().code(), Code::kNotFound);
      continue;
    }
    ASSERT_TRUE(signals.is_ok()) << signals.status().message();
    std::set<int64_t> signalled, expected_signals;
    for (const auto& s : *signals) signalled.insert(s.record_id);
    const ReadScope scope = read_scope(user);
    for (size_t i = 0; i < reports.size(); i += 3)
      if (may_signal(scope, reports[i].marking, rules[reports[i].marking.owning_agency]))
        expected_signals.insert(reports[i].id);
    EXPECT_EQ(signalled, expected_signals) << user.username;
    for (int64_t id : signalled) EXPECT_EQ(expected.count(id), 0u) << "signalled what the reader reads: " << id;
  }

  // Disseminations: the receiving agency reads a report after it exactly when can() says.
  for (int i = 0; i < 20; ++i) {
    const auto& r = g.pick(reports);
    if (!r.marking.compartment.empty()) continue;
    const std::string to = g.pick(kAgencies);
    const User writer = t.user("writer" + std::to_string(i), r.marking.owning_agency,
                               {r.marking.owning_agency == "HMRC" ? Role::kPartner : Role::kAnalyst}, Classification::kTopSecret);
    auto sent = disseminate(t.app(), t.as(writer, "disseminate"), r.id, {0, 0, to});
    if (!sent.is_ok()) continue;  // refused: the owner, or a write the writer may not make
    const User reader = t.user("reader" + std::to_string(i), to, {to == "HMRC" ? Role::kPartner : Role::kAnalyst},
                               Classification::kTopSecret);
    auto tx = t.store().begin(TxMode::kRead);
    const User with_grants = (*tx)->users().get(reader.id)->user;
    auto now = (*tx)->intelligence().scan(r.id - 1, 1);
    tx->reset();
    ASSERT_TRUE(now.is_ok() && !now->empty());
    const bool allowed = can(with_grants, Action::kRead, RecordKind::kIntelligence, now->front().marking);
    EXPECT_EQ(open_intelligence(t.app(), t.as(with_grants, "read"), r.id).is_ok(), allowed);
    EXPECT_TRUE(allowed) << "a disseminated report is readable by its receiver's analysts";
  }
}

}  // namespace
}  // namespace rocta
