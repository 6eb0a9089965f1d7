// Synthetic people with known truth, for measuring linkage at any size: each person is
// recorded one or more times, and the copies carry the errors real records carry.
// Deterministic for a seed. No real persons.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "match/role.h"

namespace rocta::match {

struct SyntheticErrors {
  double typo = 0.10;              // per name field of a copy: one character wrong
  double nickname = 0.10;          // given name written as a familiar form
  double day_month_swapped = 0.05;
  double dob_typo = 0.05;          // one digit of the date wrong
  double missing = 0.08;           // per field of a copy
  double moved_house = 0.15;       // a copy with a new address, postcode and phone
  double placeholder_dob = 0.005;  // 01/01/1900 recorded for an unknown date
  double hostel = 0.005;           // the address of a shared hostel
};

struct SyntheticRecord {
  PersonRecord record;
  std::uint32_t person;  // the truth: same number, same person
};

// About `records` records (exactly that many) of people recorded 1 to 5 times each.
std::vector<SyntheticRecord> synthetic_people(std::size_t records, std::uint64_t seed,
                                              const SyntheticErrors& errors = {});

}  // namespace rocta::match
