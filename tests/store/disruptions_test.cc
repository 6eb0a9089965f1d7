// Disruptions in the store (conformance suite, store_conformance.h): rows staged and loaded
// many at once.
#include "store/agency_repository.h"
#include "store/disruption_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/store_conformance.h"

namespace rocta::store_test {
namespace {

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

}  // namespace
}  // namespace rocta::store_test
