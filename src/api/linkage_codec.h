// JSON for cross-agency linkage: matches with their explanations, runs, "known elsewhere",
// and the values ruled out as evidence.
#pragma once

#include <nlohmann/json.hpp>

#include "api/json_codec.h"
#include "app/linkage.h"

namespace rocta::json_codec {

json to_json(const MatchExplanation& e);
json to_json(const NominalMatch& m);
json to_json(const MatchView& v);
json to_json(const MatchRun& r);
json to_json(const KnownElsewhere& k);
json to_json(const MatchExclusion& e);

}  // namespace rocta::json_codec
