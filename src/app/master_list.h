// Use cases of the SOC master list: nominate, queue, assess (MoRiLE), moderate, decide,
// and the master list and each agency's priorities.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/link.h"
#include "core/master_list.h"
#include "core/threat.h"
#include "store/master_list_repository.h"
#include "store/page.h"
#include "store/repository_transaction.h"

namespace rocta {

// MoRiLE models: version 1 is loaded with the reference data; a force loads its own.
Result<MorileModel> parse_morile_model(const std::string& json_text);
std::string morile_model_json(const MorileModel& m);
Status ensure_default_morile_model(Transaction& tx, const App& app);
Result<std::vector<StoredModel>> list_morile_models(App& app, const Caller& caller);
// Administrators (or the operator); the version must be above every loaded one.
Result<StoredModel> load_morile_model(App& app, const Caller& caller, const std::string& json_text);

struct NominationDraft {
  Threat threat;  // name, type, crime type, marking…; assessment fields are set by assessment
  std::string rationale;
  int provisional_priority = 3;
  std::vector<RecordRef> evidence;  // linked as "evidence"; each must be readable
};

struct NominationView {
  Nomination nomination;
  Threat threat;
};

// Any unit's analyst, a BCU's included, nominates: a threat record (unassessed) and its
// nomination, with its evidence linked.
Result<NominationView> nominate_threat(App& app, const Caller& caller, NominationDraft draft);
Result<Page<NominationView>> list_nominations(App& app, const Caller& caller, const NominationQuery& query);
Result<QueueStats> nomination_queue_figures(App& app, const Caller& caller);
// Rejected (reason) or merged into another threat (reason, threat id); assessors only.
Result<Nomination> decide_nomination(App& app, const Caller& caller, int64_t nomination_id, NominationStatus outcome,
                                     const std::string& reason, int64_t merged_into);

struct AssessmentDraft {
  MorileFactors factors;
  AssessmentType type = AssessmentType::kTactical;
  std::string rationale;  // why the assessor scored as they did: required (validate_assessment_rationale)
};

// Scores the threat with the newest model, adds a version (earlier ones are kept), sets
// the threat's score, tier and "Awaiting moderation", closes its nomination as assessed,
// and checks SIU compartments around the threat: `siu_signal` tells the assessor to
// consult the SIU, naming only the compartments.
Result<MorileAssessment> assess_threat(App& app, const Caller& caller, int64_t threat_id, const AssessmentDraft& draft);
// Approving waits for the SIU check (core/siu_check.h): every compartment consulted has
// replied, or `without_siu_reply` says why the approval goes ahead, kept and audited.
Result<MorileAssessment> moderate_assessment(App& app, const Caller& caller, int64_t assessment_id, bool approve,
                                             const std::string& note, std::optional<int> adjusted_tier,
                                             const std::string& without_siu_reply = {});
Result<std::vector<MorileAssessment>> assessment_history(App& app, const Caller& caller, int64_t threat_id);
Result<Page<MorileAssessment>> moderation_queue(App& app, const Caller& caller, const PageRequest& page);
// For SIU officers: assessments awaiting moderation that touch a compartment they hold.
Result<std::vector<MorileAssessment>> siu_assessment_checks(App& app, const Caller& caller);

}  // namespace rocta
