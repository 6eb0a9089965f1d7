#include "app/tasking_sight.h"

#include "core/policy.h"
#include "store/agency_repository.h"
#include "store/link_repository.h"
#include "store/repository_transaction.h"
#include "store/sharing_repository.h"
#include "store/unit_repository.h"

namespace rocta {

Result<TaskingSight::Sight> TaskingSight::of(int64_t threat_id) {
  if (threat_id == 0 || caller_.system) return Sight::kOpen;
  if (auto it = seen_.find(threat_id); it != seen_.end()) return it->second.sight;
  Seen s;
  auto m = tx_.links().marking_of({RecordKind::kThreat, threat_id});
  if (!m.is_ok() && m.status().code() != Code::kNotFound) return m.status();
  if (m.is_ok()) {
    const ReadScope scope = read_scope(caller_.user);
    if (admits(scope, *m)) {
      s.sight = Sight::kOpen;
    } else {
      ROCTA_ASSIGN_OR_RETURN(auto rules, tx_.sharing().signal_rules());
      auto rule = rules.find(m->owning_agency);
      const SignalAudience audience = rule == rules.end() ? kDefaultSignalAudience : rule->second;
      if (may_signal(scope, *m, audience)) {
        s.sight = Sight::kSignal;
        s.holder = m->owning_agency;
        if (!m->compartment.empty()) {
          ROCTA_ASSIGN_OR_RETURN(auto units, tx_.units().list(""));
          for (const auto& u : units)
            if (u.kind == UnitKind::kSiu && u.compartment == m->compartment) s.holder = u.name;
        } else if (auto a = tx_.agencies().get(m->owning_agency); a.is_ok()) {
          s.holder = a->name;
        }
      }
    }
  }
  seen_[threat_id] = s;
  return s.sight;
}

std::string TaskingSight::signal_text(int64_t threat_id) const {
  auto it = seen_.find(threat_id);
  const std::string holder = it == seen_.end() ? std::string("its holder") : it->second.holder;
  return "About a threat held by " + holder + ": ask " + holder + " for access.";
}

}  // namespace rocta
