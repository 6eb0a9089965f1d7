#include "match/role.h"

namespace rocta::match {
namespace {

constexpr std::array<std::string_view, kRoleCount> kNames = {
    "given_name", "surname", "full_name", "dob",        "sex",        "address",
    "postcode",   "phone",   "email",     "birthplace", "occupation", "id_number"};

}  // namespace

std::optional<Role> parse_role(std::string_view name) {
  for (std::size_t i = 0; i < kRoleCount; ++i)
    if (kNames[i] == name) return static_cast<Role>(i);
  return std::nullopt;
}

std::string_view to_string(Role role) { return kNames[static_cast<std::size_t>(role)]; }

std::string role_names() {
  std::string out;
  for (auto n : kNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

}  // namespace rocta::match
