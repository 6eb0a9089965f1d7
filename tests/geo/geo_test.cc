// The places engine on generated shapes whose answers follow from how they were built.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>

#include "geo/crs.h"
#include "geo/geometry.h"
#include "geo/grid_index.h"
#include "geo/hotspot.h"
#include "geo/ogr_source.h"
#include "geo/spatial.h"

namespace rocta::geo {
namespace {

Path square(double x, double y, double side) { return {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}, {x, y}}; }

TEST(GeometryTest, BrokenGeometriesSayWhatIsWrong) {
  EXPECT_NE(validate(Geometry::area({{0, 0}, {1, 0}, {1, 1}, {0, 1}})).message().find("not closed"), std::string::npos);
  EXPECT_NE(validate(Geometry::area({{0, 0}, {1, 0}, {0, 0}})).message().find("four points"), std::string::npos);
  EXPECT_NE(validate(Geometry::area({{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}})).message().find("crosses itself"),
            std::string::npos);
  EXPECT_NE(validate(Geometry::line({{0, 0}})).message().find("two points"), std::string::npos);
  EXPECT_NE(validate(Geometry::point({NAN, 1})).message().find("not a number"), std::string::npos);
  EXPECT_TRUE(validate(Geometry::area(square(0, 0, 10))).is_ok());
}

TEST(CrsTest, RoundTripThroughWgs84KeepsTheMillimetre) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> e(100000, 650000), n(20000, 1200000);
  for (int i = 0; i < 200; ++i) {
    Coord bng{e(rng), n(rng)};
    Coord ll = to_wgs84(bng);
    if (!in_uk(ll)) continue;
    auto back = to_bng(Geometry::point(ll), kWgs84);
    ASSERT_TRUE(back.is_ok()) << back.status().message();
    EXPECT_NEAR(back->as_point().x, bng.x, 1e-3);
    EXPECT_NEAR(back->as_point().y, bng.y, 1e-3);
  }
}

TEST(CrsTest, TrueOriginOfTheGridIsTwoWestFortyNineNorth) {
  // The projection's true origin (E 400000, N -100000) is 2°W 49°N on OSGB36; WGS84 differs
  // from OSGB36 by about a hundred metres there, well under 0.002 degrees.
  Coord ll = to_wgs84(Coord{400000, -100000});
  EXPECT_NEAR(ll.x, -2.0, 0.002);
  EXPECT_NEAR(ll.y, 49.0, 0.002);
}

TEST(CrsTest, OutsideTheUkUnknownCodesAndBrokenShapesAreRefused) {
  auto paris = to_bng(Geometry::point({2.35, 48.85}), kWgs84);
  ASSERT_FALSE(paris.is_ok());
  EXPECT_NE(paris.status().message().find("outside the United Kingdom"), std::string::npos);
  auto unknown = to_bng(Geometry::point({530000, 180000}), 99999);
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.status().message(), "unknown EPSG code 99999");
  EXPECT_FALSE(to_bng(Geometry::area({{530000, 180000}, {531000, 180000}, {531000, 181000}}), kBng).is_ok());
  EXPECT_TRUE(to_bng(Geometry::point({530000, 180000}), kBng).is_ok());
}

TEST(SpatialTest, PointInAreaRespectsHoles) {
  Geometry donut{GeometryKind::kArea, {{square(0, 0, 100), square(40, 40, 20)}}};
  EXPECT_TRUE(contains(donut, {10, 10}));
  EXPECT_FALSE(contains(donut, {50, 50}));
  EXPECT_TRUE(contains(donut, {0, 50}));  // on the boundary
  EXPECT_FALSE(contains(donut, {150, 50}));
  EXPECT_DOUBLE_EQ(distance(donut, {150, 50}), 50);
  EXPECT_DOUBLE_EQ(distance(donut, {10, 10}), 0);
  EXPECT_DOUBLE_EQ(distance(donut, {50, 50}), 10);  // to the hole's edge
}

TEST(SpatialTest, LinesTouchAnAreaWhenTheyCrossItEvenWithNoVertexInside) {
  Geometry area = Geometry::area(square(0, 0, 100));
  EXPECT_TRUE(touches_area(Geometry::line({{-50, 50}, {150, 50}}), area));
  EXPECT_FALSE(touches_area(Geometry::line({{-50, 150}, {150, 150}}), area));
  EXPECT_TRUE(touches_area(Geometry::area(square(90, 90, 50)), area));
  EXPECT_TRUE(within_radius(Geometry::line({{-50, 150}, {150, 150}}), {50, 100}, 50));
  EXPECT_FALSE(within_radius(Geometry::line({{-50, 150}, {150, 150}}), {50, 100}, 49.9));
}

TEST(GridIndexTest, AgreesWithABruteForceScan) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> pos(0, 10000), size(0, 800);
  std::vector<Bbox> boxes;
  GridIndex index(500);
  for (uint32_t i = 0; i < 2000; ++i) {
    double x = pos(rng), y = pos(rng);
    boxes.push_back({x, y, x + size(rng), y + size(rng)});
    index.insert(i, boxes.back());
  }
  for (int q = 0; q < 100; ++q) {
    double x = pos(rng), y = pos(rng);
    Bbox query{x, y, x + size(rng) * 3, y + size(rng) * 3};
    std::vector<uint32_t> expected;
    for (uint32_t i = 0; i < boxes.size(); ++i)
      if (boxes[i].intersects(query)) expected.push_back(i);
    EXPECT_EQ(index.query(query), expected);
  }
}

