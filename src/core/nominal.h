// A nominal: a person known to an agency. Synthetic in the demo; real people in use, so
// every field is marked like any other record.
#pragma once

#include <cstdint>
#include <string>

#include "core/marking.h"

namespace rocta {

struct Nominal {
  int64_t id = 0;
  std::string reference;  // e.g. "MPS-NOM-000042"
  std::string given_names;
  std::string surname;
  std::string date_of_birth;  // YYYY-MM-DD or empty
  std::string sex;            // "M", "F", "X" or empty
  std::string aliases;        // free text, comma-separated
  std::string address;
  std::string postcode;
  std::string notes;
  Marking marking;
  int64_t version = 0;
  std::string created_at, updated_at;
  int64_t created_by = 0;

  std::string display_name() const;  // "SURNAME, Given Names"
};

Status validate_nominal(const Nominal& n);

}  // namespace rocta
