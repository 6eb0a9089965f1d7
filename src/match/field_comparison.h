// Records prepared for comparison, and the comparison of one field of two records as a
// level (exact, nickname, close, …). Levels are what Fellegi–Sunter weighs.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "match/compare.h"
#include "match/role.h"

namespace rocta::match {

// One person's values after normalisation, with what comparison and blocking reuse.
// `ignored` has bit r set when role r holds an over-common or excluded value: such a
// value is neither compared nor blocked on, so it can never join two records.
struct PreparedRecord {
  std::array<std::string, kRoleCount> value;
  DateKey dob = 0;
  std::string given_soundex, surname_soundex;
  std::string_view given_formal;        // nickname table's formal name; empty if not in it
  std::span<const int> given_groups;    // nickname groups of the given name
  std::array<float, kRoleCount> frequency{};  // share of records with this value (term frequency)
  std::uint32_t ignored = 0;

  const std::string& operator[](Role r) const { return value[static_cast<std::size_t>(r)]; }
  bool is_ignored(Role r) const { return (ignored >> static_cast<unsigned>(r)) & 1U; }
  bool has(Role r) const { return !(*this)[r].empty() && !is_ignored(r); }
};

// Normalises a raw record; full_name fills given name and surname when they are empty.
PreparedRecord prepare(const PersonRecord& raw);
// The normalised value of one role, as `prepare` computes it (for exclusion lists).
std::string normalised_value(Role role, std::string_view raw);

// The comparison levels of a role. Level 0 always means "no evidence" (missing or
// ignored); level 1 is exact agreement; the last level is disagreement.
struct FieldSpec {
  Role role;
  std::vector<std::string_view> levels;  // labels, index = level
  bool term_frequency;  // exact agreement weighed by how common the value is
  bool hot_check;       // values shared by too many records are ignored
};
const FieldSpec& field_spec(Role role);

int compare_field(Role role, const PreparedRecord& a, const PreparedRecord& b);

}  // namespace rocta::match
