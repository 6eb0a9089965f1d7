// Text search in the store (conformance suite, store_conformance.h): matching, filters,
// updates, and the bounded plan of store/sql/ranked_page.h.
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/store_conformance.h"

namespace rocta::store_test {
namespace {

TEST_P(StoreConformance, FullTextSearchMatchesPrefixesAndAppliesFilters) {
  auto tx = begin();
  ASSERT_TRUE(tx->threats().insert(threat("MPS", "R1", "Kestrel cable theft")).is_ok());
  ASSERT_TRUE(tx->threats().insert(threat("MPS", "R2", "Heron county lines")).is_ok());
  ASSERT_TRUE(tx->threats().insert(threat("GMP", "R3", "Kestrel offshoot")).is_ok());
  ThreatQuery q;
  q.text = "kest";
  auto page = tx->threats().list(scope_of("MPS", "London"), q);
  ASSERT_TRUE(page.is_ok());
  EXPECT_EQ(page->total, 1);  // GMP's is region-scoped to the North West
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].reference, "R1");
  q.text = "\"cable\" OR theft* -- ;";  // operators are words, never FTS syntax
  page = tx->threats().list(scope_of("MPS", "London"), q);
  ASSERT_TRUE(page.is_ok()) << page.status().message();
  EXPECT_EQ(page->total, 0);
}
TEST_P(StoreConformance, SearchCutsWordsAtPunctuationAndFoldsCaseAndAccents) {
  auto tx = begin();
  Nominal n;
  n.reference = "MPS-NOM-000042";
  n.given_names = "Seán";
  n.surname = "O'Brien-Walsh";
  n.address = "12 Acacia Ave.";
  n.postcode = "E1 6AN";
  n.marking.owning_agency = "MPS";
  n.version = 1;
  ASSERT_TRUE(tx->nominals().insert(n).is_ok());
  const ReadScope s = scope_of("MPS", "London");
  auto found = [&](const std::string& text) {
    NominalQuery q;
    q.text = text;
    auto page = tx->nominals().list(s, q);
    EXPECT_TRUE(page.is_ok()) << text << ": " << page.status().message();
    return page.is_ok() ? page->total : -1;
  };
  EXPECT_EQ(found("sean"), 1);
  EXPECT_EQ(found("SEÁN"), 1);
  EXPECT_EQ(found("brien walsh"), 1);
  EXPECT_EQ(found("o'brien"), 1);
  EXPECT_EQ(found("e1 6an"), 1);
  EXPECT_EQ(found("acacia-ave"), 1);
  EXPECT_EQ(found("000042"), 1);
  EXPECT_EQ(found("mps nom 0000"), 1);
  EXPECT_EQ(found("sean smith"), 0);  // every word must match
  EXPECT_EQ(found("ean"), 0);         // prefixes, not substrings
  EXPECT_EQ(found("'; DROP TABLE nominals; --"), 0);
  EXPECT_EQ(found("sea:* | !zzz"), 0);  // the operators are separators: "zzz" must match too
  EXPECT_EQ(found("sea:* & brien"), 1);
  EXPECT_EQ(found("\"\\' ()<-> * & | ! :"), 1);  // nothing searchable: no text filter at all
}
TEST_P(StoreConformance, SearchFollowsUpdates) {
  auto tx = begin();
  auto id = tx->threats().insert(threat("MPS", "R", "Kestrel"));
  ASSERT_TRUE(id.is_ok());
  Threat t = *tx->threats().get(*id, scope_of("MPS", "London"));
  t.name = "Osprey";
  t.version = 2;
  ASSERT_TRUE(tx->threats().update(t).is_ok());
  ThreatQuery q;
  q.text = "kestrel";
  EXPECT_EQ(tx->threats().list(scope_of("MPS", "London"), q)->total, 0);
  q.text = "osp";
  EXPECT_EQ(tx->threats().list(scope_of("MPS", "London"), q)->total, 1);
}
// ---- bounded text search (store/sql/ranked_page.h) -------------------------------------

