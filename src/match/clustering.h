// From scored pairs to entities, without chaining strangers through one weak link.
// Pairs join records strongest first, but two groups merge only with cluster-level
// support: the mean match probability over all pairs between them (a pair not scored
// counts as 0) must reach `min_support`. Two people joined by one plausible link do not
// merge; a record that matches most of a group does. No cluster exceeds `max_cluster`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rocta::match {

struct ScoredPair {
  std::uint32_t a, b;
  double weight;  // log2 odds of a match
};

struct ClusteringRules {
  double link_weight;  // pairs below this never start a merge (they still support one)
  double min_support;  // mean probability over all pairs between two groups, in [0, 1]
  std::size_t max_cluster;
  // Second pass, over the groups the first left apart: the strongest evidence. A pair at or
  // above strong_weight merges its groups when their support reaches strong_support.
  double strong_weight = 1e300;
  double strong_support = 1;
};

// Cluster of every record, as the smallest record index in it.
std::vector<std::uint32_t> cluster_records(std::size_t records, const std::vector<ScoredPair>& pairs,
                                           const ClusteringRules& rules);

}  // namespace rocta::match
