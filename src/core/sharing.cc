#include "core/sharing.h"

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
constexpr std::pair<AccessRequestStatus, std::string_view> kStatuses[] = {
    {AccessRequestStatus::kPending, "pending"},
    {AccessRequestStatus::kApproved, "approved"},
    {AccessRequestStatus::kRefused, "refused"},
    {AccessRequestStatus::kWithdrawn, "withdrawn"},
};

}  // namespace

std::string_view to_string(SignalAudience a) { return name_of(kAudiences, a); }
std::optional<SignalAudience> parse_signal_audience(std::string_view s) { return value_of(kAudiences, s); }
std::string_view to_string(AccessRequestStatus s) { return name_of(kStatuses, s); }
std::optional<AccessRequestStatus> parse_access_request_status(std::string_view s) { return value_of(kStatuses, s); }

Status validate_purpose(std::string_view purpose, std::string_view field) {
  if (trim(purpose).size() < 5 || purpose.size() > 500)
    return invalid("say what it is for (5 to 500 characters)", std::string(field));
  if (!is_clean_text(purpose)) return invalid("text must be UTF-8 without control characters", std::string(field));
  return Status::ok();
}

}  // namespace rocta
