// Cross-agency linkage through app/: a run over the store's nominals, the review queue and
// its decisions across later runs, "known elsewhere" with signals, the lookup when a
// nominal is created, and a property test holding every match result to the policy.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/linkage.h"
#include "app/sharing.h"
#include "store/repository_transaction.h"
#include "support/generated.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::Gen;
using testing::marking;
using testing::TestApp;

const std::vector<std::string> kGiven{"Aaron", "Beatrice", "Callum", "Delroy", "Esther", "Fatima", "Gareth", "Hannah",
                                      "Imran", "Jasmine", "Kofi", "Lorna", "Marek", "Nadia", "Owen", "Priya"};
const std::vector<std::string> kSurnames{"Abbott", "Bakare", "Carrick", "Doyle", "Eze", "Forde", "Gill", "Hartley",
                                         "Iqbal", "Jankowski", "Keane", "Lindqvist", "Morrow", "Nwosu", "Oduya", "Pryce"};

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

Nominal person(const std::string& given, const std::string& surname, const std::string& dob, const std::string& postcode,
               Marking m) {
  Nominal n;
  n.given_names = given;
  n.surname = surname;
  n.date_of_birth = dob;
  n.postcode = postcode;
  n.address = postcode.empty() ? "" : "12 Canal Side, London";
  n.marking = std::move(m);
  return n;
}

// People the engine can learn from: strangers, and some recorded twice with the errors
// records carry (a typo, day and month swapped, a moved house). Returns the ids.
std::vector<Nominal> population(TestApp& t, Gen& g, int people, const std::function<Marking()>& marking_of) {
  std::vector<Nominal> made;
  auto tx = t.store().begin(TxMode::kWrite);
  EXPECT_TRUE(tx.is_ok());
  const Caller sys = system_caller("test");
  for (int i = 0; i < people; ++i) {
    const int day = 1 + g.below(28), month = 1 + g.below(12);
    Nominal n = person(g.pick(kGiven), g.pick(kSurnames), std::to_string(1960 + g.below(45)) + "-" + two(month) + "-" + two(day),
                       "E" + std::to_string(1 + g.below(20)) + " " + std::to_string(g.below(10)) + "AB", marking_of());
    auto r = create_nominal_in(**tx, t.app(), sys, n);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    made.push_back(*r);
    if (g.chance(30)) {
      Nominal copy = n;
      if (g.chance(40)) std::swap(copy.surname[1], copy.surname[2]);
      if (g.chance(30) && day <= 12) copy.date_of_birth = copy.date_of_birth.substr(0, 5) + two(day) + "-" + two(month);
      if (g.chance(40)) copy.postcode = "N" + std::to_string(1 + g.below(20)) + " 1ZZ";
      copy.marking = marking_of();
      auto c = create_nominal_in(**tx, t.app(), sys, copy);
      EXPECT_TRUE(c.is_ok()) << c.status().message();
      made.push_back(*c);
    }
  }
  EXPECT_TRUE((*tx)->commit().is_ok());
  return made;
}

NominalMatch match_between(TestApp& t, int64_t x, int64_t y) {
  auto tx = t.store().begin(TxMode::kRead);
  auto m = (*tx)->linkage().match_between(x, y);
  EXPECT_TRUE(m.is_ok()) << "no match between " << x << " and " << y << ": " << m.status().message();
  return m.is_ok() ? *m : NominalMatch{};
}

bool shows(const KnownElsewhere& k, int64_t id) {
  return std::any_of(k.shown.begin(), k.shown.end(), [&](const KnownNominal& s) { return s.nominal.id == id; });
}
bool signals(const KnownElsewhere& k, int64_t id) {
  return std::any_of(k.signalled.begin(), k.signalled.end(), [&](const Signal& s) { return s.record_id == id; });
}

