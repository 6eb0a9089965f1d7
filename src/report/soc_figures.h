// The inspection's SOC figures (Appendix 2), computed from counts of records: threats per
// agency and their share of the national total, by type and crime type, county lines
// apart; disruptions per agency for a year against the year before, by 4P category and by
// the threat category disrupted. Pure compute over rows handed in; rendering to JSON, CSV
// and a printable HTML page.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/disruption.h"
#include "core/figures.h"
#include "core/master_list.h"
#include "core/siu_check.h"
#include "core/status.h"
#include "core/threat.h"

namespace rocta::report {

struct DisruptionFilter {
  bool lead_only = true;      // Disruption type is Lead Disruption
  bool assessed_only = true;  // Assessment Category is Major, Moderate or Minor
};

struct SocOptions {
  std::string year_ending;  // YYYY-MM-DD; the year is the twelve months ending on it, inclusive
  std::string region;       // empty: every agency; else only agencies of this region are listed
  // YYYY-MM-DD: the figures as recorded by the end of this day, from each threat's history
  // (a threat assessed later does not change them); empty: as the records stand now.
  std::string as_of;
  MasterListFilter threats;  // Appendix 2's threat filter; each part can be switched off
  DisruptionFilter disruptions;
};

struct AgencyThreats {
  int64_t total = 0;
  int share_of_national_tenths = 0;  // per mille: 70 is 7.0 %
  std::map<std::string, int64_t> by_threat_type;
  std::map<std::string, int64_t> by_primary_crime_type;
  int64_t county_lines_total = 0;
  std::map<std::string, int64_t> county_lines_by_crime_type;
};

struct AgencyDisruptions {
  int64_t total = 0;
  int64_t previous_year = 0;
  std::map<std::string, int64_t> by_4p;
  std::map<std::string, int> by_4p_tenths;  // 780 is 78.0 %
  std::map<std::string, int64_t> by_threat_category;
};

struct SocFigures {
  SocOptions options;
  std::string year_start, previous_start, previous_end;
  int64_t national_total = 0;
  std::map<std::string, AgencyThreats> threats;          // by agency code
  std::map<std::string, AgencyDisruptions> disruptions;  // by agency code
  // Lead, assessed disruptions of the year against priority individuals and vulnerabilities
  // (beyond the national standard), by agency: recorded, but not in the figures above.
  std::map<std::string, int64_t> beyond_standard_left_out;
  // MoRiLE assessments of the year by the assessed threat's owner: how many asked the SIU
  // check and how many had every reply (core/siu_check.h). Filled in by app/.
  std::map<std::string, SiuConsultation> siu_consultation;
};

// The first and last day of the twelve months ending on `year_ending`, and of the twelve
// before. InvalidArgument for a date that is not YYYY-MM-DD.
struct YearWindow {
  std::string start, end, previous_start, previous_end;
};
Result<YearWindow> year_window(const std::string& year_ending);

// The figures' reporting year ends on 30 June (the inspection's year, Appendix 2).
inline constexpr unsigned kYearEndMonth = 6, kYearEndDay = 30;
// The last reporting year that is over on `today` (YYYY-MM-DD): the latest 30 June before
// it. InvalidArgument for a date that is not YYYY-MM-DD.
Result<std::string> last_complete_year_ending(const std::string& today);
// The year ending a year before `year_ending` (a valid date).
std::string year_ending_before(const std::string& year_ending);

// `region_of` maps agency codes to regions (for options.region). Groups outside both years
// are ignored, so the caller may hand in more than it needs.
Result<SocFigures> compute_soc_figures(const SocOptions& options, const std::vector<ThreatGroup>& threats,
                                       const std::vector<DisruptionGroup>& disruptions,
                                       const std::map<std::string, std::string>& region_of);

// Percent to one decimal, rounded half up, from a part and a whole (0 when the whole is 0):
// returned in tenths of a percent.
int percent_tenths(int64_t part, int64_t whole);

// The shape of the API and `rocta report soc` (docs/api.md, "SOC figures").
std::string to_json(const SocFigures& f);
// One row per agency and measure: "section,agency,measure,key,value".
std::string to_csv(const SocFigures& f);
// A printable page with bar charts (inline SVG, no script).
std::string to_html(const SocFigures& f, const std::map<std::string, std::string>& agency_names);

}  // namespace rocta::report
