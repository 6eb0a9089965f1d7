// Routes of places: areas for the map, places on records, incidents by area or radius.
// Parse, call one app/ function, render.
#include <cmath>

#include "api/handler.h"
#include "api/openapi.h"
#include "app/briefings.h"
#include "app/hotspots.h"
#include "app/places.h"
#include "geo/crs.h"

namespace rocta::api {
namespace {

// Declared first: items_json() below finds them by ordinary lookup.
json to_json(const ProposedVulnerability& p);
json to_json(const Threat& t);
json to_json(const ScpoOrder& o);
json to_json(const IntelligenceReport& i);
json to_json(const BriefingWanted& w);
json to_json(const BriefingSignal& s);
json to_json(const IntelligenceRequirement& r);
json to_json(const BriefingRead& r);

json box_json(const GridBox& b) { return json::array({b.min_x, b.min_y, b.max_x, b.max_y}); }

json to_json(const Area& a) {
  json out{{"id", a.id}, {"kind", to_string(a.kind)}, {"code", a.code}, {"name", a.name}, {"parent_code", a.parent_code},
           {"box", box_json(a.box)}};
  if (!a.geojson.empty()) out["geometry"] = json::parse(a.geojson, nullptr, false);
  return out;
}

json to_json(const Place& p) {
  return {{"id", p.id},
          {"record_kind", to_string(p.record_kind)},
          {"record_id", p.record_id},
          {"record_reference", p.record_reference},
          {"record_title", p.record_title},
          {"record_marking", p.record_marking.label()},
          {"label", p.label},
          {"shape", p.shape},
          {"geometry", json::parse(p.geojson, nullptr, false)}};
}

json to_json(const Incident& i) {
  geo::Coord ll = geo::to_wgs84(geo::Coord{i.x, i.y});
  return {{"id", i.id},       {"reference", i.reference}, {"type", to_string(i.type)}, {"occurred_on", i.occurred_on},
          {"location", i.location}, {"easting", i.x},     {"northing", i.y},           {"lon", ll.x},
          {"lat", ll.y},      {"owner", i.marking.owning_agency}, {"marking", i.marking.label()}};
}

template <typename T>
json items_json(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back(to_json(i));
  return out;
}

Result<double> number(const Ctx& c, const std::string& k) {
  try {
    size_t used = 0;
    const std::string s = c.str(k);
    double v = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(v)) throw std::invalid_argument(k);
    return v;
  } catch (const std::exception&) {
    return invalid("parameter '" + k + "' must be a number", k);
  }
}

// ?area_id=… or ?lon=…&lat=…&radius_m=… (or x, y with epsg=27700).
Result<Where> where_of(const Ctx& c) {
  Where w;
  ROCTA_ASSIGN_OR_RETURN(auto area, c.integer("area_id", 1, INT64_MAX));
  if (area) w.area_id = *area;
  const bool lonlat = !c.str("lon").empty() || !c.str("lat").empty();
  const bool grid = !c.str("x").empty() || !c.str("y").empty();
  if (lonlat || grid) {
    if (w.area_id) return invalid("give an area or a centre and radius, not both", "area_id");
    ROCTA_ASSIGN_OR_RETURN(double x, number(c, lonlat ? "lon" : "x"));
    ROCTA_ASSIGN_OR_RETURN(double y, number(c, lonlat ? "lat" : "y"));
    ROCTA_ASSIGN_OR_RETURN(w.radius_m, number(c, "radius_m"));
    w.centre = geo::Coord{x, y};
    w.epsg = lonlat ? geo::kWgs84 : geo::kBng;
    ROCTA_ASSIGN_OR_RETURN(auto epsg, c.integer("epsg", 1, 999999));
    if (epsg) w.epsg = static_cast<int>(*epsg);
  }
  return w;
}

Result<HttpResponse> get_areas(Ctx& c) {
  std::optional<AreaKind> kind;
  if (!c.str("kind").empty()) {
    kind = parse_area_kind(c.str("kind"));
    if (!kind) return invalid("kind is bcu, rail_area, route, station or ward", "kind");
  }
  ROCTA_ASSIGN_OR_RETURN(auto geometry, c.boolean("geometry"));
  ROCTA_ASSIGN_OR_RETURN(auto areas, list_areas(c.app, c.caller, kind, geometry.value_or(false)));
  return json_response(200, {{"items", items_json(areas)}});
}

Result<HttpResponse> get_places(Ctx& c) {
  PlaceSearch s;
  ROCTA_ASSIGN_OR_RETURN(s.where, where_of(c));
  if (!c.str("kind").empty()) {
    auto k = parse_place_record_kind(c.str("kind"));
    if (!k) return invalid("kind is threat, intelligence or disruption", "kind");
    s.record_kinds = {*k};
  }
  ROCTA_ASSIGN_OR_RETURN(auto record, c.integer("record_id", 1, INT64_MAX));
  if (record) s.record_id = *record;
  ROCTA_ASSIGN_OR_RETURN(auto places, find_places(c.app, c.caller, s));
  return json_response(200, {{"items", items_json(places)}});
}

Result<HttpResponse> post_place(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"record_kind", "record_id", "label", "geometry", "epsg"}));
  PlaceDraft d;
  auto kind = parse_place_record_kind(body.value("record_kind", ""));
  if (!kind) return invalid("record_kind is threat, intelligence or disruption", "record_kind");
  d.record_kind = *kind;
  if (!body.contains("record_id") || !body["record_id"].is_number_integer())
    return invalid("record_id must be a whole number", "record_id");
  d.record_id = body["record_id"].get<int64_t>();
  if (body.contains("label") && !body["label"].is_string()) return invalid("label must be text", "label");
  d.label = body.value("label", "");
  if (!body.contains("geometry") || !body["geometry"].is_object()) return invalid("geometry must be a GeoJSON geometry object", "geometry");
  d.geometry = body["geometry"].dump();
  if (body.contains("epsg") && !body["epsg"].is_number_integer()) return invalid("epsg must be a whole number", "epsg");
  d.epsg = body.value("epsg", 4326);
  ROCTA_ASSIGN_OR_RETURN(Place p, add_place(c.app, c.caller, d));
  return json_response(201, to_json(p));
}