// Reports and threats matching "falcon" whose best matches MPS may mostly not read: thirty
// GMP reports kept to GMP, "falcon" in the title and four times in all. What MPS may read
// is the very best (six times), then lower: a report with "falcon" in its title, nine that
// mention it once among words of varied number, and a threat named for it. A plan that
// took the best few matches and stopped there would miss what MPS may read.
class BoundedSearch : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    if (IsSkipped()) return;
    auto tx = begin();
    int n = 0;
    auto add = [&](const std::string& owner, SharingScope scope, const std::string& title, const std::string& body) {
      IntelligenceReport r;
      r.reference = owner + "-INT-" + std::to_string(++n);
      r.title = title;
      r.body = body;
      r.received_date = "2026-06-" + std::string(n % 28 < 9 ? "0" : "") + std::to_string(n % 28 + 1);
      r.marking.owning_agency = owner;
      r.marking.scope = scope;
      r.version = 1;
      auto id = tx->intelligence().insert(r);
      ASSERT_TRUE(id.is_ok()) << id.status().message();
    };
    add("MPS", SharingScope::kRegion, "Falcon falcon", "falcon falcon, falcon falcon");
    for (int i = 0; i < 30; ++i) add("GMP", SharingScope::kOwnerOnly, "Falcon falcon nest " + std::to_string(i), "falcon seen, falcon heard");
    add("MPS", SharingScope::kRegion, "Falcon report", "the falcon again");
    std::string filler;
    for (int i = 0; i < 9; ++i) {
      filler += " word" + std::to_string(i);
      add(i % 2 ? "MPS" : "BTP", SharingScope::kRegion, "Report " + std::to_string(i), "one mention of falcon among" + filler);
    }
    ASSERT_TRUE(tx->threats().insert(threat("MPS", "T-FAL", "Falcon group")).is_ok());
    ASSERT_TRUE(tx->threats().insert(threat("GMP", "T-GMP", "Falcon north")).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  // A page as what decides it: kind, id and score of each row (0 where a list has none),
  // and the total.
  using Rows = std::vector<std::tuple<RecordKind, int64_t, double>>;
  struct Read {
    Rows rows;
    int64_t total = 0;
    bool total_exact = false;
  };
  template <typename T>
  static Read read(const Result<Page<T>>& p) {
    EXPECT_TRUE(p.is_ok()) << p.status().message();
    Read out;
    if (!p.is_ok()) return out;
    for (const auto& r : p->items) {
      if constexpr (std::is_same_v<T, SearchHit>) out.rows.emplace_back(r.kind, r.id, r.score);
      else out.rows.emplace_back(RecordKind::kIntelligence, r.id, 0.0);
    }
    out.total = p->total;
    out.total_exact = p->total_exact;
    return out;
  }
  // Expects run(bounds, page) to read the same pages as the full plan (every match ranked
  // and counted) for pages of every size up to `last_offset`, under bounds of few
  // candidates (one a row: rounds fall short and grow), a tight ceiling (growing past it
  // runs the full query) and room to grow; and the total to be `total`, exactly.
  template <typename Run>
  static void expect_full_plan_pages(int last_offset, int64_t total, Run run) {
    const SearchBounds full{0, 0, 1000000};
    for (const SearchBounds bounds : {SearchBounds{1, 1000, 1000, 1}, SearchBounds{1, 8, 1000, 1}, SearchBounds{2, 40, 1000, 1}})
      for (int limit : {1, 2, 3, 7})
        for (int offset = 0; offset <= last_offset; ++offset) {
          const PageRequest page{limit, offset};
          const Read bounded = run(bounds, page);
          EXPECT_EQ(bounded.rows, run(full, page).rows)
              << "limit " << limit << " offset " << offset << " first " << bounds.first_candidates << " max " << bounds.max_candidates;
          EXPECT_EQ(bounded.total, total);
          EXPECT_TRUE(bounded.total_exact);
        }
  }
};

