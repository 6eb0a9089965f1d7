#include "app/people.h"

#include <algorithm>

#include "core/text.h"
#include "store/user_repository.h"

namespace rocta {

Result<std::vector<PersonName>> name_people(App& app, const Caller& caller, const std::vector<int64_t>& ids) {
  if (ids.size() > kMaxPeopleIds) return invalid("at most " + std::to_string(kMaxPeopleIds) + " ids at a time", "ids");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  std::vector<PersonName> out;
  for (int64_t id : ids) {
    auto r = tx->users().get(id);
    if (!r.is_ok()) {
      if (r.status().code() == Code::kNotFound) continue;
      return r.status();
    }
    if (caller.system) out.push_back(PersonName{id, r->user.display_name, r->user.agency, true});
    else out.push_back(name_for(caller.user, r->user));
  }
  return out;
}

Result<std::vector<PersonName>> find_people(App& app, const Caller& caller, const std::string& q, std::optional<Role> role,
                                            int limit) {
  if (!caller.system && !caller.user.active) return denied("an inactive user finds no one");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  const std::string needle = lower(q);
  std::vector<PersonName> out;
  for (int offset = 0;; offset += 200) {
    ROCTA_ASSIGN_OR_RETURN(auto page, tx->users().list(caller.user.agency, PageRequest{200, offset}));
    for (const auto& r : page.items) {
      const User& u = r.user;
      if (!u.active || (role && !u.has(*role))) continue;
      if (!needle.empty() && lower(u.display_name).find(needle) == std::string::npos &&
          lower(u.username).find(needle) == std::string::npos)
        continue;
      out.push_back(name_for(caller.user, u));
    }
    if (page.items.size() < 200) break;
  }
  std::sort(out.begin(), out.end(), [](const PersonName& a, const PersonName& b) { return a.name < b.name; });
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
  return out;
}

}  // namespace rocta
