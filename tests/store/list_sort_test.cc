// Lists sorted by a column across pages (conformance suite, store_conformance.h): the order
// is the column's, ties by id the same way, on every adapter alike; paging neither repeats
// nor skips; the reader's scope and the filters are what they were without a sort.
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/text.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/store_conformance.h"
#include "store/tasking_repository.h"

namespace rocta::store_test {
namespace {

// Every page of `list` (a function of the page asked) in order, by id.
template <typename List>
std::vector<int64_t> all_pages(List list, int limit, int64_t& total) {
  std::vector<int64_t> ids;
  for (int offset = 0;; offset += limit) {
    auto page = list(PageRequest{limit, offset});
    EXPECT_TRUE(page.is_ok()) << page.status().message();
    if (!page.is_ok()) return ids;
    total = page->total;
    for (const auto& r : page->items) ids.push_back(r.id);
    if (page->items.size() < static_cast<size_t>(limit)) return ids;
  }
}

// The oracle: the records sorted by `key` (then id), the way the SQL must sort them.
template <typename Record, typename Key>
std::vector<int64_t> expected_order(std::vector<Record> records, Key key, bool descending) {
  std::stable_sort(records.begin(), records.end(), [&](const Record& a, const Record& b) {
    const auto ka = key(a), kb = key(b);
    if (ka != kb) return descending ? kb < ka : ka < kb;
    return descending ? b.id < a.id : a.id < b.id;
  });
  std::vector<int64_t> ids;
  for (const auto& r : records) ids.push_back(r.id);
  return ids;
}

class ListSortTest : public StoreConformance {
 protected:
  // 31 threats: names that tie and differ only in case, tiers and scores with gaps, two
  // owners, and some the MPS reader may not see (BTP's own).
  std::vector<int64_t> seed_threats(Transaction& tx, std::vector<int64_t>& hidden) {
    const char* names[] = {"kestrel", "Kestrel", "Avocet", "bittern", "Curlew", "avocet"};
    const char* phases[] = {"Active", "closed", "Developing", ""};
    std::vector<int64_t> ids;
    for (int i = 0; i < 31; ++i) {
      const bool btp = i % 4 == 1;
      Threat t = threat(btp ? "BTP" : "MPS", (btp ? "BTP-" : "MPS-") + std::to_string(1000 - i * 7 % 50), names[i % 6]);
      if (i % 5 != 0) t.tier = 1 + i % 5;
      if (i % 3 != 0) t.morile_score = (i * 37) % 11 * 10.5;
      t.phase = phases[i % 4];
      t.primary_crime_type = i % 2 ? "Drug supply" : "Firearms";
      t.county_lines = i % 3 == 1;
      t.reassess_by = i % 2 ? "2026-0" + std::to_string(1 + i % 9) + "-01" : "";
      if (btp && i % 8 == 1) t.marking.scope = SharingScope::kOwnerOnly;
      auto id = tx.threats().insert(t);
      EXPECT_TRUE(id.is_ok()) << id.status().message();
      ids.push_back(*id);
      if (btp && i % 8 == 1) hidden.push_back(*id);
    }
    return ids;
  }
};

TEST_P(ListSortTest, ThreatsSortAcrossPagesByEachColumnTiesById) {
  auto tx = begin();
  std::vector<int64_t> hidden;
  seed_threats(*tx, hidden);
  ASSERT_FALSE(hidden.empty());
  const ReadScope mps = scope_of("MPS", "London");
  ThreatQuery everything;
  everything.page = {200, 0};
  auto visible = tx->threats().list(mps, everything);
  ASSERT_TRUE(visible.is_ok());
  const auto& seen = visible->items;
  for (int64_t h : hidden)
    ASSERT_TRUE(std::none_of(seen.begin(), seen.end(), [&](const Threat& t) { return t.id == h; }));

  using Key = std::function<std::string(const Threat&)>;
  auto number = [](double v) {  // sortable text of a non-negative number or -1
    char buf[32];
    std::snprintf(buf, sizeof buf, "%012.3f", v + 10);
    return std::string(buf);
  };
  const std::vector<std::pair<std::string, Key>> columns{
      {"reference", [](const Threat& t) { return t.reference; }},
      {"name", [](const Threat& t) { return lower(t.name); }},
      {"owning_agency", [](const Threat& t) { return t.marking.owning_agency; }},
      {"tier", [](const Threat& t) { return std::to_string(t.tier.value_or(9)); }},
      {"phase", [](const Threat& t) { return lower(t.phase); }},
      {"primary_crime_type", [](const Threat& t) { return lower(t.primary_crime_type); }},
      {"county_lines", [](const Threat& t) { return std::to_string(t.county_lines); }},
      {"morile_score", [&](const Threat& t) { return number(t.morile_score.value_or(-1)); }},
      {"reassess_by", [](const Threat& t) { return t.reassess_by; }},
  };
  for (const auto& [column, key] : columns) {
    for (bool descending : {false, true}) {
      ThreatQuery q;
      q.sort = {column, descending};
      int64_t total = 0;
      const auto got = all_pages([&](PageRequest p) { q.page = p; return tx->threats().list(mps, q); }, 4, total);
      EXPECT_EQ(total, static_cast<int64_t>(seen.size())) << column;
      EXPECT_EQ(got, expected_order(seen, key, descending)) << column << (descending ? " desc" : " asc");
    }
  }
}

TEST_P(ListSortTest, ASortedListKeepsItsFiltersAndText) {
  auto tx = begin();
  std::vector<int64_t> hidden;
  seed_threats(*tx, hidden);
  const ReadScope mps = scope_of("MPS", "London");
  ThreatQuery q;
  q.crime_type = "drug supply";
  q.text = "kestrel";
  q.sort = {"reference", true};
  int64_t total = 0;
  const auto got = all_pages([&](PageRequest p) { q.page = p; return tx->threats().list(mps, q); }, 2, total);
  // The oracle: the same filter and text without a sort, in the column's order.
  ThreatQuery plain = q;
  plain.sort = {};
  plain.page = {200, 0};
  auto matching = tx->threats().list(mps, plain);
  ASSERT_TRUE(matching.is_ok());
  ASSERT_GE(matching->items.size(), 2u);
  for (const auto& t : matching->items) EXPECT_EQ(lower(t.name), "kestrel");
  EXPECT_EQ(total, static_cast<int64_t>(matching->items.size()));
  EXPECT_EQ(got, expected_order(matching->items, [](const Threat& t) { return t.reference; }, true));
}

TEST_P(ListSortTest, AnUnknownColumnIsRefusedNamingSort) {
  auto tx = begin();
  for (const std::string bad : {"description", "r.name; DROP TABLE threats", "id"}) {
    ThreatQuery q;
    q.sort = {bad, false};
    auto r = tx->threats().list(scope_of("MPS", "London"), q);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().field(), "sort") << bad;
    TaskQuery tq;
    tq.sort = {bad, false};
    EXPECT_EQ(tx->tasking().tasks(tq).status().field(), "sort") << bad;
  }
  NominalQuery nq;
  nq.sort = {"notes", false};
  EXPECT_EQ(tx->nominals().list(scope_of("MPS", "London"), nq).status().field(), "sort");
  IntelligenceQuery iq;
  iq.sort = {"body", false};
  EXPECT_EQ(tx->intelligence().list(scope_of("MPS", "London"), iq).status().field(), "sort");
}

TEST_P(ListSortTest, NominalsIntelligenceAndTasksSortAcrossPages) {
  auto tx = begin();
  const char* surnames[] = {"Okafor", "de Souza", "okafor", "Bell", "Zhou"};
  for (int i = 0; i < 13; ++i) {
    Nominal n;
    n.reference = "NOM-" + std::to_string(100 + (i * 5) % 13);
    n.given_names = i % 2 ? "Ann" : "ben";
    n.surname = surnames[i % 5];
    n.date_of_birth = "199" + std::to_string(i % 4) + "-01-01";
    n.marking.owning_agency = i % 3 ? "MPS" : "BTP";
    n.marking.scope = SharingScope::kRegion;
    n.version = 1;
    ASSERT_TRUE(tx->nominals().insert(n).is_ok());

    IntelligenceReport r;
    r.reference = "INT-" + std::to_string(100 + i);
    r.title = surnames[(i + 2) % 5];
    r.body = "text";
    r.source_evaluation = 2;
    r.intelligence_assessment = 'B';
    r.received_date = "2026-0" + std::to_string(1 + i % 3) + "-01";
    r.marking.owning_agency = "MPS";
    r.version = 1;
    ASSERT_TRUE(tx->intelligence().insert(r).is_ok());

    Task t;
    t.agency = i % 2 ? "MPS" : "BTP";
    t.title = "Task " + std::to_string(i);
    t.assigned_agency = i % 3 ? "GMP" : "MPS";
    t.deadline = "2026-07-0" + std::to_string(1 + i % 4);
    t.status = i % 5 ? TaskStatus::kOpen : TaskStatus::kDone;
    t.version = 1;
    ASSERT_TRUE(tx->tasking().insert_task(t).is_ok());
  }
  const ReadScope mps = scope_of("MPS", "London");
  int64_t total = 0;

  NominalQuery nq;
  nq.page = {200, 0};
  auto nominals = tx->nominals().list(mps, nq);
  ASSERT_TRUE(nominals.is_ok());
  nq.sort = {"surname", false};
  EXPECT_EQ(all_pages([&](PageRequest p) { nq.page = p; return tx->nominals().list(mps, nq); }, 3, total),
            expected_order(nominals->items, [](const Nominal& n) { return lower(n.surname); }, false));
  EXPECT_EQ(total, nominals->total);

  IntelligenceQuery iq;
  iq.page = {200, 0};
  auto reports = tx->intelligence().list(mps, iq);
  ASSERT_TRUE(reports.is_ok());
  iq.sort = {"received_date", true};
  EXPECT_EQ(all_pages([&](PageRequest p) { iq.page = p; return tx->intelligence().list(mps, iq); }, 5, total),
            expected_order(reports->items, [](const IntelligenceReport& r) { return r.received_date; }, true));

  TaskQuery tq;
  tq.page = {200, 0};
  auto tasks = tx->tasking().tasks(tq);
  ASSERT_TRUE(tasks.is_ok());
  ASSERT_EQ(tasks->items.size(), 13u);
  for (const auto& [column, key] : std::vector<std::pair<std::string, std::function<std::string(const Task&)>>>{
           {"deadline", [](const Task& t) { return t.deadline; }},
           {"assigned_agency", [](const Task& t) { return t.assigned_agency; }},
           {"status", [](const Task& t) { return std::string(to_string(t.status)); }}}) {
    for (bool descending : {false, true}) {
      tq.sort = {column, descending};
      EXPECT_EQ(all_pages([&](PageRequest p) { tq.page = p; return tx->tasking().tasks(tq); }, 4, total),
                expected_order(tasks->items, key, descending))
          << column;
      EXPECT_EQ(total, 13);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Adapters, ListSortTest,
                         ::testing::Values(Adapter{"sqlite", testing::scratch_sqlite, "", ""},
                                           Adapter{"postgres", scratch_postgres_if_named, "", ""}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace rocta::store_test
