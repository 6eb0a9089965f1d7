// A person who uses Rocta: their home agency, unit, roles, clearance and compartments.
//
// The agency's region and kind are carried on the user so that the policy can decide with
// nothing but the user and the record in hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/marking.h"
#include "core/organisation.h"

namespace rocta {

enum class Role {
  kFrontlineOfficer,
  kAnalyst,           // force or BCU intelligence analyst
  kSiuOfficer,        // sensitive intelligence unit
  kRoctaAnalyst,      // regional threat assessment
  kAssessor,          // MoRiLE assessor
  kModerator,         // MoRiLE moderator
  kLeadResponsibleOfficer,
  kTaskingChair,
  kPartner,           // partner agency user
  kScpoOfficer,       // serious crime prevention order monitoring
  kInspector,         // performance lead / inspector: reads figures
  kAdministrator,     // agencies, units, users of their own agency
};
inline constexpr int kRoleCount = 12;

std::string_view to_string(Role r);  // "frontline_officer", "analyst", …
std::optional<Role> parse_role(std::string_view s);
const std::vector<Role>& all_roles();

// What one sharing agreement gives the user's agency (core/sharing.h): with `records`, the
// giver's records shared at least as widely as `min_scope` and classified at most
// `max_classification`; with `capability`, the giver's capability figures. Each only while
// the agreement is in force (its dates; an ended agreement is not loaded at all).
struct SharingGrant {
  std::string giver;
  Classification max_classification = Classification::kOfficial;
  SharingScope min_scope = SharingScope::kRegion;
  bool signals = false;
  bool records = true;
  bool capability = false;
  std::string starts_on, ends_on;  // YYYY-MM-DD; empty: no bound
  bool operator==(const SharingGrant&) const = default;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string agency;  // home agency code
  std::string region;  // the home agency's region
  AgencyKind agency_kind = AgencyKind::kTerritorialForce;
  int64_t unit_id = 0;
  std::vector<Role> roles;
  Classification clearance = Classification::kOfficial;
  std::vector<std::string> compartments;
  bool active = true;
  std::vector<SharingGrant> grants;  // the active agreements whose receiver is the user's agency

  bool has(Role r) const;
  bool holds(std::string_view compartment) const;
};

// Username rules: 3-64 of a-z 0-9 . _ -, starting with a letter.
bool is_valid_username(std::string_view s);
// Rules for a user record (not the password); `unit_agency` is the agency of user.unit_id.
Status validate_user(const User& u, std::string_view unit_agency);
// A new password must be 12-256 characters and not the username.
Status validate_new_password(std::string_view username, std::string_view password);

}  // namespace rocta
