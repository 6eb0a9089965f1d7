// Use cases of disruptions: record one (with the non-pursue prompts), a threat's history,
// and the SOC figures. The national extract in and out is app/national_extract.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/disruption.h"
#include "report/soc_figures.h"

namespace rocta {

// What the recording form proposes for an event's text, given the outcomes already chosen.
std::vector<OutcomeSuggestion> disruption_prompts(const std::string& text, const std::vector<FourP>& outcomes);

// Records a disruption by the caller's agency against a threat the caller may read. Every
// prompt the description and justification raise must be answered in `draft.prompts`
// (accepted: its outcome is among the outcomes; declined: it is not), so that a protect or
// prevent outcome is never lost by default. Reference, threat fields and version are set here.
Result<Disruption> record_disruption(App& app, const Caller& caller, Disruption draft);
// The same inside an open write transaction (an SCPO breach that became an arrest).
Result<Disruption> record_disruption_in(Transaction& tx, App& app, const Caller& caller, Disruption draft);
// The disruptions recorded against a threat the caller may read, newest first.
Result<std::vector<Disruption>> threat_disruptions(App& app, const Caller& caller, int64_t threat_id);

// The SOC figures (report/soc_figures.h) computed from the records. Anyone but frontline
// officers and partner agency users. Without a year ending, the last year over by today
// (or by `as_of`) that has disruptions recorded, looking back ten years; the figures'
// options say which year that was.
Result<report::SocFigures> soc_figures(App& app, const Caller& caller, const report::SocOptions& options);
// Agency code to name, for the printable page.
Result<std::map<std::string, std::string>> agency_names(App& app);

}  // namespace rocta
