// Thematic disruptions: prevent and protect work recorded by crime type and area rather
// than against one threat (core/thematic_disruption.h), and their figures, counted apart
// from Appendix 2's.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/thematic_disruption.h"

namespace rocta {

// Those who record disruptions (core may_record_disruptions), for their own agency; audited.
Result<ThematicDisruption> record_thematic_disruption(App& app, const Caller& caller, ThematicDisruption draft);
// The caller's region's, dated from..to (YYYY-MM-DD, inclusive), newest first, at most 500;
// for those who read the SOC figures or record disruptions.
Result<std::vector<ThematicDisruption>> list_thematic_disruptions(App& app, const Caller& caller, const std::string& from_day,
                                                                  const std::string& to_day);

struct AgencyThematic {
  int64_t total = 0;
  int64_t reached = 0;
  std::map<std::string, int64_t> by_4p;          // "Prevent", "Protect"
  std::map<std::string, int64_t> by_crime_type;
  std::map<std::string, int64_t> by_area;
};
struct ThematicFigures {
  std::string year_start, year_ending;
  std::map<std::string, AgencyThematic> by_agency;
};
// The twelve months ending on `year_ending`, every agency (or those of `region`); for those
// who read the SOC figures.
Result<ThematicFigures> thematic_figures(App& app, const Caller& caller, const std::string& year_ending,
                                         const std::string& region);

}  // namespace rocta
