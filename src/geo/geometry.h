// Geometry: a place's shape as the geo engine computes on it.
//
// Coordinates are British National Grid (EPSG:27700) metres, x = easting, y = northing,
// whatever the caller gave: crs.h converts on the way in and out. Metres make radius,
// distance and grid cells plain arithmetic. A geometry is a point, a line (one or more
// paths, such as a stretch of track) or an area (one or more polygons, each an outer ring
// then its holes). validate() says what is wrong with a broken one, naming the part.
#pragma once

#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include "core/status.h"

namespace rocta::geo {

enum class GeometryKind { kPoint, kLine, kArea };
std::string_view to_string(GeometryKind kind);
std::optional<GeometryKind> parse_geometry_kind(std::string_view s);

struct Coord {
  double x = 0;
  double y = 0;
  bool operator==(const Coord&) const = default;
};
using Path = std::vector<Coord>;  // a line string, or a closed ring (first == last)

struct Bbox {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  bool intersects(const Bbox& o) const {
    return min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y && o.min_y <= max_y;
  }
  bool contains(Coord c) const { return c.x >= min_x && c.x <= max_x && c.y >= min_y && c.y <= max_y; }
  // The box grown by `d` on every side.
  Bbox grown(double d) const { return {min_x - d, min_y - d, max_x + d, max_y + d}; }
};

struct Geometry {
  GeometryKind kind = GeometryKind::kPoint;
  // Point: one part with one path of one coordinate. Line: one path per part.
  // Area: one polygon per part, its outer ring first, then holes.
  std::vector<std::vector<Path>> parts;

  static Geometry point(Coord c) { return {GeometryKind::kPoint, {{{c}}}}; }
  static Geometry line(Path p) { return {GeometryKind::kLine, {{std::move(p)}}}; }
  static Geometry area(Path outer) { return {GeometryKind::kArea, {{std::move(outer)}}}; }

  Bbox envelope() const;
  // REQUIRES: kind == kPoint.
  Coord as_point() const { return parts.front().front().front(); }
  // Calls f(coord) for every coordinate.
  template <typename F>
  void for_each(F f) const {
    for (const auto& part : parts)
      for (const auto& path : part)
        for (const auto& c : path) f(c);
  }
  template <typename F>
  void transform(F f) {
    for (auto& part : parts)
      for (auto& path : part)
        for (auto& c : path) c = f(c);
  }
};

// Ok, or kInvalidArgument saying what is broken: no coordinates, a non-finite one, a line of
// fewer than two points, a ring that is not closed or has fewer than four points, a ring
// that crosses itself.
Status validate(const Geometry& g);

}  // namespace rocta::geo
