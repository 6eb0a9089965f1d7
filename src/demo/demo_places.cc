#include "demo/demo_places.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/briefings.h"
#include "app/intelligence.h"
#include "app/places.h"
#include "core/csv.h"
#include "geo/crs.h"
#include "geo/ogr_source.h"
#include "geo/spatial.h"
#include "store/marked_repository.h"
#include "store/place_repository.h"
#include "store/repository_transaction.h"
#include "store/scpo_repository.h"
#include "store/unit_repository.h"

namespace rocta::demo {
namespace {

using nlohmann::json;
using geo::Coord;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// The grid of BCUs over Greater London, in BNG metres: 4 columns by 3 rows.
constexpr double kWest = 503000, kSouth = 158000, kCell = 14000;
constexpr int kCols = 4, kRows = 3;

struct Station {
  const char* code;
  const char* name;
  double lon, lat;
};
struct Route {
  const char* code;
  const char* name;
  std::vector<Station> stations;
};

const std::vector<Route>& routes() {
  static const std::vector<Route> k{
      {"WCML-S", "West Coast Main Line: Euston to Watford Junction",
       {{"EUS", "London Euston", -0.1337, 51.5282}, {"SOH", "South Hampstead", -0.1789, 51.5413},
        {"WIJ", "Willesden Junction", -0.2444, 51.5324}, {"WMB", "Wembley Central", -0.2963, 51.5524},
        {"HRW", "Harrow & Wealdstone", -0.3346, 51.5923}, {"WFJ", "Watford Junction", -0.3967, 51.6636}}},
      {"GEML-S", "Great Eastern Main Line: Liverpool Street to Romford",
       {{"LST", "London Liverpool Street", -0.0817, 51.5178}, {"BET", "Bethnal Green", -0.0596, 51.5240},
        {"SRA", "Stratford", -0.0035, 51.5416}, {"FOG", "Forest Gate", 0.0243, 51.5495}, {"IFD", "Ilford", 0.0700, 51.5590},
        {"RMF", "Romford", 0.1832, 51.5749}}},
      {"BML-S", "Brighton Main Line: Victoria to East Croydon",
       {{"VIC", "London Victoria", -0.1448, 51.4952}, {"BAK", "Battersea Park", -0.1475, 51.4778},
        {"CLJ", "Clapham Junction", -0.1703, 51.4643}, {"BAL", "Balham", -0.1525, 51.4434},
        {"SRC", "Streatham Common", -0.1357, 51.4185}, {"ECR", "East Croydon", -0.0928, 51.3755}}}};
  return k;
}

json lonlat(Coord bng) {
  Coord ll = geo::to_wgs84(bng);
  return json::array({std::round(ll.x * 1e6) / 1e6, std::round(ll.y * 1e6) / 1e6});
}

json feature(const std::string& code, const std::string& name, json geometry) {
  return {{"type", "Feature"}, {"properties", {{"code", code}, {"name", name}}}, {"geometry", std::move(geometry)}};
}

json polygon(const std::vector<Coord>& ring) {
  json coords = json::array();
  for (const auto& c : ring) coords.push_back(lonlat(c));
  coords.push_back(lonlat(ring.front()));
  return {{"type", "Polygon"}, {"coordinates", json::array({coords})}};
}

// The BCUs' corners: a regular grid with the inner vertices moved up to 2 km, so that the
// boundaries look drawn rather than ruled and still tile London without gaps.
std::vector<std::vector<Coord>> bcu_rings(std::mt19937& rng) {
  std::uniform_real_distribution<double> jitter(-2000, 2000);
  std::vector<std::vector<Coord>> v(kCols + 1, std::vector<Coord>(kRows + 1));
  for (int i = 0; i <= kCols; ++i)
    for (int j = 0; j <= kRows; ++j) {
      bool inner = i > 0 && i < kCols && j > 0 && j < kRows;
      v[i][j] = {kWest + i * kCell + (inner ? jitter(rng) : 0), kSouth + j * kCell + (inner ? jitter(rng) : 0)};
    }
  std::vector<std::vector<Coord>> rings;
  for (int j = kRows - 1; j >= 0; --j)
    for (int i = 0; i < kCols; ++i) rings.push_back({v[i][j], v[i + 1][j], v[i + 1][j + 1], v[i][j + 1]});
  return rings;
}

Status load_file(App& app, const std::filesystem::path& dir, const std::string& name, AreaKind kind, const json& features) {
  const auto path = dir / name;
  std::ofstream(path) << json{{"type", "FeatureCollection"}, {"features", features}}.dump();
  ROCTA_ASSIGN_OR_RETURN(auto read, geo::read_features(path.string()));
  return status_of(load_areas(app, system_caller("demo"), kind, read));
}

Status load_boundaries(App& app, std::mt19937& rng, const std::vector<Unit>& bcus) {
  const auto dir = std::filesystem::temp_directory_path() / ("rocta-demo-places-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  json bcu_features = json::array();
  auto rings = bcu_rings(rng);
  for (size_t k = 0; k < bcus.size() && k < rings.size(); ++k)
    bcu_features.push_back(feature("BCU-" + std::to_string(k + 1), bcus[k].name, polygon(rings[k])));
  const double east = kWest + kCols * kCell, north = kSouth + kRows * kCell, middle = kSouth + 1.5 * kCell;
  json rail = json::array({feature("BTP-LN", "BTP London North", polygon({{kWest, middle}, {east, middle}, {east, north}, {kWest, north}})),
                           feature("BTP-LS", "BTP London South", polygon({{kWest, kSouth}, {east, kSouth}, {east, middle}, {kWest, middle}}))});
  json route_features = json::array(), station_features = json::array();
  for (const auto& r : routes()) {
    json line = json::array();
    for (const auto& s : r.stations) {
      line.push_back({s.lon, s.lat});
      station_features.push_back(feature(s.code, s.name, {{"type", "Point"}, {"coordinates", {s.lon, s.lat}}}));
    }
    route_features.push_back(feature(r.code, r.name, {{"type", "LineString"}, {"coordinates", line}}));
  }
  Status s = load_file(app, dir, "bcus.geojson", AreaKind::kBcu, bcu_features);
  if (s.is_ok()) s = load_file(app, dir, "rail-areas.geojson", AreaKind::kRailArea, rail);
  if (s.is_ok()) s = load_file(app, dir, "routes.geojson", AreaKind::kRoute, route_features);
  if (s.is_ok()) s = load_file(app, dir, "stations.geojson", AreaKind::kStation, station_features);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return s;
}

Coord station_bng(const char* code) {
  for (const auto& r : routes())
    for (const auto& s : r.stations)
      if (std::string(s.code) == code) return geo::to_bng(geo::Geometry::point({s.lon, s.lat}), geo::kWgs84).value().as_point();
  return {};
}

// Background incidents over London plus three planted clusters an analyst's hotspot run finds.
Status load_incidents(App& app, std::mt19937& rng) {
  const int64_t today = app.clock.now_ms() / kDayMs;
  std::uniform_int_distribution<int> age(0, 119);
  std::uniform_real_distribution<double> x(kWest, kWest + kCols * kCell), y(kSouth, kSouth + kRows * kCell);
  std::normal_distribution<double> spread(0, 120);
  const char* types[] = {"metal_theft", "kiosk_fraud", "robbery"};
  std::vector<std::vector<std::string>> rows[2];  // BTP's, the MPS's
  for (auto& r : rows) r.push_back({"reference", "type", "occurred_on", "x", "y", "epsg", "location"});
  int n = 0;
  auto add = [&](const char* type, Coord c, const std::string& where) {
    const bool btp = std::string(type) != "robbery";
    char ex[32], ny[32];
    std::snprintf(ex, sizeof ex, "%.1f", c.x);
    std::snprintf(ny, sizeof ny, "%.1f", c.y);
    rows[btp ? 0 : 1].push_back({(btp ? "BTP-CR-" : "MPS-CR-") + std::to_string(++n), type,
                                 iso_date((today - age(rng)) * kDayMs), ex, ny, "27700", where});
  };
  for (int i = 0; i < 1800; ++i) add(types[i % 3], {x(rng), y(rng)}, "");
  const Coord track = {(station_bng("WIJ").x + station_bng("WMB").x) / 2, (station_bng("WIJ").y + station_bng("WMB").y) / 2};
  for (int i = 0; i < 120; ++i) add("metal_theft", {track.x + spread(rng), track.y + spread(rng)}, "Lineside cable, Willesden to Wembley");
  const Coord stratford = station_bng("SRA");
  for (int i = 0; i < 70; ++i) add("kiosk_fraud", {stratford.x + spread(rng) / 3, stratford.y + spread(rng) / 3}, "Ticket kiosks, Stratford");
  const Coord croydon = station_bng("ECR");
  for (int i = 0; i < 90; ++i) add("robbery", {croydon.x + spread(rng), croydon.y + spread(rng)}, "East Croydon town centre");
  for (int k = 0; k < 2; ++k) {
    std::string csv;
    for (const auto& r : rows[k]) csv += csv_line(r) + "\n";
    Marking m;
    m.owning_agency = k == 0 ? "BTP" : "MPS";
    m.scope = SharingScope::kRegion;
    ROCTA_RETURN_IF_ERROR(status_of(import_incidents(app, system_caller("demo"), csv, m)));
  }
  return Status::ok();
}

std::string point_json(Coord bng) { return json{{"type", "Point"}, {"coordinates", {bng.x, bng.y}}}.dump(); }

Result<int64_t> recent_report(Transaction& tx, App& app, const std::string& agency, const std::string& title, int days_ago,
                              bool sensitive) {
  IntelligenceReport r;
  r.title = title;
  r.body = "Synthetic demo report for the frontline briefing.";
  r.received_date = iso_date(app.clock.now_ms() - days_ago * kDayMs);
  r.marking.owning_agency = agency;
  r.marking.scope = SharingScope::kRegion;
  if (sensitive) {
    r.marking.scope = SharingScope::kOwnerOnly;
    r.marking.classification = Classification::kSecret;
    r.marking.compartment = agency + "-SIU";
    r.marking.handling = HandlingCode::kC;
    r.marking.handling_conditions = "Do not disseminate outside the SIU without the SIU manager's authority.";
    r.source_type = SourceType::kChis;
  }
  ROCTA_ASSIGN_OR_RETURN(auto saved, submit_intelligence_in(tx, app, system_caller("demo"), std::move(r)));
  return saved.id;
}

// Places on the demo's threats (each in one BCU, BTP's along the routes), recent
// intelligence in the frontline officer's BCU and along a route, requirements, a wanted subject.
Status place_records(App& app, std::mt19937& rng, const std::vector<Unit>& bcus) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  const Caller demo = system_caller("demo");
  ROCTA_ASSIGN_OR_RETURN(auto areas, tx->places().areas(AreaKind::kBcu, true));
  std::vector<geo::Geometry> shapes;
  for (const auto& a : areas) shapes.push_back(geo::geometry_from_geojson(a.geometry, geo::kBng).value());
  auto inside = [&](size_t k) {
    const auto box = shapes[k].envelope();
    std::uniform_real_distribution<double> x(box.min_x, box.max_x), y(box.min_y, box.max_y);
    for (;;) {
      Coord c{x(rng), y(rng)};
      if (geo::contains(shapes[k], c)) return c;
    }
  };
  ROCTA_ASSIGN_OR_RETURN(auto threats, tx->threats().scan(0, 400));
  int placed = 0;
  for (const auto& t : threats) {
    if (t.marking.owning_agency != "MPS" && t.marking.owning_agency != "BTP") continue;
    if (placed++ >= 90) break;
    PlaceDraft d{PlaceRecordKind::kThreat, t.id, "Area of operation", "", geo::kBng};
    if (t.marking.owning_agency == "BTP") {
      const auto& route = routes()[placed % routes().size()];
      const auto& s = route.stations[placed % route.stations.size()];
      d.label = "Operates around " + std::string(s.name);
      d.geometry = json{{"type", "Point"}, {"coordinates", {s.lon, s.lat}}}.dump();
      d.epsg = geo::kWgs84;
    } else {
      d.geometry = point_json(inside(placed % shapes.size()));
    }
    ROCTA_RETURN_IF_ERROR(status_of(add_place_in(*tx, app, demo, d)));
  }
  // Recent reporting: open in the frontline officer's BCU and on a route, and SIU-held.
  size_t central_east = 0;
  for (size_t k = 0; k < areas.size(); ++k)
    if (areas[k].name == "Central East BCU") central_east = k;
  struct Report {
    const char* agency;
    const char* title;
    int days;
    bool sensitive;
    bool on_route;
  };
  const Report reports[] = {{"MPS", "Street dealing reported outside the station at night", 3, false, false},
                            {"MPS", "Moped robbery group using the canal towpath", 9, false, false},
                            {"MPS", "CHIS: stash address used by a county line", 5, true, false},
                            {"BTP", "Cable thieves seen lineside at Willesden with a van", 2, false, true},
                            {"BTP", "Kiosk skimming devices recovered", 12, false, true},
                            {"BTP", "CHIS: metal buyer taking stolen cable", 6, true, true}};
  for (const auto& r : reports) {
    ROCTA_ASSIGN_OR_RETURN(int64_t id, recent_report(*tx, app, r.agency, r.title, r.days, r.sensitive));
    Coord at = r.on_route ? station_bng("WIJ") : inside(central_east);
    PlaceDraft d{PlaceRecordKind::kIntelligence, id, "Reported location", point_json(at), geo::kBng};
    ROCTA_RETURN_IF_ERROR(status_of(add_place_in(*tx, app, demo, d)));
  }
  ROCTA_RETURN_IF_ERROR(tx->commit());

  // Requirements and a wanted subject, through the use cases' own rules where a person acts.
  ROCTA_ASSIGN_OR_RETURN(auto tx2, app.store.begin(TxMode::kWrite));
  const std::string now = iso_timestamp(app.clock.now_ms());
  ROCTA_ASSIGN_OR_RETURN(Area wcml, tx2->places().area_by_code(AreaKind::kRoute, "WCML-S"));
  for (auto [area_id, agency, text] :
       {std::tuple{areas[central_east].id, "MPS", "Collect on drug markets around the BCU's stations and estates"},
        std::tuple{areas[central_east].id, "MPS", "Collect on modern slavery indicators at car washes and nail bars"},
        std::tuple{wcml.id, "BTP", "Collect on cable theft and trespass along the route at night"}})
    ROCTA_RETURN_IF_ERROR(status_of(tx2->places().insert_requirement({0, agency, area_id, text, true, 0, now})));
  ScpoOrderQuery q;
  q.unscoped = true;
  q.in_force_on = iso_date(app.clock.now_ms());
  for (const auto& u : bcus)
    if (u.name == "Central East BCU") q.bcu_unit_id = u.id;
  ROCTA_ASSIGN_OR_RETURN(auto orders, tx2->scpo().orders(ReadScope{}, q));
  ROCTA_RETURN_IF_ERROR(tx2->commit());
  if (!orders.empty()) ROCTA_RETURN_IF_ERROR(mark_wanted(app, demo, orders.front().nominal_id, "Failed to appear: warrant issued"));
  return Status::ok();
}

}  // namespace

Status load_demo_places(App& app, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Unit> bcus;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(auto units, tx->units().list("MPS"));
    for (auto& u : units)
      if (u.kind == UnitKind::kBcu) bcus.push_back(std::move(u));
  }
  ROCTA_RETURN_IF_ERROR(load_boundaries(app, rng, bcus));
  ROCTA_RETURN_IF_ERROR(load_incidents(app, rng));
  return place_records(app, rng, bcus);
}

}  // namespace rocta::demo
