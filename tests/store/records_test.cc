// Marked records (threats, nominals, intelligence) in the store (conformance suite,
// store_conformance.h): references, versions, shares, paging, every field, the policy in
// SQL, loads of many at once.
#include "store/agency_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/store_conformance.h"

namespace rocta::store_test {
namespace {

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

}  // namespace
}  // namespace rocta::store_test
