// The places engine at national size: area and radius queries over 1,000,000 incident
// points and 50,000 places through geo/'s grid index with the exact test, and Gi* hotspot
// detection over 1,000,000 incidents (a London-sized box, with planted hotspots).
//
//   cmake --preset release -DROCTA_BENCH=ON && cmake --build --preset release --target places_bench
//   build/release/bench/places_bench --benchmark_counters_tabular=true
// (figures in docs/performance.md, "Places").
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "geo/grid_index.h"
#include "geo/hotspot.h"
#include "geo/spatial.h"

namespace rocta::geo {
namespace {

constexpr Bbox kLondon{503000, 158000, 559000, 200000};

std::vector<Coord> incidents(size_t n) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> x(kLondon.min_x, kLondon.max_x), y(kLondon.min_y, kLondon.max_y);
  std::normal_distribution<double> spread(0, 120);
  std::vector<Coord> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (i % 50 == 0) {  // 2% in ten planted hotspots
      const size_t k = (i / 50) % 10;
      Coord c{kLondon.min_x + 5000.0 * double(1 + k), kLondon.min_y + 3000.0 * double(1 + k)};
      out.push_back({c.x + spread(rng), c.y + spread(rng)});
    } else {
      out.push_back({x(rng), y(rng)});
    }
  }
  return out;
}

struct PointIndex {
  std::vector<Coord> points = incidents(1'000'000);
  GridIndex index{250};
  PointIndex() {
    for (uint32_t i = 0; i < points.size(); ++i) index.insert(i, {points[i].x, points[i].y, points[i].x, points[i].y});
  }
};

const PointIndex& point_index() {
  static const PointIndex p;
  return p;
}

// An irregular BCU-sized area (about 14 km across) at a random place in London.
Geometry random_area(std::mt19937& rng) {
  std::uniform_real_distribution<double> x(kLondon.min_x, kLondon.max_x - 14000), y(kLondon.min_y, kLondon.max_y - 14000);
  double ox = x(rng), oy = y(rng);
  return Geometry::area({{ox, oy}, {ox + 14000, oy + 1500}, {ox + 13000, oy + 14000}, {ox + 2000, oy + 12500}, {ox, oy}});
}

void BM_AreaQueryOverAMillionIncidents(benchmark::State& state) {
  const auto& p = point_index();
  std::mt19937 rng(2);
  int64_t found = 0;
  for (auto _ : state) {
    Geometry area = random_area(rng);
    for (uint32_t id : p.index.query(area.envelope()))
      if (contains(area, p.points[id])) ++found;
  }
  state.counters["found_per_query"] = double(found) / double(state.iterations());
}
BENCHMARK(BM_AreaQueryOverAMillionIncidents)->Unit(benchmark::kMillisecond);

void BM_RadiusQueryOverAMillionIncidents(benchmark::State& state) {
  const auto& p = point_index();
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> x(kLondon.min_x, kLondon.max_x), y(kLondon.min_y, kLondon.max_y);
  int64_t found = 0;
  const double r = double(state.range(0));
  for (auto _ : state) {
    Coord c{x(rng), y(rng)};
    for (uint32_t id : p.index.query(Bbox{c.x, c.y, c.x, c.y}.grown(r)))
      if (std::hypot(p.points[id].x - c.x, p.points[id].y - c.y) <= r) ++found;
  }
  state.counters["found_per_query"] = double(found) / double(state.iterations());
}
BENCHMARK(BM_RadiusQueryOverAMillionIncidents)->Arg(500)->Arg(2000)->Unit(benchmark::kMicrosecond);

void BM_AreaQueryOverFiftyThousandPlaces(benchmark::State& state) {
  std::mt19937 rng(4);
  std::uniform_real_distribution<double> x(kLondon.min_x, kLondon.max_x), y(kLondon.min_y, kLondon.max_y), side(20, 1500);
  std::vector<Geometry> places;
  GridIndex index(1000);
  for (uint32_t i = 0; i < 50'000; ++i) {
    Coord c{x(rng), y(rng)};
    if (i % 3 == 0) {
      places.push_back(Geometry::point(c));
    } else if (i % 3 == 1) {
      places.push_back(Geometry::line({c, {c.x + side(rng), c.y + side(rng) / 2}}));
    } else {
      double s = side(rng);
      places.push_back(Geometry::area({c, {c.x + s, c.y}, {c.x + s, c.y + s}, {c.x, c.y + s}, c}));
    }
    index.insert(i, places.back().envelope());
  }
  int64_t found = 0;
  for (auto _ : state) {
    Geometry area = random_area(rng);
    for (uint32_t id : index.query(area.envelope()))
      if (touches_area(places[id], area)) ++found;
  }
  state.counters["found_per_query"] = double(found) / double(state.iterations());
}
BENCHMARK(BM_AreaQueryOverFiftyThousandPlaces)->Unit(benchmark::kMillisecond);

void BM_HotspotsOverAMillionIncidents(benchmark::State& state) {
  const auto points = incidents(1'000'000);
  size_t hotspots = 0;
  for (auto _ : state) {
    auto r = find_hotspots(points, {.cell_m = 250});
    hotspots = r.is_ok() ? r->hotspots.size() : 0;
  }
  state.counters["hotspots"] = double(hotspots);
}
BENCHMARK(BM_HotspotsOverAMillionIncidents)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rocta::geo

BENCHMARK_MAIN();
