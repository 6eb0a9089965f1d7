// The Fellegi–Sunter model: for each compared field and level, m = P(level | same person)
// and u = P(level | different people); a pair's weight is the sum of log2(m/u) over its
// fields plus the prior log-odds. m and the prior are estimated by expectation–
// maximisation over the counts of comparison patterns of the candidate pairs; u from
// random pairs. No labels are used.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "match/field_comparison.h"

namespace rocta::match {

// A pair's comparison levels, 4 bits per compared field (at most 16 fields).
using Pattern = std::uint64_t;
inline int level_of(Pattern p, std::size_t field) { return static_cast<int>((p >> (4 * field)) & 0xF); }
inline Pattern with_level(Pattern p, std::size_t field, int level) {
  return p | (static_cast<Pattern>(level) << (4 * field));
}
// How many candidate pairs showed each pattern (weighted when sampled).
using PatternCounts = std::vector<std::pair<Pattern, double>>;

struct FieldWeights {
  Role role;
  std::vector<double> m, u;  // by level; index 0 (no evidence) unused
  std::vector<double> m_start;  // the m EM starts from, and smooths towards
};

// One field's contribution to a pair's weight, for the explanation of a match.
struct FieldEvidence {
  Role role;
  std::string value_a, value_b;
  std::string_view outcome;  // the level's label, or "ignored: over-common value"
  double weight = 0;         // log2 Bayes factor, term-frequency adjusted
};

struct Explanation {
  double prior_weight = 0;
  std::vector<FieldEvidence> fields;
  double weight = 0;       // prior + fields
  double probability = 0;  // of being the same person
};

class FellegiSunter {
 public:
  FellegiSunter(std::vector<Role> roles, double max_tf_boost_bits);

  const std::vector<FieldWeights>& fields() const { return fields_; }
  double lambda() const { return lambda_; }

  Pattern pattern(const PreparedRecord& a, const PreparedRecord& b) const;
  // Sets u from the patterns of random pairs, smoothed towards the starting u.
  void estimate_u(const PatternCounts& random_pairs);
  // EM for m and the prior, u held; fields whose bit is set in `skip` take no part and
  // keep their m. Returns the iterations used (converged when fewer than max_iterations).
  // Pairs found by blocking on a field agree on it whether or not they match, so EM over
  // the pairs of one blocking key skips that key's fields (as Splink does).
  int estimate_m(const PatternCounts& candidates, std::uint32_t skip = 0, int max_iterations = 200,
                 double tolerance = 1e-6);
  // EM for the prior alone, m and u held.
  int estimate_lambda(const PatternCounts& candidates, int max_iterations = 200, double tolerance = 1e-7);
  // REQUIRES: m has one entry per level of the field, level 0 included.
  void set_m(std::size_t field, std::vector<double> m) {
    if (m.size() == fields_[field].m.size()) fields_[field].m = std::move(m);
    refresh();
  }
  void set_lambda(double lambda) {
    lambda_ = lambda;
    refresh();
  }

  double weight(const PreparedRecord& a, const PreparedRecord& b) const;
  // weight(a, b) when it is at least `threshold` (the same value, bit for bit); otherwise
  // some value below `threshold`. Compares the cheap fields first and stops as soon as the
  // most the remaining fields could add cannot lift the pair to the threshold: most
  // candidate pairs are strangers, and their costly comparisons (addresses word by word,
  // names by Jaro–Winkler) are then never made.
  double weight_if_at_least(const PreparedRecord& a, const PreparedRecord& b, double threshold) const;
  Explanation explain(const PreparedRecord& a, const PreparedRecord& b) const;
  static double probability(double weight);

 private:
  double field_weight(std::size_t f, int level, const PreparedRecord& a) const;
  // Recomputes the weights of every level and the prior from m, u and lambda: scoring
  // millions of pairs looks them up instead of taking logarithms.
  void refresh();
  std::vector<std::vector<double>> level_weight_;  // log2(m / u) by field and level
  std::vector<std::size_t> cheap_first_;  // field indices, cheapest comparison first
  std::vector<double> best_after_;        // [i]: the most fields cheap_first_[i..] can add (size + 1 entries)
  double prior_weight_ = 0;

  std::vector<FieldWeights> fields_;
  double lambda_ = 0.01;
  double max_tf_boost_bits_;
};

}  // namespace rocta::match
