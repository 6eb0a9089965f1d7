#include "core/nominal.h"

#include "core/text.h"

namespace rocta {

std::string Nominal::display_name() const {
  if (given_names.empty()) return upper(surname);
  return upper(surname) + ", " + given_names;
}

Status validate_nominal(const Nominal& n) {
  if (trim(n.surname).empty() || n.surname.size() > 100) return invalid("surname is required (at most 100 characters)", "surname");
  if (n.given_names.size() > 200) return invalid("given names are at most 200 characters", "given_names");
  if (!n.date_of_birth.empty() && !is_iso_date(n.date_of_birth))
    return invalid("date of birth must be a date written YYYY-MM-DD", "date_of_birth");
  if (!n.sex.empty() && n.sex != "M" && n.sex != "F" && n.sex != "X") return invalid("sex is M, F, X or empty", "sex");
  if (n.postcode.size() > 10) return invalid("postcode is at most 10 characters", "postcode");
  if (n.address.size() > 500 || n.aliases.size() > 500 || n.notes.size() > 20000) return invalid("a text field is too long");
  for (const auto* s : {&n.given_names, &n.surname, &n.aliases, &n.address, &n.postcode, &n.notes})
    if (!is_clean_text(*s)) return invalid("text must be UTF-8 without control characters");
  return Status::ok();
}

}  // namespace rocta
