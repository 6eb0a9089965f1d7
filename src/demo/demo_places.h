// The demo region's places: boundaries it generates itself (no downloads) for the MPS's 12
// BCUs, BTP's London rail areas and three rail routes with their stations, written as
// GeoJSON and loaded through the same path as `rocta places load`; a few thousand
// incidents (metal theft along a stretch of track, kiosk fraud at a station, robbery in a
// town centre, over background noise) imported as a CSV like `rocta incidents import`;
// places on threats and on recent intelligence (some of it held by an SIU, so a frontline
// officer sees it only signalled); open intelligence requirements; a wanted SCPO subject.
#pragma once

#include "app/app.h"

namespace rocta::demo {

// After load_demo_region's transaction; deterministic for a seed, dates relative to the
// clock so that the briefing's last 28 days always hold something.
Status load_demo_places(App& app, unsigned seed);

}  // namespace rocta::demo
