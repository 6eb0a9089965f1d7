#include "core/user.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/text.h"

namespace rocta {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, kRoleCount> kRoles{{
    {Role::kFrontlineOfficer, "frontline_officer"},
    {Role::kAnalyst, "analyst"},
    {Role::kSiuOfficer, "siu_officer"},
    {Role::kRoctaAnalyst, "rocta_analyst"},
    {Role::kAssessor, "assessor"},
    {Role::kModerator, "moderator"},
    {Role::kLeadResponsibleOfficer, "lead_responsible_officer"},
    {Role::kTaskingChair, "tasking_chair"},
    {Role::kPartner, "partner"},
    {Role::kScpoOfficer, "scpo_officer"},
    {Role::kInspector, "inspector"},
    {Role::kAdministrator, "administrator"},
}};

}  // namespace

std::string_view to_string(Role r) {
  for (const auto& [role, name] : kRoles)
    if (role == r) return name;
  return "frontline_officer";
}

std::optional<Role> parse_role(std::string_view s) {
  for (const auto& [role, name] : kRoles)
    if (name == s) return role;
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> r;
    for (const auto& [role, name] : kRoles) r.push_back(role);
    return r;
  }();
  return roles;
}

bool User::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool User::holds(std::string_view compartment) const {
  return std::find(compartments.begin(), compartments.end(), compartment) != compartments.end();
}

bool is_valid_username(std::string_view s) {
  if (s.size() < 3 || s.size() > 64 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
           c == '.' || c == '_' || c == '-';
  });
}

Status validate_user(const User& u, std::string_view unit_agency) {
  if (!is_valid_username(u.username))
    return invalid("username must be 3-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter", "username");
  if (trim(u.display_name).empty() || u.display_name.size() > 200)
    return invalid("display name is required (at most 200 characters)", "display_name");
  if (u.roles.empty()) return invalid("a user needs at least one role", "roles");
  if (unit_agency != u.agency) return invalid("the unit belongs to another agency", "unit_id");
  const bool partner_agency = u.agency_kind == AgencyKind::kPartnerAgency;
  for (Role r : u.roles) {
    // Partner agency staff hold the partner role (and may administer their own users);
    // police roles belong to law-enforcement agencies.
    if (partner_agency && r != Role::kPartner && r != Role::kAdministrator)
      return invalid("a partner agency user can hold only the partner or administrator role", "roles");
    if (!partner_agency && r == Role::kPartner)
      return invalid("the partner role is for partner agency users", "roles");
  }
  for (const auto& c : u.compartments)
    if (c.empty() || c.size() > 64) return invalid("compartment names are 1-64 characters", "compartments");
  return Status::ok();
}

Status validate_new_password(std::string_view username, std::string_view password) {
  if (password.size() < 12) return invalid("password must be at least 12 characters", "password");
  if (password.size() > 256) return invalid("password must be at most 256 characters", "password");
  if (lower(password) == lower(username)) return invalid("password must not be the username", "password");
  return Status::ok();
}

}  // namespace rocta
