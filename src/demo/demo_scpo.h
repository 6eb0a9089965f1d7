// The demo region's serious crime prevention orders: about 120 MPS orders on synthetic
// subjects across the BCUs, most in force during January to July 2022 (the 2023 inspection
// found the MPS team monitoring 120 orders, with 30 arrests for breach in those months),
// some in force now and a few starting later (release from prison), each with a monitoring
// plan of checks (some missed), and breaches, the arrests among them recorded as pursue
// disruptions on the subject's threat. The figures are computed from these records; only
// the generator's parameters come from the inspection.
#pragma once

#include "app/app.h"

namespace rocta::demo {

// The arrests for breach that the generator places in January to July 2022.
inline constexpr int kDemoScpoArrestsJanJul2022 = 30;

// Loads into `tx` (the demo's one write transaction), after the organisation, the users,
// the threats and tasking. Deterministic for a seed.
Status load_demo_scpo(App& app, Transaction& tx, unsigned seed);

}  // namespace rocta::demo
