// The audit trail: append-only, hash-chained events.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/status.h"

namespace rocta {

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual Result<std::optional<AuditEvent>> last() = 0;
  virtual Status append(const AuditEvent& e) = 0;
  // Events with seq >= from_seq in order, at most `limit`.
  virtual Result<std::vector<AuditEvent>> scan(int64_t from_seq, int limit) = 0;
  // The events about one record ("threat", 12), newest first, at most `limit`.
  virtual Result<std::vector<AuditEvent>> of_record(const std::string& kind, int64_t id, int limit) = 0;
};

}  // namespace rocta
