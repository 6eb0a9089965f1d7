// MoRiLE scoring: the worked examples of shared/domain/DOMAIN.md reproduce exactly.
#include <gtest/gtest.h>

#include "core/morile.h"

namespace rocta {
namespace {

struct Example {
  const char* name;
  std::vector<int> harm;
  const char* scope;
  const char* vulnerability;
  const char* likelihood;
  std::vector<int> org;
  double total_harm, risk, priority;
  int tier;
};

TEST(Morile, WorkedExamplesOfTheDefaultModel) {
  const std::vector<Example> examples{
      {"A county lines OCG", {3, 3, 1, 3, 0}, "regional", "high", "highly likely", {2, 1, 3}, 21.0, 126.0, 189.0, 2},
      {"B metal-theft OCG", {2, 0, 3, 3, 1}, "national", "none", "likely", {3, 2, 2}, 14.4, 72.0, 114.0, 3},
      {"C courier-fraud PI", {0, 3, 3, 1, 0}, "force", "high", "realistic possibility", {1, 0, 1}, 12.6, 50.4, 58.8, 4},
      {"D dormant kiosk", {0, 1, 1, 1, 0}, "local", "none", "unlikely", {0, 0, 0}, 3.0, 9.0, 9.0, 5},
  };
  for (const auto& e : examples) {
    MorileFactors f{e.harm, e.scope, e.vulnerability, e.likelihood, e.org, Confidence::kMedium};
    auto s = score(default_morile_model(), f);
    ASSERT_TRUE(s.is_ok()) << e.name << ": " << s.status().message();
    EXPECT_DOUBLE_EQ(s->total_harm, e.total_harm) << e.name;
    EXPECT_DOUBLE_EQ(s->risk, e.risk) << e.name;
    EXPECT_NEAR(s->priority, e.priority, 1e-9) << e.name;
    EXPECT_EQ(s->tier, e.tier) << e.name;
  }
}

// 20 × 1.8 × 1.0 × 5 × (1 + 8/12) is exactly 300, the tier 1 floor; in floating point it
// can land a hair either side.
TEST(Morile, APriorityOnATierFloorIsInThatTier) {
  MorileFactors f{{4, 4, 4, 4, 4}, "international", "none", "likely", {4, 4, 0}, Confidence::kHigh};
  auto s = score(default_morile_model(), f);
  ASSERT_TRUE(s.is_ok());
  EXPECT_EQ(s->tier, 1);
  EXPECT_NEAR(s->priority, 300.0, 1e-9);
  f.org = {4, 3, 0};  // just under
  EXPECT_EQ(score(default_morile_model(), f)->tier, 2);
}

TEST(Morile, FactorsOutsideTheModelAreRefusedByName) {
  const MorileModel& m = default_morile_model();
  MorileFactors f{{3, 3, 1, 3, 0}, "regional", "high", "highly likely", {2, 1, 3}, Confidence::kLow};
  f.harm[0] = 5;
  EXPECT_EQ(score(m, f).status().field(), "harm");
  f.harm = {1, 1, 1};
  EXPECT_EQ(score(m, f).status().field(), "harm");
  f.harm = {3, 3, 1, 3, 0};
  f.scope = "galactic";
  EXPECT_EQ(score(m, f).status().field(), "scope");
  f.scope = "Regional";  // names match whatever the case
  EXPECT_TRUE(score(m, f).is_ok());
  f.likelihood = "certain-ish";
  EXPECT_EQ(score(m, f).status().field(), "likelihood");
  f.likelihood = "likely";
  f.org = {5, 0, 0};
  EXPECT_EQ(score(m, f).status().field(), "org");
}

TEST(Morile, ConfidenceIsRecordedNotScored) {
  MorileFactors f{{3, 3, 1, 3, 0}, "regional", "high", "highly likely", {2, 1, 3}, Confidence::kLow};
  const double low = score(default_morile_model(), f)->priority;
  f.confidence = Confidence::kHigh;
  EXPECT_EQ(score(default_morile_model(), f)->priority, low);
}

TEST(Morile, AnotherModelVersionScoresDifferently) {
  MorileModel v2 = default_morile_model();
  v2.version = 2;
  v2.tier_floors = {250, 150, 75, 25};
  v2.vulnerabilities = {{"none", 100}, {"some", 150}, {"high", 200}};
  ASSERT_TRUE(validate_morile_model(v2).is_ok());
  MorileFactors a{{3, 3, 1, 3, 0}, "regional", "high", "highly likely", {2, 1, 3}, Confidence::kMedium};
  EXPECT_EQ(score(default_morile_model(), a)->tier, 2);
  EXPECT_NEAR(score(v2, a)->priority, 252.0, 1e-9);
  EXPECT_EQ(score(v2, a)->tier, 1);
}

TEST(Morile, ModelValidation) {
  MorileModel m = default_morile_model();
  EXPECT_TRUE(validate_morile_model(m).is_ok());
  m.tier_floors = {90, 180};
  EXPECT_FALSE(validate_morile_model(m).is_ok());
  m = default_morile_model();
  m.scopes.clear();
  EXPECT_FALSE(validate_morile_model(m).is_ok());
}

}  // namespace
}  // namespace rocta
