#include "geo/crs.h"

#include <proj.h>

#include <cmath>
#include <map>
#include <memory>

namespace rocta::geo {
namespace {

// One PROJ context per thread with its transformations cached by (from, to): creating one
// costs far more than using it, and a PROJ context must not be shared between threads.
class ThreadProj {
 public:
  ThreadProj() : ctx_(proj_context_create()) { proj_log_level(ctx_, PJ_LOG_NONE); }
  ~ThreadProj() {
    for (auto& [key, pj] : cache_)
      if (pj) proj_destroy(pj);
    proj_context_destroy(ctx_);
  }
  ThreadProj(const ThreadProj&) = delete;
  ThreadProj& operator=(const ThreadProj&) = delete;

  // Null when PROJ does not know one of the codes.
  PJ* transform(int from, int to) {
    auto key = std::make_pair(from, to);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    PJ* pj = nullptr;
    std::string a = "EPSG:" + std::to_string(from), b = "EPSG:" + std::to_string(to);
    if (PJ* raw = proj_create_crs_to_crs(ctx_, a.c_str(), b.c_str(), nullptr)) {
      // Easting/northing and longitude/latitude order whatever the authority says.
      pj = proj_normalize_for_visualization(ctx_, raw);
      proj_destroy(raw);
    }
    cache_[key] = pj;
    return pj;
  }

 private:
  PJ_CONTEXT* ctx_;
  std::map<std::pair<int, int>, PJ*> cache_;
};

ThreadProj& proj() {
  thread_local ThreadProj p;
  return p;
}

Coord apply(PJ* pj, Coord c) {
  PJ_COORD out = proj_trans(pj, PJ_FWD, proj_coord(c.x, c.y, 0, 0));
  return {out.xy.x, out.xy.y};
}

std::string show(Coord c) { return "(" + std::to_string(c.x) + ", " + std::to_string(c.y) + ")"; }

}  // namespace

bool in_uk(Coord lonlat) { return kUkLonLat.contains(lonlat); }

Result<Geometry> to_bng(Geometry g, int epsg) {
  ROCTA_RETURN_IF_ERROR(validate(g));
  PJ* to_lonlat = epsg == kWgs84 ? nullptr : proj().transform(epsg, kWgs84);
  PJ* to_grid = epsg == kBng ? nullptr : proj().transform(epsg, kBng);
  if (epsg != kWgs84 && !to_lonlat) return invalid("unknown EPSG code " + std::to_string(epsg), "epsg");
  if (epsg != kBng && !to_grid) return invalid("unknown EPSG code " + std::to_string(epsg), "epsg");
  Status bad;
  g.for_each([&](Coord c) {
    if (!bad.is_ok()) return;
    Coord ll = to_lonlat ? apply(to_lonlat, c) : c;
    if (!std::isfinite(ll.x) || !std::isfinite(ll.y) || !in_uk(ll))
      bad = invalid("coordinate " + show(c) + " in EPSG:" + std::to_string(epsg) + " is outside the United Kingdom",
                    "geometry");
  });
  if (!bad.is_ok()) return bad;
  if (to_grid) g.transform([&](Coord c) { return apply(to_grid, c); });
  return g;
}

Geometry to_wgs84(Geometry g) {
  PJ* pj = proj().transform(kBng, kWgs84);
  g.transform([&](Coord c) { return apply(pj, c); });
  return g;
}

Coord to_wgs84(Coord bng) { return apply(proj().transform(kBng, kWgs84), bng); }

}  // namespace rocta::geo
