// Reading places from files and GeoJSON through GDAL/OGR, never by hand.
//
// The one part of geo/ that touches the outside world: a file goes in, BNG geometries come
// out, so the CLI (or a test) hands plain data to app/. GeoJSON, shapefiles and anything
// else GDAL reads; the layer's spatial reference gives the EPSG code (GeoJSON without one
// is WGS84, as RFC 7946 says). Errors name the feature (1-based, in file order) and are
// kInvalidArgument; a file with any bad feature yields no features at all.
#pragma once

#include <string>
#include <vector>

#include "geo/geometry.h"

namespace rocta::geo {

struct Feature {
  int row = 0;  // 1-based position in the file
  std::string name;
  std::string code;
  Geometry geometry;  // BNG
};

// `name_field` and `code_field` name the attributes to read (missing: empty strings).
// `epsg` 0 takes the file's own; otherwise overrides it.
Result<std::vector<Feature>> read_features(const std::string& path, const std::string& name_field = "name",
                                           const std::string& code_field = "code", int epsg = 0);

// A GeoJSON geometry object (as text) in `epsg`, converted to BNG.
Result<Geometry> geometry_from_geojson(const std::string& json, int epsg);

// A BNG geometry as a GeoJSON geometry object in WGS84 (text), for the map.
std::string geojson_wgs84(const Geometry& bng);
// `g` as a GeoJSON geometry object as it stands (BNG stays BNG), `decimals` after the point.
std::string geojson(const Geometry& g, int decimals = 2);

}  // namespace rocta::geo
