#include "geo/spatial.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rocta::geo {
namespace {

// Even-odd ray casting; points on an edge count as inside.
bool on_segment(Coord p, Coord a, Coord b) {
  double cr = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  if (std::abs(cr) > 1e-9 * (std::abs(b.x - a.x) + std::abs(b.y - a.y) + 1)) return false;
  return p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x) && p.y >= std::min(a.y, b.y) &&
         p.y <= std::max(a.y, b.y);
}

bool in_ring(const Path& ring, Coord p, bool& on_edge) {
  bool inside = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    Coord a = ring[i], b = ring[j];
    if (on_segment(p, a, b)) {
      on_edge = true;
      return true;
    }
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

double segment_distance(Coord p, Coord a, Coord b) {
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t = len2 == 0 ? 0 : std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double path_distance(const Path& path, Coord p) {
  if (path.size() == 1) return std::hypot(p.x - path[0].x, p.y - path[0].y);
  double d = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i + 1 < path.size(); ++i) d = std::min(d, segment_distance(p, path[i], path[i + 1]));
  return d;
}

double orient(Coord o, Coord a, Coord b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }
bool segments_meet(Coord a, Coord b, Coord c, Coord d) {
  double d1 = orient(a, b, c), d2 = orient(a, b, d), d3 = orient(c, d, a), d4 = orient(c, d, b);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return on_segment(c, a, b) || on_segment(d, a, b) || on_segment(a, c, d) || on_segment(b, c, d);
}

bool paths_meet(const Path& x, const Path& y) {
  for (size_t i = 0; i + 1 < x.size(); ++i)
    for (size_t j = 0; j + 1 < y.size(); ++j)
      if (segments_meet(x[i], x[i + 1], y[j], y[j + 1])) return true;
  return false;
}

}  // namespace

bool contains(const Geometry& area, Coord p) {
  for (const auto& polygon : area.parts) {
    bool edge = false;
    if (!in_ring(polygon.front(), p, edge)) continue;
    if (edge) return true;
    bool in_hole = false;
    for (size_t h = 1; h < polygon.size() && !in_hole; ++h) {
      bool hole_edge = false;
      in_hole = in_ring(polygon[h], p, hole_edge) && !hole_edge;
    }
    if (!in_hole) return true;
  }
  return false;
}

double distance(const Geometry& g, Coord p) {
  if (g.kind == GeometryKind::kArea && contains(g, p)) return 0;
  double d = std::numeric_limits<double>::infinity();
  for (const auto& part : g.parts)
    for (const auto& path : part) d = std::min(d, path_distance(path, p));
  return d;
}

bool touches_area(const Geometry& g, const Geometry& area) {
  if (!g.envelope().intersects(area.envelope())) return false;
  bool hit = false;
  g.for_each([&](Coord c) { hit = hit || contains(area, c); });
  if (hit || g.kind == GeometryKind::kPoint) return hit;
  if (g.kind == GeometryKind::kArea) {
    area.for_each([&](Coord c) { hit = hit || contains(g, c); });
    if (hit) return true;
  }
  for (const auto& gp : g.parts)
    for (const auto& path : gp)
      for (const auto& ap : area.parts)
        for (const auto& ring : ap)
          if (paths_meet(path, ring)) return true;
  return false;
}

}  // namespace rocta::geo
