// The SCPO repository's conformance suite, run on every adapter: orders read through their
// subject's marking (the scope is applied in the query), conditions and history kept,
// checks and breaches filtered as the queue, the agendas and the figures ask.
#include <gtest/gtest.h>

#include "store/agency_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/scpo_repository.h"
#include "store/store.h"
#include "store/unit_repository.h"
#include "support/scratch_database.h"

namespace rocta {
namespace {

using testing::ScratchDatabase;

class ScpoRepositoryConformance : public ::testing::TestWithParam<testing::ScratchAdapter> {
 protected:
  void SetUp() override {
    db_ = GetParam().scratch();
    if (!db_) GTEST_SKIP() << "no PostgreSQL server named: set ROCTA_TEST_PG (scripts/run-tests.sh does)";
    auto s = open_store(db_->url());
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    store_ = std::move(s).value();
    auto tx = begin();
    for (const char* code : {"MPS", "BTP"}) ASSERT_TRUE(tx->agencies().insert({code, code, AgencyKind::kTerritorialForce, "London", true}).is_ok());
    ASSERT_TRUE(tx->agencies().insert({"GMP", "GMP", AgencyKind::kTerritorialForce, "North West", true}).is_ok());
    bcu_ = *tx->units().insert(Unit{0, "MPS", "Central East BCU", UnitKind::kBcu, {}, true});
    open_subject_ = nominal(*tx, "MPS", SharingScope::kRegion, false, "");
    sensitive_subject_ = nominal(*tx, "MPS", SharingScope::kOwnerOnly, true, "");
    siu_subject_ = nominal(*tx, "MPS", SharingScope::kOwnerOnly, false, "MPS-SIU");
    ASSERT_TRUE(tx->commit().is_ok());
  }
  std::unique_ptr<Transaction> begin(TxMode mode = TxMode::kWrite) {
    auto tx = store_->begin(mode);
    EXPECT_TRUE(tx.is_ok()) << tx.status().message();
    return std::move(tx).value();
  }
  int64_t nominal(Transaction& tx, const std::string& owner, SharingScope scope, bool sensitive, const std::string& compartment) {
    Nominal n;
    n.reference = owner + "-NOM-" + std::to_string(++count_);
    n.given_names = "Sam";
    n.surname = "Subject" + std::to_string(count_);
    n.marking.owning_agency = owner;
    n.marking.scope = scope;
    n.marking.sensitive = sensitive;
    n.marking.compartment = compartment;
    n.version = 1;
    auto id = tx.nominals().insert(n);
    EXPECT_TRUE(id.is_ok()) << id.status().message();
    return id.is_ok() ? *id : 0;
  }
  static ReadScope scope_of(const std::string& agency, bool need_to_know = true, std::vector<std::string> compartments = {}) {
    ReadScope s;
    s.active = true;
    s.agency = agency;
    s.region = agency == "GMP" ? "North West" : "London";
    s.law_enforcement = true;
    s.max_classification = Classification::kSecret;
    s.need_to_know = need_to_know;
    s.compartments = std::move(compartments);
    return s;
  }
  ScpoOrder order(int64_t subject, const std::string& starts, const std::string& ends) {
    ScpoOrder o;
    o.reference = "MPS-SCPO-" + std::to_string(++count_);
    o.agency = "MPS";
    o.nominal_id = subject;
    o.bcu_unit_id = bcu_;
    o.court = "Southwark Crown Court";
    o.made_on = starts;
    o.starts_on = starts;
    o.ends_on = ends;
    o.conditions = {{ScpoConditionKind::kAssociation, "No contact with the Heron OCG"},
                    {ScpoConditionKind::kFinancialReporting, "Quarterly statements"}};
    o.version = 1;
    return o;
  }
  int64_t insert(Transaction& tx, const ScpoOrder& o) {
    auto id = tx.scpo().insert_order(o);
    EXPECT_TRUE(id.is_ok()) << id.status().message();
    return id.is_ok() ? *id : 0;
  }

  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<Store> store_;
  int64_t bcu_ = 0, open_subject_ = 0, sensitive_subject_ = 0, siu_subject_ = 0;
  int count_ = 0;
};

TEST_P(ScpoRepositoryConformance, AnOrderIsReadThroughItsSubjectsMarking) {
  auto tx = begin();
  const int64_t open = insert(*tx, order(open_subject_, "2022-01-01", "2026-12-31"));
  const int64_t sensitive = insert(*tx, order(sensitive_subject_, "2022-01-01", "2026-12-31"));
  const int64_t siu = insert(*tx, order(siu_subject_, "2022-01-01", "2026-12-31"));
  ASSERT_TRUE(tx->commit().is_ok());

  auto read = begin(TxMode::kRead);
  auto got = read->scpo().order(open, scope_of("MPS"));
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  EXPECT_EQ(got->court, "Southwark Crown Court");
  EXPECT_EQ(got->subject_reference, "MPS-NOM-1");
  EXPECT_EQ(got->subject_marking.owning_agency, "MPS");
  EXPECT_EQ(got->subject_marking.owning_region, "London");  // the policy's region rule needs it
  ASSERT_EQ(got->conditions.size(), 2u);
  EXPECT_EQ(got->conditions[1].kind, ScpoConditionKind::kFinancialReporting);
  // Another London force reads the region-wide subject's order, not the owner-only ones.
  EXPECT_TRUE(read->scpo().order(open, scope_of("BTP")).is_ok());
  EXPECT_EQ(read->scpo().order(sensitive, scope_of("BTP")).status().code(), Code::kNotFound);
  EXPECT_EQ(read->scpo().order(open, scope_of("GMP")).status().code(), Code::kNotFound);
  // Need-to-know and compartments hold as for the nominal itself.
  EXPECT_EQ(read->scpo().order(sensitive, scope_of("MPS", false)).status().code(), Code::kNotFound);
  EXPECT_EQ(read->scpo().order(siu, scope_of("MPS")).status().code(), Code::kNotFound);
  EXPECT_TRUE(read->scpo().order(siu, scope_of("MPS", true, {"MPS-SIU"})).is_ok());
  auto listed = read->scpo().orders(scope_of("MPS"), {});
  ASSERT_TRUE(listed.is_ok());
  EXPECT_EQ(listed->size(), 2u);  // not the SIU's
  auto btp = read->scpo().orders(scope_of("BTP"), {});
  ASSERT_TRUE(btp.is_ok());
  ASSERT_EQ(btp->size(), 1u);
  EXPECT_EQ(btp->front().id, open);
}

TEST_P(ScpoRepositoryConformance, VariationsReplaceConditionsAndKeepHistory) {
  auto tx = begin();
  ScpoOrder o = order(open_subject_, "2022-01-01", "2024-12-31");
  o.interim = true;
  o.id = insert(*tx, o);
  ASSERT_TRUE(tx->scpo().insert_change({0, o.id, ScpoChangeKind::kMade, "2022-01-01", "Interim", 0, 1, 1}).is_ok());
  o.version = 2;
  o.interim = false;
  o.ends_on = "2026-12-31";
  o.conditions = {{ScpoConditionKind::kTravel, "No travel abroad"}};
  ASSERT_TRUE(tx->scpo().update_order(o).is_ok());
  ASSERT_TRUE(tx->scpo().insert_change({0, o.id, ScpoChangeKind::kFullOrder, "2022-03-01", "Full order", 0, 1, 2}).is_ok());
  // A stale version is refused.
  EXPECT_EQ(tx->scpo().update_order(o).code(), Code::kConflict);
  ASSERT_TRUE(tx->commit().is_ok());
  auto read = begin(TxMode::kRead);
  auto got = read->scpo().order(o.id, scope_of("MPS"));
  ASSERT_TRUE(got.is_ok());
  EXPECT_FALSE(got->interim);
  EXPECT_EQ(got->ends_on, "2026-12-31");
  ASSERT_EQ(got->conditions.size(), 1u);
  EXPECT_EQ(got->conditions[0].detail, "No travel abroad");
  auto history = read->scpo().changes(o.id);
  ASSERT_TRUE(history.is_ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].kind, ScpoChangeKind::kFullOrder);
}

TEST_P(ScpoRepositoryConformance, ChecksAndBreachesAreFilteredAndScoped) {
  auto tx = begin();
  const int64_t open = insert(*tx, order(open_subject_, "2022-01-01", "2026-12-31"));
  const int64_t hidden = insert(*tx, order(sensitive_subject_, "2022-01-01", "2026-12-31"));
  const int64_t future = insert(*tx, order(open_subject_, "2027-03-01", "2030-02-28"));
  auto check = [&](int64_t order_id, const std::string& due, const std::string& done) {
    ScpoCheck c;
    c.order_id = order_id;
    c.due_on = due;
    c.done_on = done;
    c.outcome = done.empty() ? ScpoCheckOutcome::kPending : ScpoCheckOutcome::kCompliant;
    c.officer_name = "PC Carter";
    auto id = tx->scpo().insert_check(c);
    EXPECT_TRUE(id.is_ok()) << id.status().message();
    return *id;
  };
  const int64_t late = check(open, "2022-03-01", "");
  check(open, "2022-04-01", "2022-04-02");
  check(hidden, "2022-03-01", "");
  check(open, "2022-09-01", "");
  ScpoBreach b;
  b.order_id = open;
  b.occurred_on = "2022-05-05";
  b.condition = ScpoConditionKind::kAssociation;
  b.evidence = "Seen with a Heron OCG member";
  b.arrested = true;
  ASSERT_TRUE(tx->scpo().insert_breach(b).is_ok());
  b.order_id = hidden;
  ASSERT_TRUE(tx->scpo().insert_breach(b).is_ok());
  ASSERT_TRUE(tx->commit().is_ok());

  auto read = begin(TxMode::kRead);
  ScpoCheckQuery overdue;
  overdue.overdue_on = "2022-06-01";
  auto mps = read->scpo().checks(scope_of("MPS"), overdue);
  ASSERT_TRUE(mps.is_ok());
  EXPECT_EQ(mps->size(), 2u);
  auto btp = read->scpo().checks(scope_of("BTP"), overdue);
  ASSERT_TRUE(btp.is_ok());
  ASSERT_EQ(btp->size(), 1u);  // the owner-only subject's check is not fetched
  EXPECT_EQ(btp->front().id, late);
  ScpoCheckQuery period;
  period.from = "2022-04-01";
  period.to = "2022-04-30";
  auto in_april = read->scpo().checks(scope_of("MPS"), period);
  ASSERT_TRUE(in_april.is_ok());
  EXPECT_EQ(in_april->size(), 1u);
  ScpoBreachQuery bq;
  bq.from = "2022-01-01";
  bq.to = "2022-07-31";
  EXPECT_EQ(read->scpo().breaches(scope_of("MPS"), bq)->size(), 2u);
  auto seen = read->scpo().breaches(scope_of("BTP"), bq);
  ASSERT_TRUE(seen.is_ok());
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_TRUE(seen->front().arrested);
  // The horizon and orders in force.
  ScpoOrderQuery horizon;
  horizon.starts_after = "2026-12-01";
  auto later = read->scpo().orders(scope_of("MPS"), horizon);
  ASSERT_TRUE(later.is_ok());
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ(later->front().id, future);
  ScpoOrderQuery now;
  now.in_force_on = "2022-06-01";
  now.bcu_unit_id = bcu_;
  EXPECT_EQ(read->scpo().orders(scope_of("MPS"), now)->size(), 2u);
  // A check updated as done leaves the overdue list.
  read.reset();
  auto w = begin();
  auto c = w->scpo().check(late);
  ASSERT_TRUE(c.is_ok());
  c->done_on = "2022-06-02";
  c->outcome = ScpoCheckOutcome::kConcern;
  ASSERT_TRUE(w->scpo().update_check(*c).is_ok());
  ASSERT_TRUE(w->commit().is_ok());
  EXPECT_EQ(begin(TxMode::kRead)->scpo().checks(scope_of("BTP"), overdue)->size(), 0u);
}

TEST_P(ScpoRepositoryConformance, AReferenceIsUniqueWithinTheAgency) {
  auto tx = begin();
  ScpoOrder o = order(open_subject_, "2022-01-01", "2026-12-31");
  insert(*tx, o);
  EXPECT_EQ(tx->scpo().insert_order(o).status().code(), Code::kAlreadyExists);
}

INSTANTIATE_TEST_SUITE_P(Adapters, ScpoRepositoryConformance,
                         ::testing::ValuesIn(testing::conformance_adapters()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace rocta
