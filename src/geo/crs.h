// Coordinate reference systems: conversion to and from British National Grid with PROJ.
//
// Places are kept in EPSG:27700 (metres). Input may come in any EPSG code PROJ knows,
// usually 27700 or WGS84 (EPSG:4326, given as longitude, latitude); output for the map is
// WGS84. Every coordinate must fall in the United Kingdom: the area of use of EPSG:27700
// (longitude -9.01..2.01, latitude 49.75..61.01), checked in WGS84.
// Thread-safe: each thread keeps its own PROJ context and transformations.
#pragma once

#include "geo/geometry.h"

namespace rocta::geo {

inline constexpr int kBng = 27700;
inline constexpr int kWgs84 = 4326;

// Longitude/latitude box the UK check uses.
inline constexpr Bbox kUkLonLat{-9.01, 49.75, 2.01, 61.01};

// `g` given in `epsg`, converted to BNG. kInvalidArgument naming the problem for an EPSG
// code PROJ does not know, a coordinate it cannot convert, or one outside the UK.
Result<Geometry> to_bng(Geometry g, int epsg);

// `g` (BNG) in WGS84, x = longitude, y = latitude. REQUIRES: g came from to_bng.
Geometry to_wgs84(Geometry g);
Coord to_wgs84(Coord bng);

// Fast check for data already in BNG: whether a BNG coordinate lies in the UK box.
bool in_uk(Coord lonlat);

}  // namespace rocta::geo