class Linkage : public ::testing::Test {
 protected:
  void SetUp() override {
    mps = t.user("mps.analyst", "MPS", {Role::kAnalyst});
    btp = t.user("btp.analyst", "BTP", {Role::kAnalyst});
    nca = t.user("nca.analyst", "NCA", {Role::kAnalyst});
    hmrc = t.user("hmrc.partner", "HMRC", {Role::kPartner});
    regional = t.user("rocta.analyst", "MPS", {Role::kRoctaAnalyst});
    Gen g(7);
    const std::vector<std::string> london{"MPS", "BTP", "COLP"};
    population(t, g, 150, [&] { return marking(g.pick(london)); });
    const Caller sys = system_caller("test");
    // One man as three agencies recorded him.
    mps_james = *create_nominal(t.app(), sys, person("James", "Okonkwo-Reid", "1988-07-21", "E15 2AB", marking("MPS")));
    btp_jim = *create_nominal(t.app(), sys, person("Jim", "Okonkwo-Reid", "1988-07-21", "", marking("BTP")));
    nca_james = *create_nominal(t.app(), sys,
                                person("James", "Okonkwo Reid", "1988-07-21", "E15 2AB",
                                       marking("NCA", SharingScope::kOwnerOnly, Classification::kSecret)));
  }
  Result<MatchRun> run() { return run_matching(t.app(), t.as(regional)); }

  TestApp t;
  User mps, btp, nca, hmrc, regional;
  Nominal mps_james, btp_jim, nca_james;
};

TEST_F(Linkage, ARunJoinsOneManRecordedByThreeAgenciesAndShowsEachReaderOnlyWhatTheyMayRead) {
  EXPECT_EQ(run_matching(t.app(), t.as(mps)).status().code(), Code::kPermissionDenied);
  auto r = run();
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_GT(r->nominals, 150);
  EXPECT_GT(r->linked, 10);  // the population's copies
  EXPECT_TRUE(joins(match_between(t, mps_james.id, btp_jim.id).status));
  EXPECT_TRUE(joins(match_between(t, mps_james.id, nca_james.id).status));

  // The MPS analyst reads BTP's region-shared record, not the NCA's owner-only one; the
  // NCA signals only within its own region by default, so nothing is said of it.
  auto known = known_elsewhere(t.app(), t.as(mps), mps_james.id);
  ASSERT_TRUE(known.is_ok()) << known.status().message();
  EXPECT_TRUE(shows(*known, btp_jim.id));
  EXPECT_FALSE(shows(*known, nca_james.id));
  EXPECT_FALSE(signals(*known, nca_james.id));
  EXPECT_FALSE(request_access(t.app(), t.as(mps), {RecordKind::kNominal, nca_james.id}, "Same man as our nominal").is_ok());

  // Once the NCA signals nationally, the MPS analyst learns that the NCA knows him, and whom
  // to ask, never what the NCA holds.
  ASSERT_TRUE(set_signal_rule(t.app(), system_caller("test"), "NCA", SignalAudience::kNational).is_ok());
  known = known_elsewhere(t.app(), t.as(mps), mps_james.id);
  ASSERT_TRUE(known.is_ok());
  ASSERT_TRUE(signals(*known, nca_james.id));
  for (const auto& s : known->signalled) EXPECT_EQ(s.holder_agency, "NCA");
  auto asked = request_access(t.app(), t.as(mps), {RecordKind::kNominal, nca_james.id}, "Same man as our nominal");
  EXPECT_TRUE(asked.is_ok()) << asked.status().message();

  // The NCA analyst reads none of the London records: the match is not theirs to see.
  auto nca_view = known_elsewhere(t.app(), t.as(nca), nca_james.id);
  ASSERT_TRUE(nca_view.is_ok());
  EXPECT_TRUE(nca_view->shown.empty());
  // A partner agency without an agreement cannot even open the MPS nominal's matches.
  EXPECT_EQ(known_elsewhere(t.app(), t.as(hmrc), mps_james.id).status().code(), Code::kNotFound);
  // Nobody reads both ends of the MPS-NCA match: it is in no queue and opens for no one.
  const auto hidden = match_between(t, mps_james.id, nca_james.id);
  for (const User& u : {mps, nca, regional})
    EXPECT_EQ(open_match(t.app(), t.as(u), hidden.id).status().code(), Code::kNotFound) << u.username;
}

