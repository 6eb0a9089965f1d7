#include "app/hotspots.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/places.h"
#include "app/records.h"
#include "core/text.h"
#include "geo/crs.h"
#include "geo/hotspot.h"
#include "geo/ogr_source.h"
#include "store/place_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

using nlohmann::json;

Status need_analyst(const Caller& c) {
  if (!c.system && (c.user.has(Role::kAnalyst) || c.user.has(Role::kRoctaAnalyst))) return Status::ok();
  return denied("only analysts detect hotspots and decide proposed vulnerabilities");
}

geo::Geometry box_area(const geo::Bbox& b) {
  return geo::Geometry::area({{b.min_x, b.min_y}, {b.max_x, b.min_y}, {b.max_x, b.max_y}, {b.min_x, b.max_y}, {b.min_x, b.min_y}});
}

std::string type_words(IncidentType t) {
  std::string s(to_string(t));
  for (auto& ch : s)
    if (ch == '_') ch = ' ';
  return s;
}

json evidence_of(const geo::Hotspot& h, const geo::HotspotAnalysis& a, const HotspotRequest& r, int64_t read) {
  json cells = json::array();
  for (const auto& c : h.cells)
    cells.push_back({{"box", {c.box.min_x, c.box.min_y, c.box.max_x, c.box.max_y}}, {"count", c.count}, {"z", c.z}});
  return {{"method", "Getis-Ord Gi* on a square grid, binary weights over the cell and its 8 neighbours, ranks the cells; a cell "
                     "is significant when the exact Poisson upper-tail p-value of its window's count under complete spatial "
                     "randomness is below alpha / n (Bonferroni over all n cells)"},
          {"cell_m", r.cell_m}, {"alpha", 0.05}, {"cells_in_grid", a.cells}, {"mean_per_cell", a.mean}, {"sd_per_cell", a.sd},
          {"z_threshold", a.z_threshold}, {"incidents_analysed", read}, {"from", r.from}, {"to", r.to},
          {"type", to_string(r.type)}, {"hot_cells", cells}};
}

// The national threat area (core/threat.cc) an incident type falls under.
std::string crime_type_of(IncidentType t) {
  switch (t) {
    case IncidentType::kKioskFraud: return "Fraud";
    case IncidentType::kDrugs: return "Drug supply";
    default: return "Organised acquisitive crime";
  }
}

}  // namespace

