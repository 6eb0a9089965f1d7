#include "app/places.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/records.h"
#include "core/csv.h"
#include "core/text.h"
#include "geo/crs.h"
#include "geo/spatial.h"
#include "store/disruption_repository.h"
#include "store/link_repository.h"
#include "store/marked_repository.h"
#include "store/place_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

using nlohmann::json;

GridBox grid_box(const geo::Bbox& b) { return {b.min_x, b.min_y, b.max_x, b.max_y}; }

Status need_admin(const Caller& c) {
  if (c.system || c.user.has(Role::kAdministrator)) return Status::ok();
  return denied("only administrators load areas");
}

// The record a place goes on, for a caller who may update it (Rocta itself may): its
// marking decides who reads the place. A disruption's place is read through its threat.
Result<Marking> updatable_record(Transaction& tx, const Caller& caller, PlaceRecordKind kind, int64_t id) {
  RecordRef ref{kind == PlaceRecordKind::kIntelligence ? RecordKind::kIntelligence : RecordKind::kThreat, id};
  if (kind == PlaceRecordKind::kDisruption) {
    ROCTA_ASSIGN_OR_RETURN(Disruption d, tx.disruptions().get(id));
    ref.id = d.threat_id;
  }
  auto m = tx.links().marking_of(ref);
  const std::string missing = std::string(to_string(kind)) + " " + std::to_string(id) + " not found";
  if (!m.is_ok()) return m.status().code() == Code::kNotFound ? not_found(missing) : m.status();
  if (caller.system) return m;
  // 404, not 403, for a record the caller may not read: a 403 would confirm it exists.
  if (!can(caller.user, Action::kRead, ref.kind, *m)) return not_found(missing);
  if (!can(caller.user, Action::kUpdate, ref.kind, *m)) return denied("you may not change this " + std::string(to_string(kind)));
  return m;
}

// Whether the caller may read the place's record, asked of core again after the store's
// filter. The store admits by scope; can() may refuse more (a role's own limits), and then
// the place is not shown.
bool readable(const Caller& caller, const Place& p) {
  if (caller.system) return true;
  RecordKind as = p.record_kind == PlaceRecordKind::kIntelligence ? RecordKind::kIntelligence : RecordKind::kThreat;
  return can(caller.user, Action::kRead, as, p.record_marking);
}

Status audit_read(App& app, const Caller& caller, const std::string& action, const std::string& kind, const json& ids) {
  if (ids.empty()) return Status::ok();
  return append_audit_now(app, caller, {action, kind, 0, json{{"shown", ids}}.dump()});
}

Result<geo::Geometry> stored_geometry(const std::string& text) { return geo::geometry_from_geojson(text, geo::kBng); }

// One CSV row as an incident; the row number goes into any message.
Result<Incident> incident_row(const CsvRow& row, const std::map<std::string, size_t>& col, size_t line) {
  auto field = [&](const std::string& name) -> std::string {
    auto it = col.find(name);
    return it != col.end() && it->second < row.size() ? trim(row[it->second]) : std::string();
  };
  auto fail = [&](const Status& s) {
    return invalid("row " + std::to_string(line) + ": " + s.message(), s.field());
  };
  Incident i;
  i.reference = field("reference");
  i.occurred_on = field("occurred_on");
  i.location = field("location");
  auto type = parse_incident_type(field("type"));
  if (!type) return fail(invalid("unknown incident type '" + field("type") + "'", "type"));
  i.type = *type;
  if (Status s = validate_incident(i); !s.is_ok()) return fail(s);
  double x = 0, y = 0;
  int epsg = geo::kBng;
  try {
    x = std::stod(field("x"));
    y = std::stod(field("y"));
    if (!field("epsg").empty()) epsg = std::stoi(field("epsg"));
  } catch (const std::exception&) {
    return fail(invalid("x, y and epsg must be numbers", "x"));
  }
  auto bng = geo::to_bng(geo::Geometry::point({x, y}), epsg);
  if (!bng.is_ok()) return fail(bng.status());
  i.x = bng->as_point().x;
  i.y = bng->as_point().y;
  return i;
}

}  // namespace

bool ResolvedWhere::holds(const geo::Geometry& g) const {
  if (area && area->kind == geo::GeometryKind::kArea) return geo::touches_area(g, *area);
  if (area) {
    bool near = false;
    g.for_each([&](geo::Coord c) { near = near || geo::distance(*area, c) <= corridor_m; });
    if (!near && g.kind == geo::GeometryKind::kArea) area->for_each([&](geo::Coord c) { near = near || geo::contains(g, c); });
    return near;
  }
  if (centre) return geo::within_radius(g, *centre, radius_m);
  return true;
}
bool ResolvedWhere::holds(geo::Coord p) const {
  if (area) return area->kind == geo::GeometryKind::kArea ? geo::contains(*area, p) : geo::distance(*area, p) <= corridor_m;
  if (centre) return std::hypot(p.x - centre->x, p.y - centre->y) <= radius_m;
  return true;
}

