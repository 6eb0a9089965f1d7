#include "match/clustering.h"

#include <gtest/gtest.h>

namespace rocta::match {
namespace {

// Weights are log2 odds: 10 is p ≈ 0.999, -3 is p ≈ 0.11.
const ClusteringRules kRules{3.0, 0.3, 100};

TEST(Clustering, StrongLinksJoinAndWeakPairsDoNot) {
  const auto c = cluster_records(4, {{0, 1, 25}, {2, 3, 1}}, kRules);
  EXPECT_EQ(c, (std::vector<std::uint32_t>{0, 0, 2, 3}));
}

TEST(Clustering, OneLinkDoesNotChainTwoPeople) {
  // Person A is records 0-2, person B records 3-5, each strongly linked inside; one
  // strong link between them is 1 of the 9 pairs between the groups: not enough.
  std::vector<ScoredPair> pairs = {{0, 1, 30}, {1, 2, 30}, {0, 2, 30}, {3, 4, 30}, {4, 5, 30}, {3, 5, 30}, {2, 3, 12}};
  auto c = cluster_records(6, pairs, kRules);
  EXPECT_EQ(c, (std::vector<std::uint32_t>{0, 0, 0, 3, 3, 3}));
  // When most pairs between them are likely matches, they are one person.
  for (std::uint32_t a : {0U, 1U, 2U})
    for (std::uint32_t b : {4U, 5U}) pairs.push_back({a, b, 12});
  c = cluster_records(6, pairs, kRules);
  EXPECT_EQ(c, (std::vector<std::uint32_t>(6, 0)));
}

TEST(Clustering, AChainOfPlausibleLinksStopsWhereSupportRunsOut) {
  // 0-1-2-3-4: each neighbour likely the same, nobody else compared. Pairs join 0 and 1;
  // record 2 then has support 1/2 with {0, 1}, 3 has 1/3 with {0, 1, 2}, 4 only 1/4.
  std::vector<ScoredPair> pairs;
  for (std::uint32_t i = 0; i + 1 < 5; ++i) pairs.push_back({i, i + 1, 20.0 - i});
  const auto c = cluster_records(5, pairs, kRules);
  EXPECT_EQ(c, (std::vector<std::uint32_t>{0, 0, 0, 0, 4}));
}

TEST(Clustering, WeakPairsSupportButDoNotStartAMerge) {
  // Record 2 links strongly to 0 only; its weak pair with 1 still counts as support.
  const auto c = cluster_records(3, {{0, 1, 20}, {0, 2, 20}, {1, 2, -3}}, {3.0, 0.6, 100});
  EXPECT_EQ(c, (std::vector<std::uint32_t>{0, 0, 2}));  // (1 + 0.11) / 2 < 0.6
  const auto d = cluster_records(3, {{0, 1, 20}, {0, 2, 20}, {1, 2, 2}}, {3.0, 0.6, 100});
  EXPECT_EQ(d, (std::vector<std::uint32_t>{0, 0, 0}));  // (1 + 0.8) / 2 >= 0.6
}

TEST(Clustering, SecondPassJoinsGroupsByTheirStrongestEvidence) {
  // {0, 1, 2} and {3, 4}; between them one near-certain pair and one even chance: support
  // (1 + 0.5) / 6 = 0.25, too little for the first pass.
  std::vector<ScoredPair> pairs = {{0, 1, 30}, {1, 2, 30}, {0, 2, 30}, {3, 4, 30}, {2, 3, 20}, {1, 3, 0}};
  ClusteringRules rules{3.0, 0.3, 100, 10.0, 0.15};
  EXPECT_EQ(cluster_records(5, pairs, kRules), (std::vector<std::uint32_t>{0, 0, 0, 3, 3}));
  EXPECT_EQ(cluster_records(5, pairs, rules), (std::vector<std::uint32_t>(5, 0)));
  // A strong pair that is not near-certain does not; nor does a near-certain one alone.
  pairs[4].weight = 8;
  EXPECT_EQ(cluster_records(5, pairs, rules), (std::vector<std::uint32_t>{0, 0, 0, 3, 3}));
  pairs[4].weight = 20;
  pairs.pop_back();  // support 1/6 = 0.17 still joins; …
  EXPECT_EQ(cluster_records(5, pairs, rules), (std::vector<std::uint32_t>(5, 0)));
  rules.strong_support = 0.2;  // … not when more is asked
  EXPECT_EQ(cluster_records(5, pairs, rules), (std::vector<std::uint32_t>{0, 0, 0, 3, 3}));
}

TEST(Clustering, ClustersStopAtTheCap) {
  std::vector<ScoredPair> pairs;
  for (std::uint32_t a = 0; a < 10; ++a)
    for (std::uint32_t b = a + 1; b < 10; ++b) pairs.push_back({a, b, 40.0 - a - b});
  const auto c = cluster_records(10, pairs, {3.0, 0.3, 4});
  std::vector<int> sizes(10, 0);
  for (auto x : c) ++sizes[x];
  EXPECT_EQ(*std::max_element(sizes.begin(), sizes.end()), 4);
}

}  // namespace
}  // namespace rocta::match
