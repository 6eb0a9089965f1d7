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
// Compact, because a million of them are held at once: the values share one string.
struct PreparedRecord {
  std::string text;                                   // every role's value, one after another
  std::array<std::uint16_t, kRoleCount> end_of{};     // where each role's value ends in `text`
  DateKey dob = 0;
  std::array<char, 4> given_sound{}, surname_sound{};  // Soundex; zeros when no letters
  std::string_view given_formal;        // nickname table's formal name; empty if not in it
  std::span<const int> given_groups;    // nickname groups of the given name
  std::array<float, kRoleCount> frequency{};  // share of records with this value (term frequency)
  std::uint32_t ignored = 0;

  std::string_view operator[](Role r) const {
    const auto i = static_cast<std::size_t>(r);
    const std::size_t begin = i == 0 ? 0 : end_of[i - 1];
    return std::string_view(text).substr(begin, end_of[i] - begin);
  }
  std::string_view given_soundex() const { return sound(given_sound); }
  std::string_view surname_soundex() const { return sound(surname_sound); }
  bool is_ignored(Role r) const { return (ignored >> static_cast<unsigned>(r)) & 1U; }
  bool has(Role r) const { return !(*this)[r].empty() && !is_ignored(r); }
  // Sets every value at once (values longer than 65,535 bytes in all are cut).
  void set_values(const std::array<std::string, kRoleCount>& values);

 private:
  static std::string_view sound(const std::array<char, 4>& s) { return s[0] ? std::string_view(s.data(), 4) : std::string_view{}; }
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