TEST_P(BoundedSearch, SearchPagesAreThoseOfTheFullPlanWhenTheBestMatchesAreHidden) {
  auto tx = begin(TxMode::kRead);
  const ReadScope mps = scope_of("MPS", "London");
  expect_full_plan_pages(13, 12, [&](const SearchBounds& bounds, const PageRequest& page) {
    SearchQuery q;
    q.text = "falc";
    q.page = page;
    q.bounds = bounds;
    return read(tx->search().search(mps, q));
  });
  SearchQuery q;
  q.text = "falcon";
  q.page = {20, 0};
  auto all = tx->search().search(mps, q);
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all->items.size(), 12u);
  for (const auto& h : all->items) EXPECT_NE(h.reference.substr(0, 3), "GMP") << h.reference;
}

TEST_P(BoundedSearch, ListPagesAreThoseOfTheFullPlanWhenTheBestMatchesAreHidden) {
  auto tx = begin(TxMode::kRead);
  const ReadScope mps = scope_of("MPS", "London");
  expect_full_plan_pages(12, 11, [&](const SearchBounds& bounds, const PageRequest& page) {
    IntelligenceQuery q;
    q.text = "falcon";
    q.page = page;
    q.bounds = bounds;
    return read(tx->intelligence().list(mps, q));
  });
}

// Four reports alike in every way that ranks them: a round that reads fewer of them ends
// on a tie with what it left out, and only the full order (then id) decides between them.
TEST_P(BoundedSearch, ATieWithWhatWasLeftOutIsNotTakenForTheExactPage) {
  {
    auto tx = begin();
    for (int i = 0; i < 4; ++i) {
      IntelligenceReport r;
      r.reference = "MPS-KITE-" + std::to_string(i);
      r.title = "Kite";
      r.body = "kite seen";
      r.received_date = "2026-06-01";
      r.marking.owning_agency = "MPS";
      r.version = 1;
      ASSERT_TRUE(tx->intelligence().insert(r).is_ok());
    }
    ASSERT_TRUE(tx->commit().is_ok());
  }
  auto tx = begin(TxMode::kRead);
  const ReadScope mps = scope_of("MPS", "London");
  const SearchBounds full{0, 0, 1000000};
  for (int limit : {1, 2, 3}) {
    for (int offset = 0; offset <= 3; ++offset) {
      SearchQuery q;
      q.text = "kite";
      q.kinds = {RecordKind::kIntelligence};
      q.page = {limit, offset};
      q.bounds = SearchBounds{1, 1000, 1000, 1};
      const Read bounded = read(tx->search().search(mps, q));
      q.bounds = full;
      EXPECT_EQ(bounded.rows, read(tx->search().search(mps, q)).rows) << "search, limit " << limit << " offset " << offset;
      IntelligenceQuery l;
      l.text = "kite";
      l.page = {limit, offset};
      l.bounds = SearchBounds{1, 1000, 1000, 1};
      const Read listed = read(tx->intelligence().list(mps, l));
      l.bounds = full;
      EXPECT_EQ(listed.rows, read(tx->intelligence().list(mps, l)).rows) << "list, limit " << limit << " offset " << offset;
    }
  }
}

TEST_P(BoundedSearch, CountStopsAtTheCapAndSaysSo) {
  auto tx = begin(TxMode::kRead);
  const ReadScope mps = scope_of("MPS", "London");
  SearchQuery q;
  q.text = "falcon";
  q.page = {2, 0};
  q.bounds.count_cap = 4;
  auto page = tx->search().search(mps, q);
  ASSERT_TRUE(page.is_ok()) << page.status().message();
  EXPECT_EQ(page->total, 4);  // more than 4
  EXPECT_FALSE(page->total_exact);
  EXPECT_EQ(page->items.size(), 2u);
  // The cap reaches at least to the end of the page asked for.
  q.page = {3, 5};
  page = tx->search().search(mps, q);
  ASSERT_TRUE(page.is_ok());
  EXPECT_EQ(page->total, 8);
  EXPECT_FALSE(page->total_exact);
  // A cap at or above the count counts exactly.
  q.page = {2, 0};
  q.bounds.count_cap = 12;
  page = tx->search().search(mps, q);
  ASSERT_TRUE(page.is_ok());
  EXPECT_EQ(page->total, 12);
  EXPECT_TRUE(page->total_exact);
  // Past the end of an exact count: nothing, and the count.
  q.page = {2, 20};
  page = tx->search().search(mps, q);
  ASSERT_TRUE(page.is_ok());
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(page->total, 12);

  IntelligenceQuery l;
  l.text = "falcon";
  l.page = {2, 0};
  l.bounds.count_cap = 3;
  auto listed = tx->intelligence().list(mps, l);
  ASSERT_TRUE(listed.is_ok());
  EXPECT_EQ(listed->total, 3);
  EXPECT_FALSE(listed->total_exact);
  // Without text a list counts exactly, whatever the cap.
  l.text = "";
  listed = tx->intelligence().list(mps, l);
  ASSERT_TRUE(listed.is_ok());
  EXPECT_EQ(listed->total, 11);
  EXPECT_TRUE(listed->total_exact);
}

