// The places repository's conformance suite, run on every adapter: a place is read through
// its record (threat, intelligence, a disruption's threat) with the scope applied in the
// query, box queries agree with a scan, incidents are filtered by their own marking.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "core/policy.h"
#include "store/agency_repository.h"
#include "store/marked_repository.h"
#include "store/place_repository.h"
#include "store/repository_transaction.h"
#include "store/store.h"
#include "support/scratch_database.h"

namespace rocta {
namespace {

using testing::ScratchDatabase;

const char* kAgencies[] = {"MPS", "BTP", "CoLP", "GMP"};

class PlaceRepositoryConformance : public ::testing::TestWithParam<testing::ScratchAdapter> {
 protected:
  void SetUp() override {
    db_ = GetParam().scratch();
    if (!db_) GTEST_SKIP() << "no PostgreSQL server named: set ROCTA_TEST_PG (scripts/run-tests.sh does)";
    auto s = open_store(db_->url());
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    store_ = std::move(s).value();
    auto tx = begin();
    for (const char* code : kAgencies)
      ASSERT_TRUE(tx->agencies().insert({code, code, AgencyKind::kTerritorialForce, code == std::string("GMP") ? "North West" : "London", true}).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  std::unique_ptr<Transaction> begin(TxMode mode = TxMode::kWrite) {
    auto tx = store_->begin(mode);
    EXPECT_TRUE(tx.is_ok()) << tx.status().message();
    return std::move(tx).value();
  }
  Marking random_marking(std::mt19937& rng) {
    Marking m;
    m.owning_agency = kAgencies[rng() % 4];
    m.owning_region = m.owning_agency == "GMP" ? "North West" : "London";
    m.classification = static_cast<Classification>(rng() % 3);
    m.sensitive = m.classification == Classification::kOfficial && rng() % 3 == 0;
    m.compartment = rng() % 4 == 0 ? "MPS-SIU" : "";
    m.scope = static_cast<SharingScope>(rng() % 4 == 1 ? 0 : rng() % 4);
    if (m.scope == SharingScope::kNamed) m.shared_with = {m.owning_agency == "BTP" ? "MPS" : "BTP"};
    return m;
  }
  static ReadScope scope_of(std::mt19937& rng) {
    ReadScope s;
    s.active = true;
    s.agency = kAgencies[rng() % 4];
    s.region = s.agency == "GMP" ? "North West" : "London";
    s.law_enforcement = true;
    s.max_classification = static_cast<Classification>(rng() % 3);
    s.need_to_know = rng() % 2;
    if (rng() % 3 == 0) s.compartments = {"MPS-SIU"};
    return s;
  }
  // A square place of `side` metres at (x, y) on a new record of `kind` marked `m`.
  Place place_on(Transaction& tx, PlaceRecordKind kind, const Marking& m, double x, double y, double side) {
    Place p;
    p.record_kind = kind;
    const std::string ref = m.owning_agency + "-" + std::to_string(++count_);
    if (kind == PlaceRecordKind::kIntelligence) {
      IntelligenceReport r;
      r.reference = ref;
      r.title = "Report " + ref;
      r.body = "Body";
      r.received_date = "2026-01-01";
      r.marking = m;
      r.version = 1;
      p.record_id = *tx.intelligence().insert(r);
    } else {
      Threat t;
      t.reference = ref;
      t.name = "Threat " + ref;
      t.primary_crime_type = "Metal theft";
      t.marking = m;
      t.version = 1;
      p.record_id = *tx.threats().insert(t);
    }
    p.label = "Place " + ref;
    p.shape = side > 0 ? "area" : "point";
    p.geometry = "{}";
    p.geojson = "{}";
    p.box = {x, y, x + side, y + side};
    p.record_marking = m;
    auto id = tx.places().insert_place(p);
    EXPECT_TRUE(id.is_ok()) << id.status().message();
    p.id = id.is_ok() ? *id : 0;
    return p;
  }

  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<Store> store_;
  int count_ = 0;
};

bool meets(const GridBox& a, const GridBox& b) {
  return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

TEST_P(PlaceRepositoryConformance, NoPlaceOfAHiddenRecordIsListedAndEveryVisibleOneIs) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> pos(520000, 540000);
  std::vector<Place> all;
  auto tx = begin();
  for (int i = 0; i < 300; ++i) {
    auto kind = i % 2 ? PlaceRecordKind::kIntelligence : PlaceRecordKind::kThreat;
    all.push_back(place_on(*tx, kind, random_marking(rng), pos(rng), pos(rng) - 350000, i % 3 ? 0 : 800));
  }
  ASSERT_TRUE(tx->commit().is_ok());
  auto read = begin(TxMode::kRead);
  for (int q = 0; q < 40; ++q) {
    ReadScope scope = scope_of(rng);
    double x = pos(rng), y = pos(rng) - 350000;
    PlaceQuery query;
    if (q % 4) query.box = GridBox{x, y, x + 5000, y + 5000};
    auto got = read->places().places(scope, query);
    ASSERT_TRUE(got.is_ok()) << got.status().message();
    std::set<int64_t> expected, listed;
    for (const auto& p : all)
      if (admits(scope, p.record_marking) && (!query.box || meets(p.box, *query.box))) expected.insert(p.id);
    std::map<int64_t, const Place*> made;
    for (const auto& p : all) made[p.id] = &p;
    for (const auto& p : *got) {
      listed.insert(p.id);
      // Read back whole, named agencies included: app/ checks the policy again on it.
      ASSERT_TRUE(made.count(p.id));
      EXPECT_EQ(p.record_marking.shared_with, made[p.id]->record_marking.shared_with) << "place " << p.id;
      EXPECT_EQ(p.record_marking.scope, made[p.id]->record_marking.scope);
      EXPECT_EQ(p.marked_id, made[p.id]->record_id);
    }
    EXPECT_EQ(listed, expected) << "query " << q;
  }
}

TEST_P(PlaceRepositoryConformance, AreasAreReplacedByKindAndCode) {
  auto tx = begin();
  Area a{0, AreaKind::kStation, "EUS", "Euston", "LNW", "{\"g\":1}", "{}", {529000, 182000, 529500, 182600}, 1, "t"};
  auto id = tx->places().upsert_area(a);
  ASSERT_TRUE(id.is_ok()) << id.status().message();
  a.name = "London Euston";
  a.geometry = "{\"g\":2}";
  auto again = tx->places().upsert_area(a);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(*again, *id);
  ASSERT_TRUE(tx->commit().is_ok());
  auto read = begin(TxMode::kRead);
  auto got = read->places().area_by_code(AreaKind::kStation, "EUS");
  ASSERT_TRUE(got.is_ok());
  EXPECT_EQ(got->name, "London Euston");
  EXPECT_EQ(got->geometry, "{\"g\":2}");
  EXPECT_EQ(got->parent_code, "LNW");
  EXPECT_EQ(read->places().areas(AreaKind::kStation, false)->size(), 1u);
  EXPECT_TRUE(read->places().areas(AreaKind::kBcu, false)->empty());
}

TEST_P(PlaceRepositoryConformance, IncidentsAreFilteredByMarkingBoxTypeAndDay) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> pos(0, 10000);
  std::vector<Incident> all;
  for (int i = 0; i < 400; ++i) {
    Incident inc;
    inc.reference = "CR-" + std::to_string(i);
    inc.type = i % 3 ? IncidentType::kMetalTheft : IncidentType::kKioskFraud;
    inc.occurred_on = "2026-0" + std::to_string(1 + i % 9) + "-15";
    inc.x = 520000 + pos(rng);
    inc.y = 170000 + pos(rng);
    inc.marking = random_marking(rng);
    all.push_back(inc);
  }
  auto tx = begin();
  ASSERT_TRUE(tx->places().insert_incidents(all).is_ok());
  ASSERT_TRUE(tx->commit().is_ok());
  auto read = begin(TxMode::kRead);
  for (int q = 0; q < 30; ++q) {
    ReadScope scope = scope_of(rng);
    IncidentQuery query;
    double x = 520000 + pos(rng), y = 170000 + pos(rng);
    query.box = GridBox{x, y, x + 3000, y + 3000};
    if (q % 2) query.type = IncidentType::kMetalTheft;
    if (q % 3 == 0) query.from = "2026-03-01", query.to = "2026-06-30";
    size_t expected = 0;
    for (const auto& i : all)
      if (admits(scope, i.marking) && i.x >= x && i.x <= x + 3000 && i.y >= y && i.y <= y + 3000 &&
          (!query.type || i.type == *query.type) && (query.from.empty() || (i.occurred_on >= query.from && i.occurred_on <= query.to)))
        ++expected;
    auto got = read->places().incidents(scope, query);
    ASSERT_TRUE(got.is_ok()) << got.status().message();
    EXPECT_EQ(got->size(), expected) << "query " << q;
    EXPECT_EQ(*read->places().count_incidents(scope, query), int64_t(expected));
  }
}

TEST_P(PlaceRepositoryConformance, PlacesAndIncidentsOfRecordsSharedByNameCarryTheirNamedAgencies) {
  Marking named;
  named.owning_agency = "MPS";
  named.owning_region = "London";
  named.scope = SharingScope::kNamed;
  named.shared_with = {"BTP", "GMP"};
  auto tx = begin();
  const Place threat_place = place_on(*tx, PlaceRecordKind::kThreat, named, 530000, 180000, 0);
  const Place report_place = place_on(*tx, PlaceRecordKind::kIntelligence, named, 530100, 180100, 0);
  Marking own = named;
  own.scope = SharingScope::kOwnerOnly;
  own.shared_with.clear();
  place_on(*tx, PlaceRecordKind::kThreat, own, 530200, 180200, 0);
  Incident i;
  i.reference = "CR-N";
  i.occurred_on = "2026-01-01";
  i.x = 530000;
  i.y = 180000;
  i.marking = named;
  ASSERT_TRUE(tx->places().insert_incidents({i}).is_ok());
  ASSERT_TRUE(tx->commit().is_ok());
  auto read = begin(TxMode::kRead);
  ReadScope btp;
  btp.active = true;
  btp.agency = "BTP";
  btp.region = "London";
  btp.law_enforcement = true;
  btp.max_classification = Classification::kSecret;
  auto places = read->places().places(btp, {});
  ASSERT_TRUE(places.is_ok()) << places.status().message();
  std::set<int64_t> ids;
  for (const auto& p : *places) {
    ids.insert(p.id);
    EXPECT_EQ(p.record_marking.shared_with, (std::vector<std::string>{"BTP", "GMP"}));
    EXPECT_TRUE(admits(btp, p.record_marking));
  }
  EXPECT_EQ(ids, (std::set<int64_t>{threat_place.id, report_place.id}));
  auto incidents = read->places().incidents(btp, {});
  ASSERT_TRUE(incidents.is_ok()) << incidents.status().message();
  ASSERT_EQ(incidents->size(), 1u);
  EXPECT_EQ((*incidents)[0].marking.shared_with, (std::vector<std::string>{"BTP", "GMP"}));
  ReadScope colp = btp;
  colp.agency = "CoLP";
  EXPECT_TRUE(read->places().places(colp, {})->empty());
  EXPECT_TRUE(read->places().incidents(colp, {})->empty());
}

TEST_P(PlaceRepositoryConformance, ADuplicateIncidentReferenceIsNamed) {
  Incident a;
  a.reference = "CR-1";
  a.occurred_on = "2026-01-01";
  a.x = 530000;
  a.y = 180000;
  a.marking.owning_agency = "BTP";
  auto tx = begin();
  auto s = tx->places().insert_incidents({a, a});
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), Code::kAlreadyExists);
  EXPECT_NE(s.message().find("CR-1"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Adapters, PlaceRepositoryConformance,
                         ::testing::ValuesIn(testing::conformance_adapters()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace rocta
