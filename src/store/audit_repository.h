// The audit trail: append-only, hash-chained events.
#pragma once

#include <cstdint>
#include <optional>
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
};

}  // namespace rocta
