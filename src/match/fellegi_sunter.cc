#include "match/fellegi_sunter.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace rocta::match {
namespace {
constexpr double kMinProbability = 1e-6;

// How costly a field's comparison is, roughly: byte compares, then edit distances on short
// values, then Jaro–Winkler on names, then addresses compared word by word.
int comparison_cost(Role r) {
  switch (r) {
    case Role::kSex: return 0;
    case Role::kDob:
    case Role::kPostcode:
    case Role::kPhone:
    case Role::kIdNumber: return 1;
    case Role::kEmail: return 2;
    case Role::kSurname:
    case Role::kBirthplace:
    case Role::kOccupation: return 3;
    case Role::kGivenName: return 4;
    case Role::kFullName:
    case Role::kAddress: return 5;
  }
  return 5;
}
}  // namespace

FellegiSunter::FellegiSunter(std::vector<Role> roles, double max_tf_boost_bits) : max_tf_boost_bits_(max_tf_boost_bits) {
  for (Role r : roles) {
    const std::size_t levels = field_spec(r).levels.size();
    FieldWeights f{r, std::vector<double>(levels, 0.0), std::vector<double>(levels, 0.0)};
    // A start for EM, and what small inputs fall back on: agreement likely for the same
    // person, rare for strangers.
    const double partial = static_cast<double>(std::max<std::size_t>(1, levels - 3));
    for (std::size_t l = 1; l < levels; ++l) {
      f.m[l] = l == 1 ? 0.7 : (l + 1 == levels ? 0.05 : 0.25 / partial);
      f.u[l] = l == 1 ? 0.01 : (l + 1 == levels ? 0.0 : 0.03 / partial);
    }
    double rest = 1;
    for (std::size_t l = 1; l + 1 < levels; ++l) rest -= f.u[l];
    f.u[levels - 1] = rest;
    if (r == Role::kSex) f.u = {0, 0.5, 0.5};  // half of strangers share it
    f.m_start = f.m;
    fields_.push_back(std::move(f));
  }
  refresh();
}

void FellegiSunter::refresh() {
  level_weight_.resize(fields_.size());
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    const auto& fw = fields_[f];
    level_weight_[f].assign(fw.m.size(), 0.0);
    for (std::size_t l = 1; l < fw.m.size(); ++l) level_weight_[f][l] = std::log2(fw.m[l] / fw.u[l]);
  }
  prior_weight_ = std::log2(lambda_ / (1 - lambda_));

  // The best a field can add: its best level, or exact agreement on a rare value (term
  // frequency lifts it by at most max_tf_boost_bits_), or nothing (level 0 is missing).
  std::vector<double> best(fields_.size(), 0.0);
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    for (std::size_t l = 1; l < level_weight_[f].size(); ++l) best[f] = std::max(best[f], level_weight_[f][l]);
    if (field_spec(fields_[f].role).term_frequency && level_weight_[f].size() > 1)
      best[f] = std::max(best[f], level_weight_[f][1] + max_tf_boost_bits_);
  }
  cheap_first_.resize(fields_.size());
  for (std::size_t f = 0; f < fields_.size(); ++f) cheap_first_[f] = f;
  std::stable_sort(cheap_first_.begin(), cheap_first_.end(), [&](std::size_t x, std::size_t y) {
    return comparison_cost(fields_[x].role) < comparison_cost(fields_[y].role);
  });
  best_after_.assign(fields_.size() + 1, 0.0);
  for (std::size_t i = fields_.size(); i-- > 0;) best_after_[i] = best_after_[i + 1] + best[cheap_first_[i]];
}

Pattern FellegiSunter::pattern(const PreparedRecord& a, const PreparedRecord& b) const {
  Pattern p = 0;
  for (std::size_t f = 0; f < fields_.size(); ++f) p = with_level(p, f, compare_field(fields_[f].role, a, b));
  return p;
}

void FellegiSunter::estimate_u(const PatternCounts& random_pairs) {
  // The starting u counts as this many pairs already seen: it decides for tiny inputs
  // and keeps every level possible, and vanishes under the many pairs of a real input.
  constexpr double kPriorPairs = 1000;
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    auto& u = fields_[f].u;
    std::vector<double> count(u.size(), 0.0);
    for (std::size_t l = 1; l < u.size(); ++l) count[l] = kPriorPairs * u[l];
    for (const auto& [p, n] : random_pairs) {
      const int l = level_of(p, f);
      if (l > 0) count[l] += static_cast<double>(n);
    }
    double total = 0;
    for (double c : count) total += c;
    for (std::size_t l = 1; l < u.size(); ++l) u[l] = count[l] / total;
  }
  refresh();
}

namespace {

// One E-step: the posterior of a match for a pattern.
double posterior(const std::vector<FieldWeights>& fields, double lambda, Pattern p, std::uint32_t skip) {
  double log_odds = std::log(lambda / (1 - lambda));
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const int l = level_of(p, f);
    if (l > 0 && !((skip >> f) & 1U)) log_odds += std::log(fields[f].m[l] / fields[f].u[l]);
  }
  return 1.0 / (1.0 + std::exp(-log_odds));
}

}  // namespace

