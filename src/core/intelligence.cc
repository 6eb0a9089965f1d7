#include "core/intelligence.h"

#include "core/text.h"

namespace rocta {
namespace {

constexpr std::pair<SourceType, std::string_view> kSourceTypes[] = {
    {SourceType::kOpen, "open"},   {SourceType::kPolice, "police"}, {SourceType::kPartner, "partner"},
    {SourceType::kPublic, "public"}, {SourceType::kChis, "chis"},     {SourceType::kSurveillance, "surveillance"},
    {SourceType::kTechnical, "technical"},
};

}  // namespace

std::string_view to_string(SourceType s) {
  for (const auto& [v, name] : kSourceTypes)
    if (v == s) return name;
  return "";
}

std::optional<SourceType> parse_source_type(std::string_view s) {
  for (const auto& [v, name] : kSourceTypes)
    if (name == s) return v;
  return std::nullopt;
}

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
  if (r.mentions.size() > 50) return invalid("at most 50 commodities and places per report", "mentions");
  for (const auto& m : r.mentions) {
    if (m.kind != "commodity" && m.kind != "place") return invalid("a mention is a commodity or a place", "mentions");
    if (trim(m.value).empty() || m.value.size() > 200 || !is_clean_text(m.value) ||
        m.value.find_first_of("\t\r\n") != std::string::npos)
      return invalid("a mention needs its value on one line (at most 200 characters)", "mentions");
  }
  if (!r.received_date.empty() && !is_iso_date(r.received_date))
    return invalid("received date must be a date written YYYY-MM-DD", "received_date");
  return Status::ok();
}

}  // namespace rocta
