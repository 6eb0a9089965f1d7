// An intelligence report with its 3x5x2 evaluation (College of Policing APP).
//
// Source evaluation 1 reliable, 2 untested, 3 not reliable. Intelligence assessment A known
// directly, B known indirectly but corroborated, C known indirectly, D not known,
// E suspected false or malicious. Handling code P or C (with conditions) lives on the
// marking, which every record carries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/marking.h"

namespace rocta {

// Where the material came from. Covert human intelligence sources, surveillance and
// technical material are sensitive: they enter only through an SIU and live in its
// compartment; the general system sees sanitised releases of them.
enum class SourceType { kOpen, kPolice, kPartner, kPublic, kChis, kSurveillance, kTechnical };
std::string_view to_string(SourceType s);  // "open", "police", "partner", "public", "chis", "surveillance", "technical"
std::optional<SourceType> parse_source_type(std::string_view s);
inline bool is_sensitive_source(SourceType s) {
  return s == SourceType::kChis || s == SourceType::kSurveillance || s == SourceType::kTechnical;
}

// A thing a report concerns that is not a record of its own: a phone, a vehicle, an
// account (commodities) or a place (an address, a postcode). Nominals and threats are
// linked records instead (core/link.h).
struct Mention {
  std::string kind;   // "commodity" or "place"
  std::string value;  // as written: "07700 900123", "E1 6AN"
  bool operator==(const Mention&) const = default;
};

struct IntelligenceReport {
  int64_t id = 0;
  std::string reference;  // e.g. "BTP-INT-000007"
  std::string title;
  std::string body;
  int source_evaluation = 2;         // 1..3
  char intelligence_assessment = 'C';  // 'A'..'E'
  std::string received_date;         // YYYY-MM-DD
  SourceType source_type = SourceType::kPolice;
  std::string originating_agency;  // whose officer submitted it (the owner differs when an SIU holds it)
  int64_t sanitised_from = 0;      // the SIU original this release was made from; 0: none
  std::vector<Mention> mentions;
  Marking marking;
  int64_t version = 0;
  std::string created_at, updated_at;
  int64_t created_by = 0;

  std::string grading() const;  // e.g. "1A P", "2C C"
};

Status validate_intelligence(const IntelligenceReport& r);

}  // namespace rocta
