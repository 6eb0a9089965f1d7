// The SOC master list: nominations, MoRiLE assessments and moderation, as pure rules.
//
// A nomination is never dropped silently: it ends assessed, merged into an existing
// threat, or rejected with a reason. An assessment becomes Moderated only when a
// moderator other than its assessor approves it; a returned assessment carries the reason
// back to the assessor. Assessments are versioned per threat and record the model used.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/morile.h"
#include "core/threat.h"
#include "core/user.h"

namespace rocta {

enum class NominationStatus { kAwaitingAssessment, kAssessed, kMerged, kRejected };
std::string_view to_string(NominationStatus s);

struct Nomination {
  int64_t id = 0;
  int64_t threat_id = 0;       // the threat record the nomination created (unassessed)
  int64_t unit_id = 0;         // nominating unit
  std::string agency;          // nominating agency
  int64_t nominated_by = 0;
  int64_t nominated_at_ms = 0;
  int provisional_priority = 3;  // 1 (urgent) .. 4 (routine), the nominator's view
  std::string rationale;
  NominationStatus status = NominationStatus::kAwaitingAssessment;
  std::string outcome_reason;    // required for a rejection or a merge
  int64_t merged_into = 0;       // threat id, for a merge
  int64_t decided_by = 0;
  int64_t decided_at_ms = 0;
};

Status validate_nomination(const Nomination& n);
// Closing a nomination: only one awaiting assessment; a reason for rejections and merges.
Status close_nomination(Nomination& n, NominationStatus outcome, const std::string& reason, int64_t merged_into,
                        int64_t by, int64_t at_ms);

enum class AssessmentStatus { kAwaitingModeration, kModerated, kReturned };
std::string_view to_string(AssessmentStatus s);

struct MorileAssessment {
  int64_t id = 0;
  int64_t threat_id = 0;
  int version = 1;        // 1, 2, … per threat; a reassessment adds one, keeping the old
  int model_version = 1;  // the MoRiLE model it was scored with
  MorileFactors factors;
  MorileScore score;
  AssessmentType type = AssessmentType::kTactical;
  int64_t assessor_id = 0;
  int64_t assessed_at_ms = 0;
  std::string reassess_by;  // YYYY-MM-DD
  bool siu_signal = false;  // sensitive material exists on the threat's entities
  std::vector<std::string> siu_compartments;  // which compartments hold it (names only)
  AssessmentStatus status = AssessmentStatus::kAwaitingModeration;
  int64_t moderator_id = 0;
  int64_t moderated_at_ms = 0;
  std::string moderation_note;         // rationale of an approval, reason of a return
  std::optional<int> moderated_tier;   // a moderator's adjustment, with its rationale
  std::string rationale;  // the assessor's reasons for the scores (empty only on assessments made before it was asked)
};

// The longest rationale an assessment keeps, in characters (Unicode code points).
inline constexpr size_t kMaxAssessmentRationale = 4000;
// InvalidArgument naming "rationale" unless the assessor says why (text that is not only
// blanks) in at most kMaxAssessmentRationale characters of clean text.
Status validate_assessment_rationale(std::string_view rationale);

bool may_assess(const User& u);
// A moderator other than the assessor, on an assessment awaiting moderation.
Status check_moderation(const User& moderator, const MorileAssessment& a);
Status moderate(MorileAssessment& a, const User& moderator, bool approve, const std::string& note,
                std::optional<int> adjusted_tier, int64_t at_ms);
int effective_tier(const MorileAssessment& a);
// YYYY-MM-DD `days` after the assessment.
std::string reassessment_date(int64_t assessed_at_ms, int days);
bool is_overdue(const MorileAssessment& a, const std::string& today);

// The backlog figure: how many wait, for how long, by unit.
struct QueueStats {
  int count = 0;
  double oldest_days = 0;
  double median_days = 0;
  std::map<int64_t, int> by_unit;
};
QueueStats queue_stats(const std::vector<Nomination>& waiting, int64_t now_ms);

// Appendix 2's threat filter, each part switchable: Type Tactical, Moderated, SOC, not
// Tier 5, Phase not containing "closed".
struct MasterListFilter {
  bool tactical_only = true;
  bool moderated_only = true;
  bool soc_only = true;
  bool exclude_tier_5 = true;
  bool exclude_closed = true;
};
bool on_master_list(const Threat& t, const MasterListFilter& f = {});

}  // namespace rocta