// A text more common than SearchBounds::common ranks and counts only its newest matches,
// and says so; a word that is itself that common matches whole, not as a prefix. SQLite
// only: PostgreSQL ranks every match (postgres_store.cc), so there the page stays the full one.
TEST_P(BoundedSearch, ACommonTextRanksItsNewestMatchesAndACommonWordMatchesWhole) {
  const bool ranks_newest = GetParam().name == "sqlite";
  {
    auto tx = begin();
    IntelligenceReport r;
    r.reference = "MPS-INT-FALCONRY";
    r.title = "Falconry club";
    r.body = "a falconry display";
    r.received_date = "2026-06-30";
    r.marking.owning_agency = "MPS";
    r.marking.scope = SharingScope::kRegion;
    r.version = 1;
    ASSERT_TRUE(tx->intelligence().insert(r).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  auto tx = begin(TxMode::kRead);
  const ReadScope mps = scope_of("MPS", "London");
  // Every match, every word a prefix: the 11 reports with "falcon" MPS may read, and falconry.
  IntelligenceQuery all;
  all.text = "falcon";
  all.page = {200, 0};
  all.bounds.common = 0;
  auto every = tx->intelligence().list(mps, all);
  ASSERT_TRUE(every.is_ok()) << every.status().message();
  EXPECT_EQ(every->total, 12);
  EXPECT_EQ(every->ranked_newest, 0);
  std::vector<int64_t> falcon_ids;  // every report holding the word, MPS's or not
  {
    auto gmp = tx->intelligence().list(scope_of("GMP", "North West"), all);
    ASSERT_TRUE(gmp.is_ok()) << gmp.status().message();
    for (const auto& r : gmp->items)
      if (r.reference.rfind("GMP-", 0) == 0) falcon_ids.push_back(r.id);
    for (const auto& r : every->items)
      if (r.reference != "MPS-INT-FALCONRY") falcon_ids.push_back(r.id);
  }
  ASSERT_EQ(falcon_ids.size(), 41u);
  std::sort(falcon_ids.begin(), falcon_ids.end());
  const int64_t common = 5;
  const int64_t from = falcon_ids[falcon_ids.size() - common];  // the 5th newest holder of "falcon"

  // "falcon" is in 41 reports, so it matches whole (not falconry), and only the newest
  // five are ranked: what MPS may read of them, in the full plan's order.
  std::vector<int64_t> expected;
  for (const auto& r : every->items)
    if (!ranks_newest || (r.id >= from && r.reference != "MPS-INT-FALCONRY")) expected.push_back(r.id);
  ASSERT_FALSE(expected.empty());
  const int64_t said = ranks_newest ? common : 0;
  for (const auto& bounds : {SearchBounds{1, 2, 1000, 1, common}, SearchBounds{0, 0, 1000, 1, common}}) {
    IntelligenceQuery l = all;
    l.bounds = bounds;
    auto listed = tx->intelligence().list(mps, l);
    ASSERT_TRUE(listed.is_ok()) << listed.status().message();
    EXPECT_EQ(listed->ranked_newest, said);
    EXPECT_EQ(listed->total, static_cast<int64_t>(expected.size()));
    std::vector<int64_t> got;
    for (const auto& r : listed->items) got.push_back(r.id);
    EXPECT_EQ(got, expected) << "first_candidates " << bounds.first_candidates;

    SearchQuery q;
    q.text = "falcon";
    q.kinds = {RecordKind::kIntelligence};
    q.page = {200, 0};
    q.bounds = bounds;
    auto found = tx->search().search(mps, q);
    ASSERT_TRUE(found.is_ok()) << found.status().message();
    EXPECT_EQ(found->ranked_newest, said);
    std::vector<int64_t> hits;
    for (const auto& h : found->items) {
      hits.push_back(h.id);
      EXPECT_FALSE(h.snippet.empty()) << h.reference;
    }
    std::vector<int64_t> sorted_expected = expected, sorted_hits = hits;
    std::sort(sorted_expected.begin(), sorted_expected.end());
    std::sort(sorted_hits.begin(), sorted_hits.end());
    EXPECT_EQ(sorted_hits, sorted_expected);
  }

  // A rarer word stays a prefix and is ranked in full: "falconr" finds falconry alone.
  IntelligenceQuery rare = all;
  rare.text = "falconr";
  rare.bounds.common = common;
  auto found = tx->intelligence().list(mps, rare);
  ASSERT_TRUE(found.is_ok());
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].reference, "MPS-INT-FALCONRY");
  EXPECT_EQ(found->ranked_newest, 0);
  // Below the threshold nothing changes: "falcon" with common above its 42 matches.
  rare.text = "falcon";
  rare.bounds.common = 43;
  found = tx->intelligence().list(mps, rare);
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(found->total, 12);
  EXPECT_EQ(found->ranked_newest, 0);
}
INSTANTIATE_TEST_SUITE_P(Adapters, BoundedSearch,
                         ::testing::Values(Adapter{"sqlite", testing::scratch_sqlite, "", ""},
                                           Adapter{"postgres", scratch_postgres_if_named, "", ""}),
                         [](const auto& info) { return info.param.name; });
