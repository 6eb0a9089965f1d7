// The store itself (conformance suite, store_conformance.h): opening, migrations, transactions,
// snapshots and connections.
#include "store/agency_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/store_conformance.h"
#include "store/unit_repository.h"

namespace rocta::store_test {
namespace {

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
TEST_P(StoreConformance, AFailedStatementUndoesOnlyItself) {
  {
    auto tx = begin();
    ASSERT_TRUE(tx->threats().insert(threat("MPS", "A", "First")).is_ok());
    EXPECT_EQ(tx->threats().insert(threat("MPS", "A", "Duplicate")).status().code(), Code::kAlreadyExists);
    EXPECT_EQ(tx->units().insert(Unit{0, "NOPE", "Ghost", UnitKind::kBcu, {}, true}).status().code(), Code::kInvalidArgument);
    ASSERT_TRUE(tx->threats().insert(threat("MPS", "B", "Second")).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  auto tx = begin(TxMode::kRead);
  auto page = tx->threats().list(scope_of("MPS", "London"), {});
  ASSERT_TRUE(page.is_ok());
  EXPECT_EQ(page->total, 2);
}
TEST_P(StoreConformance, ReadersKeepOneSnapshotWhileAWriterCommits) {
  auto reader = begin(TxMode::kRead);
  ASSERT_EQ(reader->threats().list(scope_of("MPS", "London"), {})->total, 0);
  {
    auto writer = begin();
    ASSERT_TRUE(writer->threats().insert(threat("MPS", "R", "New")).is_ok());
    ASSERT_TRUE(writer->commit().is_ok());
  }
  EXPECT_EQ(reader->threats().list(scope_of("MPS", "London"), {})->total, 0);
  reader.reset();
  EXPECT_EQ(begin(TxMode::kRead)->threats().list(scope_of("MPS", "London"), {})->total, 1);
}
// A server restart or an idle timeout cuts pooled connections: the next transactions get
// working ones, not errors.
TEST_P(StoreConformance, CutConnectionsAreReplacedNotHandedOut) {
  // Several connections in the pool, all idle.
  {
    std::vector<std::unique_ptr<Transaction>> open;
    for (int i = 0; i < 4; ++i) open.push_back(begin(TxMode::kRead));
  }
  ASSERT_EQ(db_->exec(GetParam().sever_sql), "");
  for (int i = 0; i < 6; ++i) {
    auto tx = store_->begin(i % 2 ? TxMode::kRead : TxMode::kWrite);
    ASSERT_TRUE(tx.is_ok()) << tx.status().message();
    auto agencies = (*tx)->agencies().list();
    ASSERT_TRUE(agencies.is_ok()) << agencies.status().message();
    EXPECT_EQ(agencies->size(), 3u);
  }
}
TEST_P(StoreConformance, ADatabaseFromANewerRoctaIsRefused) {
  store_.reset();
  ASSERT_EQ(db_->exec(GetParam().newer_schema_sql), "");
  auto again = open_store(url_);
  ASSERT_FALSE(again.is_ok());
  EXPECT_EQ(again.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(again.status().message().find("newer Rocta"), std::string::npos);
}
TEST_P(StoreConformance, ProcessesOpeningANewDatabaseTogetherMigrateItOnce) {
  auto fresh = GetParam().scratch();
  std::vector<std::thread> openers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 3; ++i)
    openers.emplace_back([&] {
      auto s = open_store(fresh->url());
      if (!s.is_ok()) {
        ADD_FAILURE() << s.status().message();
        ++failures;
      }
    });
  for (auto& o : openers) o.join();
  EXPECT_EQ(failures, 0);
}
TEST(StoreOpen, UnreachablePostgresIsUnavailableWithAClearMessage) {
  for (const char* scheme : {"postgresql", "postgres"}) {
    auto s = open_store(std::string(scheme) + "://rocta@127.0.0.1:1/rocta?connect_timeout=5");
    ASSERT_FALSE(s.is_ok());
    EXPECT_EQ(s.status().code(), Code::kUnavailable);
    EXPECT_NE(s.status().message().find("cannot connect to PostgreSQL at postgresql://rocta@127.0.0.1:1/rocta"),
              std::string::npos)
        << s.status().message();
  }
}
TEST(StoreOpen, MalformedPostgresUrlIsInvalid) {
  auto s = open_store("postgresql://rocta@[::1/rocta");
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), Code::kInvalidArgument) << s.status().message();
}
TEST(StoreOpen, PasswordsNeverAppearInMessages) {
  auto s = open_store("postgresql://rocta:hunter2-secret@127.0.0.1:1/rocta");
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().message().find("hunter2"), std::string::npos) << s.status().message();
}
TEST(StoreOpen, UnwritablePathIsUnavailableNotACrash) {
  auto s = open_store("/proc/definitely/not/here.db");
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace rocta::store_test
