// The SIU's replies to the checks of MoRiLE assessments, and moderators' reasons for going
// ahead without one (core/siu_check.h). Replies carry notes that only the compartment's
// officers read: app/ decides what each reader gets (core reply_as_seen_by).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/siu_check.h"
#include "core/status.h"

namespace rocta {

class SiuCheckRepository {
 public:
  virtual ~SiuCheckRepository() = default;
  // AlreadyExists when the compartment has answered this assessment already.
  virtual Result<int64_t> insert_reply(const SiuReply& r) = 0;
  // The assessment's replies, oldest first.
  virtual Result<std::vector<SiuReply>> replies_of(int64_t assessment_id) = 0;
  // AlreadyExists when one is recorded for the assessment already.
  virtual Status insert_waiver(const SiuWaiver& w) = 0;
  virtual Result<std::optional<SiuWaiver>> waiver_of(int64_t assessment_id) = 0;
  // Every assessment made from `from_ms` to `to_ms` (exclusive) with its threat's owner,
  // consulted compartments, replies and waiver: the consultation figure's rows.
  virtual Result<std::vector<ConsultationRow>> consultation_rows(int64_t from_ms, int64_t to_ms) = 0;
};

}  // namespace rocta
