// The SIU's answer to the check a MoRiLE assessment asks for, as pure rules.
//
// When material in an SIU compartment sits on or near an assessed threat, the assessment
// names the compartments (core/master_list.h) and waits on each one's SIU. An SIU officer
// holding the compartment, who is not the assessor, replies once per compartment: no
// trace, consulted, or advise re-score. The reply discloses nothing: the assessor and the
// moderator see the outcome and when it came; the officer's note and name stay with the
// officers of that compartment. A moderator approves only once every compartment has
// answered, or records why the approval goes ahead without the reply (audited). The
// consultation rate (checks asked and answered, by agency and period) is computed here
// from rows the store hands in.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/master_list.h"
#include "core/status.h"
#include "core/user.h"

namespace rocta {

enum class SiuAdvice { kNoTrace, kConsulted, kAdviseRescore };
std::string_view to_string(SiuAdvice a);  // "no trace", "consulted", "advise re-score"
std::optional<SiuAdvice> parse_siu_advice(std::string_view s);

struct SiuReply {
  int64_t id = 0;
  int64_t assessment_id = 0;
  std::string compartment;  // the compartment answering (one of the assessment's)
  SiuAdvice advice = SiuAdvice::kNoTrace;
  std::string note;         // for the compartment's officers only; may be empty
  int64_t replied_by = 0;   // for the compartment's officers only
  int64_t replied_ms = 0;
};

// A moderator's record of why an approval went ahead before every SIU reply came.
struct SiuWaiver {
  int64_t assessment_id = 0;
  std::string reason;
  std::vector<std::string> unanswered;  // the compartments still silent then
  int64_t recorded_by = 0;
  int64_t recorded_ms = 0;
};

Status validate_siu_reply(const SiuReply& r);
// May `officer` answer for `compartment` on `a`: an SIU officer holding it, not the
// assessor, and the compartment is one the assessment consults.
bool may_reply_to_siu_check(const User& officer, const MorileAssessment& a, std::string_view compartment);
// The whole check before a reply is written: who (PermissionDenied), which compartment
// (InvalidArgument), the assessment still awaits moderation (FailedPrecondition), and the
// compartment has not answered already (AlreadyExists).
Status check_siu_reply(const User& officer, const MorileAssessment& a, const SiuReply& r,
                       const std::vector<SiuReply>& earlier);
// The assessment's compartments with no reply yet, in the assessment's order.
std::vector<std::string> unanswered_compartments(const MorileAssessment& a, const std::vector<SiuReply>& replies);
// What `reader` sees of a reply: the note and the officer only when the reader is an SIU
// officer holding the reply's compartment.
SiuReply reply_as_seen_by(const User& reader, SiuReply r);

// Approving needs every compartment's reply or a reason (at least 10 characters) for going
// ahead without; FailedPrecondition otherwise, naming the field "without_siu_reply".
// Returning an assessment to its assessor never waits.
Status check_siu_before_moderation(const MorileAssessment& a, const std::vector<SiuReply>& replies, bool approve,
                                   const std::string& reason_without_reply);

// One assessment as the consultation figure needs it.
struct ConsultationRow {
  int64_t assessment_id = 0;
  std::string agency;  // owner of the assessed threat
  int64_t assessed_ms = 0;
  std::vector<std::string> compartments;              // consulted; empty: no check asked
  std::map<std::string, int64_t> replied_ms;          // compartment -> when it answered
  int64_t waived_ms = 0;                              // moderated without the reply (0: not)
};

struct SiuConsultation {
  int64_t assessments = 0;  // assessed in the period
  int64_t asked = 0;        // of which the SIU check was asked
  int64_t answered = 0;     // of which every compartment answered
  int64_t waived = 0;       // of which moderation went ahead without the reply
  int rate_tenths = 0;      // answered of asked, per mille (0 when none asked)
};

// By agency: assessments dated from..to (YYYY-MM-DD, inclusive), as recorded by the end of
// `as_of` (YYYY-MM-DD; empty: now). A reply or waiver after `as_of` does not count.
// The Unix milliseconds from the start of `from_day` to the end of `to_day` (YYYY-MM-DD),
// widened by a day each side: what to ask the store for before siu_consultation() keeps
// the exact days.
std::pair<int64_t, int64_t> consultation_window_ms(const std::string& from_day, const std::string& to_day);

std::map<std::string, SiuConsultation> siu_consultation(const std::vector<ConsultationRow>& rows, const std::string& from_day,
                                                        const std::string& to_day, const std::string& as_of);

}  // namespace rocta
