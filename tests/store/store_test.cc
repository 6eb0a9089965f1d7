// The store conformance suite: every adapter must pass it. Parameterised by a factory of
// scratch databases; the PostgreSQL instantiation runs when ROCTA_TEST_PG names a server
// (scripts/run-tests.sh starts one) and is skipped otherwise.
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
#include "store/audit_repository.h"
#include "store/counter_repository.h"
#include "store/disruption_repository.h"
#include "store/link_repository.h"
#include "store/marked_repository.h"
#include "store/page.h"
#include "store/repository_transaction.h"
#include "store/search_repository.h"
#include "store/session_repository.h"
#include "store/sql/ranked_page.h"
#include "store/store.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"
#include "support/scratch_database.h"
#include "support/test_app.h"

namespace rocta {
namespace {

using testing::ScratchDatabase;

struct Adapter {
  std::string name;
  // A new empty database, or null when this adapter cannot run here.
  std::function<std::unique_ptr<ScratchDatabase>()> scratch;
  std::string newer_schema_sql;  // marks the database as written by a newer Rocta
  std::string sever_sql;         // cuts every other connection to the database
  std::string disruption_schema_sql;  // one text naming the disruption tables' indexes and constraints
};

void PrintTo(const Adapter& a, std::ostream* os) { *os << a.name; }

std::unique_ptr<ScratchDatabase> scratch_postgres_if_named() {
  const std::string server = testing::test_postgres_server();
  return server.empty() ? nullptr : testing::scratch_postgres(server);
}

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

TEST_P(StoreConformance, EveryFieldComesBackAsWritten) {
  auto tx = begin();
  Threat t = threat("MPS", "MPS-OCG-000001", "Kestrel");
  t.description = "Cable theft on the Great Eastern main line; quotes ' \" and a backslash \\";
  t.type = ThreatType::kPriorityIndividual;
  t.assessment_type = AssessmentType::kStrategic;
  t.moderation = ModerationStatus::kModerated;
  t.soc = false;
  t.tier = 2;
  t.phase = "Closed - disrupted";
  t.primary_crime_type = "Metal theft";
  t.county_lines = true;
  t.morile_score = 123.456789012345;
  t.assessment_date = "2026-05-01";
  t.lro_user_id = 7;
  t.marking.classification = Classification::kSecret;
  t.marking.handling = HandlingCode::kC;
  t.marking.handling_conditions = "Not for disclosure";
  t.marking.compartment = "MPS-SIU";
  t.marking.scope = SharingScope::kNamed;
  t.marking.shared_with = {"BTP", "GMP"};
  t.created_at = "2026-06-21T10:00:00Z";
  t.updated_at = "2026-06-21T11:00:00Z";
  t.created_by = 3;
  auto id = tx->threats().insert(t);
  ASSERT_TRUE(id.is_ok()) << id.status().message();
  ReadScope s = scope_of("MPS", "London");
  s.compartments = {"MPS-SIU"};
  auto back = tx->threats().get(*id, s);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->description, t.description);
  EXPECT_EQ(back->type, t.type);
  EXPECT_EQ(back->assessment_type, t.assessment_type);
  EXPECT_EQ(back->moderation, t.moderation);
  EXPECT_EQ(back->soc, false);
  EXPECT_EQ(back->tier, 2);
  EXPECT_EQ(back->phase, t.phase);
  EXPECT_EQ(back->county_lines, true);
  ASSERT_TRUE(back->morile_score.has_value());
  EXPECT_DOUBLE_EQ(*back->morile_score, *t.morile_score);
  EXPECT_EQ(back->assessment_date, t.assessment_date);
  EXPECT_EQ(back->lro_user_id, 7);
  EXPECT_EQ(back->marking.classification, Classification::kSecret);
  EXPECT_EQ(back->marking.handling, HandlingCode::kC);
  EXPECT_EQ(back->marking.handling_conditions, t.marking.handling_conditions);
  EXPECT_EQ(back->marking.compartment, "MPS-SIU");
  EXPECT_EQ(back->marking.scope, SharingScope::kNamed);
  EXPECT_EQ(back->marking.shared_with, t.marking.shared_with);
  EXPECT_EQ(back->created_at, t.created_at);
  EXPECT_EQ(back->updated_at, t.updated_at);
  EXPECT_EQ(back->created_by, 3);
  EXPECT_EQ(back->version, 1);

  Threat unassessed = threat("MPS", "MPS-OCG-000002", "Heron");
  auto id2 = tx->threats().insert(unassessed);
  ASSERT_TRUE(id2.is_ok());
  auto back2 = tx->threats().get(*id2, s);
  ASSERT_TRUE(back2.is_ok());
  EXPECT_FALSE(back2->tier.has_value());
  EXPECT_FALSE(back2->morile_score.has_value());
  EXPECT_EQ(back2->lro_user_id, 0);

