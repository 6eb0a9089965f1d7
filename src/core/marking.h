// Protective marking: what every record carries so that the policy can decide who sees it.
//
// Government Security Classifications: OFFICIAL, SECRET, TOP SECRET. OFFICIAL-SENSITIVE is
// not a level but a need-to-know handling marking within OFFICIAL (`sensitive`). A record
// may sit in one compartment (an SIU's, for example); only holders of that compartment read
// it. The sharing scope says which agencies beyond the owner may read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace rocta {

enum class Classification { kOfficial = 0, kSecret = 1, kTopSecret = 2 };
enum class HandlingCode { kP, kC };  // 3x5x2: P lawful sharing permitted; C with conditions
enum class SharingScope {
  kOwnerOnly = 0,  // the owning agency only
  kNamed = 1,      // the owner and the agencies named in shared_with
  kRegion = 2,     // + every law-enforcement agency of the owner's region
  kNational = 3,   // + every law-enforcement agency
};

struct Marking {
  std::string owning_agency;  // agency code
  std::string owning_region;  // the owning agency's region, kept beside it for queries
  Classification classification = Classification::kOfficial;
  bool sensitive = false;  // OFFICIAL-SENSITIVE
  HandlingCode handling = HandlingCode::kP;
  std::string handling_conditions;  // required when handling is C
  std::string compartment;          // empty: none
  SharingScope scope = SharingScope::kOwnerOnly;
  std::vector<std::string> shared_with;  // agency codes; any scope may name agencies

  // "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET".
  std::string label() const;
};

std::string_view to_string(Classification c);
std::string_view to_string(HandlingCode h);
std::string_view to_string(SharingScope s);
std::optional<Classification> parse_classification(std::string_view s);
std::optional<HandlingCode> parse_handling_code(std::string_view s);
std::optional<SharingScope> parse_sharing_scope(std::string_view s);

// Rules every marking must satisfy, whoever writes it. `agency_exists` answers whether a
// named agency code is known.
template <typename AgencyExists>
Status validate_marking(const Marking& m, AgencyExists agency_exists);

// Marks a record needs an audit event to be read (OFFICIAL-SENSITIVE, SECRET and above),
// and the stricter set that also needs a purpose from the reader (SECRET and above).
inline bool read_is_audited(const Marking& m) {
  return m.sensitive || m.classification != Classification::kOfficial;
}
inline bool read_needs_purpose(const Marking& m) {
  return m.classification != Classification::kOfficial;
}

template <typename AgencyExists>
Status validate_marking(const Marking& m, AgencyExists agency_exists) {
  if (m.sensitive && m.classification != Classification::kOfficial)
    return invalid("OFFICIAL-SENSITIVE is a marking within OFFICIAL only", "marking.sensitive");
  if (m.handling == HandlingCode::kC && m.handling_conditions.empty())
    return invalid("handling code C needs its conditions stated", "marking.handling_conditions");
  if (m.handling == HandlingCode::kP && !m.handling_conditions.empty())
    return invalid("handling conditions go with handling code C only", "marking.handling_conditions");
  if (m.scope == SharingScope::kOwnerOnly && !m.shared_with.empty())
    return invalid("an owner-only record cannot name agencies to share with", "marking.shared_with");
  if (m.scope == SharingScope::kNamed && m.shared_with.empty())
    return invalid("scope 'named' needs at least one agency in shared_with", "marking.shared_with");
  for (const auto& code : m.shared_with) {
    if (code == m.owning_agency)
      return invalid("shared_with names the owning agency", "marking.shared_with");
    if (!agency_exists(code)) return invalid("unknown agency '" + code + "'", "marking.shared_with");
  }
  if (m.compartment.size() > 64) return invalid("compartment name too long", "marking.compartment");
  return Status::ok();
}

}  // namespace rocta
