// JSON for disruptions: a disruption as the API shows it, and the outcomes a body lists.
#pragma once

#include <nlohmann/json.hpp>

#include "api/json_codec.h"
#include "app/disruptions.h"
#include "core/disruption.h"

namespace rocta::json_codec {

json to_json(const Disruption& d);
Result<std::vector<FourP>> read_outcomes(const json& body, const char* field);

}  // namespace rocta::json_codec