Result<HttpResponse> get_incidents(Ctx& c) {
  IncidentSearch s;
  ROCTA_ASSIGN_OR_RETURN(s.where, where_of(c));
  if (!c.str("type").empty()) {
    s.type = parse_incident_type(c.str("type"));
    if (!s.type) return invalid("type is metal_theft, kiosk_fraud, robbery, drugs or other", "type");
  }
  s.from = c.str("from");
  s.to = c.str("to");
  ROCTA_ASSIGN_OR_RETURN(auto limit, c.integer("limit", 1, 20000));
  if (limit) s.limit = *limit;
  ROCTA_ASSIGN_OR_RETURN(auto incidents, find_incidents(c.app, c.caller, s));
  return json_response(200, {{"items", items_json(incidents)}});
}

json to_json(const ProposedVulnerability& p) {
  geo::Coord ll = geo::to_wgs84(geo::Coord{p.centre_x, p.centre_y});
  return {{"id", p.id},
          {"agency", p.agency},
          {"type", to_string(p.type)},
          {"title", p.title},
          {"centre", {{"lon", ll.x}, {"lat", ll.y}, {"easting", p.centre_x}, {"northing", p.centre_y}}},
          {"geometry", json::parse(p.geojson, nullptr, false)},
          {"incidents", p.incidents},
          {"peak_z", p.peak_z},
          {"p_value", p.p_value},
          {"evidence", json::parse(p.evidence, nullptr, false)},
          {"status", to_string(p.status)},
          {"threat_id", p.threat_id},
          {"decided_at", p.decided_at},
          {"reason", p.reason},
          {"created_at", p.created_at}};
}

json to_json(const Threat& t) {
  return {{"id", t.id},           {"reference", t.reference}, {"name", t.name},
          {"type", to_string(t.type)}, {"tier", t.tier ? json(*t.tier) : json(nullptr)},
          {"primary_crime_type", t.primary_crime_type}, {"phase", t.phase}, {"marking", t.marking.label()}};
}

json to_json(const ScpoOrder& o) {
  json conditions = json::array();
  for (const auto& c : o.conditions) conditions.push_back({{"kind", to_string(c.kind)}, {"detail", c.detail}});
  return {{"id", o.id}, {"reference", o.reference}, {"subject_name", o.subject_name}, {"subject_reference", o.subject_reference},
          {"ends_on", o.ends_on}, {"conditions", conditions}};
}

json to_json(const IntelligenceReport& i) {
  return {{"id", i.id}, {"reference", i.reference}, {"title", i.title}, {"received_date", i.received_date},
          {"grading", std::to_string(i.source_evaluation) + std::string(1, i.intelligence_assessment)},
          {"marking", i.marking.label()}};
}

