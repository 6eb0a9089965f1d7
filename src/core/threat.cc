#include "core/threat.h"

#include <algorithm>

#include "core/text.h"

namespace rocta {

std::string_view to_string(ThreatType t) {
  switch (t) {
    case ThreatType::kOcg: return "OCG";
    case ThreatType::kPriorityIndividual: return "Priority individual";
    case ThreatType::kVulnerability: return "Vulnerability";
  }
  return "OCG";
}

std::string_view to_string(AssessmentType t) {
  return t == AssessmentType::kStrategic ? "Strategic" : "Tactical";
}

std::string_view to_string(ModerationStatus m) {
  switch (m) {
    case ModerationStatus::kUnmoderated: return "Unmoderated";
    case ModerationStatus::kAwaitingModeration: return "Awaiting moderation";
    case ModerationStatus::kModerated: return "Moderated";
  }
  return "Unmoderated";
}

std::optional<ThreatType> parse_threat_type(std::string_view s) {
  if (equals_ci(s, "ocg")) return ThreatType::kOcg;
  if (equals_ci(s, "priority individual")) return ThreatType::kPriorityIndividual;
  if (equals_ci(s, "vulnerability")) return ThreatType::kVulnerability;
  return std::nullopt;
}

std::optional<AssessmentType> parse_assessment_type(std::string_view s) {
  if (equals_ci(s, "tactical")) return AssessmentType::kTactical;
  if (equals_ci(s, "strategic")) return AssessmentType::kStrategic;
  return std::nullopt;
}

std::optional<ModerationStatus> parse_moderation_status(std::string_view s) {
  if (equals_ci(s, "unmoderated")) return ModerationStatus::kUnmoderated;
  if (equals_ci(s, "awaiting moderation")) return ModerationStatus::kAwaitingModeration;
  if (equals_ci(s, "moderated")) return ModerationStatus::kModerated;
  return std::nullopt;
}

const std::vector<std::string>& crime_types() {
  // The NCA's national threat areas, with the extract's common spellings of the same areas.
  static const std::vector<std::string> kTypes{
      "Child sexual abuse and exploitation",
      "Modern slavery and human trafficking",
      "Organised immigration crime",
      "Drug supply",
      "Firearms",
      "Organised acquisitive crime",
      "Money laundering",
      "Fraud",
      "Bribery, corruption and sanctions evasion",
      "Cyber crime",
  };
  return kTypes;
}

bool is_crime_type(std::string_view s) {
  const auto& t = crime_types();
  return std::any_of(t.begin(), t.end(), [&](const std::string& x) { return equals_ci(x, s); });
}

bool Threat::is_closed() const { return contains_ci(phase, "closed"); }

Status validate_threat(const Threat& t) {
  if (trim(t.name).empty() || t.name.size() > 200) return invalid("name is required (at most 200 characters)", "name");
  if (t.description.size() > 20000) return invalid("description is at most 20,000 characters", "description");
  if (!is_clean_text(t.name) || !is_clean_text(t.description)) return invalid("text must be UTF-8 without control characters");
  if (t.tier && (*t.tier < 1 || *t.tier > 5)) return invalid("tier is 1 to 5", "tier");
  if (trim(t.phase).empty() || t.phase.size() > 100) return invalid("phase is required (e.g. Active, Dormant, Closed)", "phase");
  if (!t.primary_crime_type.empty() && !is_crime_type(t.primary_crime_type))
    return invalid("unknown crime type '" + t.primary_crime_type + "'", "primary_crime_type");
  if (t.morile_score && (*t.morile_score < 0 || *t.morile_score > 1e6)) return invalid("MoRiLE score out of range", "morile_score");
  if (!t.assessment_date.empty() && !is_iso_date(t.assessment_date))
    return invalid("assessment date must be a date written YYYY-MM-DD", "assessment_date");
  if (!t.reassess_by.empty() && !is_iso_date(t.reassess_by))
    return invalid("reassessment date must be a date written YYYY-MM-DD", "reassess_by");
  if (t.moderation == ModerationStatus::kModerated && !t.tier)
    return invalid("a moderated threat has a tier", "tier");
  return Status::ok();
}

}  // namespace rocta