  IntelligenceReport r;
  r.reference = "MPS-INT-1";
  r.title = "Sighting";
  r.body = "Seen at the depot";
  r.source_evaluation = 3;
  r.intelligence_assessment = 'E';
  r.received_date = "2026-06-01";
  r.marking.owning_agency = "MPS";
  r.marking.sensitive = true;
  r.version = 1;
  auto rid = tx->intelligence().insert(r);
  ASSERT_TRUE(rid.is_ok()) << rid.status().message();
  auto rback = tx->intelligence().get(*rid, s);
  ASSERT_TRUE(rback.is_ok());
  EXPECT_EQ(rback->source_evaluation, 3);
  EXPECT_EQ(rback->intelligence_assessment, 'E');
  EXPECT_EQ(rback->received_date, "2026-06-01");
  EXPECT_TRUE(rback->marking.sensitive);
  EXPECT_EQ(tx->intelligence().id_by_reference("MPS", "MPS-INT-1").value(), *rid);
  EXPECT_EQ(tx->intelligence().id_by_reference("BTP", "MPS-INT-1").status().code(), Code::kNotFound);
}

TEST_P(StoreConformance, UnitsUsersAndSessionsRoundTrip) {
  auto tx = begin();
  auto unit = tx->units().insert(Unit{0, "MPS", "Central East BCU", UnitKind::kBcu, {"BTP", "GMP"}, true});
  ASSERT_TRUE(unit.is_ok()) << unit.status().message();
  EXPECT_EQ(tx->units().insert(Unit{0, "MPS", "Central East BCU", UnitKind::kBcu, {}, true}).status().code(),
            Code::kAlreadyExists);
  EXPECT_EQ(tx->units().get(*unit)->serves, (std::vector<std::string>{"BTP", "GMP"}));
  Unit renamed = *tx->units().get(*unit);
  renamed.name = "Central East";
  renamed.serves = {"BTP"};
  renamed.active = false;
  EXPECT_EQ(tx->units().update(renamed).code(), Code::kConflict);  // still version 1: not a change of version 1
  renamed.version = 2;
  ASSERT_TRUE(tx->units().update(renamed).is_ok());
  EXPECT_EQ(tx->units().update(renamed).code(), Code::kConflict);  // version 2 is taken
  auto listed = tx->units().list("MPS");
  ASSERT_TRUE(listed.is_ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "Central East");
  EXPECT_FALSE((*listed)[0].active);
  EXPECT_EQ((*listed)[0].serves, std::vector<std::string>{"BTP"});
  EXPECT_TRUE(tx->units().list("BTP")->empty());

  UserRecord u;
  u.user.username = "ana";
  u.user.display_name = "Ana";
  u.user.unit_id = *unit;
  u.user.roles = {Role::kAnalyst, Role::kSiuOfficer};
  u.user.clearance = Classification::kTopSecret;
  u.user.compartments = {"MPS-SIU", "MPS-X"};
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc";
  u.created_at = "2026-06-21T10:00:00Z";
  auto uid = tx->users().insert(u);
  ASSERT_TRUE(uid.is_ok()) << uid.status().message();
  EXPECT_EQ(tx->users().insert(u).status().code(), Code::kAlreadyExists);
  auto found = tx->users().find_by_username("ana");
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(found->user.id, *uid);
  EXPECT_EQ(found->user.roles, u.user.roles);
  EXPECT_EQ(found->user.clearance, Classification::kTopSecret);
  EXPECT_EQ(found->user.compartments, u.user.compartments);
  EXPECT_EQ(found->user.agency, "MPS");
  EXPECT_EQ(found->user.region, "London");
  EXPECT_TRUE(found->user.active);
  EXPECT_EQ(found->password_hash, u.password_hash);
  ASSERT_TRUE(tx->users().set_password_hash(*uid, "new-hash").is_ok());
  EXPECT_EQ(tx->users().get(*uid)->password_hash, "new-hash");
  EXPECT_EQ(tx->users().set_password_hash(*uid + 99, "x").code(), Code::kNotFound);
  EXPECT_EQ(*tx->users().count(), 1);
  EXPECT_EQ(tx->users().list("MPS", {})->total, 1);
  EXPECT_EQ(tx->users().list("BTP", {})->total, 0);

  ASSERT_TRUE(tx->sessions().insert({"token-a", *uid, 1000, 2000, "10.0.0.1"}).is_ok());
  ASSERT_TRUE(tx->sessions().insert({"token-b", *uid, 1000, 5000, "10.0.0.1"}).is_ok());
  EXPECT_EQ(tx->sessions().find("token-a")->expires_ms, 2000);
  ASSERT_TRUE(tx->sessions().remove_expired(3000).is_ok());
  EXPECT_EQ(tx->sessions().find("token-a").status().code(), Code::kNotFound);
  EXPECT_TRUE(tx->sessions().find("token-b").is_ok());
  ASSERT_TRUE(tx->sessions().remove_for_user(*uid).is_ok());
  EXPECT_EQ(tx->sessions().find("token-b").status().code(), Code::kNotFound);
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

TEST_P(StoreConformance, LinksShowOnlyWhereTheFarEndIsReadable) {
  auto tx = begin();
  auto shared = tx->threats().insert(threat("MPS", "T1", "Shared threat"));
  ASSERT_TRUE(shared.is_ok());
  Nominal n;
  n.reference = "N1";
  n.surname = "Private";
  n.marking.owning_agency = "MPS";
  n.marking.scope = SharingScope::kOwnerOnly;
  n.version = 1;
  auto hidden = tx->nominals().insert(n);
  ASSERT_TRUE(hidden.is_ok());
  Link l;
  l.from = {RecordKind::kThreat, *shared};
  l.to = {RecordKind::kNominal, *hidden};
  l.relation = "member";
  l.source = "MPS-INT-1";
  l.date = "2026-06-01";
  ASSERT_TRUE(tx->links().insert(l).is_ok());
  EXPECT_EQ(tx->links().insert(l).status().code(), Code::kAlreadyExists);
  auto for_mps = tx->links().list_for({RecordKind::kThreat, *shared}, scope_of("MPS", "London"));
  ASSERT_TRUE(for_mps.is_ok());
  ASSERT_EQ(for_mps->size(), 1u);
  EXPECT_EQ((*for_mps)[0].to.id, *hidden);
  EXPECT_EQ((*for_mps)[0].source, "MPS-INT-1");
  EXPECT_TRUE(tx->links().list_for({RecordKind::kThreat, *shared}, scope_of("BTP", "London"))->empty());
  EXPECT_EQ(tx->links().list_for({RecordKind::kNominal, *hidden}, scope_of("MPS", "London"))->size(), 1u);
  auto m = tx->links().marking_of({RecordKind::kNominal, *hidden});
  ASSERT_TRUE(m.is_ok());
  EXPECT_EQ(m->scope, SharingScope::kOwnerOnly);
  EXPECT_EQ(m->owning_region, "London");
  EXPECT_EQ(tx->links().marking_of({RecordKind::kIntelligence, 999}).status().code(), Code::kNotFound);
}

// The access predicate in the SQL against core's admits(), over every kind of marking and
// every kind of reader: lists, counts and reads must agree with it exactly.
TEST_P(StoreConformance, QueriesAdmitExactlyWhatThePolicyAdmits) {
  auto tx = begin();
  ASSERT_TRUE(tx->agencies().insert({"HMRC", "HMRC", AgencyKind::kPartnerAgency, "London", true}).is_ok());
  std::vector<Marking> markings;
  std::vector<int64_t> ids;
  int n = 0;
  for (const char* owner : {"MPS", "GMP"})
    for (Classification c : {Classification::kOfficial, Classification::kSecret, Classification::kTopSecret})
      for (bool sensitive : {false, true})
        for (const char* compartment : {"", "SIU"})
          for (SharingScope scope : {SharingScope::kOwnerOnly, SharingScope::kNamed, SharingScope::kRegion, SharingScope::kNational})
            for (bool named : {false, true}) {
              Threat t = threat(owner, "R" + std::to_string(++n), "T");
              t.marking.classification = c;
              t.marking.sensitive = sensitive;
              t.marking.compartment = compartment;
              t.marking.scope = scope;
              if (named) t.marking.shared_with = {"HMRC"};
              auto id = tx->threats().insert(t);
              ASSERT_TRUE(id.is_ok()) << id.status().message();
              t.marking.owning_region = owner == std::string("MPS") ? "London" : "North West";
              markings.push_back(t.marking);
              ids.push_back(*id);
            }
  ASSERT_LE(ids.size(), 200u);  // one page
  int readers = 0;
  for (const char* agency : {"MPS", "BTP", "GMP", "HMRC"})
    for (Classification clearance : {Classification::kOfficial, Classification::kSecret, Classification::kTopSecret})
      for (bool siu : {false, true})
        for (bool need_to_know : {false, true})
          for (bool active : {true, false}) {
            ReadScope s;
            s.active = active;
            s.agency = agency;
            s.region = agency == std::string("GMP") ? "North West" : "London";
            s.law_enforcement = agency != std::string("HMRC");
            s.max_classification = clearance;
            if (siu) s.compartments = {"OTHER", "SIU"};
            s.need_to_know = need_to_know;
            ThreatQuery q;
            q.page.limit = 200;
            auto page = tx->threats().list(s, q);
            ASSERT_TRUE(page.is_ok()) << page.status().message();
            std::set<int64_t> listed;
            for (const auto& t : page->items) listed.insert(t.id);
            std::set<int64_t> expected;
            for (size_t i = 0; i < ids.size(); ++i)
              if (admits(s, markings[i])) expected.insert(ids[i]);
            EXPECT_EQ(listed, expected) << "reader " << agency << " clearance " << static_cast<int>(clearance) << " siu " << siu
                                        << " ntk " << need_to_know << " active " << active;
            EXPECT_EQ(page->total, static_cast<int64_t>(expected.size()));
            // Reads one by one for a sample of readers (every one would be slow and says
            // nothing new: get() and list() share the predicate).
            if (++readers % 7 == 0) {
              for (size_t i = 0; i < ids.size(); ++i)
                EXPECT_EQ(tx->threats().get(ids[i], s).is_ok(), expected.count(ids[i]) == 1) << "record " << i;
            }
          }
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

// ---- disruptions loaded many at once ------------------------------------------------------

// `count` disruptions of every shape a row can take, references D-first…: text that COPY
// must escape, several outcomes, prompts, rows with and without a threat held here.
std::vector<Disruption> many_disruptions(int count, int first, int64_t threat_id) {
  const std::vector<std::string> agencies{"MPS", "BTP", "GMP"};
  const std::vector<std::string> texts{"", "plain", "tab\there", "new\nline and \r\n", "back\\slash \\N \\t \\\\", "quote \" and '",
                                       "Ünïcödé – ✓"};
  std::vector<Disruption> out;
  for (int i = first; i < first + count; ++i) {
    const auto u = static_cast<size_t>(i);
    Disruption d;
    d.reference = "D-" + std::to_string(i);
    d.recording_agency = agencies[u % 3];
    d.threat_id = i % 4 == 0 ? 0 : threat_id;
    d.threat_reference = "MPS-OCG-00000" + std::to_string(i % 7);
    if (i % 5) d.threat_type = ThreatType::kOcg;
    d.role = i % 6 == 0 ? DisruptionRole::kSupporting : DisruptionRole::kLead;
    const int month = 1 + i % 12, day = 1 + i % 28;
    d.record_date = std::string(i % 2 ? "2021-" : "2022-") + (month < 10 ? "0" : "") + std::to_string(month) + "-" + (day < 10 ? "0" : "") +
                    std::to_string(day);
    d.category = static_cast<ImpactCategory>(i % 5);
    d.justification = texts[u % texts.size()];
    d.outcomes = i % 3 == 0 ? std::vector<FourP>{FourP::kPursue, FourP::kProtect} : std::vector<FourP>{all_four_p()[u % 4]};
    d.threat_category = texts[(u + 1) % texts.size()] + " crime";
    d.description = texts[(u + 2) % texts.size()];
    if (i % 8 == 0) d.prompts = {{"nrm-referral", FourP::kProtect, true}};
    if (i % 2 == 0) d.extra = "{\"Local flag\":\"a\\tb\"}";
    d.import_id = 1;
    d.version = 1;
    d.created_at = "2026-06-21T10:00:00.000Z";
    d.created_by = 1;
    out.push_back(std::move(d));
  }
  return out;
}

// Every stored field of a row, for comparing rows written different ways.
std::string every_field(const Disruption& d) {
  std::ostringstream o;
  o << d.id << '|' << d.reference << '|' << d.recording_agency << '|' << d.threat_id << '|' << d.threat_reference << '|'
    << (d.threat_type ? to_string(*d.threat_type) : "-") << '|' << to_string(d.role) << '|' << d.supports << '|' << d.record_date << '|'
    << to_string(d.category) << '|' << d.justification << '|';
  for (FourP p : d.outcomes) o << to_string(p) << ',';
  o << '|' << d.threat_category << '|' << d.description << '|';
  for (const auto& p : d.prompts) o << p.rule << ':' << to_string(p.outcome) << ':' << p.accepted << ',';
  o << '|' << d.extra << '|' << d.import_id << '|' << d.version << '|' << d.created_at << '|' << d.created_by;
  return o.str();
}

std::vector<std::string> every_row(Transaction& tx) {
  std::vector<std::string> out;
  for (int64_t after = 0;;) {
    auto page = tx.disruptions().scan(after, 500);
    EXPECT_TRUE(page.is_ok()) << page.status().message();
    if (!page.is_ok() || page->empty()) return out;
    for (const auto& d : *page) out.push_back(every_field(d));
    after = page->back().id;
  }
}

// The daily counts of every day, as "agency day role category outcome threat-category: n".
std::map<std::string, int64_t> every_count(Transaction& tx) {
  std::map<std::string, int64_t> out;
  // A range of whole months with ragged ends: both count tables are read.
  auto groups = tx.disruptions().counts("2020-12-15", "2023-01-20");
  EXPECT_TRUE(groups.is_ok()) << groups.status().message();
  if (!groups.is_ok()) return out;
  for (const auto& g : *groups)
    out[g.agency + ' ' + g.day.substr(0, 7) + ' ' + std::string(to_string(g.role)) + ' ' + std::string(to_string(g.category)) + ' ' +
        std::string(to_string(g.outcome)) + ' ' + g.threat_category] += g.count;
  return out;
}

// What the counts must be: the rows counted here, by month.
std::map<std::string, int64_t> counted(Transaction& tx) {
  std::map<std::string, int64_t> out;
  for (int64_t after = 0;;) {
    auto page = tx.disruptions().scan(after, 500);
    if (!page.is_ok() || page->empty()) return out;
    for (const auto& d : *page)
      ++out[d.recording_agency + ' ' + d.record_date.substr(0, 7) + ' ' + std::string(to_string(d.role)) + ' ' +
            std::string(to_string(d.category)) + ' ' + std::string(to_string(d.principal())) + ' ' + d.threat_category];
    after = page->back().id;
  }
}

// Stages `rows` in pieces of `piece`, numbered by `lines` (from 1 when empty).
Status stage_all(Transaction& tx, const std::vector<Disruption>& rows, size_t piece, std::vector<std::size_t> lines = {}) {
  if (lines.empty())
    for (size_t i = 0; i < rows.size(); ++i) lines.push_back(i + 1);
  for (size_t from = 0; from < rows.size(); from += piece) {
    const size_t to = std::min(rows.size(), from + piece);
    ROCTA_RETURN_IF_ERROR(tx.disruptions().stage({rows.begin() + static_cast<long>(from), rows.begin() + static_cast<long>(to)},
                                                 {lines.begin() + static_cast<long>(from), lines.begin() + static_cast<long>(to)}));
  }
  return Status::ok();
}

TEST_P(StoreConformance, StagedRowsAreStoredAsRowByRowInsertsAre) {
  // Row by row into this database, staged into a second one of the same kind.
  auto second_db = GetParam().scratch();
  auto second = open_store(second_db->url());
  ASSERT_TRUE(second.is_ok()) << second.status().message();
  std::vector<std::unique_ptr<Transaction>> txs;
  txs.push_back(begin());
  txs.push_back(std::move((*second)->begin(TxMode::kWrite)).value());
  int64_t threat_id = 0;
  for (auto& tx : txs) {
    for (const char* code : {"MPS", "BTP", "GMP"})
      (void)tx->agencies().insert({code, code, AgencyKind::kTerritorialForce, "London", true});  // the fixture's already exist
    auto id = tx->threats().insert(threat("MPS", "MPS-OCG-000001", "Kestrel"));
    ASSERT_TRUE(id.is_ok()) << id.status().message();
    threat_id = *id;
  }
  // More rows than one statement of SQLite's bulk writer takes, and not a multiple of it.
  const auto rows = many_disruptions(1000, 1, threat_id);
  for (size_t from = 0; from < rows.size(); from += 100) {
    auto ids = txs[0]->disruptions().insert_new({rows.begin() + static_cast<long>(from), rows.begin() + static_cast<long>(from + 100)});
    ASSERT_TRUE(ids.is_ok()) << ids.status().message();
  }
  ASSERT_TRUE(stage_all(*txs[1], rows, 300).is_ok());
  auto inserted = txs[1]->disruptions().insert_staged();
  ASSERT_TRUE(inserted.is_ok()) << inserted.status().message();
  EXPECT_EQ(*inserted, 1000);
  for (auto& tx : txs) ASSERT_TRUE(tx->commit().is_ok());

  txs.clear();
  txs.push_back(begin());
  txs.push_back(std::move((*second)->begin(TxMode::kWrite)).value());
  const auto row_by_row = every_row(*txs[0]);
  ASSERT_EQ(row_by_row.size(), 1000u);
  EXPECT_EQ(every_row(*txs[1]), row_by_row);
  EXPECT_EQ(every_count(*txs[1]), every_count(*txs[0]));
  EXPECT_EQ(every_count(*txs[1]), counted(*txs[1]));
  // The next row recorded takes the next id in both.
  for (auto& tx : txs) {
    auto ids = tx->disruptions().insert_new(many_disruptions(1, 1001, threat_id));
    ASSERT_TRUE(ids.is_ok()) << ids.status().message();
    EXPECT_EQ(ids->front(), 1001);
  }
}

TEST_P(StoreConformance, StagedRowsBesideHeldOnesHandThoseBackAndInsertTheRest) {
  auto rows = many_disruptions(20, 1, 0);
  {
    auto tx = begin();
    ASSERT_TRUE(tx->disruptions().insert_new({rows.begin(), rows.begin() + 6}).is_ok());  // D-1 … D-6
    ASSERT_TRUE(tx->commit().is_ok());
  }
  rows[4].description = "corrected";  // D-5
  std::vector<Disruption> staged(rows.begin() + 3, rows.end());  // D-4 … D-20 on lines 101 …
  std::vector<std::size_t> lines;
  for (size_t i = 0; i < staged.size(); ++i) lines.push_back(101 + i);
  {
    auto tx = begin();
    ASSERT_TRUE(stage_all(*tx, staged, 5, lines).is_ok());
    auto held = tx->disruptions().staged_held(0, 2);
    ASSERT_TRUE(held.is_ok()) << held.status().message();
    ASSERT_EQ(held->size(), 2u);
    EXPECT_EQ((*held)[0].line, 101);
    EXPECT_EQ((*held)[0].stored.reference, "D-4");
    EXPECT_EQ((*held)[0].stored.id, 4);
    EXPECT_EQ((*held)[1].staged.description, "corrected");
    EXPECT_NE((*held)[1].stored.description, "corrected");
    auto rest = tx->disruptions().staged_held(102, 2);
    ASSERT_TRUE(rest.is_ok());
    ASSERT_EQ(rest->size(), 1u);
    EXPECT_EQ(rest->front().stored.reference, "D-6");
    EXPECT_TRUE(tx->disruptions().staged_held(103, 2)->empty());
    auto inserted = tx->disruptions().insert_staged();
    ASSERT_TRUE(inserted.is_ok()) << inserted.status().message();
    EXPECT_EQ(*inserted, 14);
    ASSERT_TRUE(tx->commit().is_ok());
  }
  {
    auto tx = begin();
    EXPECT_EQ(tx->disruptions().find("MPS", "D-9")->id, 6 + 106);  // after the highest id, by line
    EXPECT_NE(tx->disruptions().find("GMP", "D-5")->description, "corrected");  // held rows are the caller's to update
    EXPECT_EQ(every_row(*tx).size(), 20u);
    EXPECT_EQ(every_count(*tx), counted(*tx));
    // A few more into a fuller table: inserted with its indexes in place.
    ASSERT_TRUE(stage_all(*tx, many_disruptions(2, 21, 0), 5).is_ok());
    EXPECT_EQ(*tx->disruptions().insert_staged(), 2);
    EXPECT_EQ(every_count(*tx), counted(*tx));
    ASSERT_TRUE(tx->commit().is_ok());
  }
}

TEST_P(StoreConformance, AReferenceStagedTwiceIsFoundWhereItRepeatsAndNothingIsKept) {
  auto rows = many_disruptions(1000, 1, 0);
  rows[899].reference = rows[2].reference;  // line 900 repeats line 3 (both MPS)
  auto refused = [&](Transaction& tx, const std::vector<Disruption>& staged, int64_t line, const std::string& agency,
                     const std::string& reference) {
    Status s = stage_all(tx, staged, 300);
    if (s.is_ok()) s = status_of(tx.disruptions().staged_held(0, 1000));
    if (s.is_ok()) s = status_of(tx.disruptions().insert_staged());
    EXPECT_EQ(s.code(), Code::kAlreadyExists) << s.message();
    auto repeat = tx.disruptions().first_repeat();
    ASSERT_TRUE(repeat.is_ok()) << repeat.status().message();
    ASSERT_TRUE(repeat->has_value());
    EXPECT_EQ((*repeat)->line, line);
    EXPECT_EQ((*repeat)->agency, agency);
    EXPECT_EQ((*repeat)->reference, reference);
  };
  {
    SCOPED_TRACE("into an empty table");
    auto tx = begin();
    refused(*tx, rows, 900, "MPS", "D-3");
  }
  {
    auto tx = begin();
    EXPECT_TRUE(every_row(*tx).empty());
    ASSERT_TRUE(tx->disruptions().insert_new(many_disruptions(1, 5000, 0)).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  {
    SCOPED_TRACE("beside a row held");
    auto tx = begin();
    refused(*tx, rows, 900, "MPS", "D-3");
  }
  {
    SCOPED_TRACE("a held reference twice");
    auto tx = begin();
    refused(*tx, {rows[0], rows[1], rows[2], many_disruptions(1, 5000, 0)[0], many_disruptions(1, 5000, 0)[0]}, 5, "GMP", "D-5000");
  }
  auto tx = begin();
  EXPECT_EQ(every_row(*tx).size(), 1u);
  EXPECT_EQ(every_count(*tx), counted(*tx));
  // Nothing of the refused loads is in the way of the next.
  rows[899].reference = "D-900";
  ASSERT_TRUE(stage_all(*tx, rows, 300).is_ok());
  auto inserted = tx->disruptions().insert_staged();
  ASSERT_TRUE(inserted.is_ok()) << inserted.status().message();
  EXPECT_EQ(*inserted, 1000);
  ASSERT_TRUE(tx->commit().is_ok());
}

TEST_P(StoreConformance, RowsStagedAndNeverInsertedKeepTheTransactionFromCommitting) {
  {
    auto tx = begin();
    ASSERT_TRUE(stage_all(*tx, many_disruptions(10, 1, 0), 4).is_ok());
    EXPECT_EQ(tx->commit().code(), Code::kFailedPrecondition);
  }
  auto tx = begin();
  EXPECT_TRUE(every_row(*tx).empty());
  EXPECT_TRUE(every_count(*tx).empty());
}

TEST_P(StoreConformance, LoadsOfManyRowsLeaveTheTablesAsTheSchemaMadeThem) {
  const std::string schema = db_->text(GetParam().disruption_schema_sql);
  ASSERT_NE(schema.find("disruption_counts_day"), std::string::npos) << schema;
  // Into empty tables (rows straight in), then beside fewer rows (staged, indexes rebuilt).
  for (int first : {1, 1001}) {
    auto tx = begin();
    ASSERT_TRUE(stage_all(*tx, many_disruptions(first == 1 ? 1000 : 3000, first, 0), 1000).is_ok());
    auto inserted = tx->disruptions().insert_staged();
    ASSERT_TRUE(inserted.is_ok()) << inserted.status().message();
    ASSERT_TRUE(tx->commit().is_ok());
    EXPECT_EQ(db_->text(GetParam().disruption_schema_sql), schema);
  }
  // And the constraints hold: a reference held is not inserted again, an unknown agency is refused.
  auto tx = begin();
  auto again = tx->disruptions().insert_new(many_disruptions(1, 10, 0));
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_EQ(again->front(), 0);
  auto ghost = many_disruptions(1, 9999, 0);
  ghost[0].recording_agency = "NOPE";
  EXPECT_FALSE(tx->disruptions().insert_new(ghost).is_ok());
}

// ---- marked records loaded many at once -----------------------------------------------------

// `n` of each kind of record, numbered from 1: text COPY must escape, values present and
// absent, every scope, shares.
struct ManyRecords {
  std::vector<Threat> threats;
  std::vector<Nominal> nominals;
  std::vector<IntelligenceReport> reports;
};
ManyRecords many_records(int n) {
  const std::vector<std::string> owners{"MPS", "BTP", "GMP"};
  const std::vector<std::string> texts{"plain", "tab\there", "new\nline", "back\\slash \\N", "quote \" '", "Ünïcödé ✓", ""};
  ManyRecords out;
  for (int i = 1; i <= n; ++i) {
    const auto u = static_cast<size_t>(i);
    Marking m;
    m.owning_agency = owners[u % 3];
    m.scope = static_cast<SharingScope>(i % 4);
    if (m.scope == SharingScope::kNamed) m.shared_with = {owners[(u + 1) % 3], owners[(u + 2) % 3]};
    m.classification = i % 5 ? Classification::kOfficial : Classification::kSecret;
    m.handling = i % 7 ? HandlingCode::kP : HandlingCode::kC;
    if (m.handling == HandlingCode::kC) m.handling_conditions = texts[u % texts.size()];
    m.sensitive = i % 6 == 0;
    auto stamp = [&](auto& r, const std::string& series) {
      r.reference = m.owning_agency + "-" + series + "-" + std::to_string(i);
      r.marking = m;
      r.version = 1;
      r.created_at = r.updated_at = "2026-06-21T10:00:00.000Z";
      r.created_by = 3;
    };
    Threat t;
    stamp(t, "OCG");
    t.name = "Kestrel " + std::to_string(i);
    t.description = texts[u % texts.size()] + " cable theft";
    if (i % 3) t.tier = 1 + i % 5;
    if (i % 2) t.morile_score = i * 1.25;
    t.county_lines = i % 4 == 0;
    out.threats.push_back(t);
    Nominal nom;
    stamp(nom, "NOM");
    nom.given_names = "Ann " + texts[(u + 1) % texts.size()];
    nom.surname = "Kestrel";
    nom.date_of_birth = "1990-01-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28);
    out.nominals.push_back(nom);
    IntelligenceReport r;
    stamp(r, "INT");
    r.title = "Kestrel seen " + std::to_string(i);
    r.body = texts[(u + 2) % texts.size()] + " at the depot";
    r.source_evaluation = 1 + i % 3;
    r.intelligence_assessment = static_cast<char>('A' + i % 4);
    r.received_date = "2026-06-01";
    r.originating_agency = m.owning_agency;
    if (i % 9 == 0) r.mentions = {{"phone", "07700 900" + std::to_string(i)}};
    out.reports.push_back(r);
  }
  return out;
}

template <typename Repository>
std::vector<std::string> every_record(Repository& repo) {
  std::vector<std::string> out;
  for (int64_t after = 0;;) {
    auto page = repo.scan(after, 300);
    EXPECT_TRUE(page.is_ok()) << page.status().message();
    if (!page.is_ok() || page->empty()) return out;
    for (const auto& r : *page) out.push_back(json_codec::to_json(r).dump());
    after = page->back().id;
  }
}

TEST_P(StoreConformance, RecordsInsertedManyAtOnceComeBackAsRecordsInsertedOneByOne) {
  // One by one into this database, many at once into a second of the same kind.
  auto second_db = GetParam().scratch();
  auto second = open_store(second_db->url());
  ASSERT_TRUE(second.is_ok()) << second.status().message();
  // More rows than one statement of SQLite's bulk writer takes, and not a multiple of it.
  const ManyRecords records = many_records(700);
  {
    auto tx = begin();
    for (const auto& t : records.threats) ASSERT_TRUE(tx->threats().insert(t).is_ok());
    for (const auto& n : records.nominals) ASSERT_TRUE(tx->nominals().insert(n).is_ok());
    for (const auto& r : records.reports) ASSERT_TRUE(tx->intelligence().insert(r).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  {
    auto tx = std::move((*second)->begin(TxMode::kWrite)).value();
    for (const char* code : {"MPS", "BTP", "GMP"})
      ASSERT_TRUE(tx->agencies().insert({code, code, AgencyKind::kTerritorialForce, code == std::string("GMP") ? "North West" : "London", true}).is_ok());
    auto ids = tx->threats().insert_many({records.threats.begin(), records.threats.begin() + 400});
    ASSERT_TRUE(ids.is_ok()) << ids.status().message();
    EXPECT_EQ(ids->front(), 1);
    EXPECT_EQ(ids->back(), 400);
    ids = tx->threats().insert_many({records.threats.begin() + 400, records.threats.end()});
    ASSERT_TRUE(ids.is_ok()) << ids.status().message();
    EXPECT_EQ(ids->front(), 401);
    ASSERT_TRUE(tx->nominals().insert_many(records.nominals).is_ok());
    ASSERT_TRUE(tx->intelligence().insert_many(records.reports).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  ASSERT_TRUE((*second)->analyze().is_ok());
  auto one = begin(TxMode::kRead);
  auto many = std::move((*second)->begin(TxMode::kRead)).value();
  EXPECT_EQ(every_record(many->threats()), every_record(one->threats()));
  EXPECT_EQ(every_record(many->nominals()), every_record(one->nominals()));
  EXPECT_EQ(every_record(many->intelligence()), every_record(one->intelligence()));
  ASSERT_EQ(every_record(one->intelligence()).size(), 700u);
  // Text search and the policy see them alike.
  for (const char* text : {"kestrel", "depot", "ann"}) {
    ThreatQuery tq;
    tq.text = text;
    NominalQuery nq;
    nq.text = text;
    IntelligenceQuery iq;
    iq.text = text;
    const ReadScope s = scope_of("BTP", "London");
    EXPECT_EQ(many->threats().list(s, tq)->total, one->threats().list(s, tq)->total) << text;
    EXPECT_EQ(many->nominals().list(s, nq)->total, one->nominals().list(s, nq)->total) << text;
    EXPECT_EQ(many->intelligence().list(s, iq)->total, one->intelligence().list(s, iq)->total) << text;
  }
  EXPECT_GT(many->intelligence().list(scope_of("BTP", "London"), IntelligenceQuery{"depot", {}, {}, {}, {}})->total, 100);
  many.reset();
  // The next record inserted one by one follows them; a reference taken is refused.
  auto tx = std::move((*second)->begin(TxMode::kWrite)).value();
  auto next = tx->threats().insert(threat("MPS", "MPS-OCG-NEXT", "Heron"));
  ASSERT_TRUE(next.is_ok()) << next.status().message();
  EXPECT_EQ(*next, 701);
  EXPECT_EQ(tx->nominals().insert_many({records.nominals[5]}).status().code(), Code::kAlreadyExists);
}

INSTANTIATE_TEST_SUITE_P(Adapters, StoreConformance,
                         ::testing::Values(Adapter{"sqlite", testing::scratch_sqlite, "PRAGMA user_version = 999",
                                                   "SELECT 1",
                                                   "SELECT group_concat(type || ' ' || name || ': ' || coalesce(sql, ''), char(10)) "
                                                   "FROM (SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN "
                                                   "('disruptions', 'disruption_counts', 'disruption_months') ORDER BY name)"},
                                           Adapter{"postgres", scratch_postgres_if_named,
                                                   "INSERT INTO schema_migrations(version) VALUES (999)",
                                                   "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                                   "WHERE datname = current_database() AND pid <> pg_backend_pid()",
                                                   "SELECT string_agg(d, E'\\n' ORDER BY d) FROM ("
                                                   "SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename IN "
                                                   "('disruptions', 'disruption_counts', 'disruption_months') UNION ALL "
                                                   "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || "
                                                   "' validated ' || convalidated::text FROM pg_constraint WHERE conrelid IN "
                                                   "('disruptions'::regclass, 'disruption_counts'::regclass, 'disruption_months'::regclass)) s"}),
                         [](const auto& info) { return info.param.name; });

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
}  // namespace rocta
