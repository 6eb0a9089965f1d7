// Places: where SOC happens, as pure types and rules.
//
// An Area is reference data an administrator loads (a BCU, a BTP rail area, a rail route,
// a station, a ward): everyone may see boundaries. A Place is a point, line or area
// attached to a marked record (a threat, an intelligence report, a disruption); it has no
// marking of its own but is read through its record, so whoever may not read the record
// never learns where it is. An Incident (metal theft, kiosk fraud, robbery) is a marked
// record with a point. Geometries are British National Grid (EPSG:27700) metres, kept as
// GeoJSON text (BNG for computing, WGS84 for the map) beside their bounding box; geo/
// computes on them, store/ indexes the box.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/marking.h"
#include "core/status.h"

namespace rocta {

enum class AreaKind { kBcu, kRailArea, kRoute, kStation, kWard };
enum class PlaceRecordKind { kThreat, kIntelligence, kDisruption };
enum class IncidentType { kMetalTheft, kKioskFraud, kRobbery, kDrugs, kOther };

std::string_view to_string(AreaKind k);         // "bcu", "rail_area", "route", "station", "ward"
std::string_view to_string(PlaceRecordKind k);  // "threat", "intelligence", "disruption"
std::string_view to_string(IncidentType t);     // "metal_theft", "kiosk_fraud", "robbery", "drugs", "other"
std::optional<AreaKind> parse_area_kind(std::string_view s);
std::optional<PlaceRecordKind> parse_place_record_kind(std::string_view s);
std::optional<IncidentType> parse_incident_type(std::string_view s);

// An axis-aligned box in BNG metres.
struct GridBox {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

struct Area {
  int64_t id = 0;
  AreaKind kind = AreaKind::kBcu;
  std::string code;  // unique within its kind: "CW" (a BCU), "LNW-ROUTE", "EUS" (a station)
  std::string name;
  std::string parent_code;  // a station's route, a ward's BCU; may be empty
  std::string geometry;     // GeoJSON geometry, BNG
  std::string geojson;      // GeoJSON geometry, WGS84
  GridBox box;
  int64_t loaded_by = 0;
  std::string loaded_at;
};

struct Place {
  int64_t id = 0;
  PlaceRecordKind record_kind = PlaceRecordKind::kThreat;
  int64_t record_id = 0;
  std::string label;  // "Stretch of track, Willesden to Harlesden"
  std::string shape;  // "point", "line", "area"
  std::string geometry, geojson;
  GridBox box;
  int64_t created_by = 0;
  std::string created_at;
  // Read with the place from its record, never stored on it.
  std::string record_reference, record_title;
  Marking record_marking;  // with its shared_with list
  int64_t marked_id = 0;   // the record whose marking that is: the record, or a disruption's threat
};

struct Incident {
  int64_t id = 0;
  std::string reference;  // the force's crime reference, unique per owner
  IncidentType type = IncidentType::kOther;
  std::string occurred_on;  // YYYY-MM-DD
  double x = 0, y = 0;      // BNG
  std::string location;     // free text, e.g. "Kiosk 3, Euston concourse"
  Marking marking;
  int64_t created_by = 0;
  std::string created_at;
};

// A significant hotspot (geo/hotspot.h) proposed as a SOC vulnerability, for an analyst of
// `agency` to accept (it becomes a Vulnerability threat with the hotspot as its place) or
// reject with a reason. `evidence` is JSON text: the method, its parameters and the cells.
enum class ProposalStatus { kProposed, kAccepted, kRejected };
std::string_view to_string(ProposalStatus s);  // "proposed", "accepted", "rejected"
std::optional<ProposalStatus> parse_proposal_status(std::string_view s);

struct ProposedVulnerability {
  int64_t id = 0;
  std::string agency;
  IncidentType type = IncidentType::kOther;
  std::string title;
  double centre_x = 0, centre_y = 0;  // BNG
  std::string geojson;                // the hotspot's cells' box, WGS84
  std::string geometry;               // the same, BNG
  int64_t incidents = 0;
  double peak_z = 0, p_value = 0;
  std::string evidence;
  ProposalStatus status = ProposalStatus::kProposed;
  int64_t threat_id = 0;
  int64_t decided_by = 0;
  std::string decided_at, reason;
  int64_t created_by = 0;
  std::string created_at;
};

// "Collect on drug markets in the City": what an agency wants collected in an area.
struct IntelligenceRequirement {
  int64_t id = 0;
  std::string agency;
  int64_t area_id = 0;
  std::string requirement;
  bool open = true;
  int64_t created_by = 0;
  std::string created_at;
};

// An officer's acknowledgement of the briefing for an area on a day (and shift).
struct BriefingAck {
  int64_t area_id = 0;
  int64_t user_id = 0;
  std::string briefing_day;  // "YYYY-MM-DD" or "YYYY-MM-DD early|late|night"
  std::string digest;        // of what the officer was shown
  int64_t acknowledged_ms = 0;
};

// What an incident needs whatever its source: a reference, a date, its marking's rules.
Status validate_incident(const Incident& i);

}  // namespace rocta
