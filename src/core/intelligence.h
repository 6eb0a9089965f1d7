// An intelligence report with its 3x5x2 evaluation (College of Policing APP).
//
// Source evaluation 1 reliable, 2 untested, 3 not reliable. Intelligence assessment A known
// directly, B known indirectly but corroborated, C known indirectly, D not known,
// E suspected false or malicious. Handling code P or C (with conditions) lives on the
// marking, which every record carries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/marking.h"

namespace rocta {


struct IntelligenceReport {
  int64_t id = 0;
  std::string reference;  // e.g. "BTP-INT-000007"
  std::string title;
  std::string body;
  int source_evaluation = 2;         // 1..3
  char intelligence_assessment = 'C';  // 'A'..'E'
  std::string received_date;         // YYYY-MM-DD
  Marking marking;
  int64_t version = 0;
  std::string created_at, updated_at;
  int64_t created_by = 0;

  std::string grading() const;  // e.g. "1A P", "2C C"
};

Status validate_intelligence(const IntelligenceReport& r);

}  // namespace rocta