int FellegiSunter::estimate_m(const PatternCounts& candidates, std::uint32_t skip, int max_iterations, double tolerance) {
  // The starting m counts as this many matches already seen, as the starting u does for u:
  // a level that no match of a small input happens to show (one nickname among forty
  // pairs) stays possible evidence instead of becoming proof of strangers, and the prior
  // vanishes under the thousands of matches of a real input.
  constexpr double kPriorMatches = 5;
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    std::vector<std::vector<double>> expected(fields_.size());
    for (std::size_t f = 0; f < fields_.size(); ++f) expected[f].assign(fields_[f].m.size(), 0.0);
    double matches = 0, total = 0;
    for (const auto& [p, n] : candidates) {
      const double w = posterior(fields_, lambda_, p, skip) * static_cast<double>(n);
      matches += w;
      total += static_cast<double>(n);
      for (std::size_t f = 0; f < fields_.size(); ++f) expected[f][level_of(p, f)] += w;
    }
    for (std::size_t f = 0; f < fields_.size(); ++f)
      for (std::size_t l = 1; l < expected[f].size(); ++l) expected[f][l] += kPriorMatches * fields_[f].m_start[l];
    if (total == 0) {
      refresh();
      return iteration;
    }
    const double new_lambda = std::clamp(matches / total, kMinProbability, 1 - kMinProbability);
    double change = std::abs(new_lambda - lambda_);
    lambda_ = new_lambda;
    for (std::size_t f = 0; f < fields_.size(); ++f) {
      if ((skip >> f) & 1U) continue;
      double sum = 0;
      for (std::size_t l = 1; l < expected[f].size(); ++l) sum += expected[f][l];
      if (sum <= 0) continue;
      for (std::size_t l = 1; l < expected[f].size(); ++l) {
        const double m = std::max(expected[f][l] / sum, kMinProbability);
        change = std::max(change, std::abs(m - fields_[f].m[l]));
        fields_[f].m[l] = m;
      }
    }
    if (change < tolerance) {
      refresh();
      return iteration + 1;
    }
  }
  refresh();
  return max_iterations;
}

int FellegiSunter::estimate_lambda(const PatternCounts& candidates, int max_iterations, double tolerance) {
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    double matches = 0, total = 0;
    for (const auto& [p, n] : candidates) {
      matches += posterior(fields_, lambda_, p, 0) * static_cast<double>(n);
      total += static_cast<double>(n);
    }
    if (total == 0) {
      refresh();
      return iteration;
    }
    const double new_lambda = std::clamp(matches / total, kMinProbability, 1 - kMinProbability);
    const double change = std::abs(new_lambda - lambda_);
    lambda_ = new_lambda;
    if (change < tolerance) {
      refresh();
      return iteration + 1;
    }
  }
  refresh();
  return max_iterations;
}

double FellegiSunter::field_weight(std::size_t f, int level, const PreparedRecord& a) const {
  if (level == 0) return 0;
  const auto& fw = fields_[f];
  // Term frequency: agreeing on "smith" says less than agreeing on "okonkwo". The
  // chance that two strangers share value v is its frequency; bounded so that one rare
  // value cannot outweigh the rest of the record.
  if (level == 1 && field_spec(fw.role).term_frequency) {
    const double tf = a.frequency[static_cast<std::size_t>(fw.role)];
    const double u = fw.u[level];
    if (tf > 0) return std::log2(fw.m[level] / std::clamp(static_cast<double>(tf), u / std::exp2(max_tf_boost_bits_), std::max(u, fw.m[level])));
  }
  return level_weight_[f][level];
}

double FellegiSunter::weight(const PreparedRecord& a, const PreparedRecord& b) const {
  double w = prior_weight_;
  for (std::size_t f = 0; f < fields_.size(); ++f) w += field_weight(f, compare_field(fields_[f].role, a, b), a);
  return w;
}

double FellegiSunter::weight_if_at_least(const PreparedRecord& a, const PreparedRecord& b, double threshold) const {
  // The fields' weights are added in field order at the end, as weight() adds them, so
  // that a kept pair's weight is exactly weight()'s. The bound allows for rounding.
  constexpr double kSlack = 1e-9;
  std::array<double, 16> by_field{};
  double so_far = prior_weight_;
  for (std::size_t i = 0; i < cheap_first_.size(); ++i) {
    if (so_far + best_after_[i] + kSlack < threshold) return so_far + best_after_[i] - 1;  // below, whatever the rest
    const std::size_t f = cheap_first_[i];
    by_field[f] = field_weight(f, compare_field(fields_[f].role, a, b), a);
    so_far += by_field[f];
  }
  double w = prior_weight_;
  for (std::size_t f = 0; f < fields_.size(); ++f) w += by_field[f];
  return w;
}

double FellegiSunter::probability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

Explanation FellegiSunter::explain(const PreparedRecord& a, const PreparedRecord& b) const {
  Explanation e;
  e.prior_weight = std::log2(lambda_ / (1 - lambda_));
  e.weight = e.prior_weight;
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    const Role r = fields_[f].role;
    const int level = compare_field(r, a, b);
    FieldEvidence ev{r, std::string(a[r]), std::string(b[r]), field_spec(r).levels[level], field_weight(f, level, a)};
    if (level == 0 && (a.is_ignored(r) || b.is_ignored(r))) ev.outcome = "ignored: over-common or excluded value";
    e.weight += ev.weight;
    e.fields.push_back(std::move(ev));
  }
  e.probability = probability(e.weight);
  return e;
}

}  // namespace rocta::match
