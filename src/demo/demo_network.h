// The demo region's commodities and the links that make its networks worth drawing:
// county-lines deal lines (one closed by a disruption of its threat), vehicles, addresses
// and accounts shared across groups and forces, associates across threats, and a phone
// held in the London SIU's compartment (analysts see a signal for it, the SIU the phone).
#pragma once

#include "app/app.h"

namespace rocta::demo {

struct NetworkDemoSummary {
  int commodities = 0, links = 0;
};

// Loads into `tx` after the region's threats, people and SIU; deterministic for a seed.
Result<NetworkDemoSummary> load_demo_network(App& app, Transaction& tx, unsigned seed);

}  // namespace rocta::demo
