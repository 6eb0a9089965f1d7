// The capability report and its records as JSON: one rendering for the API and the CLI.
#pragma once

#include <nlohmann/json.hpp>

#include "app/capability.h"

namespace rocta::json_codec {

nlohmann::json to_json(const FiItem& i);
nlohmann::json to_json(const AssetCase& c);
nlohmann::json to_json(const StaffingPost& p);
nlohmann::json capability_report_json(const CapabilityReport& r);

}  // namespace rocta::json_codec
