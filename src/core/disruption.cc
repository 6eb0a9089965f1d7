#include "core/disruption.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace rocta {

std::string_view to_string(FourP p) {
  switch (p) {
    case FourP::kPursue: return "Pursue";
    case FourP::kPrevent: return "Prevent";
    case FourP::kProtect: return "Protect";
    case FourP::kPrepare: return "Prepare";
  }
  return "Pursue";
}

std::string_view to_string(DisruptionRole r) {
  return r == DisruptionRole::kLead ? "Lead Disruption" : "Supporting Disruption";
}

std::string_view to_string(ImpactCategory c) {
  switch (c) {
    case ImpactCategory::kMajor: return "Major";
    case ImpactCategory::kModerate: return "Moderate";
    case ImpactCategory::kMinor: return "Minor";
    case ImpactCategory::kNotAssessed: return "Not assessed";
    case ImpactCategory::kRejected: return "Rejected";
  }
  return "Not assessed";
}

const std::vector<FourP>& all_four_p() {
  static const std::vector<FourP> kAll{FourP::kPursue, FourP::kPrevent, FourP::kProtect, FourP::kPrepare};
  return kAll;
}

std::optional<FourP> parse_four_p(std::string_view s) {
  s = trimmed(s);
  for (FourP p : all_four_p())
    if (equals_ci(to_string(p), s)) return p;
  return std::nullopt;
}

std::optional<DisruptionRole> parse_disruption_role(std::string_view s) {
  s = trimmed(s);
  if (equals_ci(s, "lead disruption") || equals_ci(s, "lead")) return DisruptionRole::kLead;
  if (equals_ci(s, "supporting disruption") || equals_ci(s, "supporting")) return DisruptionRole::kSupporting;
  return std::nullopt;
}

std::optional<ImpactCategory> parse_impact_category(std::string_view s) {
  s = trimmed(s);
  for (auto c : {ImpactCategory::kMajor, ImpactCategory::kModerate, ImpactCategory::kMinor, ImpactCategory::kNotAssessed,
                 ImpactCategory::kRejected})
    if (equals_ci(to_string(c), s)) return c;
  return std::nullopt;
}

bool is_assessed(ImpactCategory c) {
  return c == ImpactCategory::kMajor || c == ImpactCategory::kModerate || c == ImpactCategory::kMinor;
}

bool Disruption::beyond_standard() const { return threat_type && *threat_type != ThreatType::kOcg; }

Status validate_disruption(const Disruption& d, std::string_view today) {
  if (trimmed(d.reference).empty() || d.reference.size() > 100) return invalid("reference is required (at most 100 characters)", "reference");
  if (trimmed(d.recording_agency).empty()) return invalid("recording agency is required", "recording_agency");
  if (d.threat_id == 0 && trimmed(d.threat_reference).empty()) return invalid("the threat disrupted is required", "threat_reference");
  if (!is_iso_date(d.record_date)) return invalid("record date must be a date written YYYY-MM-DD", "record_date");
  if (d.record_date > today) return invalid("record date " + d.record_date + " is in the future (today is " + std::string(today) + ")", "record_date");
  if (d.outcomes.empty()) return invalid("at least one 4P outcome is required", "outcomes");
  for (size_t i = 0; i < d.outcomes.size(); ++i)
    if (std::find(d.outcomes.begin(), d.outcomes.begin() + static_cast<std::ptrdiff_t>(i), d.outcomes[i]) !=
        d.outcomes.begin() + static_cast<std::ptrdiff_t>(i))
      return invalid("outcome " + std::string(to_string(d.outcomes[i])) + " is given twice", "outcomes");
  if (d.threat_category.size() > 100) return invalid("threat category is at most 100 characters", "threat_category");
  if (d.description.size() > 20000 || d.justification.size() > 5000)
    return invalid("description is at most 20,000 characters and justification 5,000", "description");
  for (const std::string* text : {&d.reference, &d.threat_reference, &d.threat_category, &d.description, &d.justification})
    if (!is_clean_text(*text)) return invalid("text must be UTF-8 without control characters");
  return Status::ok();
}

