// A synthetic national extract (shared/domain/apmis-extract.md): threats.csv and
// disruptions.csv written from a plan of what the inspection's filters must find, with rows
// that each filter must remove mixed in. The demo loads the inspection's plan; tests and
// benchmarks make plans of their own. Deterministic for a seed.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/disruption.h"
#include "core/threat.h"

namespace rocta::demo {

// `count` threats that pass Appendix 2's threat filter.
struct ListedThreats {
  std::string agency;
  ThreatType type = ThreatType::kOcg;
  std::string crime;
  bool county_lines = false;
  int count = 0;
};

// Lead, assessed disruptions by `agency` with this national category and threat category:
// `current` in the year ending on the plan's date, `previous` in the year before.
struct CountedDisruptions {
  std::string agency;
  FourP outcome = FourP::kPursue;
  std::string threat_category;
  int current = 0;
  int previous = 0;
};

struct ExtractPlan {
  std::string year_ending = "2022-06-30";
  std::vector<ListedThreats> threats;
  std::vector<CountedDisruptions> disruptions;
  // Per agency: threats each threat filter removes (one of each kind per unit), and
  // disruptions the disruption filters or the two-year window remove.
  int noise = 1;
};

// The inspection's figures for the MPS, BTP and the CoLP, and the rest of England and
// Wales (`other_agencies`) sized so the national list holds 3,800.
ExtractPlan inspection_plan(const std::vector<std::string>& other_agencies, unsigned seed);

struct ExtractCounts {
  int64_t threats = 0, disruptions = 0;  // rows written
};

// Writes both files (header first, LF line ends). Threat references are
// "<agency>-<OCG|PI|VUL>-<n>"; some disruptions name threats that are not in the file.
ExtractCounts write_extract(const ExtractPlan& plan, unsigned seed, std::ostream& threats, std::ostream& disruptions);

}  // namespace rocta::demo