json to_json(const BriefingWanted& w) {
  return {{"nominal_id", w.nominal.id}, {"reference", w.nominal.reference},
          {"name", w.nominal.surname + ", " + w.nominal.given_names}, {"reason", w.reason}};
}
json to_json(const BriefingSignal& s) {
  return {{"holder_agency", s.holder_agency}, {"holder", s.holder}, {"items", s.items}, {"how_to_ask", s.how_to_ask}};
}
json to_json(const IntelligenceRequirement& r) {
  return {{"id", r.id}, {"agency", r.agency}, {"area_id", r.area_id}, {"requirement", r.requirement}, {"created_at", r.created_at}};
}
json to_json(const BriefingRead& r) {
  return {{"user_id", r.user_id}, {"name", r.name}, {"acknowledged_at", iso_timestamp(r.acknowledged_ms)}, {"current", r.current}};
}

Result<HotspotRequest> hotspot_request(const json& body) {
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"type", "from", "to", "area_id", "cell_m"}));
  HotspotRequest r;
  auto type = parse_incident_type(body.value("type", ""));
  if (!type) return invalid("type is metal_theft, kiosk_fraud, robbery, drugs or other", "type");
  r.type = *type;
  if (!body.contains("from") || !body["from"].is_string() || !body.contains("to") || !body["to"].is_string())
    return invalid("from and to (YYYY-MM-DD) are required", "from");
  r.from = body["from"].get<std::string>();
  r.to = body["to"].get<std::string>();
  if (body.contains("area_id") && !body["area_id"].is_number_integer()) return invalid("area_id must be a whole number", "area_id");
  r.area_id = body.value("area_id", int64_t{0});
  if (body.contains("cell_m") && !body["cell_m"].is_number()) return invalid("cell_m must be a number", "cell_m");
  r.cell_m = body.value("cell_m", 250.0);
  return r;
}

Result<HttpResponse> post_hotspots(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(HotspotRequest r, hotspot_request(body));
  ROCTA_ASSIGN_OR_RETURN(HotspotRun run, detect_hotspots(c.app, c.caller, r));
  return json_response(200, {{"incidents", run.incidents}, {"cells", run.cells}, {"z_threshold", run.z_threshold},
                             {"already_proposed", run.already_proposed}, {"proposals", items_json(run.proposals)}});
}

Result<HttpResponse> get_proposals(Ctx& c) {
  std::optional<ProposalStatus> status;
  if (!c.str("status").empty()) {
    status = parse_proposal_status(c.str("status"));
    if (!status) return invalid("status is proposed, accepted or rejected", "status");
  }
  ROCTA_ASSIGN_OR_RETURN(auto items, list_proposals(c.app, c.caller, status));
  return json_response(200, {{"items", items_json(items)}});
}

Result<HttpResponse> post_decision(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"accept", "reason"}));
  if (!body.contains("accept") || !body["accept"].is_boolean()) return invalid("accept must be true or false", "accept");
  if (body.contains("reason") && !body["reason"].is_string()) return invalid("reason must be text", "reason");
  ROCTA_ASSIGN_OR_RETURN(auto p, decide_proposal(c.app, c.caller, id, body["accept"].get<bool>(), body.value("reason", "")));
  return json_response(200, to_json(p));
}

Result<BriefingRequest> briefing_request(const Ctx& c) {
  BriefingRequest r;
  ROCTA_ASSIGN_OR_RETURN(r.area_id, c.path_id());
  r.day = c.str("day");
  r.shift = c.str("shift");
  return r;
}

Result<HttpResponse> get_briefing(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(BriefingRequest r, briefing_request(c));
  ROCTA_ASSIGN_OR_RETURN(Briefing b, open_briefing(c.app, c.caller, r));
  return json_response(200, {{"area", to_json(b.area)},
                             {"key", b.key},
                             {"threats", items_json(b.threats)},
                             {"vulnerabilities", items_json(b.vulnerabilities)},
                             {"orders", items_json(b.orders)},
                             {"wanted", items_json(b.wanted)},
                             {"intelligence", items_json(b.intelligence)},
                             {"withheld", items_json(b.withheld)},
                             {"requirements", items_json(b.requirements)},
                             {"digest", b.digest},
                             {"acknowledged", b.acknowledged}});
}

Result<HttpResponse> post_acknowledgement(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(BriefingRequest r, briefing_request(c));
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"digest", "day", "shift"}));
  if (!body.contains("digest") || !body["digest"].is_string()) return invalid("digest (from the briefing) is required", "digest");
  r.day = body.value("day", r.day);
  r.shift = body.value("shift", r.shift);
  ROCTA_ASSIGN_OR_RETURN(BriefingAck a, acknowledge_briefing(c.app, c.caller, r, body["digest"].get<std::string>()));
  return json_response(201, {{"area_id", a.area_id}, {"key", a.briefing_day}, {"digest", a.digest},
                             {"acknowledged_at", iso_timestamp(a.acknowledged_ms)}});
}

