// SIU check replies and waivers in the store (conformance suite, store_conformance.h): one
// reply per compartment, the waiver kept, and the consultation rows by assessment date.
#include "store/marked_repository.h"
#include "store/master_list_repository.h"
#include "store/siu_check_repository.h"
#include "store/store_conformance.h"

namespace rocta::store_test {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;

TEST_P(StoreConformance, SiuRepliesAreOnePerCompartmentAndFeedTheConsultationRows) {
  auto tx = begin();
  auto mps = tx->threats().insert(threat("MPS", "MPS-1", "Kestrel"));
  auto btp = tx->threats().insert(threat("BTP", "BTP-1", "Plover"));
  ASSERT_TRUE(mps.is_ok() && btp.is_ok());
  MorileAssessment consulting;
  consulting.threat_id = *mps;
  consulting.assessor_id = 1;
  consulting.assessed_at_ms = 100 * kDay;
  consulting.siu_compartments = {"MPS-SIU", "BTP-SIU"};
  consulting.siu_signal = true;
  MorileAssessment quiet = consulting;
  quiet.threat_id = *btp;
  quiet.siu_compartments.clear();
  quiet.siu_signal = false;
  MorileAssessment later = quiet;
  later.assessed_at_ms = 200 * kDay;
  later.version = 2;  // a reassessment of the same threat
  ASSERT_TRUE(tx->master_list().insert_model({1, "MoRiLE", "{}", "2026-01-01T00:00:00Z", 0}).is_ok());
  auto a = tx->master_list().insert_assessment(consulting);
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  auto b = tx->master_list().insert_assessment(quiet);
  ASSERT_TRUE(b.is_ok()) << b.status().message();
  auto c = tx->master_list().insert_assessment(later);
  ASSERT_TRUE(c.is_ok()) << c.status().message();

  SiuReply r{0, *a, "MPS-SIU", SiuAdvice::kAdviseRescore, "firearms access", 9, 101 * kDay};
  auto id = tx->siu_checks().insert_reply(r);
  ASSERT_TRUE(id.is_ok()) << id.status().message();
  SiuReply again = r;
  again.advice = SiuAdvice::kNoTrace;
  EXPECT_EQ(tx->siu_checks().insert_reply(again).status().code(), Code::kAlreadyExists);
  ASSERT_TRUE(tx->commit().is_ok());

  tx = begin();
  auto replies = tx->siu_checks().replies_of(*a);
  ASSERT_TRUE(replies.is_ok());
  ASSERT_EQ(replies->size(), 1u);
  EXPECT_EQ((*replies)[0].id, *id);
  EXPECT_EQ((*replies)[0].advice, SiuAdvice::kAdviseRescore);
  EXPECT_EQ((*replies)[0].note, "firearms access");
  EXPECT_EQ((*replies)[0].replied_by, 9);
  EXPECT_EQ((*replies)[0].replied_ms, 101 * kDay);
  EXPECT_TRUE(tx->siu_checks().replies_of(*b)->empty());

  EXPECT_FALSE(tx->siu_checks().waiver_of(*a)->has_value());
  ASSERT_TRUE(tx->siu_checks().insert_waiver({*a, "tasking tomorrow", {"BTP-SIU"}, 4, 102 * kDay}).is_ok());
  EXPECT_EQ(tx->siu_checks().insert_waiver({*a, "twice", {}, 4, 103 * kDay}).code(), Code::kAlreadyExists);
  auto w = tx->siu_checks().waiver_of(*a);
  ASSERT_TRUE(w.is_ok() && w->has_value());
  EXPECT_EQ((*w)->reason, "tasking tomorrow");
  EXPECT_EQ((*w)->unanswered, std::vector<std::string>{"BTP-SIU"});
  EXPECT_EQ((*w)->recorded_ms, 102 * kDay);

  auto rows = tx->siu_checks().consultation_rows(50 * kDay, 150 * kDay);  // not the later one
  ASSERT_TRUE(rows.is_ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  const ConsultationRow& first = (*rows)[0].assessment_id == *a ? (*rows)[0] : (*rows)[1];
  const ConsultationRow& second = (*rows)[0].assessment_id == *a ? (*rows)[1] : (*rows)[0];
  EXPECT_EQ(first.agency, "MPS");
  EXPECT_EQ(first.compartments, (std::vector<std::string>{"MPS-SIU", "BTP-SIU"}));
  EXPECT_EQ(first.replied_ms, (std::map<std::string, int64_t>{{"MPS-SIU", 101 * kDay}}));
  EXPECT_EQ(first.waived_ms, 102 * kDay);
  EXPECT_EQ(second.agency, "BTP");
  EXPECT_TRUE(second.compartments.empty());
  EXPECT_EQ(second.waived_ms, 0);
}

}  // namespace
}  // namespace rocta::store_test
