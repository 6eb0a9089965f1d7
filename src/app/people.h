// Names for the people behind ids (core/people.h decides whose name a reader sees), and the
// search behind the person picker: people of the caller's own agency by name, optionally of
// one role (a plan's lead responsible officer).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/people.h"

namespace rocta {

inline constexpr size_t kMaxPeopleIds = 100;

// Unknown ids are left out; more than kMaxPeopleIds is InvalidArgument.
Result<std::vector<PersonName>> name_people(App& app, const Caller& caller, const std::vector<int64_t>& ids);
// Active people of the caller's agency whose name or username contains `q` (any case), at
// most `limit`, ordered by name.
Result<std::vector<PersonName>> find_people(App& app, const Caller& caller, const std::string& q, std::optional<Role> role,
                                            int limit);

}  // namespace rocta
