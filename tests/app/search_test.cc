// Search across threats, nominals and intelligence: ranking, snippets, filters, audit,
// and (the property) exactly what can() allows, over generated users, agreements and
// records. Runs on SQLite, and on PostgreSQL as the pg.* tests.
#include <gtest/gtest.h>

#include <random>
#include <algorithm>
#include <set>
#include <tuple>

#include "app/audit_log.h"
#include "app/search.h"
#include "store/audit_repository.h"
#include "store/page.h"
#include "store/repository_transaction.h"
#include "store/sharing_repository.h"
#include "store/sql/sql.h"
#include "store/user_repository.h"
#include "support/generated.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::Gen;
using testing::random_marking;

using testing::marking;
using testing::TestApp;

IntelligenceReport report(const std::string& title, const std::string& body, Marking m, const std::string& received = "2026-03-01") {
  IntelligenceReport r;
  r.title = title;
  r.body = body;
  r.received_date = received;
  r.marking = std::move(m);
  return r;
}

class SearchTest : public ::testing::Test {
 protected:
  IntelligenceReport add(const IntelligenceReport& draft) {
    auto r = submit_intelligence(t.app(), system_caller("test"), draft);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return r.is_ok() ? *r : IntelligenceReport{};
  }
  Page<SearchHit> find(const User& u, SearchQuery q) {
    auto page = search(t.app(), t.as(u), q);
    EXPECT_TRUE(page.is_ok()) << page.status().message();
    return page.is_ok() ? *page : Page<SearchHit>{};
  }
  static SearchQuery text(const std::string& s) {
    SearchQuery q;
    q.text = s;
    return q;
  }
  TestApp t;
  User mps_analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
  User btp_analyst = t.user("btp.analyst", "BTP", {Role::kAnalyst});
};

TEST_F(SearchTest, TitleMatchOutranksBodyMention) {
  const auto mention = add(report("Weekly summary of activity",
                                  "Several vehicles were seen near the station; one driver was said to deal cocaine on Fridays.",
                                  marking("MPS")));
  const auto titled = add(report("Cocaine supply through Brixton", "A group supplies the market around the high street.",
                                 marking("MPS")));
  add(report("Unrelated", "Nothing about drugs here.", marking("MPS")));
  auto page = find(mps_analyst, text("cocaine"));
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(page.items[0].id, titled.id);
  EXPECT_EQ(page.items[1].id, mention.id);
  EXPECT_GT(page.items[0].score, page.items[1].score);
  EXPECT_EQ(page.items[0].title, "Cocaine supply through Brixton");
  EXPECT_EQ(page.items[0].kind, RecordKind::kIntelligence);
}

TEST_F(SearchTest, SnippetMarksTheMatchedWords) {
  add(report("Weekly summary", "Several vehicles were seen near the station; one driver was said to deal cocaine on Fridays.",
             marking("MPS")));
  auto page = find(mps_analyst, text("cocai fridays"));  // prefixes; every word must match
  ASSERT_EQ(page.items.size(), 1u);
  const std::string& s = page.items[0].snippet;
  EXPECT_NE(s.find(std::string(1, kHitOpen) + "cocaine" + kHitClose), std::string::npos) << s;
  EXPECT_NE(s.find(std::string(1, kHitOpen) + "Fridays" + kHitClose), std::string::npos) << s;
  EXPECT_EQ(s.find('<'), std::string::npos);  // no markup
}

