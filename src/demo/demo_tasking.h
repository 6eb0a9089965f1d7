// The demo region's tasking: BTP's and the CoLP's control strategies as the 2023 inspection
// lists them (and a synthetic MPS one), BTP rail areas, threats placed in BCUs and rail
// areas, tasking meetings at force, BCU and specialist-command level, escalations both ways,
// decisions in and outside meetings, tasks to units and partner agencies with their
// updates, and 4P plans on a share of the threats, so that every tasking screen shows
// something true.
#pragma once

#include "app/app.h"

namespace rocta::demo {

// Loads into `tx` (the demo's one write transaction), after the organisation, the users,
// the threats and the master list queue. Deterministic.
Status load_demo_tasking(App& app, Transaction& tx);

}  // namespace rocta::demo
