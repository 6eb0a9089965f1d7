// MoRiLE (Management of Risk in Law Enforcement) scoring, as versioned configuration.
//
// A model is data: harm elements and their 0..max scale, geographic scope and victim
// vulnerability multipliers, the likelihood yardstick, the organisational-position
// elements, and the tier floors. Rocta ships model version 1 (shared/domain/DOMAIN.md); a
// force may load its own. Every assessment records the model version it was scored with.
//
// Arithmetic is exact: multipliers are held in hundredths and the score is kept as a
// fraction, so a priority on a tier floor lands in the tier the table says, not a
// floating-point neighbour. Round only for display.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace rocta {

struct MorileChoice {
  std::string name;      // "regional", "high", …
  int64_t hundredths = 100;  // the multiplier × 100 (1.4 → 140)
};

struct MorileModel {
  int version = 1;
  std::string name;
  std::vector<std::string> harm_elements;  // each scored 0..harm_max
  int harm_max = 4;
  std::vector<MorileChoice> scopes;           // geographic scope multipliers
  std::vector<MorileChoice> vulnerabilities;  // victim vulnerability multipliers
  std::vector<std::string> likelihoods;       // yardstick, scored 1..size in order
  std::vector<std::string> org_elements;      // organisational position, each 0..org_max
  int org_max = 4;
  std::vector<double> tier_floors;  // priority floor of tier 1, 2, …; below the last: the next tier
  int reassess_after_days = 90;     // when a new assessment falls due
};

// Rocta default model, version 1.
const MorileModel& default_morile_model();

// The organisational-position element that Rocta scores itself, from the threat owner's
// capability records (core/capability.h: capacity_org_score), whatever the assessor gave.
inline constexpr const char* kMorileCapacityElement = "specialist capacity (from capability records)";
// Model version 2, shipped for forces to load: version 1 with its "capacity gap" element
// replaced by kMorileCapacityElement.
const MorileModel& capacity_morile_model();
// The index of kMorileCapacityElement among the model's org_elements; -1 when it has none.
int capacity_element_index(const MorileModel& m);
Status validate_morile_model(const MorileModel& m);

enum class Confidence { kLow, kMedium, kHigh };
std::string_view to_string(Confidence c);
std::optional<Confidence> parse_confidence(std::string_view s);

struct MorileFactors {
  std::vector<int> harm;       // one per harm element, in the model's order
  std::string scope;           // a model scope name
  std::string vulnerability;   // a model vulnerability name
  std::string likelihood;      // a model likelihood name
  std::vector<int> org;        // one per organisational-position element
  Confidence confidence = Confidence::kMedium;  // recorded beside the risk, never folded in
};

struct MorileScore {
  int base_harm = 0;
  double total_harm = 0;
  int likelihood_score = 0;
  double risk = 0;
  int org_position = 0;
  double priority = 0;
  int tier = 0;  // 1 = highest
};

// InvalidArgument naming the factor when a factor is outside the model.
Result<MorileScore> score(const MorileModel& model, const MorileFactors& factors);

}  // namespace rocta
