// JSON for search hits. Snippets travel as segments ({text, hit}) that the browser renders
// as text, never as markup.
#pragma once

#include <nlohmann/json.hpp>

#include "api/json_codec.h"
#include "app/search.h"

namespace rocta::json_codec {

// Cuts a snippet at the store's private hit marks into segments; a stray mark is dropped.
json segments(const std::string& snippet);
json to_json(const SearchHit& h);

}  // namespace rocta::json_codec
