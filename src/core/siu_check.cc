#include "core/siu_check.h"

#include <algorithm>
#include <chrono>

#include "core/clock.h"
#include "core/policy.h"
#include "core/text.h"

namespace rocta {
namespace {

bool consults(const MorileAssessment& a, std::string_view compartment) {
  return std::find(a.siu_compartments.begin(), a.siu_compartments.end(), compartment) != a.siu_compartments.end();
}

// Counted as recorded by the end of `as_of` (empty: now).
bool by(int64_t ms, const std::string& as_of) { return ms > 0 && (as_of.empty() || iso_date(ms) <= as_of); }

}  // namespace

std::string_view to_string(SiuAdvice a) {
  switch (a) {
    case SiuAdvice::kNoTrace: return "no trace";
    case SiuAdvice::kConsulted: return "consulted";
    case SiuAdvice::kAdviseRescore: return "advise re-score";
  }
  return "no trace";
}

std::optional<SiuAdvice> parse_siu_advice(std::string_view s) {
  for (auto a : {SiuAdvice::kNoTrace, SiuAdvice::kConsulted, SiuAdvice::kAdviseRescore})
    if (to_string(a) == s) return a;
  return std::nullopt;
}

Status validate_siu_reply(const SiuReply& r) {
  if (r.compartment.empty() || r.compartment.size() > 64 || !is_clean_text(r.compartment))
    return invalid("name the compartment you answer for", "compartment");
  if (r.note.size() > 2000 || !is_clean_text(r.note)) return invalid("the note is at most 2,000 characters of text", "note");
  return Status::ok();
}

bool may_reply_to_siu_check(const User& officer, const MorileAssessment& a, std::string_view compartment) {
  return officer.active && is_siu_officer_for(officer, compartment) && officer.id != a.assessor_id && consults(a, compartment);
}

Status check_siu_reply(const User& officer, const MorileAssessment& a, const SiuReply& r, const std::vector<SiuReply>& earlier) {
  ROCTA_RETURN_IF_ERROR(validate_siu_reply(r));
  if (!consults(a, r.compartment)) return invalid("this assessment does not consult compartment '" + r.compartment + "'", "compartment");
  if (!is_siu_officer_for(officer, r.compartment) || !officer.active)
    return denied("only an SIU officer holding '" + r.compartment + "' answers for it");
  if (officer.id == a.assessor_id) return denied("the assessor does not answer the SIU check of their own assessment");
  if (a.status != AssessmentStatus::kAwaitingModeration)
    return Status(Code::kFailedPrecondition, "the assessment is no longer awaiting moderation");
  for (const auto& e : earlier)
    if (e.compartment == r.compartment) return Status(Code::kAlreadyExists, "'" + r.compartment + "' has answered this check already");
  return Status::ok();
}

std::vector<std::string> unanswered_compartments(const MorileAssessment& a, const std::vector<SiuReply>& replies) {
  std::vector<std::string> out;
  for (const auto& c : a.siu_compartments) {
    const bool answered = std::any_of(replies.begin(), replies.end(), [&](const SiuReply& r) { return r.compartment == c; });
    if (!answered && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

SiuReply reply_as_seen_by(const User& reader, SiuReply r) {
  if (!is_siu_officer_for(reader, r.compartment)) {
    r.note.clear();
    r.replied_by = 0;
  }
  return r;
}

Status check_siu_before_moderation(const MorileAssessment& a, const std::vector<SiuReply>& replies, bool approve,
                                   const std::string& reason_without_reply) {
  if (!approve) return Status::ok();
  const auto silent = unanswered_compartments(a, replies);
  if (silent.empty()) return Status::ok();
  const std::string reason = trim(reason_without_reply);
  if (reason.size() < 10 || reason.size() > 2000 || !is_clean_text(reason)) {
    std::string names;
    for (const auto& c : silent) names += (names.empty() ? "" : ", ") + c;
    return Status(Code::kFailedPrecondition,
                  "the SIU check awaits a reply from " + names +
                      ": wait for it, or record why the approval goes ahead without it (10 to 2,000 characters)")
        .with_field("without_siu_reply");
  }
  return Status::ok();
}

std::pair<int64_t, int64_t> consultation_window_ms(const std::string& from_day, const std::string& to_day) {
  using namespace std::chrono;
  auto ms_of = [](const std::string& d) -> int64_t {
    if (!is_iso_date(d)) return 0;
    const year_month_day ymd{year{std::stoi(d.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(d.substr(5, 2)))},
                             day{static_cast<unsigned>(std::stoi(d.substr(8, 2)))}};
    return duration_cast<milliseconds>(sys_days{ymd}.time_since_epoch()).count();
  };
  constexpr int64_t kDay = 86'400'000;
  return {ms_of(from_day) - kDay, ms_of(to_day) + 2 * kDay};
}

std::map<std::string, SiuConsultation> siu_consultation(const std::vector<ConsultationRow>& rows, const std::string& from_day,
                                                        const std::string& to_day, const std::string& as_of) {
  std::map<std::string, SiuConsultation> out;
  for (const auto& row : rows) {
    const std::string day = iso_date(row.assessed_ms);
    if (day < from_day || day > to_day || !by(row.assessed_ms, as_of)) continue;
    SiuConsultation& c = out[row.agency];
    ++c.assessments;
    if (row.compartments.empty()) continue;
    ++c.asked;
    const bool answered = std::all_of(row.compartments.begin(), row.compartments.end(), [&](const std::string& comp) {
      auto it = row.replied_ms.find(comp);
      return it != row.replied_ms.end() && by(it->second, as_of);
    });
    if (answered) ++c.answered;
    if (by(row.waived_ms, as_of)) ++c.waived;
  }
  for (auto& [_, c] : out) c.rate_tenths = c.asked ? static_cast<int>((c.answered * 2000 + c.asked) / (2 * c.asked)) : 0;
  return out;
}

}  // namespace rocta
