// Use cases of the frontline briefing: for an area (a BCU, a rail area, a route, a station)
// on a day and optionally a shift, what an officer should know there, cut to what that
// officer may read; acknowledgements; who has read which; intelligence requirements by
// area; the wanted flag on a nominal.
//
// What the officer may not read is never shown: intelligence placed in the area that the
// officer's scope hides is only signalled (how many items, who holds them, how to ask)
// where the holder's signalling rule allows, exactly as elsewhere.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "core/intelligence.h"
#include "core/nominal.h"
#include "core/place.h"
#include "core/scpo.h"
#include "core/threat.h"

namespace rocta {

inline constexpr int kBriefingRecentDays = 28;

struct BriefingRequest {
  int64_t area_id = 0;
  std::string day;    // YYYY-MM-DD; empty: today
  std::string shift;  // "", "early", "late" or "night"
};

struct BriefingWanted {
  Nominal nominal;
  std::string reason;
};

struct BriefingSignal {
  std::string holder_agency;
  std::string holder;
  int64_t items = 0;
  std::string how_to_ask;
};

struct Briefing {
  Area area;  // without its geometry
  std::string key;  // "YYYY-MM-DD" or "YYYY-MM-DD early"
  std::vector<Threat> threats;          // OCGs and priority individuals placed in the area
  std::vector<Threat> vulnerabilities;  // SOC vulnerabilities placed in the area
  std::vector<ScpoOrder> orders;        // in force, on subjects of the area's threats or living in its BCU
  std::vector<BriefingWanted> wanted;   // wanted nominals linked to the area's threats or under those orders
  std::vector<IntelligenceReport> intelligence;  // placed in the area, received in the last 28 days
  std::vector<BriefingSignal> withheld;          // intelligence placed there that the officer may not read
  std::vector<IntelligenceRequirement> requirements;
  std::string digest;  // of what is shown: an acknowledgement is of this
  bool acknowledged = false;  // by the caller, of this digest
};

Result<Briefing> open_briefing(App& app, const Caller& caller, const BriefingRequest& r);
// `digest` must be the briefing's current one: acknowledging what one was not shown is refused.
Result<BriefingAck> acknowledge_briefing(App& app, const Caller& caller, const BriefingRequest& r, const std::string& digest);

struct BriefingRead {
  int64_t user_id = 0;
  std::string name;
  int64_t acknowledged_ms = 0;
  bool current = false;  // of the briefing as it stands now
};
// Supervisors (tasking chairs, analysts, administrators, inspectors): the officers of their
// agency who acknowledged the briefing.
Result<std::vector<BriefingRead>> briefing_reads(App& app, const Caller& caller, const BriefingRequest& r);

// Analysts and tasking chairs: an open requirement for the area, owned by their agency.
Result<IntelligenceRequirement> add_requirement(App& app, const Caller& caller, int64_t area_id, const std::string& text);
// For those who may update the nominal.
Status mark_wanted(App& app, const Caller& caller, int64_t nominal_id, const std::string& reason);

}  // namespace rocta
