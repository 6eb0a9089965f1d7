// The SIU's answer to the check of a MoRiLE assessment (core/siu_check.h): the reply of an
// officer of each compartment consulted, what the assessor and the moderator see of it,
// and the consultation rate. The moderation side (wait for the reply or record why not)
// sits in moderate_assessment (app/master_list.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/siu_check.h"

namespace rocta {

// An SIU officer holding `compartment`, not the assessor, on an assessment awaiting
// moderation whose threat they may read (NotFound otherwise). One reply per compartment;
// audited without the note, which stays with the compartment's officers.
Result<SiuReply> reply_to_siu_check(App& app, const Caller& caller, int64_t assessment_id, const std::string& compartment,
                                    SiuAdvice advice, const std::string& note);

struct SiuCheckView {
  int64_t assessment_id = 0;
  bool asked = false;                      // the assessment consults at least one compartment
  std::vector<std::string> compartments;   // consulted (names only, as the assessment shows them)
  std::vector<SiuReply> replies;           // as the caller may see them (core reply_as_seen_by)
  std::vector<std::string> unanswered;
  std::optional<SiuWaiver> waiver;         // the moderator's reason for going ahead without a reply
};
// For whoever may read the assessment's threat.
Result<SiuCheckView> siu_check_of(App& app, const Caller& caller, int64_t assessment_id);

// The consultation rate by agency for assessments dated from..to (YYYY-MM-DD), as recorded
// by the end of `as_of` (empty: now); for those who read the SOC figures.
Result<std::map<std::string, SiuConsultation>> siu_consultation_figures(App& app, const Caller& caller, const std::string& from_day,
                                                                        const std::string& to_day, const std::string& as_of);

}  // namespace rocta
