#include "core/master_list.h"

#include <algorithm>

#include "core/clock.h"
#include "core/text.h"

namespace rocta {

std::string_view to_string(NominationStatus s) {
  switch (s) {
    case NominationStatus::kAwaitingAssessment: return "awaiting assessment";
    case NominationStatus::kAssessed: return "assessed";
    case NominationStatus::kMerged: return "merged";
    case NominationStatus::kRejected: return "rejected";
  }
  return "awaiting assessment";
}

std::string_view to_string(AssessmentStatus s) {
  switch (s) {
    case AssessmentStatus::kAwaitingModeration: return "Awaiting moderation";
    case AssessmentStatus::kModerated: return "Moderated";
    case AssessmentStatus::kReturned: return "Returned";
  }
  return "Awaiting moderation";
}

Status validate_nomination(const Nomination& n) {
  if (n.unit_id <= 0) return invalid("a nomination comes from a unit", "unit_id");
  if (n.provisional_priority < 1 || n.provisional_priority > 4)
    return invalid("provisional priority is 1 (urgent) to 4 (routine)", "provisional_priority");
  if (trim(n.rationale).empty() || n.rationale.size() > 20000)
    return invalid("say why the threat is nominated (at most 20,000 characters)", "rationale");
  return Status::ok();
}

Status close_nomination(Nomination& n, NominationStatus outcome, const std::string& reason, int64_t merged_into,
                        int64_t by, int64_t at_ms) {
  if (n.status != NominationStatus::kAwaitingAssessment)
    return Status(Code::kFailedPrecondition, "the nomination was already " + std::string(to_string(n.status)));
  if (outcome == NominationStatus::kAwaitingAssessment) return invalid("a nomination closes as assessed, merged or rejected");
  if ((outcome == NominationStatus::kRejected || outcome == NominationStatus::kMerged) && trim(reason).empty())
    return invalid("a rejected or merged nomination keeps its reason", "reason");
  if (outcome == NominationStatus::kMerged && merged_into <= 0) return invalid("name the threat it merges into", "merged_into");
  if (outcome == NominationStatus::kMerged && merged_into == n.threat_id) return invalid("a threat cannot merge into itself", "merged_into");
  n.status = outcome;
  n.outcome_reason = trim(reason);
  n.merged_into = outcome == NominationStatus::kMerged ? merged_into : 0;
  n.decided_by = by;
  n.decided_at_ms = at_ms;
  return Status::ok();
}

Status validate_assessment_rationale(std::string_view rationale) {
  rationale = trimmed(rationale);  // what is kept is the trimmed text, so that is what is counted
  if (rationale.empty()) return invalid("say why you scored the threat as you did: the rationale is required", "rationale");
  if (!is_clean_text(rationale)) return invalid("the rationale holds characters that are not text", "rationale");
  // Characters as a reader counts them: UTF-8 continuation bytes are part of the one before.
  const auto characters = std::count_if(rationale.begin(), rationale.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  if (static_cast<size_t>(characters) > kMaxAssessmentRationale)
    return invalid("the rationale is " + std::to_string(characters) + " characters long; keep it to " +
                       std::to_string(kMaxAssessmentRationale), "rationale");
  return Status::ok();
}

bool may_assess(const User& u) { return u.active && u.has(Role::kAssessor); }

Status check_moderation(const User& moderator, const MorileAssessment& a) {
  if (!moderator.active || !moderator.has(Role::kModerator)) return denied("only moderators moderate assessments");
  // Moderation is a second, independent look: never the assessor's own.
  if (moderator.id == a.assessor_id) return denied("an assessment is moderated by someone other than its assessor");
  if (a.status != AssessmentStatus::kAwaitingModeration)
    return Status(Code::kFailedPrecondition, "the assessment is " + std::string(to_string(a.status)) + ", not awaiting moderation");
  return Status::ok();
}

Status moderate(MorileAssessment& a, const User& moderator, bool approve, const std::string& note,
                std::optional<int> adjusted_tier, int64_t at_ms) {
  ROCTA_RETURN_IF_ERROR(check_moderation(moderator, a));
  if (!approve && trim(note).empty()) return invalid("a returned assessment carries the reason back to the assessor", "note");
  if (adjusted_tier && (*adjusted_tier < 1 || *adjusted_tier > 5)) return invalid("tier is 1 to 5", "tier");
  if (adjusted_tier && trim(note).empty()) return invalid("an adjusted tier needs the moderator's rationale", "note");
  if (adjusted_tier && !approve) return invalid("adjust the tier when approving, not when returning");
  a.status = approve ? AssessmentStatus::kModerated : AssessmentStatus::kReturned;
  a.moderator_id = moderator.id;
  a.moderated_at_ms = at_ms;
  a.moderation_note = trim(note);
  a.moderated_tier = adjusted_tier;
  return Status::ok();
}

int effective_tier(const MorileAssessment& a) { return a.moderated_tier.value_or(a.score.tier); }

std::string reassessment_date(int64_t assessed_at_ms, int days) {
  return iso_date(assessed_at_ms + int64_t{days} * 24 * 3600 * 1000);
}

bool is_overdue(const MorileAssessment& a, const std::string& today) {
  return !a.reassess_by.empty() && a.reassess_by < today;
}

QueueStats queue_stats(const std::vector<Nomination>& waiting, int64_t now_ms) {
  QueueStats s;
  std::vector<double> days;
  for (const auto& n : waiting) {
    if (n.status != NominationStatus::kAwaitingAssessment) continue;
    days.push_back(static_cast<double>(now_ms - n.nominated_at_ms) / (24.0 * 3600 * 1000));
    ++s.by_unit[n.unit_id];
  }
  s.count = static_cast<int>(days.size());
  if (days.empty()) return s;
  std::sort(days.begin(), days.end());
  s.oldest_days = days.back();
  const size_t mid = days.size() / 2;
  s.median_days = days.size() % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2;
  return s;
}

bool on_master_list(const Threat& t, const MasterListFilter& f) {
  if (f.tactical_only && t.assessment_type != AssessmentType::kTactical) return false;
  if (f.moderated_only && t.moderation != ModerationStatus::kModerated) return false;
  if (f.soc_only && !t.soc) return false;
  if (f.exclude_tier_5 && t.tier == 5) return false;
  if (f.exclude_closed && t.is_closed()) return false;
  return true;
}

}  // namespace rocta
