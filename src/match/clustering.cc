#include "match/clustering.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace rocta::match {
namespace {

// Groups of records with, per group, the summed probability of the pairs to each other
// group. Only roots hold sizes and links.
class Groups {
 public:
  explicit Groups(std::size_t n) : parent_(n), size_(n, 1), links_(n) { std::iota(parent_.begin(), parent_.end(), 0U); }

  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  std::size_t size(std::uint32_t root) const { return size_[root]; }
  void add_pair(std::uint32_t a, std::uint32_t b, double probability) {
    links_[a][b] += probability;
    links_[b][a] += probability;
  }
  // Mean probability over all pairs between two groups.
  double support(std::uint32_t a, std::uint32_t b) const {
    auto it = links_[a].find(b);
    const double sum = it == links_[a].end() ? 0.0 : it->second;
    return sum / (static_cast<double>(size_[a]) * static_cast<double>(size_[b]));
  }
  void merge(std::uint32_t a, std::uint32_t b) {
    if (links_[a].size() < links_[b].size()) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
    for (const auto& [other, sum] : links_[b]) {
      if (other == a) continue;
      links_[a][other] += sum;
      links_[other].erase(b);
      links_[other][a] += sum;
    }
    links_[a].erase(b);
    links_[b] = {};
  }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::size_t> size_;
  std::vector<std::unordered_map<std::uint32_t, double>> links_;
};

}  // namespace

std::vector<std::uint32_t> cluster_records(std::size_t records, const std::vector<ScoredPair>& pairs,
                                           const ClusteringRules& rules) {
  Groups groups(records);
  std::vector<const ScoredPair*> links;
  for (const auto& p : pairs) {
    groups.add_pair(p.a, p.b, 1.0 / (1.0 + std::exp2(-p.weight)));
    if (p.weight >= rules.link_weight) links.push_back(&p);
  }
  // Strongest first; ties in a fixed order so that the result does not depend on threads.
  std::sort(links.begin(), links.end(), [](const ScoredPair* x, const ScoredPair* y) {
    return x->weight != y->weight ? x->weight > y->weight : (x->a != y->a ? x->a < y->a : x->b < y->b);
  });
  for (const auto* l : links) {
    const auto a = groups.find(l->a), b = groups.find(l->b);
    if (a == b || groups.size(a) + groups.size(b) > rules.max_cluster) continue;
    if (groups.support(a, b) >= rules.min_support) groups.merge(a, b);
  }
  for (const auto* l : links) {
    if (l->weight < rules.strong_weight) break;
    const auto a = groups.find(l->a), b = groups.find(l->b);
    if (a == b || groups.size(a) + groups.size(b) > rules.max_cluster) continue;
    if (groups.support(a, b) >= rules.strong_support) groups.merge(a, b);
  }
  std::vector<std::uint32_t> smallest(records, UINT32_MAX), cluster(records);
  for (std::uint32_t r = 0; r < records; ++r) {
    auto& s = smallest[groups.find(r)];
    s = std::min(s, r);
  }
  for (std::uint32_t r = 0; r < records; ++r) cluster[r] = smallest[groups.find(r)];
  return cluster;
}

}  // namespace rocta::match
