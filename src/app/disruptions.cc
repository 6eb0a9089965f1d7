#include "app/disruptions.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/capability.h"
#include "app/records.h"
#include "core/text.h"
#include "store/agency_repository.h"
#include "store/marked_repository.h"
#include "store/disruption_repository.h"
#include "store/repository_transaction.h"
#include "store/counter_repository.h"
#include "store/history_repository.h"
#include "store/siu_check_repository.h"

namespace rocta {
namespace {

// `counts` less `minus` (a subset of them), both of one year's window. The store's counts
// come by day, or by whole month ("YYYY-MM-01") where a month lies wholly in the window:
// so they are matched by month, which within one window is exact. Groups left at 0 go.
std::vector<DisruptionGroup> without(std::vector<DisruptionGroup> counts, const std::vector<DisruptionGroup>& minus) {
  auto key = [](const DisruptionGroup& g) {
    return std::tuple(g.agency, g.day.substr(0, 7), g.role, g.category, g.outcome, g.threat_category);
  };
  std::map<decltype(key(DisruptionGroup{})), int64_t> take;
  for (const auto& g : minus) take[key(g)] += g.count;
  std::vector<DisruptionGroup> out;
  for (auto& g : counts) {
    auto it = take.find(key(g));
    if (it != take.end()) {
      const int64_t n = std::min(it->second, g.count);
      g.count -= n;
      it->second -= n;
    }
    if (g.count > 0) out.push_back(std::move(g));
  }
  return out;
}

// The groups of `all` dated from..to.
std::vector<DisruptionGroup> dated(const std::vector<DisruptionGroup>& all, const std::string& from, const std::string& to) {
  std::vector<DisruptionGroup> out;
  for (const auto& g : all)
    if (g.day >= from && g.day <= to) out.push_back(g);
  return out;
}


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

// The records may end years before today (an imported extract, the demo's inspection
// year): the default is the last year over that holds disruptions, not an empty one.
Result<std::string> default_year_ending(Transaction& tx, const std::string& today) {
  ROCTA_ASSIGN_OR_RETURN(const std::string last, report::last_complete_year_ending(today));
  std::string year = last;
  for (int back = 0; back < 10; ++back, year = report::year_ending_before(year)) {
    ROCTA_ASSIGN_OR_RETURN(report::YearWindow w, report::year_window(year));
    ROCTA_ASSIGN_OR_RETURN(auto counts, tx.disruptions().counts(w.start, w.end));
    if (!counts.empty()) return year;
  }
  return last;
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
  // Every suspect arrested or charged opens "financially investigate?" (app/capability.h).
  ROCTA_RETURN_IF_ERROR(status_of(open_fi_items_in(*tx, app, caller, d)));
  json prompts = json::array();
  for (const auto& p : d.prompts) prompts.push_back({{"rule", p.rule}, {"outcome", to_string(p.outcome)}, {"accepted", p.accepted}});
  json outcomes = json::array();
  for (FourP p : d.outcomes) outcomes.push_back(to_string(p));
  json detail{{"reference", d.reference}, {"threat", threat.reference}, {"outcomes", outcomes}, {"prompts", prompts},
              {"suspects", d.suspects.size()}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"disruption.create", "threat", threat.id, detail.dump()}));
  return d;
}

Result<std::vector<Disruption>> threat_disruptions(App& app, const Caller& caller, int64_t threat_id) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(Threat threat, readable_threat_in(*tx, caller, threat_id));
  return tx->disruptions().of_threat(threat.id);
}

Result<report::SocFigures> soc_figures(App& app, const Caller& caller, const report::SocOptions& requested) {
  if (!caller.system && !may_read_soc_figures(caller.user)) return denied("the SOC figures are for analysts, managers and inspectors");
  if (!requested.as_of.empty() && !is_iso_date(requested.as_of)) return invalid("as of must be a date written YYYY-MM-DD", "as_of");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  report::SocOptions options = requested;
  if (options.year_ending.empty()) {
    ROCTA_ASSIGN_OR_RETURN(options.year_ending, default_year_ending(*tx, options.as_of.empty() ? iso_date(app.clock.now_ms()) : options.as_of));
  }
  ROCTA_ASSIGN_OR_RETURN(report::YearWindow window, report::year_window(options.year_ending));
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx->agencies().list());
  std::map<std::string, std::string> region_of;
  bool region_known = options.region.empty();
  for (const auto& a : agencies) {
    region_of[a.code] = a.region;
    if (!options.region.empty() && lower(a.region) == lower(options.region)) region_known = true;
  }
  if (!region_known) return invalid("unknown region '" + options.region + "'", "region");
  std::vector<ThreatGroup> threat_groups;
  std::vector<DisruptionGroup> previous, current;
  if (!options.as_of.empty()) {
    // From each threat's history and the disruptions recorded by then: a past extract
    // computed again gives the same figures (store/history_repository.h).
    ROCTA_ASSIGN_OR_RETURN(threat_groups, tx->history().threat_groups_as_of(options.as_of));
    ROCTA_ASSIGN_OR_RETURN(previous, tx->history().disruption_counts_as_of(window.previous_start, window.previous_end, options.as_of));
    ROCTA_ASSIGN_OR_RETURN(current, tx->history().disruption_counts_as_of(window.start, window.end, options.as_of));
  } else {
    ROCTA_ASSIGN_OR_RETURN(threat_groups, tx->disruptions().threat_groups());
    // Each year on its own: a month that straddles the two years must not be read whole.
    ROCTA_ASSIGN_OR_RETURN(previous, tx->disruptions().counts(window.previous_start, window.previous_end));
    ROCTA_ASSIGN_OR_RETURN(current, tx->disruptions().counts(window.start, window.end));
  }
  // Appendix 2 counts disruptions of OCGs: those beyond the national standard are taken
  // out, and the figures say how many of the year's were.
  ROCTA_ASSIGN_OR_RETURN(auto beyond, tx->history().beyond_standard_counts(window.previous_start, window.end, options.as_of));
  auto counts = without(std::move(previous), dated(beyond, window.previous_start, window.previous_end));
  for (auto& g : without(std::move(current), dated(beyond, window.start, window.end))) counts.push_back(std::move(g));
  ROCTA_ASSIGN_OR_RETURN(report::SocFigures figures, report::compute_soc_figures(options, threat_groups, counts, region_of));
  ROCTA_ASSIGN_OR_RETURN(report::SocFigures left_out, report::compute_soc_figures(options, {}, beyond, region_of));
  for (const auto& [agency, d] : left_out.disruptions)
    if (d.total > 0) figures.beyond_standard_left_out[agency] = d.total;
  // The year's MoRiLE assessments and their SIU checks (core/siu_check.h), by the same window.
  const auto [from_ms, to_ms] = consultation_window_ms(window.start, window.end);
  ROCTA_ASSIGN_OR_RETURN(auto consultation_rows, tx->siu_checks().consultation_rows(from_ms, to_ms));
  for (auto& [agency, c] : siu_consultation(consultation_rows, window.start, window.end, options.as_of))
    if (options.region.empty() || lower(region_of[agency]) == lower(options.region)) figures.siu_consultation[agency] = c;
  return figures;
}

Result<std::map<std::string, std::string>> agency_names(App& app) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx->agencies().list());
  std::map<std::string, std::string> out;
  for (const auto& a : agencies) out[a.code] = a.name;
  return out;
}

}  // namespace rocta
