// The audit trail in the store (conformance suite, store_conformance.h): order, one chain
// under concurrent writers, append only.
#include "store/audit_repository.h"
#include "store/repository_transaction.h"
#include "store/store_conformance.h"

namespace rocta::store_test {
namespace {

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
// A record's history reads its audit events by record, newest first (of_record): an index
// on (record_kind, record_id, seq) answers it without reading the rest of the trail.
TEST_P(StoreConformance, AuditEventsOfARecordComeNewestFirstFromTheirIndex) {
  {
    auto tx = begin();
    for (int i = 1; i <= 9; ++i) {
      AuditEvent e;
      e.seq = i;
      e.action = "a" + std::to_string(i);
      e.record_kind = i % 3 ? "threat" : "nominal";
      e.record_id = i % 2 ? 7 : 8;
      e.hash = std::string(64, 'a');
      e.prev_hash = kGenesisHash;
      ASSERT_TRUE(tx->audit().append(e).is_ok());
    }
    ASSERT_TRUE(tx->commit().is_ok());
  }
  auto tx = begin(TxMode::kRead);
  auto events = tx->audit().of_record("threat", 7, 2);
  ASSERT_TRUE(events.is_ok());
  ASSERT_EQ(events->size(), 2u);  // of 1, 5, 7: the newest two
  EXPECT_EQ((*events)[0].seq, 7);
  EXPECT_EQ((*events)[1].seq, 5);
  const std::string definition = GetParam().name == "sqlite"
                                     ? db_->text("SELECT sql FROM sqlite_master WHERE name = 'audit_events_record'")
                                     : db_->text("SELECT indexdef FROM pg_indexes WHERE indexname = 'audit_events_record'");
  EXPECT_NE(definition.find("(record_kind, record_id, seq)"), std::string::npos) << definition;
}
// The audit chain appends last()+1 inside a write transaction: that holds only if writers
// never overlap, within one process and across processes (two stores on one database).
TEST_P(StoreConformance, ConcurrentWritersAppendOneChainWithoutGaps) {
  auto other = open_store(url_);
  ASSERT_TRUE(other.is_ok()) << other.status().message();
  constexpr int kThreads = 4, kEach = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      Store& store = i % 2 ? *store_ : **other;
      for (int k = 0; k < kEach; ++k) {
        auto tx = store.begin(TxMode::kWrite);
        if (!tx.is_ok()) {
          ++failures;
          continue;
        }
        auto last = (*tx)->audit().last();
        AuditEvent e;
        e.seq = last.is_ok() && *last ? (*last)->seq + 1 : 1;
        e.action = "write";
        if (!last.is_ok() || !(*tx)->audit().append(e).is_ok() || !(*tx)->commit().is_ok()) ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  auto events = begin(TxMode::kRead)->audit().scan(1, 1000);
  ASSERT_TRUE(events.is_ok());
  ASSERT_EQ(events->size(), static_cast<size_t>(kThreads * kEach));
  for (size_t i = 0; i < events->size(); ++i) EXPECT_EQ((*events)[i].seq, static_cast<int64_t>(i + 1));
}
TEST_P(StoreConformance, AuditEventsCannotBeChangedOrDeletedEvenBehindRoctasBack) {
  {
    auto tx = begin();
    AuditEvent e;
    e.seq = 1;
    e.action = "login";
    ASSERT_TRUE(tx->audit().append(e).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  EXPECT_NE(db_->exec("UPDATE audit_events SET actor = 'someone-else'").find("append-only"), std::string::npos);
  EXPECT_NE(db_->exec("DELETE FROM audit_events").find("append-only"), std::string::npos);
  EXPECT_EQ(begin(TxMode::kRead)->audit().scan(1, 10)->size(), 1u);
}

}  // namespace
}  // namespace rocta::store_test
