// A SOC threat: an organised crime group, a priority individual or a vulnerability, with
// the attributes of the national extract (see shared/domain/apmis-extract.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/marking.h"

namespace rocta {

enum class ThreatType { kOcg, kPriorityIndividual, kVulnerability };
enum class AssessmentType { kTactical, kStrategic };
enum class ModerationStatus { kUnmoderated, kAwaitingModeration, kModerated };

std::string_view to_string(ThreatType t);        // "OCG", "Priority individual", "Vulnerability"
std::string_view to_string(AssessmentType t);    // "Tactical", "Strategic"
std::string_view to_string(ModerationStatus m);  // "Unmoderated", "Awaiting moderation", "Moderated"
std::optional<ThreatType> parse_threat_type(std::string_view s);
std::optional<AssessmentType> parse_assessment_type(std::string_view s);
std::optional<ModerationStatus> parse_moderation_status(std::string_view s);

// The national threat areas, used as the crime-type list.
const std::vector<std::string>& crime_types();
bool is_crime_type(std::string_view s);

struct Threat {
  int64_t id = 0;
  std::string reference;  // unique within the owning agency, e.g. "MPS-OCG-000123"
  std::string name;       // working name of the group, person or place
  std::string description;
  ThreatType type = ThreatType::kOcg;
  AssessmentType assessment_type = AssessmentType::kTactical;
  ModerationStatus moderation = ModerationStatus::kUnmoderated;
  bool soc = true;
  std::optional<int> tier;  // 1..5 once assessed
  std::string phase = "Active";
  std::string primary_crime_type;
  bool county_lines = false;
  std::optional<double> morile_score;
  std::string assessment_date;  // YYYY-MM-DD or empty
  std::string reassess_by;      // YYYY-MM-DD when the next MoRiLE assessment is due; empty: none
  int64_t lro_user_id = 0;      // 0: none yet
  std::string extra;            // columns of an imported extract that Rocta does not know, as a JSON object text
  Marking marking;
  int64_t version = 0;
  std::string created_at, updated_at;
  int64_t created_by = 0;

  bool is_closed() const;  // phase contains "closed", any case
};

Status validate_threat(const Threat& t);

}  // namespace rocta
