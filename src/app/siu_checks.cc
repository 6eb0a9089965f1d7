#include "app/siu_checks.h"

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/records.h"
#include "core/policy.h"
#include "core/text.h"
#include "store/master_list_repository.h"
#include "store/repository_transaction.h"
#include "store/siu_check_repository.h"

namespace rocta {

Result<SiuReply> reply_to_siu_check(App& app, const Caller& caller, int64_t assessment_id, const std::string& compartment,
                                    SiuAdvice advice, const std::string& note) {
  if (!caller.user.has(Role::kSiuOfficer)) return denied("only SIU officers answer SIU checks");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  // Through the threat's policy: an assessment the officer may not read is not found.
  ROCTA_ASSIGN_OR_RETURN(MorileAssessment a, tx->master_list().assessment(assessment_id, read_scope(caller.user)));
  ROCTA_ASSIGN_OR_RETURN(auto earlier, tx->siu_checks().replies_of(assessment_id));
  SiuReply r;
  r.assessment_id = assessment_id;
  r.compartment = compartment;
  r.advice = advice;
  r.note = trim(note);
  r.replied_by = caller.user.id;
  r.replied_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(check_siu_reply(caller.user, a, r, earlier));
  ROCTA_ASSIGN_OR_RETURN(r.id, tx->siu_checks().insert_reply(r));
  // The audit says that the SIU answered and how; the note is the SIU's, not the log's.
  nlohmann::json detail{{"assessment", assessment_id}, {"compartment", compartment}, {"advice", to_string(advice)},
                        {"note_given", !r.note.empty()}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"siu.reply", "threat", a.threat_id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return r;
}

Result<SiuCheckView> siu_check_of(App& app, const Caller& caller, int64_t assessment_id) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(MorileAssessment a, tx->master_list().assessment(assessment_id, read_scope(caller.user)));
  ROCTA_ASSIGN_OR_RETURN(auto replies, tx->siu_checks().replies_of(assessment_id));
  SiuCheckView v;
  v.assessment_id = assessment_id;
  v.asked = !a.siu_compartments.empty();
  v.compartments = a.siu_compartments;
  v.unanswered = unanswered_compartments(a, replies);
  for (auto& r : replies) v.replies.push_back(reply_as_seen_by(caller.user, std::move(r)));
  ROCTA_ASSIGN_OR_RETURN(v.waiver, tx->siu_checks().waiver_of(assessment_id));
  return v;
}

Result<std::map<std::string, SiuConsultation>> siu_consultation_figures(App& app, const Caller& caller, const std::string& from_day,
                                                                        const std::string& to_day, const std::string& as_of) {
  if (!caller.system && !may_read_soc_figures(caller.user)) return denied("the SOC figures are for analysts, managers and inspectors");
  if (!is_iso_date(from_day) || !is_iso_date(to_day)) return invalid("the period is two dates written YYYY-MM-DD", "from");
  if (!as_of.empty() && !is_iso_date(as_of)) return invalid("as of must be a date written YYYY-MM-DD", "as_of");
  const auto [from_ms, to_ms] = consultation_window_ms(from_day, to_day);
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto rows, tx->siu_checks().consultation_rows(from_ms, to_ms));
  return siu_consultation(rows, from_day, to_day, as_of);
}

}  // namespace rocta