Result<HttpResponse> get_reads(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(BriefingRequest r, briefing_request(c));
  ROCTA_ASSIGN_OR_RETURN(auto reads, briefing_reads(c.app, c.caller, r));
  return json_response(200, {{"items", items_json(reads)}});
}

Result<HttpResponse> post_requirement(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t area, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"requirement"}));
  if (!body.contains("requirement") || !body["requirement"].is_string()) return invalid("requirement must be text", "requirement");
  ROCTA_ASSIGN_OR_RETURN(auto req, add_requirement(c.app, c.caller, area, body["requirement"].get<std::string>()));
  return json_response(201, to_json(req));
}

Result<HttpResponse> post_wanted(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"reason"}));
  if (!body.contains("reason") || !body["reason"].is_string()) return invalid("reason must be text", "reason");
  ROCTA_RETURN_IF_ERROR(mark_wanted(c.app, c.caller, id, body["reason"].get<std::string>()));
  return json_response(200, {{"nominal_id", id}, {"wanted", true}});
}

const std::vector<QueryParam> kWhere{{"area_id", "integer", "an area's id"},
                                     {"lon", "number", "centre longitude (WGS84), with lat and radius_m"},
                                     {"lat", "number", "centre latitude (WGS84)"},
                                     {"x", "number", "centre easting (BNG), with y and radius_m"},
                                     {"y", "number", "centre northing (BNG)"},
                                     {"radius_m", "number", "radius in metres, up to 100 km"}};

std::vector<QueryParam> with_where(std::vector<QueryParam> more) {
  more.insert(more.begin(), kWhere.begin(), kWhere.end());
  return more;
}

}  // namespace

void add_place_routes(std::vector<RouteSpec>& r) {
  r.push_back({"GET", "/api/v1/areas", "Areas loaded by administrators: BCUs, rail areas, routes, stations, wards", true,
               {{"kind", "string", "bcu, rail_area, route, station or ward"}, {"geometry", "boolean", "include WGS84 GeoJSON"}}, "",
               "AreaList", 200, get_areas});
  r.push_back({"GET", "/api/v1/places", "Places on records the caller may read, in an area or within a radius", true,
               with_where({{"kind", "string", "threat, intelligence or disruption"}, {"record_id", "integer", "one record's places"}}),
               "", "PlaceList", 200, get_places});
  r.push_back({"POST", "/api/v1/places", "Put a place (point, line or area; GeoJSON in EPSG:4326 or 27700) on a record", true, {},
               "PlaceDraft", "Place", 201, post_place});
  r.push_back({"GET", "/api/v1/incidents", "Incidents the caller may read, in an area or within a radius", true,
               with_where({{"type", "string", "metal_theft, kiosk_fraud, robbery, drugs or other"},
                           {"from", "string", "YYYY-MM-DD"}, {"to", "string", "YYYY-MM-DD"}, {"limit", "integer", "up to 20000"}}),
               "", "IncidentList", 200, get_incidents});

  const std::vector<QueryParam> when{{"day", "string", "YYYY-MM-DD, default today"}, {"shift", "string", "early, late or night"}};
  r.push_back({"POST", "/api/v1/hotspots", "Detect significant hotspots (Getis-Ord Gi*) of incidents and propose each as a SOC vulnerability",
               true, {}, "HotspotRequest", "HotspotRun", 200, post_hotspots});
  r.push_back({"GET", "/api/v1/proposed-vulnerabilities", "Proposed SOC vulnerabilities of the analyst's agency, with their evidence",
               true, {{"status", "string", "proposed, accepted or rejected"}}, "", "ProposalList", 200, get_proposals});
  r.push_back({"POST", "/api/v1/proposed-vulnerabilities/{id}/decision",
               "Accept (a Vulnerability threat with the hotspot as its place) or reject with a reason", true, {}, "ProposalDecision",
               "ProposedVulnerability", 200, post_decision});
  r.push_back({"GET", "/api/v1/areas/{id}/briefing", "The frontline briefing for an area, as the caller may see it", true, when, "",
               "Briefing", 200, get_briefing});
  r.push_back({"POST", "/api/v1/areas/{id}/briefing/acknowledgements", "Acknowledge the briefing as read (its digest)", true, {},
               "BriefingAcknowledgement", "BriefingAck", 201, post_acknowledgement});
  r.push_back({"GET", "/api/v1/areas/{id}/briefing/reads", "Supervisors: the officers of their agency who read the briefing", true, when,
               "", "BriefingReadList", 200, get_reads});
  r.push_back({"POST", "/api/v1/areas/{id}/requirements", "Set an open intelligence requirement for the area", true, {},
               "RequirementDraft", "Requirement", 201, post_requirement});
  r.push_back({"POST", "/api/v1/nominals/{id}/wanted", "Mark a nominal as wanted, with the reason", true, {}, "WantedDraft", "Wanted",
               200, post_wanted});
}