std::vector<Coord> uniform(std::mt19937& rng, int n, Bbox box) {
  std::uniform_real_distribution<double> x(box.min_x, box.max_x), y(box.min_y, box.max_y);
  std::vector<Coord> out;
  for (int i = 0; i < n; ++i) out.push_back({x(rng), y(rng)});
  return out;
}

TEST(HotspotTest, FindsAPlantedHotspotWhereItWasPlanted) {
  std::mt19937 rng(3);
  Bbox area{520000, 170000, 530000, 180000};  // 10 km square: 40 x 40 cells of 250 m
  auto points = uniform(rng, 8000, area);
  Coord planted{524321, 176789};
  std::normal_distribution<double> spread(0, 60);
  for (int i = 0; i < 120; ++i) points.push_back({planted.x + spread(rng), planted.y + spread(rng)});
  auto result = find_hotspots(points);
  ASSERT_TRUE(result.is_ok());
  ASSERT_EQ(result->hotspots.size(), 1u);
  const Hotspot& h = result->hotspots.front();
  EXPECT_LT(std::hypot(h.centre.x - planted.x, h.centre.y - planted.y), 400);
  EXPECT_GE(h.peak_z, result->z_threshold);
  EXPECT_LT(h.p_value, 0.05 / double(result->cells));
  int64_t in_cells = 0;
  for (Coord c : points)
    for (const auto& cell : h.cells)
      if (c.x >= cell.box.min_x && c.x < cell.box.max_x && c.y >= cell.box.min_y && c.y < cell.box.max_y) ++in_cells;
  EXPECT_EQ(h.incidents, in_cells);
}

TEST(HotspotTest, UniformNoiseYieldsNoHotspotAtTheStatedAlpha) {
  int false_hotspots = 0;
  for (unsigned seed = 1; seed <= 10; ++seed) {
    std::mt19937 rng(seed);
    auto result = find_hotspots(uniform(rng, 16000, {520000, 170000, 530000, 180000}));
    ASSERT_TRUE(result.is_ok());
    false_hotspots += int(result->hotspots.size());
  }
  // Bonferroni at alpha 0.05 over all cells: expected false alarms over ten runs about 0.5.
  EXPECT_LE(false_hotspots, 1);
}

TEST(HotspotTest, RefusesAGridTooLargeForItsCell) {
  auto r = find_hotspots({{0, 0}, {700000, 1200000}}, {.cell_m = 10});
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("cells"), std::string::npos);
}

std::string temp_file(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(OgrSourceTest, ReadsGeoJsonInWgs84IntoTheGrid) {
  auto path = temp_file("areas.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"name":"City","code":"C1"},
     "geometry":{"type":"Polygon","coordinates":[[[-0.11,51.50],[-0.07,51.50],[-0.07,51.52],[-0.11,51.52],[-0.11,51.50]]]}},
    {"type":"Feature","properties":{"name":"Kiosk","code":"K1"},"geometry":{"type":"Point","coordinates":[-0.09,51.51]}}]})");
  auto features = read_features(path);
  ASSERT_TRUE(features.is_ok()) << features.status().message();
  ASSERT_EQ(features->size(), 2u);
  EXPECT_EQ((*features)[0].name, "City");
  EXPECT_EQ((*features)[0].geometry.kind, GeometryKind::kArea);
  EXPECT_TRUE(contains((*features)[0].geometry, (*features)[1].geometry.as_point()));
  Coord kiosk = (*features)[1].geometry.as_point();
  Coord back = to_wgs84(kiosk);
  EXPECT_NEAR(back.x, -0.09, 1e-7);
  EXPECT_NEAR(back.y, 51.51, 1e-7);
}

TEST(OgrSourceTest, ABadFeatureNamesItsRowAndLoadsNothing) {
  auto path = temp_file("bad.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"name":"Fine"},"geometry":{"type":"Point","coordinates":[-0.09,51.51]}},
    {"type":"Feature","properties":{"name":"Paris"},"geometry":{"type":"Point","coordinates":[2.35,48.85]}}]})");
  auto features = read_features(path);
  ASSERT_FALSE(features.is_ok());
  EXPECT_NE(features.status().message().find("feature 2 (Paris)"), std::string::npos) << features.status().message();
  EXPECT_FALSE(read_features(temp_file("junk.geojson", "not json")).is_ok());
}

TEST(OgrSourceTest, GeoJsonGeometryRoundTripsThroughTheMapRendering) {
  auto g = geometry_from_geojson(R"({"type":"LineString","coordinates":[[-0.1,51.5],[-0.12,51.53]]})", kWgs84);
  ASSERT_TRUE(g.is_ok()) << g.status().message();
  auto again = geometry_from_geojson(geojson_wgs84(*g), kWgs84);
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_NEAR(again->parts[0][0][1].x, g->parts[0][0][1].x, 0.2);  // 6 decimals of a degree
  EXPECT_FALSE(geometry_from_geojson(R"({"type":"Point","coordinates":[1]})", kWgs84).is_ok());
}

}  // namespace
}  // namespace rocta::geo
