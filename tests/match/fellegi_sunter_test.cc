#include "match/fellegi_sunter.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace rocta::match {
namespace {

// Draws comparison patterns from a known mixture of matches and non-matches, over three
// fields (surname: 4 levels, dob: 4, sex: 2), with some values missing.
struct Truth {
  std::vector<std::vector<double>> m, u;  // by field, by level 1..
  double lambda;
};

PatternCounts draw(const Truth& t, std::size_t pairs, double lambda, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::map<Pattern, std::uint64_t> counts;
  for (std::size_t i = 0; i < pairs; ++i) {
    const bool match = unit(rng) < lambda;
    Pattern p = 0;
    for (std::size_t f = 0; f < t.m.size(); ++f) {
      if (unit(rng) < 0.05) continue;  // missing: level 0
      const auto& dist = match ? t.m[f] : t.u[f];
      double x = unit(rng);
      std::size_t level = 0;
      while (level + 1 < dist.size() && x >= dist[level]) x -= dist[level++];
      p = with_level(p, f, static_cast<int>(level + 1));
    }
    ++counts[p];
  }
  return {counts.begin(), counts.end()};
}

TEST(FellegiSunter, EmRecoversMAndThePriorWithoutLabels) {
  const Truth truth{{{0.85, 0.08, 0.04, 0.03}, {0.80, 0.12, 0.05, 0.03}, {0.97, 0.03}},
                    {{0.01, 0.02, 0.07, 0.90}, {0.0003, 0.002, 0.03, 0.9677}, {0.5, 0.5}},
                    0.2};
  FellegiSunter model({Role::kSurname, Role::kDob, Role::kSex}, 0);
  model.estimate_u(draw(truth, 400000, 0.0, 1));  // random pairs: strangers
  const int iterations = model.estimate_m(draw(truth, 200000, truth.lambda, 2));
  EXPECT_LT(iterations, 200) << "EM did not converge";
  EXPECT_NEAR(model.lambda(), truth.lambda, 0.01);
  for (std::size_t f = 0; f < truth.m.size(); ++f)
    for (std::size_t l = 0; l < truth.m[f].size(); ++l) {
      EXPECT_NEAR(model.fields()[f].m[l + 1], truth.m[f][l], 0.02) << "field " << f << " level " << l + 1;
      EXPECT_NEAR(model.fields()[f].u[l + 1], truth.u[f][l], 0.01) << "field " << f << " level " << l + 1;
    }
}

TEST(FellegiSunter, WeightsAgreementUpAndDisagreementDown) {
  FellegiSunter model({Role::kSurname}, 3);
  // Surname levels: 1 exact, 2 close, 3 similar, 4 swapped with given name, 5 different.
  model.set_m(0, {0, 0.9, 0.05, 0.02, 0.01, 0.02});
  model.estimate_u({{with_level(0, 0, 1), 1}, {with_level(0, 0, 5), 98}});
  model.set_lambda(0.5);
  PersonRecord a, b, c;
  a[Role::kSurname] = "Okonkwo";
  b[Role::kSurname] = "Okonkwo";
  c[Role::kSurname] = "Smith";
  auto pa = prepare(a), pb = prepare(b), pc = prepare(c);
  EXPECT_GT(model.weight(pa, pb), 0);
  EXPECT_LT(model.weight(pa, pc), 0);
}

TEST(FellegiSunter, CommonValuesWeighLessThanRareOnes) {
  FellegiSunter model({Role::kSurname}, 3);
  model.set_m(0, {0, 0.9, 0.05, 0.02, 0.01, 0.02});
  model.estimate_u({{with_level(0, 0, 1), 5}, {with_level(0, 0, 5), 95}});  // u(exact) ≈ 0.06
  PersonRecord r;
  r[Role::kSurname] = "Smith";
  auto smith = prepare(r);
  smith.frequency[static_cast<std::size_t>(Role::kSurname)] = 0.2f;
  r[Role::kSurname] = "Okonkwo";
  auto rare = prepare(r);
  rare.frequency[static_cast<std::size_t>(Role::kSurname)] = 0.0001f;
  const double w_common = model.weight(smith, smith), w_rare = model.weight(rare, rare);
  EXPECT_LT(w_common, w_rare);
  // Bounded: a rare value gains at most max_tf_boost_bits over the average value.
  auto plain = rare;
  plain.frequency[static_cast<std::size_t>(Role::kSurname)] = 0;
  EXPECT_NEAR(w_rare - model.weight(plain, plain), 3.0, 1e-9);
}

}  // namespace
}  // namespace rocta::match
