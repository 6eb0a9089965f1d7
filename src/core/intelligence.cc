#include "core/intelligence.h"

#include "core/text.h"

namespace rocta {

std::string IntelligenceReport::grading() const {
  return std::to_string(source_evaluation) + intelligence_assessment + " " + std::string(to_string(marking.handling));
}

Status validate_intelligence(const IntelligenceReport& r) {
  if (trim(r.title).empty() || r.title.size() > 200) return invalid("title is required (at most 200 characters)", "title");
  if (trim(r.body).empty() || r.body.size() > 100000) return invalid("body is required (at most 100,000 characters)", "body");
  if (!is_clean_text(r.title) || !is_clean_text(r.body)) return invalid("text must be UTF-8 without control characters");
  if (r.source_evaluation < 1 || r.source_evaluation > 3)
    return invalid("source evaluation is 1 (reliable), 2 (untested) or 3 (not reliable)", "source_evaluation");
  if (r.intelligence_assessment < 'A' || r.intelligence_assessment > 'E')
    return invalid("intelligence assessment is A to E", "intelligence_assessment");
  // Material suspected to be false or malicious is never shared without stated conditions.
  if (r.intelligence_assessment == 'E' && r.marking.handling != HandlingCode::kC)
    return invalid("intelligence assessed E (suspected false or malicious) must carry handling code C with conditions",
                   "marking.handling_code");
  if (!r.received_date.empty() && !is_iso_date(r.received_date))
    return invalid("received date must be a date written YYYY-MM-DD", "received_date");
  return Status::ok();
}

}  // namespace rocta