TEST_F(SearchTest, FindsEveryKindAndFiltersByKindOwnerClassificationAndDate) {
  const Threat threat = t.threat(mps_analyst, marking("MPS"), "Kestrel heroin network");
  Nominal n;
  n.given_names = "Jo";
  n.surname = "Kestrel";
  n.marking = marking("BTP");
  auto nominal = create_nominal(t.app(), system_caller("test"), n);
  ASSERT_TRUE(nominal.is_ok()) << nominal.status().message();
  const auto early = add(report("Kestrel seen at depot", "Observed twice.", marking("MPS"), "2025-01-10"));
  const auto late = add(report("Kestrel meeting", "Observed once.", marking("MPS", SharingScope::kRegion, Classification::kSecret),
                               "2026-05-10"));

  auto kinds_of = [](const Page<SearchHit>& p) {
    std::set<std::pair<RecordKind, int64_t>> out;
    for (const auto& h : p.items) out.insert({h.kind, h.id});
    return out;
  };
  auto all = find(mps_analyst, text("kestrel"));
  EXPECT_EQ(kinds_of(all), (std::set<std::pair<RecordKind, int64_t>>{{RecordKind::kThreat, threat.id},
                                                                      {RecordKind::kNominal, nominal->id},
                                                                      {RecordKind::kIntelligence, early.id},
                                                                      {RecordKind::kIntelligence, late.id}}));
  EXPECT_EQ(all.total, 4);

  auto q = text("kestrel");
  q.kinds = {RecordKind::kThreat, RecordKind::kNominal};
  EXPECT_EQ(kinds_of(find(mps_analyst, q)), (std::set<std::pair<RecordKind, int64_t>>{{RecordKind::kThreat, threat.id},
                                                                                       {RecordKind::kNominal, nominal->id}}));
  q = text("kestrel");
  q.owning_agency = "BTP";
  EXPECT_EQ(kinds_of(find(mps_analyst, q)), (std::set<std::pair<RecordKind, int64_t>>{{RecordKind::kNominal, nominal->id}}));
  q = text("kestrel");
  q.classification = Classification::kSecret;
  EXPECT_EQ(kinds_of(find(mps_analyst, q)), (std::set<std::pair<RecordKind, int64_t>>{{RecordKind::kIntelligence, late.id}}));
  q = text("kestrel");
  q.kinds = {RecordKind::kIntelligence};
  q.from_date = "2026-01-01";
  EXPECT_EQ(kinds_of(find(mps_analyst, q)), (std::set<std::pair<RecordKind, int64_t>>{{RecordKind::kIntelligence, late.id}}));
  q.from_date = "";
  q.to_date = "2025-12-31";
  EXPECT_EQ(kinds_of(find(mps_analyst, q)), (std::set<std::pair<RecordKind, int64_t>>{{RecordKind::kIntelligence, early.id}}));

  // Paging: one hit a page, the total every time.
  q = text("kestrel");
  q.page.limit = 1;
  std::set<std::pair<RecordKind, int64_t>> paged;
  for (q.page.offset = 0; q.page.offset < 5; ++q.page.offset) {
    auto p = find(mps_analyst, q);
    EXPECT_EQ(p.total, 4);
    for (const auto& h : p.items) paged.insert({h.kind, h.id});
  }
  EXPECT_EQ(paged, kinds_of(all));
}

TEST_F(SearchTest, HiddenRecordsAreNeitherFoundNorCounted) {
  add(report("Marlin owner only", "MPS only.", marking("MPS", SharingScope::kOwnerOnly)));
  const auto shared = add(report("Marlin region", "Shared with the region.", marking("MPS", SharingScope::kRegion)));
  auto page = find(btp_analyst, text("marlin"));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].id, shared.id);
  EXPECT_EQ(page.total, 1);
}

TEST_F(SearchTest, ACommonWordIsCountedOnlyToTheCap) {
  for (int i = 0; i < 6; ++i) add(report("Harrier " + std::to_string(i), "Seen at the harbour.", marking("MPS")));
  auto q = text("harrier");
  q.page.limit = 2;
  q.bounds.count_cap = 4;
  auto page = find(mps_analyst, q);
  EXPECT_EQ(page.total, 4);  // more than four
  EXPECT_FALSE(page.total_exact);
  ASSERT_EQ(page.items.size(), 2u);
  q.bounds.count_cap = 6;
  page = find(mps_analyst, q);
  EXPECT_EQ(page.total, 6);
  EXPECT_TRUE(page.total_exact);
}

TEST_F(SearchTest, ShowingSensitiveHitsIsAudited) {
  const auto sensitive = add(report("Osprey sensitive", "Need to know.",
                                    marking("MPS", SharingScope::kRegion, Classification::kOfficial, "", {}, true)));
  find(mps_analyst, text("osprey"));
  auto tx = t.store().begin(TxMode::kRead);
  ASSERT_TRUE(tx.is_ok());
  auto last = (*tx)->audit().last();
  ASSERT_TRUE(last.is_ok() && last->has_value());
  EXPECT_EQ((*last)->action, "search");
  EXPECT_EQ((*last)->actor_id, mps_analyst.id);
  EXPECT_NE((*last)->detail.find(std::to_string(sensitive.id)), std::string::npos) << (*last)->detail;
  EXPECT_EQ((*last)->detail.find("Osprey"), std::string::npos);  // ids, never content
}

