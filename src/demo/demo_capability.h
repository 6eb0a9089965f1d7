// The demo's capability records: the inspection's own numbers for the MPS, BTP and the CoLP,
// generated as posts, FI items, asset cases, accreditations and deployments so that the
// figures computed from them show those numbers (the constants below say which).
#pragma once

#include "app/app.h"

namespace rocta::demo {

// MPS (inspection, "The MPS should recruit more financial investigators and analysts").
inline constexpr int kDemoMpsFiPosts = 329, kDemoMpsFiVacant = 60;
inline constexpr int kDemoMpsAnalystPosts = 228, kDemoMpsAnalystVacant = 40;
inline constexpr int kDemoSccVacancies = 300;
inline constexpr int kDemoHubFiPosts = 50, kDemoHubFiInPost = 8;
inline constexpr int kDemoDrugSuspects = 30, kDemoSuspectsInvestigated = 4;

// Loads them inside the demo's transaction, after the threats and users exist.
Status load_demo_capability(App& app, Transaction& tx);

}  // namespace rocta::demo
