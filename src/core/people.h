// Whose name a reader may see: the people behind the ids in an answer (who nominated,
// assessed, decided, asked; a threat's lead responsible officer).
//
// A reader sees the name of a person of their own agency, and of a person of another law
// enforcement agency of their region when both are law enforcement, except an SIU officer
// of another agency (SIU staff are not named outside their force). Everyone else is
// answered by agency only ("an HMRC user"): the agency is in the answers already.
#pragma once

#include <cstdint>
#include <string>

#include "core/user.h"

namespace rocta {

struct PersonName {
  int64_t id = 0;
  std::string name;    // the display name, or "A user of AGENCY" when not named
  std::string agency;
  bool named = false;
};

bool may_name(const User& reader, const User& person);
PersonName name_for(const User& reader, const User& person);

}  // namespace rocta