TEST_F(SearchTest, RefusesEmptyLongAndMalformedQueries) {
  EXPECT_EQ(search(t.app(), t.as(mps_analyst), text("")).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(search(t.app(), t.as(mps_analyst), text(std::string(501, 'a'))).status().code(), Code::kInvalidArgument);
  auto q = text("x");
  q.from_date = "2026-13";
  EXPECT_EQ(search(t.app(), t.as(mps_analyst), q).status().code(), Code::kInvalidArgument);
  q = text("x");
  q.page.limit = 201;
  EXPECT_EQ(search(t.app(), t.as(mps_analyst), q).status().code(), Code::kInvalidArgument);
  // Only punctuation: nothing searchable, nothing found.
  auto page = search(t.app(), t.as(mps_analyst), text("\"*:()"));
  ASSERT_TRUE(page.is_ok());
  EXPECT_EQ(page->total, 0);
}

// ---- the property ----------------------------------------------------------------------

const std::vector<std::string>& kAgencies = testing::kGeneratedAgencies;
const std::vector<std::string>& kCompartments = testing::kGeneratedCompartments;
// No word is a prefix of another, so a word's hits are the records that contain it.
const std::vector<std::string> kWords{"alpha", "bravo", "charlie", "delta"};


using Key = std::pair<RecordKind, int64_t>;

// A page as what decides its order: kind, id and score of each hit.
std::vector<std::tuple<RecordKind, int64_t, double>> ranked(const Page<SearchHit>& p) {
  std::vector<std::tuple<RecordKind, int64_t, double>> out;
  for (const auto& h : p.items) out.emplace_back(h.kind, h.id, h.score);
  return out;
}

TEST(SearchProperty, SearchReturnsExactlyWhatCanAllows) {
  TestApp t;
  Gen g(20260621);
  struct Held {
    Key key;
    Marking marking;
    std::string text;
  };
  std::vector<Held> held;
  {
    auto tx = t.store().begin(TxMode::kWrite);
    ASSERT_TRUE(tx.is_ok());
    const Caller sys = system_caller("test");
    // Agreements between agencies, so grants are part of what is tested.
    std::set<std::pair<std::string, std::string>> pairs;
    for (int i = 0; i < 8; ++i) {
      SharingAgreement a;
      a.giver = g.pick(kAgencies);
      a.receiver = g.pick(kAgencies);
      if (a.giver == a.receiver || !pairs.insert({a.giver, a.receiver}).second) continue;
      a.max_classification = static_cast<Classification>(g.below(3));
      a.min_scope = static_cast<SharingScope>(1 + g.below(3));
      a.purpose = "property test";
      a.version = 1;
      a.created_at = a.updated_at = "2026-06-21T00:00:00Z";
      auto id = (*tx)->sharing().insert_agreement(a);
      ASSERT_TRUE(id.is_ok()) << id.status().message();
    }
    auto words = [&] {
      std::string s = g.pick(kWords);
      if (g.chance(50)) s += " " + g.pick(kWords);
      return s;
    };
    for (int i = 0; i < 90; ++i) {
      Threat th;
      th.name = "Threat " + words();
      th.description = "Seen with " + words();
      th.marking = random_marking(g);
      auto r = create_threat_in(**tx, t.app(), sys, th);
      ASSERT_TRUE(r.is_ok()) << r.status().message();
      held.push_back({{RecordKind::kThreat, r->id}, r->marking, th.name + " " + th.description});
      Nominal n;
      n.given_names = words();
      n.surname = "Smith";
      n.marking = random_marking(g);
      auto nr = create_nominal_in(**tx, t.app(), sys, n);
      ASSERT_TRUE(nr.is_ok()) << nr.status().message();
      held.push_back({{RecordKind::kNominal, nr->id}, nr->marking, n.given_names});
      IntelligenceReport ir = report("Report " + words(), "Body " + words(), random_marking(g));
      auto rr = submit_intelligence_in(**tx, t.app(), sys, ir);
      ASSERT_TRUE(rr.is_ok()) << rr.status().message();
      held.push_back({{RecordKind::kIntelligence, rr->id}, rr->marking, ir.title + " " + ir.body});
    }
    ASSERT_TRUE((*tx)->commit().is_ok());
  }
  const std::vector<Role> police_roles{Role::kFrontlineOfficer, Role::kAnalyst, Role::kSiuOfficer, Role::kRoctaAnalyst,
                                       Role::kAssessor, Role::kInspector, Role::kAdministrator};
  size_t nonempty = 0;
  for (int u = 0; u < 16; ++u) {
    const std::string agency = g.pick(kAgencies);
    std::vector<Role> roles{agency == "HMRC" ? Role::kPartner : g.pick(police_roles)};
    std::vector<std::string> compartments;
    for (const auto& c : kCompartments)
      if (g.chance(30)) compartments.push_back(c);
    const User created = t.user("user" + std::to_string(u), agency, roles, static_cast<Classification>(g.below(3)), compartments);
    User user;
    {
      auto tx = t.store().begin(TxMode::kRead);
      ASSERT_TRUE(tx.is_ok());
      auto rec = (*tx)->users().get(created.id);  // with its agency's grants
      ASSERT_TRUE(rec.is_ok());
      user = rec->user;
    }
    const Caller caller = t.as(user, "property test");
    for (const std::string& word : {g.pick(kWords), g.pick(kWords) + " " + g.pick(kWords)}) {
      std::set<Key> expected;
      for (const auto& h : held) {
        bool all = true;
        for (const auto& w : sql::search_words(word)) all = all && h.text.find(w) != std::string::npos;
        if (all && can(user, Action::kRead, h.key.first, h.marking)) expected.insert(h.key);
      }
      // Production's bounds, and bounds so small that the best matches rarely fill a page
      // (more rounds, the full query) and the count stops early: every page must be the
      // full plan's, hit for hit, and the total the count up to the cap.
      for (const SearchBounds bounds : {SearchBounds{}, SearchBounds{1, 30, 4, 1}}) {
        SearchQuery q;
        q.text = word;
        q.page.limit = bounds.count_cap == 4 ? 3 : 23;
        q.bounds = bounds;
        SearchQuery full = q;
        full.bounds = SearchBounds{0, 0, 1000000};
        std::set<Key> found;
        for (q.page.offset = 0;; q.page.offset += q.page.limit) {
          full.page = q.page;
          auto page = search(t.app(), caller, q);
          auto exact = search(t.app(), caller, full);
          ASSERT_TRUE(page.is_ok()) << page.status().message();
          ASSERT_TRUE(exact.is_ok()) << exact.status().message();
          EXPECT_EQ(ranked(*page), ranked(*exact)) << user.username << " '" << word << "' offset " << q.page.offset;
          const int64_t cap = std::max<int64_t>(bounds.count_cap, q.page.offset + q.page.limit);
          const auto n = static_cast<int64_t>(expected.size());
          EXPECT_EQ(page->total, std::min(n, cap)) << user.username << " '" << word << "'";
          EXPECT_EQ(page->total_exact, n <= cap);
          for (const auto& h : page->items) EXPECT_TRUE(found.insert({h.kind, h.id}).second) << "hit listed twice";
          if (static_cast<int>(page->items.size()) < q.page.limit) break;
        }
        EXPECT_EQ(found, expected) << user.username << " '" << word << "'";
      }
      // A threshold so low that words are common: whole words and the newest matches only.
      // What is found is then a part of what the full search finds, and nothing else.
      SearchQuery q;
      q.text = word;
      q.page.limit = 200;
      q.bounds.common = 3;
      auto page = search(t.app(), caller, q);
      ASSERT_TRUE(page.is_ok()) << page.status().message();
      for (const auto& h : page->items)
        EXPECT_TRUE(expected.count({h.kind, h.id})) << user.username << " '" << word << "': hit outside the full search";
      nonempty += !expected.empty();
    }
  }
  EXPECT_GT(nonempty, 10u);
}

}  // namespace
}  // namespace rocta