TEST_F(Linkage, DecisionsStandThroughLaterRunsAndAJoinCanBeUndone) {
  ASSERT_TRUE(run().is_ok());
  auto m = match_between(t, mps_james.id, btp_jim.id);
  ASSERT_TRUE(joins(m.status));
  auto view = open_match(t.app(), t.as(mps), m.id);
  ASSERT_TRUE(view.is_ok()) << view.status().message();
  EXPECT_EQ(view->a.id, mps_james.id);
  ASSERT_FALSE(view->explanation.fields.empty());
  EXPECT_NEAR(view->explanation.probability, m.probability, 0.05);

  // Separating needs a reason and the version read; a stale version is a conflict.
  EXPECT_EQ(decide_match(t.app(), t.as(mps), m.id, m.version, MatchDecision::kSeparate, "").status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(decide_match(t.app(), t.as(mps), m.id, m.version - 1, MatchDecision::kSeparate, "Different fathers named").status().code(),
            Code::kConflict);
  EXPECT_EQ(decide_match(t.app(), t.as(hmrc), m.id, m.version, MatchDecision::kSeparate, "Not the same").status().code(),
            Code::kPermissionDenied);
  auto separated = decide_match(t.app(), t.as(mps), m.id, m.version, MatchDecision::kSeparate, "Twins: checked with BTP");
  ASSERT_TRUE(separated.is_ok()) << separated.status().message();
  EXPECT_EQ(separated->status, MatchStatus::kSeparated);
  EXPECT_EQ(decide_match(t.app(), t.as(mps), m.id, separated->version, MatchDecision::kConfirm, "").status().code(),
            Code::kFailedPrecondition);

  // A later run finds the pair again and leaves the decision as it was.
  auto again = run();
  ASSERT_TRUE(again.is_ok());
  EXPECT_GE(again->kept_decisions, 1);
  EXPECT_EQ(match_between(t, mps_james.id, btp_jim.id).status, MatchStatus::kSeparated);
  auto known = known_elsewhere(t.app(), t.as(mps), mps_james.id);
  ASSERT_TRUE(known.is_ok());
  EXPECT_FALSE(shows(*known, btp_jim.id));
  // The separated pair is in the "separated" list for readers of both.
  MatchQueueQuery q;
  q.status = MatchStatus::kSeparated;
  auto list = match_queue(t.app(), t.as(btp), q);
  ASSERT_TRUE(list.is_ok());
  ASSERT_EQ(list->total, 1);
  EXPECT_EQ(list->items[0].match.decision_note, "Twins: checked with BTP");
}

TEST_F(Linkage, TheReviewQueueHoldsOnlyPairsTheReviewerReadsBothOf) {
  // An uncertain pair: same names, day and month swapped, nothing else in common.
  const Caller sys = system_caller("test");
  auto x = create_nominal(t.app(), sys, person("Hannah", "Lindqvist", "1991-04-09", "", marking("MPS")));
  auto y = create_nominal(t.app(), sys, person("Hannah", "Lindqvist", "1991-09-04", "", marking("COLP", SharingScope::kOwnerOnly)));
  ASSERT_TRUE(x.is_ok() && y.is_ok());
  ASSERT_TRUE(run().is_ok());
  const auto m = match_between(t, x->id, y->id);
  for (const User& u : {mps, btp, regional}) {
    MatchQueueQuery q;
    q.status = m.status;
    q.page.limit = 200;
    auto page = match_queue(t.app(), t.as(u), q);
    ASSERT_TRUE(page.is_ok());
    for (const auto& v : page->items) {
      EXPECT_NE(v.match.id, m.id) << u.username << " sees a pair with a COLP owner-only end";
      EXPECT_TRUE(can(u, Action::kRead, RecordKind::kNominal, v.a.marking));
      EXPECT_TRUE(can(u, Action::kRead, RecordKind::kNominal, v.b.marking));
    }
  }
  const User colp = t.user("colp.analyst", "COLP", {Role::kAnalyst});
  auto seen = open_match(t.app(), t.as(colp), m.id);
  ASSERT_TRUE(seen.is_ok()) << seen.status().message();
  EXPECT_EQ(seen->b.id, y->id);
  const User frontline = t.user("colp.frontline", "COLP", {Role::kFrontlineOfficer});
  EXPECT_EQ(open_match(t.app(), t.as(frontline), m.id).status().code(), Code::kPermissionDenied);
}

TEST_F(Linkage, RecordingANominalSaysAtOnceWhoElseKnowsThePerson) {
  ASSERT_TRUE(run().is_ok());
  EXPECT_EQ(find_matching_nominals(t.app(), t.as(btp), Nominal{}).status().code(), Code::kInvalidArgument);
  auto before = find_matching_nominals(t.app(), t.as(btp), person("James", "Okonkwo-Reid", "1988-07-21", "", {}));
  ASSERT_TRUE(before.is_ok());
  EXPECT_TRUE(shows(*before, mps_james.id));
  EXPECT_TRUE(shows(*before, btp_jim.id));

  auto created = create_nominal(t.app(), t.as(btp), person("Jimmy", "Okonkwo-Reid", "1988-07-21", "E15 2AB", marking("BTP")));
  ASSERT_TRUE(created.is_ok()) << created.status().message();
  auto known = match_new_nominal(t.app(), t.as(btp), *created);
  ASSERT_TRUE(known.is_ok()) << known.status().message();
  EXPECT_TRUE(shows(*known, mps_james.id));
  EXPECT_TRUE(shows(*known, btp_jim.id));
  EXPECT_FALSE(shows(*known, nca_james.id));
  // The lookup's finds are stored: the next reader of both sees the match, explained.
  const auto stored = match_between(t, created->id, mps_james.id);
  EXPECT_EQ(stored.found_by, "lookup");
  EXPECT_NE(stored.explanation.find("surname"), std::string::npos);
  // And a lookup answers for the new nominal too, without a new run.
  auto found = find_matching_nominals(t.app(), t.as(mps), person("Jimmy", "Okonkwo-Reid", "1988-07-21", "E15 2AB", {}));
  ASSERT_TRUE(found.is_ok());
  EXPECT_TRUE(shows(*found, created->id));
}

TEST_F(Linkage, AnAdministratorRulesOutAPlaceholderDateAndTheNextRunStopsJoiningStrangersOnIt) {
  const Caller sys = system_caller("test");
  auto x = create_nominal(t.app(), sys, person("Priya", "Gill", "1900-01-01", "E1 1AA", marking("MPS")));
  auto y = create_nominal(t.app(), sys, person("Priya", "Gill", "1900-01-01", "SE9 4ZZ", marking("BTP")));
  ASSERT_TRUE(x.is_ok() && y.is_ok());
  ASSERT_TRUE(run().is_ok());
  {
    auto tx = t.store().begin(TxMode::kRead);
    ASSERT_TRUE((*tx)->linkage().match_between(x->id, y->id).is_ok()) << "joined on the placeholder date";
  }
  const User admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
  MatchExclusion e{0, "dob", "01/01/1900", "Placeholder recorded when the date of birth is unknown", 0, 0};
  EXPECT_EQ(exclude_from_matching(t.app(), t.as(mps), e).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(exclude_from_matching(t.app(), t.as(admin), MatchExclusion{0, "phone", "0", "no such field here", 0, 0}).status().code(),
            Code::kInvalidArgument);
  EXPECT_EQ(exclude_from_matching(t.app(), t.as(admin), MatchExclusion{0, "dob", "1900-01-01", "", 0, 0}).status().code(),
            Code::kInvalidArgument);
  auto made = exclude_from_matching(t.app(), t.as(admin), e);
  ASSERT_TRUE(made.is_ok()) << made.status().message();
  EXPECT_EQ(exclude_from_matching(t.app(), t.as(admin), e).status().code(), Code::kAlreadyExists);
  auto list = match_exclusions(t.app(), t.as(mps));
  ASSERT_TRUE(list.is_ok());
  ASSERT_EQ(list->size(), 1u);

  auto again = run();
  ASSERT_TRUE(again.is_ok());
  EXPECT_GE(again->withdrawn, 1);
  {
    auto tx = t.store().begin(TxMode::kRead);
    EXPECT_EQ((*tx)->linkage().match_between(x->id, y->id).status().code(), Code::kNotFound);
  }
  // Taken off the list, the date is evidence again from the next run.
  ASSERT_TRUE(remove_match_exclusion(t.app(), t.as(admin), made->id).is_ok());
  ASSERT_TRUE(run().is_ok());
  auto tx = t.store().begin(TxMode::kRead);
  EXPECT_TRUE((*tx)->linkage().match_between(x->id, y->id).is_ok());
}

// Generated nominals, markings and users: every match result a caller gets (queue, open,
// known elsewhere, lookup) shows only nominals can() lets them read, signals only what
// may_signal allows, and leaves out nothing joined to what they read.
TEST(LinkageProperty, MatchResultsAndSignalsFollowThePolicy) {
  TestApp t;
  Gen g(20261201);
  const Caller sys = system_caller("test");
  const std::vector<SignalAudience> audiences{SignalAudience::kNone, SignalAudience::kAgreements, SignalAudience::kRegion,
                                              SignalAudience::kNational};
  std::map<std::string, SignalAudience> rules;
  for (const auto& holder : testing::kGeneratedAgencies) {
    rules[holder] = g.pick(audiences);
    ASSERT_TRUE(set_signal_rule(t.app(), sys, holder, rules[holder]).is_ok());
  }
  const auto nominals = population(t, g, 140, [&] { return testing::random_marking(g); });
  std::map<int64_t, Marking> marking_of;
  for (const auto& n : nominals) marking_of[n.id] = n.marking;
  auto ran = run_matching(t.app(), sys);
  ASSERT_TRUE(ran.is_ok()) << ran.status().message();
  ASSERT_GT(ran->linked + ran->review, 10);
  std::vector<NominalMatch> all;
  {
    auto tx = t.store().begin(TxMode::kRead);
    all = *(*tx)->linkage().all_matches();
  }
  const std::vector<Role> roles{Role::kAnalyst, Role::kRoctaAnalyst, Role::kSiuOfficer};
  size_t shown = 0, signalled = 0, queued_total = 0;  // the test must exercise each outcome
  for (int u = 0; u < 12; ++u) {
    const std::string agency = g.pick(testing::kGeneratedAgencies);
    std::vector<std::string> compartments;
    for (const auto& c : testing::kGeneratedCompartments)
      if (g.chance(30)) compartments.push_back(c);
    const User user = t.user("luser" + std::to_string(u), agency, {agency == "HMRC" ? Role::kPartner : g.pick(roles)},
                             static_cast<Classification>(g.below(3)), compartments);
    const ReadScope scope = read_scope(user);
    auto reads = [&](int64_t id) { return can(user, Action::kRead, RecordKind::kNominal, marking_of.at(id)); };
    auto check = [&](const KnownElsewhere& k, const std::string& where) {
      shown += k.shown.size();
      signalled += k.signalled.size();
      for (const auto& s : k.shown) EXPECT_TRUE(reads(s.nominal.id)) << where << ": shows " << s.nominal.id;
      for (const auto& s : k.signalled) {
        EXPECT_FALSE(reads(s.record_id)) << where << ": signals a record it could show";
        EXPECT_TRUE(may_signal(scope, marking_of.at(s.record_id), rules.at(s.holder_agency)))
            << where << ": signals " << s.record_id << " against " << s.holder_agency << "'s rule";
      }
    };
    // Queue and open: exactly the matches with both ends readable, for reviewers only.
    const bool reviewer = may_review_matches(user);
    std::set<int64_t> queued;
    for (MatchStatus st : {MatchStatus::kReview, MatchStatus::kLinked}) {
      MatchQueueQuery q;
      q.status = st;
      q.page.limit = 200;
      auto page = match_queue(t.app(), t.as(user), q);
      ASSERT_EQ(page.is_ok(), reviewer) << page.status().message();
      if (page.is_ok())
        for (const auto& v : page->items) queued.insert(v.match.id);
    }
    queued_total += queued.size();
    for (const auto& m : all) {
      const bool both = reviewer && reads(m.nominal_a) && reads(m.nominal_b);
      EXPECT_EQ(queued.contains(m.id), both && !decided(m.status)) << user.username << " match " << m.id;
      EXPECT_EQ(open_match(t.app(), t.as(user), m.id).is_ok(), both) << user.username << " match " << m.id;
    }
    // Known elsewhere and lookups for a sample of nominals.
    for (int i = 0; i < 15; ++i) {
      const Nominal& n = nominals[static_cast<size_t>(g.below(static_cast<int>(nominals.size())))];
      auto known = known_elsewhere(t.app(), t.as(user), n.id);
      ASSERT_EQ(known.is_ok(), reads(n.id)) << user.username << " nominal " << n.id;
      if (known.is_ok()) {
        check(*known, "known elsewhere of " + std::to_string(n.id));
        for (const auto& m : all)  // nothing readable and matched is left out
          if ((m.nominal_a == n.id || m.nominal_b == n.id) && !decided(m.status)) {
            const int64_t other = m.nominal_a == n.id ? m.nominal_b : m.nominal_a;
            if (reads(other)) EXPECT_TRUE(shows(*known, other)) << user.username << " misses " << other;
          }
      }
      auto looked = find_matching_nominals(t.app(), t.as(user), n);
      ASSERT_TRUE(looked.is_ok());
      check(*looked, "lookup like " + std::to_string(n.id));
    }
  }
  EXPECT_GT(shown, 0u);
  EXPECT_GT(signalled, 0u);
  EXPECT_GT(queued_total, 0u);
}

}  // namespace
}  // namespace rocta