// When a round over the best matches has found the exact page, and how far it grows if not.
TEST(RankedPage, ARoundIsExactOnlyWhenNothingLeftOutCanComeFirst) {
  using sql::CandidateRound;
  using sql::next_candidates;
  const SearchBounds b{100, 10000, 1000, 4};
  const PageRequest first{3, 0};
  EXPECT_EQ(sql::first_candidates(first, b), 100);
  EXPECT_EQ(sql::first_candidates(PageRequest{50, 100}, b), 600);  // four a row to the page's end
  EXPECT_EQ(sql::first_candidates(PageRequest{200, 5000}, b), 0);  // past the ceiling: the full query
  EXPECT_EQ(sql::first_candidates(first, SearchBounds{0, 10000, 1000}), 0);
  // Every match was a candidate: exact, even short.
  EXPECT_EQ(next_candidates(CandidateRound{100, {5.0}, 1, std::nullopt}, first, b), 0);
  // A full page above the bound: exact.
  EXPECT_EQ(next_candidates(CandidateRound{100, {9.0, 8.0, 7.5}, 40, 7.0}, first, b), 0);
  // Its last row tied with the bound: a match left out may tie and come first by id.
  EXPECT_EQ(next_candidates(CandidateRound{100, {9.0, 8.0, 7.0}, 40, 7.0}, first, b), 400);
  // Short page: grow to about twice what the visible share needs, at least fourfold.
  EXPECT_EQ(next_candidates(CandidateRound{100, {9.0}, 1, 7.0}, first, b), 600);
  EXPECT_EQ(next_candidates(CandidateRound{100, {9.0, 8.0}, 2, 7.0}, first, b), 400);
  // Growing past the ceiling: the full query.
  EXPECT_EQ(next_candidates(CandidateRound{100, {9.0}, 1, 7.0}, PageRequest{3, 3000}, b), -1);
}

}  // namespace
}  // namespace rocta::store_test
