// Who reads the audit trail. Everyone who may read a record sees what was done to it (app
// record_history leaves reads and the SIU's part out); the trail itself, who looked at a
// record, from where and why, is for administrators and inspectors.
#pragma once

#include "core/user.h"

namespace rocta {

inline bool may_read_audit(const User& u) { return u.active && (u.has(Role::kAdministrator) || u.has(Role::kInspector)); }

}  // namespace rocta
