// Prevent and protect work not tied to one threat: schools visited about county lines, a
// fraud awareness campaign, rail staff trained to spot exploitation. The national standard
// records a disruption against one OCG, so this work went unrecorded (the inspection found
// non-pursue work undercounted). A thematic disruption names a crime type and an area
// instead of a threat; it is counted on its own, never in Appendix 2's figures.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/disruption.h"
#include "core/status.h"

namespace rocta {

struct ThematicDisruption {
  int64_t id = 0;
  std::string recording_agency;
  std::string crime_type;   // "Drug supply", "Fraud", …
  std::string area;         // where: a BCU, a borough, a rail route, "London"
  std::string record_date;  // YYYY-MM-DD, the day of the activity
  FourP outcome = FourP::kPrevent;  // prevent or protect: pursue is always against someone
  std::string activity;     // what was done: "12 schools visited", "campaign on courier fraud"
  int64_t reached = 0;      // people reached, when counted (0: not counted)
  int64_t created_by = 0;
  std::string created_at;
};

// A crime type and an area (1-100 characters each), a real date not after `today`, prevent
// or protect, an activity (5-2,000 characters), reached 0-10,000,000.
Status validate_thematic_disruption(const ThematicDisruption& d, std::string_view today);

// How many thematic disruptions share these attributes (for the figures).
struct ThematicGroup {
  std::string agency;
  std::string crime_type;
  std::string area;
  FourP outcome = FourP::kPrevent;
  int64_t count = 0;
  int64_t reached = 0;
};

}  // namespace rocta
