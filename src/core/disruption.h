// Disruptions: events recorded against a threat to the national minimum standard, with
// every 4P outcome the event had (the standard keeps one), and the prompts that propose
// non-pursue outcomes from what the event describes. Pure rules; dates come in as text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/threat.h"

namespace rocta {

enum class FourP { kPursue, kPrevent, kProtect, kPrepare };
enum class DisruptionRole { kLead, kSupporting };
enum class ImpactCategory { kMajor, kModerate, kMinor, kNotAssessed, kRejected };

std::string_view to_string(FourP p);              // "Pursue", …
std::string_view to_string(DisruptionRole r);     // "Lead Disruption", "Supporting Disruption"
std::string_view to_string(ImpactCategory c);     // "Major", …, "Not assessed", "Rejected"
std::optional<FourP> parse_four_p(std::string_view s);             // any case
std::optional<DisruptionRole> parse_disruption_role(std::string_view s);  // also "Lead", "Supporting"
std::optional<ImpactCategory> parse_impact_category(std::string_view s);  // any case
const std::vector<FourP>& all_four_p();

// Whether the category counts in the national figures (major, moderate, minor).
bool is_assessed(ImpactCategory c);

// A prompt the recorder answered: the rule that proposed an outcome, and the answer.
struct PromptDecision {
  std::string rule;  // a rule id from outcome_rules()
  FourP outcome = FourP::kProtect;
  bool accepted = false;
};

// A suspect arrested or charged in the event: each opens a financial-investigation item when
// the event is a pursue disruption (core/capability.h). Not kept on the disruption itself.
struct DisruptionSuspect {
  int64_t nominal_id = 0;  // 0: not a nominal held here
  std::string name;
  bool charged = false;      // charged (else arrested)
  int64_t bcu_unit_id = 0;   // the BCU the suspect was dealt with in; 0: none recorded
};

struct Disruption {
  int64_t id = 0;
  std::string reference;         // unique within the recording agency
  std::string recording_agency;  // agency code
  int64_t threat_id = 0;         // 0: the threat is not held here (an imported row may name one)
  std::string threat_reference;
  // The kind of threat disrupted; the national standard knows OCGs only, Rocta records
  // disruptions of priority individuals and vulnerabilities too and marks them so.
  std::optional<ThreatType> threat_type;
  DisruptionRole role = DisruptionRole::kLead;
  int64_t supports = 0;          // a supporting disruption: the lead disruption it supports
  std::string record_date;       // YYYY-MM-DD, the date of the event
  ImpactCategory category = ImpactCategory::kNotAssessed;
  std::string justification;     // why that category
  std::vector<FourP> outcomes;   // every outcome, distinct; the first is the principal one
  std::string threat_category;   // the crime type the disrupted threat concerns
  std::string description;
  std::vector<PromptDecision> prompts;
  std::string extra;             // unknown extract columns, as a JSON object text
  int64_t import_id = 0;         // the import that brought it; 0: recorded here
  int64_t version = 0;
  std::string created_at;
  int64_t created_by = 0;
  std::vector<DisruptionSuspect> suspects;  // on recording only: opens the FI demand items

  // Beyond today's national standard: against a priority individual or a vulnerability.
  bool beyond_standard() const;
  FourP principal() const { return outcomes.empty() ? FourP::kPursue : outcomes.front(); }
};

// Shape rules that hold for any disruption, recorded or imported: a reference, a known
// role, a real date not after `today`, at least one outcome and no outcome twice, text
// that is clean. `today` is YYYY-MM-DD.
Status validate_disruption(const Disruption& d, std::string_view today);

// The rules for recording one by hand, on top: the threat must be held here and open; a
// categorised disruption carries its justification; a supporting disruption names the
// lead disruption it supports (`lead`, when given, is that record) on the same threat.
Status validate_recording(const Disruption& d, const Threat& threat, const Disruption* lead, std::string_view today);

// The export rule (docs/api.md, "Disruptions"): the national standard takes one 4P category
// per event, so a row carries the principal outcome, the one the recorder put first.
FourP national_category(const Disruption& d);

// ---- non-pursue prompts -------------------------------------------------------------------
//
// Pursue is recorded anyway; what forces under-record is the safeguarding, protective and
// preparatory work around it. Each rule reads the event's description and justification
// for phrases that point to that work and proposes the matching outcome, with the reason.

struct OutcomeRule {
  std::string id;
  FourP outcome;
  std::vector<std::string> phrases;  // any of these, any case, as words or phrases
  std::string explanation;           // shown to the user
};

const std::vector<OutcomeRule>& outcome_rules();

struct OutcomeSuggestion {
  std::string rule;
  FourP outcome;
  std::string matched;      // the phrase found
  std::string explanation;
};

// Suggestions for outcomes the event does not already have, one per outcome (the first
// rule that matches), in the order of outcome_rules().
std::vector<OutcomeSuggestion> suggest_outcomes(std::string_view text, const std::vector<FourP>& already);

}  // namespace rocta
