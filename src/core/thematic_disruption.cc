#include "core/thematic_disruption.h"

#include "core/text.h"

namespace rocta {

Status validate_thematic_disruption(const ThematicDisruption& d, std::string_view today) {
  if (trimmed(d.recording_agency).empty()) return invalid("recording agency is required", "recording_agency");
  if (trimmed(d.crime_type).empty() || d.crime_type.size() > 100) return invalid("name the crime type (at most 100 characters)", "crime_type");
  if (trimmed(d.area).empty() || d.area.size() > 100) return invalid("name the area (at most 100 characters)", "area");
  if (!is_iso_date(d.record_date)) return invalid("record date must be a date written YYYY-MM-DD", "record_date");
  if (d.record_date > today) return invalid("record date " + d.record_date + " is in the future", "record_date");
  if (d.outcome != FourP::kPrevent && d.outcome != FourP::kProtect)
    return invalid("a thematic disruption is prevent or protect work; pursue and prepare are recorded against a threat", "outcome");
  if (trimmed(d.activity).size() < 5 || d.activity.size() > 2000)
    return invalid("say what was done (5 to 2,000 characters)", "activity");
  if (d.reached < 0 || d.reached > 10'000'000) return invalid("people reached is 0 to 10,000,000", "reached");
  for (const std::string* text : {&d.crime_type, &d.area, &d.activity})
    if (!is_clean_text(*text)) return invalid("text must be UTF-8 without control characters");
  return Status::ok();
}

}  // namespace rocta
