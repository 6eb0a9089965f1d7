// Counts of records grouped by the attributes the SOC figures filter and split on: what a
// store hands to report/ so that the figures never need the records themselves.
#pragma once

#include <cstdint>
#include <string>

#include "core/disruption.h"
#include "core/threat.h"

namespace rocta {

// How many threats share these attributes.
struct ThreatGroup {
  std::string agency;  // owning agency
  ThreatType type = ThreatType::kOcg;
  AssessmentType assessment_type = AssessmentType::kTactical;
  ModerationStatus moderation = ModerationStatus::kUnmoderated;
  bool soc = true;
  int tier = 0;  // 0: none
  bool closed = false;
  std::string primary_crime_type;
  bool county_lines = false;
  int64_t count = 0;
};

// How many disruptions share these attributes on one day.
struct DisruptionGroup {
  std::string agency;  // recording agency
  std::string day;     // YYYY-MM-DD
  DisruptionRole role = DisruptionRole::kLead;
  ImpactCategory category = ImpactCategory::kNotAssessed;
  FourP outcome = FourP::kPursue;  // the national (principal) category
  std::string threat_category;
  int64_t count = 0;
};

}  // namespace rocta
