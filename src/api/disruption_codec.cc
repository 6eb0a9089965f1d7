#include "api/disruption_codec.h"

namespace rocta::json_codec {

json to_json(const Disruption& d) {
  json outcomes = json::array();
  for (FourP p : d.outcomes) outcomes.push_back(to_string(p));
  json prompts = json::array();
  for (const auto& p : d.prompts) prompts.push_back({{"rule", p.rule}, {"outcome", to_string(p.outcome)}, {"accepted", p.accepted}});
  json j{{"id", d.id},
         {"reference", d.reference},
         {"recording_agency", d.recording_agency},
         {"threat_id", d.threat_id},
         {"threat_reference", d.threat_reference},
         {"threat_type", d.threat_type ? json(to_string(*d.threat_type)) : json(nullptr)},
         {"beyond_national_standard", d.beyond_standard()},
         {"role", to_string(d.role)},
         {"supports", d.supports},
         {"record_date", d.record_date},
         {"category", to_string(d.category)},
         {"justification", d.justification},
         {"outcomes", outcomes},
         {"national_category", to_string(national_category(d))},
         {"threat_category", d.threat_category},
         {"description", d.description},
         {"prompts", prompts},
         {"imported", d.import_id != 0},
         {"version", d.version},
         {"created_at", d.created_at}};
  if (!d.extra.empty()) j["extra"] = json::parse(d.extra, nullptr, false);
  return j;
}

Result<std::vector<FourP>> read_outcomes(const json& body, const char* field) {
  std::vector<FourP> out;
  if (!body.contains(field)) return out;
  if (!body[field].is_array()) return invalid(std::string("field '") + field + "' is a list of Pursue, Prevent, Protect, Prepare", field);
  for (const auto& v : body[field]) {
    auto p = v.is_string() ? parse_four_p(v.get<std::string>()) : std::nullopt;
    if (!p) return invalid(std::string("field '") + field + "' is a list of Pursue, Prevent, Protect, Prepare", field);
    out.push_back(*p);
  }
  return out;
}

}  // namespace rocta::json_codec
