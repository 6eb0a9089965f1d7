// Whether a threat's recorded tier is the one its recorded MoRiLE score falls in: an
// imported extract carries both, typed by people, and they can disagree.
#pragma once

#include <optional>
#include <string>

#include "core/morile.h"
#include "core/threat.h"

namespace rocta {

// The tier a MoRiLE priority score falls in under `model` (1 = highest).
int tier_for_priority(const MorileModel& model, double priority);

struct TierDisagreement {
  std::string reference;
  int tier = 0;        // as recorded
  double score = 0;    // as recorded
  int model_tier = 0;  // what the score means under the model
  std::string describe(const MorileModel& model) const;  // "MPS-OCG-000001: Tier 4 but score 95.0 is Tier 3 under model 1"
};

// Empty when the threat has no tier or no score, or when they agree.
std::optional<TierDisagreement> tier_disagreement(const Threat& t, const MorileModel& model);

}  // namespace rocta
