// JSON for regional sharing: agreements, access requests, disseminations.
#pragma once

#include <nlohmann/json.hpp>

#include "api/json_codec.h"
#include "app/intelligence.h"
#include "app/sharing.h"

namespace rocta::json_codec {

json to_json(const SharingAgreement& a);
json to_json(const AccessRequest& r);
json to_json(const Dissemination& d);
// The agreement fields a body may set; giver and receiver only on creation.
Status apply_agreement(const json& body, SharingAgreement& a, bool create);

}  // namespace rocta::json_codec
