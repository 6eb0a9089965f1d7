#include "geo/geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rocta::geo {
namespace {

double cross(Coord o, Coord a, Coord b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Proper crossing of segments ab and cd (touching at an end point does not count).
bool segments_cross(Coord a, Coord b, Coord c, Coord d) {
  double d1 = cross(a, b, c), d2 = cross(a, b, d), d3 = cross(c, d, a), d4 = cross(c, d, b);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

// Whether two non-adjacent edges of a closed ring cross. Quadratic: rings of generated and
// administrative boundaries have hundreds to a few thousand points; the loader runs GEOS's
// validity check as well.
bool ring_crosses_itself(const Path& ring) {
  size_t n = ring.size() - 1;  // edges
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 2; j < n; ++j) {
      if (i == 0 && j == n - 1) continue;  // first and last edges share the closing point
      if (segments_cross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
    }
  return false;
}

std::string where(size_t part, size_t path) {
  return "part " + std::to_string(part + 1) + ", path " + std::to_string(path + 1);
}

}  // namespace

std::string_view to_string(GeometryKind kind) {
  switch (kind) {
    case GeometryKind::kPoint: return "point";
    case GeometryKind::kLine: return "line";
    case GeometryKind::kArea: return "area";
  }
  return "point";
}

std::optional<GeometryKind> parse_geometry_kind(std::string_view s) {
  for (auto k : {GeometryKind::kPoint, GeometryKind::kLine, GeometryKind::kArea})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

Bbox Geometry::envelope() const {
  constexpr double inf = std::numeric_limits<double>::infinity();
  Bbox b{inf, inf, -inf, -inf};
  for_each([&](Coord c) {
    b.min_x = std::min(b.min_x, c.x);
    b.min_y = std::min(b.min_y, c.y);
    b.max_x = std::max(b.max_x, c.x);
    b.max_y = std::max(b.max_y, c.y);
  });
  return b;
}

Status validate(const Geometry& g) {
  if (g.parts.empty()) return invalid("the geometry has no coordinates", "geometry");
  if (g.kind == GeometryKind::kPoint && (g.parts.size() != 1 || g.parts[0].size() != 1 || g.parts[0][0].size() != 1))
    return invalid("a point has exactly one coordinate", "geometry");
  for (size_t i = 0; i < g.parts.size(); ++i) {
    const auto& part = g.parts[i];
    if (part.empty()) return invalid("part " + std::to_string(i + 1) + " is empty", "geometry");
    if (g.kind == GeometryKind::kLine && part.size() != 1)
      return invalid("part " + std::to_string(i + 1) + " of a line has more than one path", "geometry");
    for (size_t j = 0; j < part.size(); ++j) {
      const Path& p = part[j];
      for (const auto& c : p)
        if (!std::isfinite(c.x) || !std::isfinite(c.y))
          return invalid(where(i, j) + " has a coordinate that is not a number", "geometry");
      if (g.kind == GeometryKind::kLine && p.size() < 2)
        return invalid(where(i, j) + ": a line needs at least two points", "geometry");
      if (g.kind == GeometryKind::kArea) {
        if (p.size() < 4) return invalid(where(i, j) + ": a ring needs at least four points", "geometry");
        if (p.front() != p.back()) return invalid(where(i, j) + ": the ring is not closed", "geometry");
        if (ring_crosses_itself(p)) return invalid(where(i, j) + ": the ring crosses itself", "geometry");
      }
    }
  }
  return Status::ok();
}

}  // namespace rocta::geo
