// JSON for network analysis: the network a reader sees, paths between records, what changed
// after a disruption. The API and `rocta network` write the same shapes.
#pragma once

#include <nlohmann/json.hpp>

#include "api/json_codec.h"
#include "app/network.h"

namespace rocta::json_codec {

json to_json(const NetworkNode& n);
json to_json(const NetworkView& v);
json to_json(const NetworkPaths& p);
json to_json(const NetworkChanges& c);

}  // namespace rocta::json_codec
