// The store conformance suite: every adapter must pass it. Parameterised by a factory so a
// new adapter (PostgreSQL) joins by adding one line to the instantiation.
#include <gtest/gtest.h>

#include <functional>

#include "store/store.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::TempDir;

struct Adapter {
  std::string name;
  std::function<std::string(const TempDir&)> url;
};

class StoreConformance : public ::testing::TestWithParam<Adapter> {
 protected:
  void SetUp() override {
    url_ = GetParam().url(dir_);
    auto s = open_store(url_);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    store_ = std::move(s).value();
    auto tx = begin();
    for (const char* code : {"MPS", "BTP", "GMP"})
      ASSERT_TRUE(tx->agencies().insert({code, code, AgencyKind::kTerritorialForce, code == std::string("GMP") ? "North West" : "London", true}).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  std::unique_ptr<Transaction> begin(TxMode mode = TxMode::kWrite) {
    auto tx = store_->begin(mode);
    EXPECT_TRUE(tx.is_ok()) << tx.status().message();
    return std::move(tx).value();
  }
  Threat threat(const std::string& owner, const std::string& ref, const std::string& name) {
    Threat t;
    t.reference = ref;
    t.name = name;
    t.marking.owning_agency = owner;
    t.marking.scope = SharingScope::kRegion;
    t.version = 1;
    return t;
  }
  ReadScope scope_of(const std::string& agency, const std::string& region) {
    ReadScope s;
    s.active = true;
    s.agency = agency;
    s.region = region;
    s.law_enforcement = true;
    s.max_classification = Classification::kSecret;
    s.need_to_know = true;
    return s;
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, ReopeningAppliesNoMigrationTwice) {
  store_.reset();
  auto again = open_store(url_);
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  auto tx = (*again)->begin(TxMode::kRead);
  ASSERT_TRUE(tx.is_ok());
  EXPECT_EQ((*tx)->agencies().list()->size(), 3u);
}

TEST_P(StoreConformance, UncommittedWorkIsRolledBack) {
  {
    auto tx = begin();
    ASSERT_TRUE(tx->threats().insert(threat("MPS", "MPS-OCG-1", "Lost")).is_ok());
  }
  auto tx = begin(TxMode::kRead);
  EXPECT_EQ(tx->threats().list(scope_of("MPS", "London"), {})->total, 0);
}

TEST_P(StoreConformance, ReferenceIsUniqueWithinOwner) {
  auto tx = begin();
  ASSERT_TRUE(tx->threats().insert(threat("MPS", "REF-1", "A")).is_ok());
  auto dup = tx->threats().insert(threat("MPS", "REF-1", "B"));
  ASSERT_FALSE(dup.is_ok());
  EXPECT_EQ(dup.status().code(), Code::kAlreadyExists);
  EXPECT_TRUE(tx->threats().insert(threat("BTP", "REF-1", "C")).is_ok());
}

TEST_P(StoreConformance, StaleVersionIsAConflict) {
  auto tx = begin();
  auto id = tx->threats().insert(threat("MPS", "R", "Name"));
  ASSERT_TRUE(id.is_ok());
  auto t = tx->threats().get(*id, scope_of("MPS", "London"));
  ASSERT_TRUE(t.is_ok());
  t->version = 2;
  t->name = "Renamed";
  ASSERT_TRUE(tx->threats().update(*t).is_ok());
  t->name = "Lost update";  // still says version 2: based on version 1, which is gone
  EXPECT_EQ(tx->threats().update(*t).code(), Code::kConflict);
  EXPECT_EQ(tx->threats().get(*id, scope_of("MPS", "London"))->name, "Renamed");
}

TEST_P(StoreConformance, HiddenRecordIsNotFoundLikeAnAbsentOne) {
  auto tx = begin();
  Threat t = threat("MPS", "R", "Owner only");
  t.marking.scope = SharingScope::kOwnerOnly;
  auto id = tx->threats().insert(t);
  ASSERT_TRUE(id.is_ok());
  auto hidden = tx->threats().get(*id, scope_of("BTP", "London"));
  auto absent = tx->threats().get(*id + 100, scope_of("BTP", "London"));
  EXPECT_EQ(hidden.status().code(), Code::kNotFound);
  EXPECT_EQ(absent.status().code(), Code::kNotFound);
}

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

TEST_P(StoreConformance, SharesArePersistedAndNamedAgenciesSee) {
  auto tx = begin();
  Threat t = threat("MPS", "R", "Shared");
  t.marking.scope = SharingScope::kNamed;
  t.marking.shared_with = {"GMP"};
  auto id = tx->threats().insert(t);
  ASSERT_TRUE(id.is_ok());
  auto seen = tx->threats().get(*id, scope_of("GMP", "North West"));
  ASSERT_TRUE(seen.is_ok());
  EXPECT_EQ(seen->marking.shared_with, std::vector<std::string>{"GMP"});
  EXPECT_EQ(seen->marking.owning_region, "London");
  EXPECT_FALSE(tx->threats().get(*id, scope_of("BTP", "London")).is_ok());
}

TEST_P(StoreConformance, CountersNeverRepeat) {
  auto tx = begin();
  EXPECT_EQ(*tx->counters().next("MPS", "OCG"), 1);
  EXPECT_EQ(*tx->counters().next("MPS", "OCG"), 2);
  EXPECT_EQ(*tx->counters().next("BTP", "OCG"), 1);
  ASSERT_TRUE(tx->commit().is_ok());
  auto tx2 = begin();
  EXPECT_EQ(*tx2->counters().next("MPS", "OCG"), 3);
}

TEST_P(StoreConformance, PagingCountsAllAndReturnsAPage) {
  auto tx = begin();
  for (int i = 0; i < 25; ++i) ASSERT_TRUE(tx->threats().insert(threat("MPS", "R" + std::to_string(100 + i), "T")).is_ok());
  ThreatQuery q;
  q.page = {10, 20};
  auto page = tx->threats().list(scope_of("MPS", "London"), q);
  ASSERT_TRUE(page.is_ok());
  EXPECT_EQ(page->total, 25);
  EXPECT_EQ(page->items.size(), 5u);
}

TEST_P(StoreConformance, AuditEventsComeBackInOrder) {
  auto tx = begin();
  for (int i = 1; i <= 3; ++i) {
    AuditEvent e;
    e.seq = i;
    e.action = "a" + std::to_string(i);
    e.hash = std::string(64, 'a');
    e.prev_hash = kGenesisHash;
    ASSERT_TRUE(tx->audit().append(e).is_ok());
  }
  auto events = tx->audit().scan(2, 10);
  ASSERT_TRUE(events.is_ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].action, "a2");
  EXPECT_EQ((*tx->audit().last())->seq, 3);
}

INSTANTIATE_TEST_SUITE_P(Adapters, StoreConformance,
                         ::testing::Values(Adapter{"sqlite", [](const TempDir& d) { return (d.path() / "s.db").string(); }}),
                         [](const auto& info) { return info.param.name; });

TEST(StoreOpen, PostgresUrlIsRefusedClearlyUntilItsAdapterExists) {
  auto s = open_store("postgresql://localhost/rocta");
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), Code::kUnavailable);
}

TEST(StoreOpen, UnwritablePathIsUnavailableNotACrash) {
  auto s = open_store("/proc/definitely/not/here.db");
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace rocta
