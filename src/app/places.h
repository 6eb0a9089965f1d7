// Use cases of places: loading areas, putting a place on a record, finding places and
// incidents in an area or near a point, importing incidents in bulk.
//
// A place is read through its record: the store filters by the record's marking in SQL,
// app/ checks every place again with core's can() and fails closed, and the exact spatial
// test (in the area, within the radius) is geo/'s. Areas are reference data: administrators
// load them, everyone signed in sees them. Loads and imports are all or nothing: the first
// bad row is named and nothing is written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/place.h"
#include "core/policy.h"
#include "geo/ogr_source.h"

namespace rocta {

// Loads `features` (read from a file by geo::read_features) as areas of `kind`; an area of
// the same kind and code is replaced in place. Administrators only. Returns how many.
Result<int64_t> load_areas(App& app, const Caller& caller, AreaKind kind, const std::vector<geo::Feature>& features);
Result<std::vector<Area>> list_areas(App& app, const Caller& caller, std::optional<AreaKind> kind, bool with_geometry);

// A place for a record: GeoJSON geometry text in `epsg` (4326: longitude, latitude).
struct PlaceDraft {
  PlaceRecordKind record_kind = PlaceRecordKind::kThreat;
  int64_t record_id = 0;
  std::string label;
  std::string geometry;  // a GeoJSON geometry object
  int epsg = 4326;
};
// For a caller who may update the record (a disruption: its threat).
Result<Place> add_place(App& app, const Caller& caller, const PlaceDraft& draft);
// The same inside an open write transaction (the demo places its records in one).
Result<Place> add_place_in(Transaction& tx, App& app, const Caller& caller, const PlaceDraft& draft);

// Where: an area (by id), or a circle (centre in `epsg`, radius in metres), or everywhere.
struct Where {
  int64_t area_id = 0;
  std::optional<geo::Coord> centre;
  int epsg = 4326;
  double radius_m = 0;
};
struct PlaceSearch {
  Where where;
  std::vector<PlaceRecordKind> record_kinds;  // empty: all
  int64_t record_id = 0;                      // with one kind: that record's places
  int limit = 5000;
};
Result<std::vector<Place>> find_places(App& app, const Caller& caller, const PlaceSearch& search);

struct IncidentSearch {
  Where where;
  std::optional<IncidentType> type;
  std::string from, to;
  int64_t limit = 5000;
};
Result<std::vector<Incident>> find_incidents(App& app, const Caller& caller, const IncidentSearch& search);

// A CSV with a header naming at least reference, type, occurred_on, x, y (and optionally
// epsg, default 27700, and location), every incident under `marking` (owner: the caller's
// agency unless given). For those who may create intelligence under that marking.
struct IncidentImport {
  int64_t imported = 0;
};
Result<IncidentImport> import_incidents(App& app, const Caller& caller, const std::string& csv, Marking marking);

// A route (a line) or station (a point) covers the corridor within this of it.
inline constexpr double kRouteCorridorM = 500;
inline constexpr double kStationRadiusM = 400;
// An area filter reads at most this many places' geometry; a larger area is refused.
inline constexpr size_t kMostPlacesInAnArea = 1'000'000;

// The box a Where covers, in BNG (empty optional: everywhere), and the exact test for it.
struct ResolvedWhere {
  std::optional<GridBox> box;
  std::optional<geo::Geometry> area;  // an area, or a route or station with its corridor
  double corridor_m = 0;
  std::optional<geo::Coord> centre;  // BNG
  double radius_m = 0;
  bool holds(const geo::Geometry& g) const;
  bool holds(geo::Coord p) const;
};
Result<ResolvedWhere> resolve_where(Transaction& tx, const Where& where);

// The area filter of the threat list, search and local profiles: the ids, in order, of the
// records of `kind` that `caller` may read with a place in or meeting area `area_id` (a
// route or station: within its corridor). A threat counts by its own places and by its
// disruptions'. Nominals have no places: none. The store finds candidates by box (R*Tree,
// GiST); the exact test is geo/'s. NotFound for an area that is not loaded.
Result<std::vector<int64_t>> records_in_area(Transaction& tx, const Caller& caller, int64_t area_id, RecordKind kind);

}  // namespace rocta
