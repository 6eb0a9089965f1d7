#include "core/people.h"

namespace rocta {

bool may_name(const User& reader, const User& person) {
  if (!reader.active) return false;
  if (reader.id == person.id || reader.agency == person.agency) return true;
  if (!is_law_enforcement(reader.agency_kind) || !is_law_enforcement(person.agency_kind)) return false;
  if (reader.region.empty() || reader.region != person.region) return false;
  return !person.has(Role::kSiuOfficer);
}

PersonName name_for(const User& reader, const User& person) {
  PersonName n{person.id, "", person.agency, may_name(reader, person)};
  n.name = n.named ? (person.display_name.empty() ? person.username : person.display_name) : "A user of " + person.agency;
  return n;
}

}  // namespace rocta