Result<HotspotRun> detect_hotspots(App& app, const Caller& caller, const HotspotRequest& r) {
  ROCTA_RETURN_IF_ERROR(need_analyst(caller));
  if (!is_iso_date(r.from) || !is_iso_date(r.to)) return invalid("from and to must be YYYY-MM-DD", "from");
  if (!(r.cell_m >= 50 && r.cell_m <= 5000)) return invalid("the cell must be 50 to 5000 metres", "cell_m");
  IncidentSearch s{{r.area_id, std::nullopt, 4326, 0}, r.type, r.from, r.to, 5'000'000};
  ROCTA_ASSIGN_OR_RETURN(auto incidents, find_incidents(app, caller, s));
  std::vector<geo::Coord> points;
  points.reserve(incidents.size());
  for (const auto& i : incidents) points.push_back({i.x, i.y});
  ROCTA_ASSIGN_OR_RETURN(geo::HotspotAnalysis a, geo::find_hotspots(points, {.cell_m = r.cell_m}));
  HotspotRun run{static_cast<int64_t>(points.size()), a.cells, a.z_threshold, {}, 0};

  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto existing, tx->places().proposals(caller.user.agency, std::nullopt));
  const std::string now = iso_timestamp(app.clock.now_ms());
  for (const auto& h : a.hotspots) {
    bool known = false;
    for (const auto& e : existing)
      known = known || (e.type == r.type && e.status != ProposalStatus::kRejected && h.box.contains({e.centre_x, e.centre_y}));
    if (known) {
      ++run.already_proposed;
      continue;
    }
    geo::Coord ll = geo::to_wgs84(h.centre);
    ProposedVulnerability p;
    p.agency = caller.user.agency;
    p.type = r.type;
    char where[64];
    std::snprintf(where, sizeof where, "%.4f, %.4f", ll.y, ll.x);
    p.title = "Repeat " + type_words(r.type) + " hotspot at " + where;
    p.centre_x = h.centre.x;
    p.centre_y = h.centre.y;
    p.geometry = geo::geojson(box_area(h.box));
    p.geojson = geo::geojson_wgs84(box_area(h.box));
    p.incidents = h.incidents;
    p.peak_z = h.peak_z;
    p.p_value = h.p_value;
    p.evidence = evidence_of(h, a, r, run.incidents).dump();
    p.created_by = caller.user.id;
    p.created_at = now;
    ROCTA_ASSIGN_OR_RETURN(p.id, tx->places().insert_proposal(p));
    run.proposals.push_back(std::move(p));
  }
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller,
                                     {"hotspots.detect", "proposed_vulnerability", 0,
                                      json{{"type", to_string(r.type)}, {"incidents", run.incidents},
                                           {"proposed", run.proposals.size()}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return run;
}

Result<std::vector<ProposedVulnerability>> list_proposals(App& app, const Caller& caller, std::optional<ProposalStatus> status) {
  ROCTA_RETURN_IF_ERROR(need_analyst(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->places().proposals(caller.user.agency, status);
}

Result<ProposedVulnerability> decide_proposal(App& app, const Caller& caller, int64_t id, bool accept, const std::string& reason) {
  ROCTA_RETURN_IF_ERROR(need_analyst(caller));
  if (!accept && trim(reason).empty()) return invalid("say why the proposal is rejected", "reason");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(ProposedVulnerability p, tx->places().proposal(id));
  // 404 for another agency's proposal: its existence is that agency's business.
  if (p.agency != caller.user.agency) return not_found("proposal " + std::to_string(id) + " not found");
  p.status = accept ? ProposalStatus::kAccepted : ProposalStatus::kRejected;
  p.decided_by = caller.user.id;
  p.decided_at = iso_timestamp(app.clock.now_ms());
  p.reason = trim(reason);
  if (accept) {
    Threat t;
    t.name = p.title;
    t.description = "Proposed from a significant hotspot of " + std::to_string(p.incidents) + " incidents (Gi* z = " +
                    std::to_string(p.peak_z).substr(0, 5) + "). " + p.reason;
    t.type = ThreatType::kVulnerability;
    t.primary_crime_type = crime_type_of(p.type);
    t.marking.owning_agency = p.agency;
    t.marking.scope = SharingScope::kRegion;
    ROCTA_ASSIGN_OR_RETURN(Threat saved, create_threat_in(*tx, app, caller, std::move(t)));
    p.threat_id = saved.id;
    ROCTA_ASSIGN_OR_RETURN(geo::Geometry g, geo::geometry_from_geojson(p.geometry, geo::kBng));
    Place place;
    place.record_kind = PlaceRecordKind::kThreat;
    place.record_id = saved.id;
    place.label = "Hotspot cells";
    place.shape = "area";
    place.geometry = p.geometry;
    place.geojson = p.geojson;
    auto b = g.envelope();
    place.box = {b.min_x, b.min_y, b.max_x, b.max_y};
    place.created_by = caller.user.id;
    place.created_at = p.decided_at;
    ROCTA_RETURN_IF_ERROR(status_of(tx->places().insert_place(place)));
  }
  ROCTA_RETURN_IF_ERROR(tx->places().decide_proposal(p));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller,
                                     {accept ? "proposal.accept" : "proposal.reject", "proposed_vulnerability", id,
                                      json{{"threat", p.threat_id}, {"reason", p.reason}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return p;
}

}  // namespace rocta
