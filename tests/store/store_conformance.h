// The store conformance suite: every adapter must pass it. Parameterised by a factory of
// scratch databases; the PostgreSQL instantiation runs when ROCTA_TEST_PG names a server
// (scripts/run-tests.sh starts one) and is skipped otherwise. The tests are in one file per
// repository (tests/store/*_test.cc); the adapters are instantiated in store_conformance.cc.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <ostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>
#include <type_traits>

#include "api/json_codec.h"
#include "store/agency_repository.h"
#include "store/repository_transaction.h"
#include "store/search_repository.h"
#include "store/sql/ranked_page.h"
#include "store/store.h"
#include "support/scratch_database.h"
#include "support/test_app.h"

namespace rocta::store_test {

using testing::ScratchDatabase;

struct Adapter {
  std::string name;
  // A new empty database, or null when this adapter cannot run here.
  std::function<std::unique_ptr<ScratchDatabase>()> scratch;
  std::string newer_schema_sql;  // marks the database as written by a newer Rocta
  std::string sever_sql;         // cuts every other connection to the database
  std::string disruption_schema_sql;  // one text naming the disruption tables' indexes and constraints
};

inline void PrintTo(const Adapter& a, std::ostream* os) { *os << a.name; }

using testing::scratch_postgres_if_named;

class StoreConformance : public ::testing::TestWithParam<Adapter> {
 protected:
  void SetUp() override {
    db_ = GetParam().scratch();
    if (!db_) GTEST_SKIP() << "no PostgreSQL server named: set ROCTA_TEST_PG (scripts/run-tests.sh does)";
    url_ = db_->url();
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

  std::unique_ptr<ScratchDatabase> db_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

}  // namespace rocta::store_test
