#include "geo/hotspot.h"

#include <algorithm>
#include <cmath>

namespace rocta::geo {
namespace {

double upper_tail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

// The z whose one-sided upper tail is p, by bisection (p is tiny; no closed form in std).
double z_for_tail(double p) {
  double lo = 0, hi = 40;
  for (int i = 0; i < 200; ++i) {
    double mid = (lo + hi) / 2;
    (upper_tail(mid) > p ? lo : hi) = mid;
  }
  return hi;
}

struct Grid {
  Bbox box;
  int64_t nx = 0, ny = 0;
  double cell = 0;
  std::vector<int64_t> counts;
  int64_t at(int64_t ix, int64_t iy) const { return counts[iy * nx + ix]; }
  Bbox cell_box(int64_t ix, int64_t iy) const {
    return {box.min_x + ix * cell, box.min_y + iy * cell, box.min_x + (ix + 1) * cell, box.min_y + (iy + 1) * cell};
  }
};

// P(X >= k) for X ~ Poisson(lambda): the window's count under complete spatial randomness.
// Summed upward from k in log space; only asked where k exceeds lambda (else about 1/2 or more).
double poisson_upper_tail(int64_t k, double lambda) {
  if (double(k) <= lambda) return 1;
  double log_term = double(k) * std::log(lambda) - lambda - std::lgamma(double(k) + 1);
  double sum = 0;
  for (int64_t j = k; j < k + 100000; ++j) {
    double term = std::exp(log_term);
    sum += term;
    if (term < sum * 1e-15) break;
    log_term += std::log(lambda) - std::log(double(j) + 1);
  }
  return std::min(1.0, sum);
}

}  // namespace

Result<HotspotAnalysis> find_hotspots(const std::vector<Coord>& incidents, const HotspotParams& p) {
  if (!(p.cell_m > 0)) return invalid("the cell size must be positive", "cell_m");
  if (p.neighbourhood < 1) return invalid("the neighbourhood must be at least one cell", "neighbourhood");
  if (!(p.alpha > 0 && p.alpha < 1)) return invalid("alpha must lie between 0 and 1", "alpha");
  HotspotAnalysis out;
  if (incidents.empty()) return out;
  Grid g;
  g.cell = p.cell_m;
  g.box = Geometry{GeometryKind::kLine, {{incidents}}}.envelope();
  g.nx = static_cast<int64_t>(std::floor((g.box.max_x - g.box.min_x) / p.cell_m)) + 1;
  g.ny = static_cast<int64_t>(std::floor((g.box.max_y - g.box.min_y) / p.cell_m)) + 1;
  if (g.nx * g.ny > p.max_cells)
    return invalid("the grid would have " + std::to_string(g.nx * g.ny) + " cells; narrow the area or widen the cell",
                   "cell_m");
  g.counts.assign(g.nx * g.ny, 0);
  for (Coord c : incidents) {
    auto ix = std::min(g.nx - 1, static_cast<int64_t>((c.x - g.box.min_x) / p.cell_m));
    auto iy = std::min(g.ny - 1, static_cast<int64_t>((c.y - g.box.min_y) / p.cell_m));
    ++g.counts[iy * g.nx + ix];
  }
  const double n = static_cast<double>(g.nx * g.ny);
  double sum = 0, sum2 = 0;
  for (auto x : g.counts) sum += double(x), sum2 += double(x) * double(x);
  out.cells = g.nx * g.ny;
  out.mean = sum / n;
  out.sd = std::sqrt(std::max(0.0, sum2 / n - out.mean * out.mean));
  out.z_threshold = z_for_tail(p.alpha / n);
  if (out.sd == 0 || n < 2) return out;

  // Gi* per cell with a sliding window: the significant cells, marked for merging.
  std::vector<double> z(g.counts.size(), 0);
  std::vector<char> hot(g.counts.size(), 0);
  const int k = p.neighbourhood;
  for (int64_t iy = 0; iy < g.ny; ++iy)
    for (int64_t ix = 0; ix < g.nx; ++ix) {
      if (g.at(ix, iy) == 0) continue;  // an empty cell cannot be a hotspot's cell
      double wx = 0, w = 0;
      for (int64_t y = std::max<int64_t>(0, iy - k); y <= std::min(g.ny - 1, iy + k); ++y)
        for (int64_t x = std::max<int64_t>(0, ix - k); x <= std::min(g.nx - 1, ix + k); ++x) wx += double(g.at(x, y)), w += 1;
      double denom = out.sd * std::sqrt((n * w - w * w) / (n - 1));
      double zi = denom > 0 ? (wx - out.mean * w) / denom : 0;
      z[iy * g.nx + ix] = zi;
      // The normal approximation is only a screen: the decision is the exact Poisson tail.
      hot[iy * g.nx + ix] = zi >= out.z_threshold - 1 && g.at(ix, iy) >= p.min_count &&
                            poisson_upper_tail(static_cast<int64_t>(wx), out.mean * w) < p.alpha / n;
    }

  auto window_p = [&](int64_t ix, int64_t iy) {
    double wx = 0, w = 0;
    for (int64_t y = std::max<int64_t>(0, iy - k); y <= std::min(g.ny - 1, iy + k); ++y)
      for (int64_t x = std::max<int64_t>(0, ix - k); x <= std::min(g.nx - 1, ix + k); ++x) wx += double(g.at(x, y)), w += 1;
    return poisson_upper_tail(static_cast<int64_t>(wx), out.mean * w);
  };
  // Merge 8-connected hot cells.
  std::vector<int64_t> stack;
  for (int64_t start = 0; start < int64_t(hot.size()); ++start) {
    if (!hot[start]) continue;
    Hotspot h;
    h.peak_z = -1;
    stack.push_back(start);
    hot[start] = 0;
    while (!stack.empty()) {
      int64_t c = stack.back();
      stack.pop_back();
      int64_t ix = c % g.nx, iy = c / g.nx;
      HotspotCell cell{g.cell_box(ix, iy), g.counts[c], z[c], window_p(ix, iy)};
      h.incidents += cell.count;
      if (cell.z > h.peak_z) {
        h.peak_z = cell.z;
        h.p_value = cell.p;
        h.centre = {(cell.box.min_x + cell.box.max_x) / 2, (cell.box.min_y + cell.box.max_y) / 2};
      }
      h.box = h.cells.empty() ? cell.box
                              : Bbox{std::min(h.box.min_x, cell.box.min_x), std::min(h.box.min_y, cell.box.min_y),
                                     std::max(h.box.max_x, cell.box.max_x), std::max(h.box.max_y, cell.box.max_y)};
      h.cells.push_back(cell);
      for (int64_t y = std::max<int64_t>(0, iy - 1); y <= std::min(g.ny - 1, iy + 1); ++y)
        for (int64_t x = std::max<int64_t>(0, ix - 1); x <= std::min(g.nx - 1, ix + 1); ++x)
          if (hot[y * g.nx + x]) hot[y * g.nx + x] = 0, stack.push_back(y * g.nx + x);
    }
    out.hotspots.push_back(std::move(h));
  }
  std::sort(out.hotspots.begin(), out.hotspots.end(), [](const Hotspot& a, const Hotspot& b) { return a.peak_z > b.peak_z; });
  return out;
}

}  // namespace rocta::geo
