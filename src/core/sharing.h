// Sharing agreements between agencies, the signalling rules of holders, and requests for
// access: how material travels beyond the marking on each record.
//
// An agreement is one-way: the giver lets the receiver read those of the giver's records
// that are shared at least as widely as `min_scope` and classified at most
// `max_classification`, for a stated purpose. It never opens an owner-only record, a
// compartment or OFFICIAL-SENSITIVE material to a reader without need to know: those rules
// of core/policy.h stay. Administrators of the giving agency make and end agreements.
//
// An agreement covers named subjects: `records` (the marked records above: what every
// agreement covered before subjects existed) and `capability` (the giver's own capability
// figures: establishment, FI demand, asset recovery, covert tactics; core/capability.h). One
// subject never opens another: an agreement for fraud intelligence does not open a force's
// staffing. An agreement is in force while active and, when it has dates, from `starts_on`
// to `ends_on` inclusive.
//
// A signal tells a reader that a holder has material on an entity that the reader may not
// read, and whom to ask ("held by London SIU: request access"), never what it says.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/marking.h"

namespace rocta {

enum class AgreementSubject { kRecords, kCapability };
std::string_view to_string(AgreementSubject s);  // "records", "capability"
std::optional<AgreementSubject> parse_agreement_subject(std::string_view s);

struct SharingAgreement {
  int64_t id = 0;
  std::string giver;     // agency code
  std::string receiver;  // agency code
  Classification max_classification = Classification::kOfficial;
  SharingScope min_scope = SharingScope::kRegion;  // kNamed, kRegion or kNational
  std::string purpose;
  bool signals = true;  // the receiver may be told what the giver holds beyond the agreement
  bool active = true;
  std::vector<AgreementSubject> subjects{AgreementSubject::kRecords};  // at least one, each once
  // Whose capability a `capability` agreement opens: the giver's own, said explicitly (an
  // agency gives only its own figures). Empty when the agreement does not cover capability.
  std::vector<std::string> capability_of;
  std::string starts_on, ends_on;  // YYYY-MM-DD; empty: from the start, without end
  int64_t version = 0;
  std::string created_at, updated_at;
  int64_t created_by = 0;

  bool covers(AgreementSubject s) const;
};

// Whether an agreement (or the grant made of it) is in force on `today` (YYYY-MM-DD): active
// and within its dates, both inclusive.
bool in_force(bool active, std::string_view starts_on, std::string_view ends_on, std::string_view today);

// The rules of an agreement that need no lookup: subjects, whose capability, dates, scope,
// purpose. Each error names its field.
Status validate_agreement_terms(const SharingAgreement& a);

template <typename AgencyExists>
Status validate_agreement(const SharingAgreement& a, AgencyExists agency_exists);

// Who a holder lets be told of material they may not read: nobody, only receivers of an
// agreement that allows signals, law enforcement in the holder's region (the default), or
// all law enforcement.
enum class SignalAudience { kNone, kAgreements, kRegion, kNational };
std::string_view to_string(SignalAudience a);  // "none", "agreements", "region", "national"
std::optional<SignalAudience> parse_signal_audience(std::string_view s);
inline constexpr SignalAudience kDefaultSignalAudience = SignalAudience::kRegion;

// A reader's request to a holder for material they were signalled.
enum class AccessRequestStatus { kPending, kApproved, kRefused, kWithdrawn };
std::string_view to_string(AccessRequestStatus s);  // "pending", "approved", "refused", "withdrawn"
std::optional<AccessRequestStatus> parse_access_request_status(std::string_view s);

struct AccessRequest {
  int64_t id = 0;
  int64_t requester_id = 0;
  std::string requester_agency;
  std::string record_kind;  // "threat", "nominal", "intelligence"
  int64_t record_id = 0;
  std::string holder_agency;  // the record's owner
  std::string compartment;    // the record's compartment, if any: its holders decide
  std::string purpose;
  AccessRequestStatus status = AccessRequestStatus::kPending;
  int64_t decided_by = 0;
  std::string decision_note;
  int64_t created_ms = 0, decided_ms = 0;
};

Status validate_purpose(std::string_view purpose, std::string_view field);

template <typename AgencyExists>
Status validate_agreement(const SharingAgreement& a, AgencyExists agency_exists) {
  if (!agency_exists(a.giver)) return invalid("unknown giving agency '" + a.giver + "'", "giver");
  if (!agency_exists(a.receiver)) return invalid("unknown receiving agency '" + a.receiver + "'", "receiver");
  if (a.giver == a.receiver) return invalid("an agency does not need an agreement with itself", "receiver");
  return validate_agreement_terms(a);
}

}  // namespace rocta
