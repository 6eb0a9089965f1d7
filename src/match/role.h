// The roles a column can play in record linkage: what a value means, not what it is called.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rocta::match {

enum class Role : unsigned char {
  kGivenName,
  kSurname,
  kFullName,    // split into given name and surname when those are not given separately
  kDob,
  kSex,
  kAddress,
  kPostcode,
  kPhone,
  kEmail,
  kBirthplace,
  kOccupation,
  kIdNumber,    // a personal identifier: PNC ID, National Insurance number, passport
};
inline constexpr std::size_t kRoleCount = 12;

// The name used on the command line ("given_name", "dob", …); nullopt for an unknown one.
std::optional<Role> parse_role(std::string_view name);
std::string_view to_string(Role role);
// "given_name, surname, …" for messages.
std::string role_names();

// One person as a source recorded them: raw text per role, empty when not recorded.
struct PersonRecord {
  std::array<std::string, kRoleCount> fields;
  std::string& operator[](Role r) { return fields[static_cast<std::size_t>(r)]; }
  const std::string& operator[](Role r) const { return fields[static_cast<std::size_t>(r)]; }
};

}  // namespace rocta::match
