// Spatial predicates on BNG geometries: inside an area, distance in metres.
#pragma once

#include "geo/geometry.h"

namespace rocta::geo {

// True when `p` lies inside `area` (on an outer ring and in none of its holes). A point on
// the boundary counts as inside. REQUIRES: area.kind == kArea.
bool contains(const Geometry& area, Coord p);

// Shortest distance in metres from `p` to `g`: 0 inside an area.
double distance(const Geometry& g, Coord p);

// True when any part of `g` lies inside `area` or within `radius_m` of `centre`
// respectively: what "the places in this area" and "within 500 m" mean.
bool touches_area(const Geometry& g, const Geometry& area);
inline bool within_radius(const Geometry& g, Coord centre, double radius_m) {
  return distance(g, centre) <= radius_m;
}

}  // namespace rocta::geo
