// What the store benchmarks share: the reader whose view they measure.
#pragma once

#include <string>

#include "app/admin.h"

namespace rocta::bench {

// The analyst `username` of an intelligence unit of `agency` (analyst role, SECRET, no
// compartment): found when an earlier run created it in this database, created otherwise.
Result<User> analyst(App& app, const std::string& agency, const std::string& username);

}  // namespace rocta::bench
