#include "core/tier_check.h"

#include <cstdio>

namespace rocta {

int tier_for_priority(const MorileModel& model, double priority) {
  for (size_t t = 0; t < model.tier_floors.size(); ++t)
    if (priority >= model.tier_floors[t]) return static_cast<int>(t) + 1;
  return static_cast<int>(model.tier_floors.size()) + 1;
}

std::string TierDisagreement::describe(const MorileModel& model) const {
  char text[200];
  std::snprintf(text, sizeof text, ": Tier %d but score %.1f is Tier %d under model %d", tier, score, model_tier, model.version);
  return reference + text;
}

std::optional<TierDisagreement> tier_disagreement(const Threat& t, const MorileModel& model) {
  if (!t.tier || !t.morile_score) return std::nullopt;
  const int model_tier = tier_for_priority(model, *t.morile_score);
  if (model_tier == *t.tier) return std::nullopt;
  return TierDisagreement{t.reference, *t.tier, *t.morile_score, model_tier};
}

}  // namespace rocta
