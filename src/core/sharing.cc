#include "core/sharing.h"

#include <algorithm>

#include "core/enum_names.h"
#include "core/text.h"

namespace rocta {
namespace {

constexpr std::pair<SignalAudience, std::string_view> kAudiences[] = {
    {SignalAudience::kNone, "none"},
    {SignalAudience::kAgreements, "agreements"},
    {SignalAudience::kRegion, "region"},
    {SignalAudience::kNational, "national"},
};
constexpr std::pair<AgreementSubject, std::string_view> kSubjects[] = {
    {AgreementSubject::kRecords, "records"},
    {AgreementSubject::kCapability, "capability"},
};
constexpr std::pair<AccessRequestStatus, std::string_view> kStatuses[] = {
    {AccessRequestStatus::kPending, "pending"},
    {AccessRequestStatus::kApproved, "approved"},
    {AccessRequestStatus::kRefused, "refused"},
    {AccessRequestStatus::kWithdrawn, "withdrawn"},
};

}  // namespace

std::string_view to_string(SignalAudience a) { return name_of(kAudiences, a); }
std::optional<SignalAudience> parse_signal_audience(std::string_view s) { return value_of(kAudiences, s); }
std::string_view to_string(AgreementSubject s) { return name_of(kSubjects, s); }
std::optional<AgreementSubject> parse_agreement_subject(std::string_view s) { return value_of(kSubjects, s); }
std::string_view to_string(AccessRequestStatus s) { return name_of(kStatuses, s); }
std::optional<AccessRequestStatus> parse_access_request_status(std::string_view s) { return value_of(kStatuses, s); }

bool SharingAgreement::covers(AgreementSubject s) const {
  return std::find(subjects.begin(), subjects.end(), s) != subjects.end();
}

bool in_force(bool active, std::string_view starts_on, std::string_view ends_on, std::string_view today) {
  // ISO dates compare as text.
  return active && (starts_on.empty() || starts_on <= today) && (ends_on.empty() || today <= ends_on);
}

Status validate_agreement_terms(const SharingAgreement& a) {
  if (a.subjects.empty()) return invalid("say what the agreement covers: records, capability or both", "subjects");
  for (size_t i = 0; i < a.subjects.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (a.subjects[i] == a.subjects[j])
        return invalid("'" + std::string(to_string(a.subjects[i])) + "' is named twice", "subjects");
  if (a.covers(AgreementSubject::kCapability)) {
    if (a.capability_of.empty())
      return invalid("an agreement covering capability says whose: the giving agency's own (" + a.giver + ")", "capability_of");
    for (const auto& agency : a.capability_of)
      if (agency != a.giver)
        return invalid("an agreement opens only the giving agency's own capability (" + a.giver + "), not " + agency + "'s",
                       "capability_of");
    if (a.capability_of.size() > 1) return invalid("name the giving agency once", "capability_of");
  } else if (!a.capability_of.empty()) {
    return invalid("the agreement does not cover capability: add it to subjects or leave capability_of empty", "capability_of");
  }
  for (auto [field, date] : {std::pair{"starts_on", &a.starts_on}, std::pair{"ends_on", &a.ends_on}})
    if (!date->empty() && !is_iso_date(*date)) return invalid("a date is YYYY-MM-DD, or empty for none", field);
  if (!a.starts_on.empty() && !a.ends_on.empty() && a.ends_on < a.starts_on)
    return invalid("the agreement ends before it starts", "ends_on");
  if (a.min_scope == SharingScope::kOwnerOnly)
    return invalid("an agreement cannot open owner-only records: choose named, region or national", "min_scope");
  return validate_purpose(a.purpose, "purpose");
}

Status validate_purpose(std::string_view purpose, std::string_view field) {
  if (trim(purpose).size() < 5 || purpose.size() > 500)
    return invalid("say what it is for (5 to 500 characters)", std::string(field));
  if (!is_clean_text(purpose)) return invalid("text must be UTF-8 without control characters", std::string(field));
  return Status::ok();
}

}  // namespace rocta
