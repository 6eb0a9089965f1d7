// Use cases of hotspots: detect significant hotspots of incidents (Getis-Ord Gi* on a grid,
// geo/hotspot.h states the method) and propose each as a SOC vulnerability; an analyst
// accepts one (it becomes a Vulnerability threat with the hotspot as its place) or rejects
// it with a reason.
//
// Detection reads only the incidents the analyst may read (the store filters in SQL), so
// neither a hotspot nor its evidence rests on hidden records.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/place.h"

namespace rocta {

struct HotspotRequest {
  IncidentType type = IncidentType::kMetalTheft;
  std::string from, to;  // YYYY-MM-DD, both required
  int64_t area_id = 0;   // 0: everywhere the analyst sees incidents
  double cell_m = 250;
};

struct HotspotRun {
  int64_t incidents = 0;  // read and analysed
  int64_t cells = 0;
  double z_threshold = 0;
  std::vector<ProposedVulnerability> proposals;  // one per significant hotspot, strongest first
  int64_t already_proposed = 0;  // hotspots whose centre an open or accepted proposal has
};

// Analysts only; proposals belong to the analyst's agency.
Result<HotspotRun> detect_hotspots(App& app, const Caller& caller, const HotspotRequest& r);
Result<std::vector<ProposedVulnerability>> list_proposals(App& app, const Caller& caller, std::optional<ProposalStatus> status);
// Accept: a Vulnerability threat (OFFICIAL, region-wide, owned by the agency) with the
// hotspot's box as its place. Reject: `reason` required. Analysts of the proposal's agency.
Result<ProposedVulnerability> decide_proposal(App& app, const Caller& caller, int64_t id, bool accept, const std::string& reason);

}  // namespace rocta