void add_place_schemas(json& s) {
  auto ref = [](const std::string& n) { return json{{"$ref", "#/components/schemas/" + n}}; };
  auto list = [&](const std::string& n) {
    return json{{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", ref(n)}}}}}};
  };
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, number{{"type", "number"}}, object{{"type", "object"}};
  const json box{{"type", "array"}, {"items", number}, {"description", "BNG min_x, min_y, max_x, max_y"}};
  s["Area"] = {{"type", "object"},
               {"properties", {{"id", integer}, {"kind", str}, {"code", str}, {"name", str}, {"parent_code", str}, {"box", box},
                               {"geometry", object}}}};
  s["AreaList"] = list("Area");
  s["PlaceDraft"] = {{"type", "object"},
                     {"properties", {{"record_kind", str}, {"record_id", integer}, {"label", str}, {"geometry", object}, {"epsg", integer}}},
                     {"required", {"record_kind", "record_id", "geometry"}},
                     {"additionalProperties", false}};
  s["Place"] = {{"type", "object"},
                {"properties", {{"id", integer}, {"record_kind", str}, {"record_id", integer}, {"record_reference", str},
                                {"record_title", str}, {"record_marking", str}, {"label", str}, {"shape", str}, {"geometry", object}}}};
  s["PlaceList"] = list("Place");
  s["Incident"] = {{"type", "object"},
                   {"properties", {{"id", integer}, {"reference", str}, {"type", str}, {"occurred_on", str}, {"location", str},
                                   {"easting", number}, {"northing", number}, {"lon", number}, {"lat", number}, {"owner", str},
                                   {"marking", str}}}};
  s["IncidentList"] = list("Incident");
  auto obj = [](json props, std::vector<std::string> required = {}) {
    json o{{"type", "object"}, {"properties", std::move(props)}};
    if (!required.empty()) o["required"] = required, o["additionalProperties"] = false;
    return o;
  };
  const json boolean{{"type", "boolean"}};
  s["HotspotRequest"] = obj({{"type", str}, {"from", str}, {"to", str}, {"area_id", integer}, {"cell_m", number}}, {"type", "from", "to"});
  s["ProposedVulnerability"] =
      obj({{"id", integer}, {"agency", str}, {"type", str}, {"title", str}, {"centre", object}, {"geometry", object},
           {"incidents", integer}, {"peak_z", number}, {"p_value", number}, {"evidence", object}, {"status", str},
           {"threat_id", integer}, {"decided_at", str}, {"reason", str}, {"created_at", str}});
  s["ProposalList"] = list("ProposedVulnerability");
  s["HotspotRun"] = obj({{"incidents", integer}, {"cells", integer}, {"z_threshold", number}, {"already_proposed", integer},
                         {"proposals", {{"type", "array"}, {"items", ref("ProposedVulnerability")}}}});
  s["ProposalDecision"] = obj({{"accept", boolean}, {"reason", str}}, {"accept"});
  const json array_of_objects{{"type", "array"}, {"items", object}};
  s["Briefing"] = obj({{"area", ref("Area")}, {"key", str}, {"threats", array_of_objects}, {"vulnerabilities", array_of_objects},
                       {"orders", array_of_objects}, {"wanted", array_of_objects}, {"intelligence", array_of_objects},
                       {"withheld", array_of_objects}, {"requirements", array_of_objects}, {"digest", str},
                       {"acknowledged", boolean}});
  s["BriefingAcknowledgement"] = obj({{"digest", str}, {"day", str}, {"shift", str}}, {"digest"});
  s["BriefingAck"] = obj({{"area_id", integer}, {"key", str}, {"digest", str}, {"acknowledged_at", str}});
  s["BriefingRead"] = obj({{"user_id", integer}, {"name", str}, {"acknowledged_at", str}, {"current", boolean}});
  s["BriefingReadList"] = list("BriefingRead");
  s["RequirementDraft"] = obj({{"requirement", str}}, {"requirement"});
  s["Requirement"] = obj({{"id", integer}, {"agency", str}, {"area_id", integer}, {"requirement", str}, {"created_at", str}});
  s["WantedDraft"] = obj({{"reason", str}}, {"reason"});
  s["Wanted"] = obj({{"nominal_id", integer}, {"wanted", boolean}});
}

}  // namespace rocta::api