Result<ResolvedWhere> resolve_where(Transaction& tx, const Where& w) {
  ResolvedWhere out;
  if (w.area_id) {
    ROCTA_ASSIGN_OR_RETURN(Area a, tx.places().area(w.area_id));
    ROCTA_ASSIGN_OR_RETURN(geo::Geometry g, stored_geometry(a.geometry));
    if (g.kind != geo::GeometryKind::kArea) out.corridor_m = g.kind == geo::GeometryKind::kLine ? kRouteCorridorM : kStationRadiusM;
    out.box = grid_box(g.envelope().grown(out.corridor_m));
    out.area = std::move(g);
  } else if (w.centre) {
    if (!(w.radius_m > 0 && w.radius_m <= 100'000)) return invalid("the radius must be between 0 and 100 km", "radius_m");
    ROCTA_ASSIGN_OR_RETURN(geo::Geometry c, geo::to_bng(geo::Geometry::point(*w.centre), w.epsg));
    out.centre = c.as_point();
    out.radius_m = w.radius_m;
    out.box = grid_box(c.envelope().grown(w.radius_m));
  }
  return out;
}

Result<std::vector<int64_t>> records_in_area(Transaction& tx, const Caller& caller, int64_t area_id, RecordKind kind) {
  if (area_id < 1) return not_found("area " + std::to_string(area_id) + " not found");
  ROCTA_ASSIGN_OR_RETURN(ResolvedWhere where, resolve_where(tx, Where{area_id}));
  if (kind != RecordKind::kThreat && kind != RecordKind::kIntelligence) return std::vector<int64_t>{};
  PlaceQuery q;
  q.box = where.box;
  q.record_kinds = kind == RecordKind::kThreat ? std::vector{PlaceRecordKind::kThreat, PlaceRecordKind::kDisruption}
                                               : std::vector{PlaceRecordKind::kIntelligence};
  q.unscoped = caller.system;
  q.limit = static_cast<int>(kMostPlacesInAnArea + 1);
  ROCTA_ASSIGN_OR_RETURN(auto candidates, tx.places().places(read_scope(caller.user), q));
  if (candidates.size() > kMostPlacesInAnArea)
    return invalid("the area holds more than " + std::to_string(kMostPlacesInAnArea) + " places; choose a smaller one", "area");
  std::set<int64_t> ids;
  for (const auto& p : candidates) {
    if (ids.count(p.marked_id) || !readable(caller, p)) continue;
    ROCTA_ASSIGN_OR_RETURN(geo::Geometry g, stored_geometry(p.geometry));
    if (where.holds(g)) ids.insert(p.marked_id);
  }
  return std::vector<int64_t>(ids.begin(), ids.end());
}

Result<int64_t> load_areas(App& app, const Caller& caller, AreaKind kind, const std::vector<geo::Feature>& features) {
  ROCTA_RETURN_IF_ERROR(need_admin(caller));
  std::set<std::string> codes;
  for (const auto& f : features) {
    std::string where = "feature " + std::to_string(f.row) + (f.name.empty() ? "" : " (" + f.name + ")");
    if (f.code.empty() || f.name.empty()) return invalid(where + ": every area needs a code and a name", "code");
    if (!codes.insert(f.code).second) return invalid(where + ": code " + f.code + " appears twice", "code");
    if (kind != AreaKind::kRoute && kind != AreaKind::kStation && f.geometry.kind != geo::GeometryKind::kArea)
      return invalid(where + ": a " + std::string(to_string(kind)) + " must be an area", "geometry");
  }
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  const std::string now = iso_timestamp(app.clock.now_ms());
  for (const auto& f : features) {
    Area a{0, kind, f.code, f.name, "", geo::geojson(f.geometry), geo::geojson_wgs84(f.geometry),
           grid_box(f.geometry.envelope()), caller.user.id, now};
    ROCTA_RETURN_IF_ERROR(status_of(tx->places().upsert_area(a)));
  }
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller,
                                     {"areas.load", "area", 0,
                                      json{{"kind", to_string(kind)}, {"count", features.size()}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return static_cast<int64_t>(features.size());
}

Result<std::vector<Area>> list_areas(App& app, const Caller& caller, std::optional<AreaKind> kind, bool with_geometry) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->places().areas(kind, with_geometry);
}

Result<Place> add_place(App& app, const Caller& caller, const PlaceDraft& d) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Place p, add_place_in(*tx, app, caller, d));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return p;
}

Result<Place> add_place_in(Transaction& tx, App& app, const Caller& caller, const PlaceDraft& d) {
  ROCTA_ASSIGN_OR_RETURN(geo::Geometry g, geo::geometry_from_geojson(d.geometry, d.epsg));
  if (d.label.size() > 200) return invalid("the label is longer than 200 characters", "label");
  ROCTA_ASSIGN_OR_RETURN(Marking m, updatable_record(tx, caller, d.record_kind, d.record_id));
  Place p;
  p.record_kind = d.record_kind;
  p.record_id = d.record_id;
  p.label = d.label;
  p.shape = std::string(geo::to_string(g.kind));
  p.geometry = geo::geojson(g);
  p.geojson = geo::geojson_wgs84(g);
  p.box = grid_box(g.envelope());
  p.created_by = caller.user.id;
  p.created_at = iso_timestamp(app.clock.now_ms());
  p.record_marking = m;
  ROCTA_ASSIGN_OR_RETURN(p.id, tx.places().insert_place(p));
  ROCTA_RETURN_IF_ERROR(append_audit(tx, app, caller,
                                     {"place.add", std::string(to_string(d.record_kind)), d.record_id,
                                      json{{"place", p.id}, {"shape", p.shape}}.dump()}));
  return p;
}

Result<std::vector<Place>> find_places(App& app, const Caller& caller, const PlaceSearch& s) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(ResolvedWhere where, resolve_where(*tx, s.where));
  PlaceQuery q{where.box, s.record_kinds, s.record_id, caller.system, s.limit};
  ROCTA_ASSIGN_OR_RETURN(auto candidates, tx->places().places(read_scope(caller.user), q));
  std::vector<Place> out;
  json audited = json::array();
  for (auto& p : candidates) {
    if (!readable(caller, p)) continue;
    if (where.box) {
      ROCTA_ASSIGN_OR_RETURN(geo::Geometry g, stored_geometry(p.geometry));
      if (!where.holds(g)) continue;
    }
    if (read_is_audited(p.record_marking)) audited.push_back(p.id);
    out.push_back(std::move(p));
  }
  tx.reset();
  ROCTA_RETURN_IF_ERROR(audit_read(app, caller, "places.read", "place", audited));
  return out;
}