Status validate_recording(const Disruption& d, const Threat& threat, const Disruption* lead, std::string_view today) {
  ROCTA_RETURN_IF_ERROR(validate_disruption(d, today));
  if (threat.is_closed())
    return {Code::kFailedPrecondition, "threat " + threat.reference + " is closed (" + threat.phase + "); reopen it before recording a disruption"};
  if (is_assessed(d.category) && trim(d.justification).empty())
    return invalid("a " + lower(to_string(d.category)) + " disruption needs a justification of its category", "justification");
  if (d.role == DisruptionRole::kSupporting) {
    if (d.supports == 0) return invalid("a supporting disruption names the lead disruption it supports", "supports");
    if (lead == nullptr) return not_found("lead disruption " + std::to_string(d.supports) + " not found");
    if (lead->role != DisruptionRole::kLead) return invalid(lead->reference + " is itself a supporting disruption; name the lead one", "supports");
    if (lead->threat_id != threat.id) return invalid(lead->reference + " disrupted a different threat", "supports");
  } else if (d.supports != 0) {
    return invalid("a lead disruption supports no other", "supports");
  }
  return Status::ok();
}

FourP national_category(const Disruption& d) { return d.principal(); }

const std::vector<OutcomeRule>& outcome_rules() {
  static const std::vector<OutcomeRule> kRules{
      {"nrm-referral", FourP::kProtect,
       {"national referral mechanism", "nrm", "duty to notify", "modern slavery referral"},
       "A referral to the National Referral Mechanism safeguards a potential victim of modern slavery: a protect outcome."},
      {"safeguarding", FourP::kProtect,
       {"safeguard", "safeguarded", "safeguarding", "children's services", "childrens services", "mash referral",
        "place of safety", "cuckooed", "cuckooing", "vulnerable adult", "child criminal exploitation"},
       "Safeguarding a victim or a vulnerable person (a cuckooed tenant, an exploited child) protects them: a protect outcome."},
      {"takedown", FourP::kProtect,
       {"website taken down", "site taken down", "takedown", "take down", "domain suspended", "phone number suspended",
        "account frozen", "accounts frozen"},
       "Taking down a website, a domain or a line, or freezing accounts protects the public and systems: a protect outcome."},
      {"protect-advice", FourP::kProtect,
       {"protect advice", "cyber protect", "crime prevention advice", "target hardening", "victim care", "warning letter to victims"},
       "Protective advice to victims, businesses or the public is a protect outcome."},
      {"diversion", FourP::kPrevent,
       {"diversion", "diverted", "school visit", "youth worker", "mentoring", "intervention programme", "prevent referral",
        "deterrence", "cease and desist", "disruption letter", "serious crime prevention order", "scpo"},
       "Steering people away from crime or deterring reoffending (diversion, school visits, orders) is a prevent outcome."},
      {"prepare", FourP::kPrepare,
       {"exercise", "contingency", "business continuity", "community impact assessment", "partner briefing",
        "multi-agency plan", "recovery plan"},
       "Preparing partners and the public to reduce the impact of crime (exercises, contingency and recovery plans) is a prepare outcome."},
  };
  return kRules;
}

namespace {

// `phrase` in `text` (already lower case) as whole words.
bool has_phrase(const std::string& text, const std::string& phrase) {
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '\''; };
  for (size_t at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
    const bool starts = at == 0 || !word_char(text[at - 1]);
    const size_t end = at + phrase.size();
    const bool ends = end == text.size() || !word_char(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

std::vector<OutcomeSuggestion> suggest_outcomes(std::string_view text, const std::vector<FourP>& already) {
  const std::string l = lower(text);
  std::vector<OutcomeSuggestion> out;
  for (const auto& rule : outcome_rules()) {
    if (std::find(already.begin(), already.end(), rule.outcome) != already.end()) continue;
    if (std::any_of(out.begin(), out.end(), [&](const OutcomeSuggestion& s) { return s.outcome == rule.outcome; })) continue;
    for (const auto& phrase : rule.phrases) {
      if (has_phrase(l, phrase)) {
        out.push_back({rule.id, rule.outcome, phrase, rule.explanation});
        break;
      }
    }
  }
  return out;
}

}  // namespace rocta
