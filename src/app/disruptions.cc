#include "app/disruptions.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/records.h"
#include "core/text.h"
#include "store/agency_repository.h"
#include "store/marked_repository.h"
#include "store/disruption_repository.h"
#include "store/repository_transaction.h"
#include "store/counter_repository.h"

namespace rocta {
namespace {

using nlohmann::json;

// Every prompt the text raises must have an answer, and the answers must agree with the
// outcomes chosen.
Status check_prompts(const Disruption& d) {
  std::vector<FourP> chosen_without_accepted;
  for (FourP p : d.outcomes) {
    const bool from_prompt = std::any_of(d.prompts.begin(), d.prompts.end(), [&](const PromptDecision& a) { return a.accepted && a.outcome == p; });
    if (!from_prompt) chosen_without_accepted.push_back(p);
  }
  for (const auto& s : suggest_outcomes(d.description + "\n" + d.justification, chosen_without_accepted)) {
    auto answer = std::find_if(d.prompts.begin(), d.prompts.end(), [&](const PromptDecision& a) { return a.rule == s.rule; });
    if (answer == d.prompts.end())
      return invalid("the description mentions \"" + s.matched + "\": " + s.explanation + " Accept or decline the " +
                         std::string(to_string(s.outcome)) + " outcome (prompt '" + s.rule + "').",
                     "prompts");
  }
  for (const auto& a : d.prompts) {
    const auto& rules = outcome_rules();
    auto rule = std::find_if(rules.begin(), rules.end(), [&](const OutcomeRule& r) { return r.id == a.rule; });
    if (rule == rules.end()) return invalid("unknown prompt '" + a.rule + "'", "prompts");
    if (rule->outcome != a.outcome)
      return invalid("prompt '" + a.rule + "' proposes " + std::string(to_string(rule->outcome)) + ", not " + std::string(to_string(a.outcome)), "prompts");
    const bool present = std::find(d.outcomes.begin(), d.outcomes.end(), a.outcome) != d.outcomes.end();
    if (a.accepted && !present)
      return invalid("prompt '" + a.rule + "' was accepted but " + std::string(to_string(a.outcome)) + " is not among the outcomes", "prompts");
    if (!a.accepted && present)
      return invalid("prompt '" + a.rule + "' was declined but " + std::string(to_string(a.outcome)) + " is among the outcomes", "prompts");
  }
  return Status::ok();
}

}  // namespace

std::vector<OutcomeSuggestion> disruption_prompts(const std::string& text, const std::vector<FourP>& outcomes) {
  return suggest_outcomes(text, outcomes);
}

Result<Disruption> record_disruption(App& app, const Caller& caller, Disruption d) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(d, record_disruption_in(*tx, app, caller, std::move(d)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return d;
}

Result<Disruption> record_disruption_in(Transaction& tx_, App& app, const Caller& caller, Disruption d) {
  if (!caller.system && !may_record_disruptions(caller.user))
    return denied("your roles do not include recording disruptions");
  Transaction* tx = &tx_;
  ROCTA_ASSIGN_OR_RETURN(Threat threat, readable_threat_in(*tx, caller, d.threat_id));
  d.recording_agency = caller.user.agency;
  d.threat_reference = threat.reference;
  d.threat_type = threat.type;
  if (d.threat_category.empty()) d.threat_category = threat.primary_crime_type;
  d.reference = "pending";
  std::optional<Disruption> lead;
  if (d.supports != 0) {
    auto l = tx->disruptions().get(d.supports);
    if (l.is_ok()) lead = *l;
    else if (l.status().code() != Code::kNotFound) return l.status();
  }
  ROCTA_RETURN_IF_ERROR(validate_recording(d, threat, lead ? &*lead : nullptr, iso_date(app.clock.now_ms())));
  ROCTA_RETURN_IF_ERROR(check_prompts(d));
  // The next free number: an imported extract may already use some of the series.
  for (d.reference.clear(); d.reference.empty();) {
    ROCTA_ASSIGN_OR_RETURN(int64_t n, tx->counters().next(d.recording_agency, "DIS"));
    d.reference = d.recording_agency + "-DIS-" + padded(n);
    auto taken = tx->disruptions().find(d.recording_agency, d.reference);
    if (taken.is_ok()) d.reference.clear();
    else if (taken.status().code() != Code::kNotFound) return taken.status();
  }
  d.import_id = 0;
  d.extra.clear();
  d.version = 1;
  d.created_at = iso_timestamp(app.clock.now_ms());
  d.created_by = caller.user.id;
  ROCTA_ASSIGN_OR_RETURN(auto ids, tx->disruptions().insert_new({d}));
  if (ids.front() == 0) return Status(Code::kConflict, "reference " + d.reference + " is already used; try again");
  d.id = ids.front();
  json prompts = json::array();
  for (const auto& p : d.prompts) prompts.push_back({{"rule", p.rule}, {"outcome", to_string(p.outcome)}, {"accepted", p.accepted}});
  json outcomes = json::array();
  for (FourP p : d.outcomes) outcomes.push_back(to_string(p));
  json detail{{"reference", d.reference}, {"threat", threat.reference}, {"outcomes", outcomes}, {"prompts", prompts}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"disruption.create", "threat", threat.id, detail.dump()}));
  return d;
}

Result<std::vector<Disruption>> threat_disruptions(App& app, const Caller& caller, int64_t threat_id) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(Threat threat, readable_threat_in(*tx, caller, threat_id));
  return tx->disruptions().of_threat(threat.id);
}

Result<report::SocFigures> soc_figures(App& app, const Caller& caller, const report::SocOptions& options) {
  if (!caller.system && !may_read_soc_figures(caller.user)) return denied("the SOC figures are for analysts, managers and inspectors");
  ROCTA_ASSIGN_OR_RETURN(report::YearWindow window, report::year_window(options.year_ending));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx->agencies().list());
  std::map<std::string, std::string> region_of;
  bool region_known = options.region.empty();
  for (const auto& a : agencies) {
    region_of[a.code] = a.region;
    if (!options.region.empty() && lower(a.region) == lower(options.region)) region_known = true;
  }
  if (!region_known) return invalid("unknown region '" + options.region + "'", "region");
  ROCTA_ASSIGN_OR_RETURN(auto threat_groups, tx->disruptions().threat_groups());
  // Each year on its own: a month that straddles the two years must not be read whole.
  ROCTA_ASSIGN_OR_RETURN(auto counts, tx->disruptions().counts(window.previous_start, window.previous_end));
  ROCTA_ASSIGN_OR_RETURN(auto current, tx->disruptions().counts(window.start, window.end));
  counts.insert(counts.end(), current.begin(), current.end());
  return report::compute_soc_figures(options, threat_groups, counts, region_of);
}

Result<std::map<std::string, std::string>> agency_names(App& app) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx->agencies().list());
  std::map<std::string, std::string> out;
  for (const auto& a : agencies) out[a.code] = a.name;
  return out;
}

}  // namespace rocta
