// Links between records in the store (conformance suite, store_conformance.h).
#include "store/link_repository.h"
#include "store/marked_repository.h"
#include "store/store_conformance.h"

namespace rocta::store_test {
namespace {

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

}  // namespace
}  // namespace rocta::store_test
