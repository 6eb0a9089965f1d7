// Use cases of the intelligence system beyond plain records: the sensitive route into an
// SIU, the SIU's queue and its sanitised releases, dissemination within what a report's
// grading allows, and the consolidation of several SIUs into one regional SIU.
//
// Submission itself (submit_intelligence in app/records.h) routes material from covert
// human intelligence sources, surveillance and technical sources to the responsible SIU:
// it is stored only in that SIU's compartment, never in the general system, and the
// submitter is told where it went.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "core/intelligence.h"
#include "store/page.h"
#include "store/repository_transaction.h"
#include "store/sharing_repository.h"

namespace rocta {

// For submit_intelligence_in: places sensitive-source material in the responsible SIU's
// compartment (owner the SIU's agency, owner-only); true when it did. FailedPrecondition
// when no SIU receives for the submitter's agency.
Result<bool> place_sensitive_in(Transaction& tx, const Caller& caller, IntelligenceReport& report);

// Where a submission went: the SIU that holds it, when it was routed there.
struct Routing {
  bool routed = false;
  std::string siu_name;     // "London Sensitive Intelligence Unit"
  std::string compartment;  // "LON-SIU"
};
// How a report the caller submitted was placed (for telling them, without reading it).
Result<Routing> routing_of(App& app, const IntelligenceReport& submitted);

struct SiuItem {
  IntelligenceReport report;
  std::vector<Release> releases;
};
// The reports in the compartments of the SIUs the caller is an officer of, newest first.
Result<std::vector<SiuItem>> siu_queue(App& app, const Caller& caller, const PageRequest& page);

// An SIU officer holding the source's compartment releases a sanitised version into the
// general system: `sanitised` supplies title, body, grading and the marking it is released
// under (no compartment); the owner is the source's. The release is a recorded decision
// with its rationale; the new report links back to the source, which only the SIU can
// follow (others get NotFound for the source).
Result<IntelligenceReport> release_sanitised(App& app, const Caller& caller, int64_t source_id, IntelligenceReport sanitised,
                                             const std::string& rationale);

// Sends a report to an agency (optionally one of its units): the agency is added to the
// report's named sharing. Compartmented material is never disseminated (release a
// sanitised version); handling code C travels with its conditions, which are put at the
// head of the note. Only writers of the report may disseminate it.
Result<Dissemination> disseminate(App& app, const Caller& caller, int64_t report_id, Dissemination to);
Result<std::vector<Dissemination>> disseminations_of(App& app, const Caller& caller, int64_t report_id);

// Makes `into` (an SIU with a compartment) the SIU for the agencies the `from` SIUs
// served: their material moves into its compartment, their officers hold its compartment
// instead of theirs, and the `from` units lose their compartments (they stay as their
// officers' home units, so each keeps their agency, but receive nothing). One
// transaction, one audit event.
struct Consolidation {
  int64_t records_moved = 0;
  int64_t officers_moved = 0;
  std::vector<std::string> agencies_served;
};
Result<Consolidation> consolidate_sius(App& app, const Caller& caller, int64_t into, const std::vector<int64_t>& from);
Result<Consolidation> consolidate_sius_in(Transaction& tx, App& app, const Caller& caller, int64_t into,
                                          const std::vector<int64_t>& from);

}  // namespace rocta
