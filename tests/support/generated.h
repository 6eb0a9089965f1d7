// Generated users' and records' ingredients for the property tests: a seeded generator and
// random markings over a small set of agencies and compartments, so every relation of the
// policy (owner, named, region, national, partner, compartment) occurs often.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/marking.h"

namespace rocta::testing {

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  int below(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  bool chance(int pct) { return below(100) < pct; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(below(static_cast<int>(v.size())))]; }

 private:
  std::mt19937 rng_;
};

inline const std::vector<std::string> kGeneratedAgencies{"MPS", "BTP", "COLP", "GMP", "NCA", "HMRC"};
inline const std::vector<std::string> kGeneratedCompartments{"MPS-SIU", "BTP-SIU"};

inline Marking random_marking(Gen& g) {
  Marking m;
  m.owning_agency = g.pick(kGeneratedAgencies);
  m.scope = static_cast<SharingScope>(g.below(4));
  const int c = g.below(10);
  m.classification = c < 6 ? Classification::kOfficial : c < 9 ? Classification::kSecret : Classification::kTopSecret;
  m.sensitive = m.classification == Classification::kOfficial && g.chance(30);
  if (g.chance(20)) m.compartment = g.pick(kGeneratedCompartments);
  if (m.scope != SharingScope::kOwnerOnly)
    for (const auto& a : kGeneratedAgencies)
      if (a != m.owning_agency && g.chance(m.scope == SharingScope::kNamed ? 40 : 15)) m.shared_with.push_back(a);
  if (m.scope == SharingScope::kNamed && m.shared_with.empty()) m.shared_with.push_back(m.owning_agency == "HMRC" ? "MPS" : "HMRC");
  return m;
}

}  // namespace rocta::testing