Result<std::vector<Incident>> find_incidents(App& app, const Caller& caller, const IncidentSearch& s) {
  for (const auto& [value, field] : {std::pair{&s.from, "from"}, std::pair{&s.to, "to"}})
    if (!value->empty() && !is_iso_date(*value)) return invalid(std::string(field) + " must be a date written YYYY-MM-DD", field);
  if (!s.from.empty() && !s.to.empty() && s.from > s.to) return invalid("from is after to", "from");
  if (s.limit < 1) return invalid("limit must be at least 1", "limit");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(ResolvedWhere where, resolve_where(*tx, s.where));
  IncidentQuery q{where.box, s.type, s.from, s.to, "", caller.system, s.limit};
  ROCTA_ASSIGN_OR_RETURN(auto candidates, tx->places().incidents(read_scope(caller.user), q));
  std::vector<Incident> out;
  json audited = json::array();
  for (auto& i : candidates) {
    if (!caller.system && !can(caller.user, Action::kRead, RecordKind::kIntelligence, i.marking))
      return Status(Code::kInternal, "access check failed on a listed incident; nothing shown");
    if (!where.holds(geo::Coord{i.x, i.y})) continue;
    if (read_is_audited(i.marking)) audited.push_back(i.id);
    out.push_back(std::move(i));
  }
  tx.reset();
  ROCTA_RETURN_IF_ERROR(audit_read(app, caller, "incidents.read", "incident", audited));
  return out;
}

Result<IncidentImport> import_incidents(App& app, const Caller& caller, const std::string& csv, Marking marking) {
  ROCTA_ASSIGN_OR_RETURN(auto rows, parse_csv(csv));
  if (rows.size() < 2) return invalid("the file has no incidents under its header", "file");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rows[0].size(); ++i) col[trim(rows[0][i])] = i;
  for (const char* need : {"reference", "type", "occurred_on", "x", "y"})
    if (!col.count(need)) return invalid(std::string("the header has no '") + need + "' column", "file");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(settle_marking(*tx, caller, marking));
  if (!caller.system && !can(caller.user, Action::kCreate, RecordKind::kIntelligence, marking))
    return denied("you may not record incidents under this marking");
  std::vector<Incident> incidents;
  incidents.reserve(rows.size() - 1);
  const std::string now = iso_timestamp(app.clock.now_ms());
  std::set<std::string> seen;
  for (size_t r = 1; r < rows.size(); ++r) {
    ROCTA_ASSIGN_OR_RETURN(Incident i, incident_row(rows[r], col, r + 1));
    if (!seen.insert(i.reference).second)
      return invalid("row " + std::to_string(r + 1) + ": reference " + i.reference + " appears twice", "reference");
    i.marking = marking;
    i.created_by = caller.user.id;
    i.created_at = now;
    incidents.push_back(std::move(i));
  }
  ROCTA_RETURN_IF_ERROR(tx->places().insert_incidents(incidents));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller,
                                     {"incidents.import", "incident", 0, json{{"count", incidents.size()}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return IncidentImport{static_cast<int64_t>(incidents.size())};
}

}  // namespace rocta
