// Administration: agencies (reference data), units and users.
//
// Administrators manage the units and users of their own agency; agencies themselves are
// managed by administrators of law-enforcement agencies and from the command line.
// Non-administrators reading users get NotFound, so user lists are not an address book.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/organisation.h"
#include "store/page.h"

namespace rocta {

// Loads the agencies reference file shipped with Rocta into an empty database. Idempotent.
Status ensure_reference_data(App& app);
std::vector<std::string> regions_of(const std::vector<Agency>& agencies);

// Every agency, or those of one region ("" for all).
Result<std::vector<Agency>> list_agencies(App& app, const Caller& caller, const std::string& region = "");
Result<Agency> get_agency(App& app, const Caller& caller, const std::string& code);
Result<Agency> create_agency(App& app, const Caller& caller, Agency agency);
// Reads the agency, checks it is still at `expected_version`, applies `change` and writes
// it, in one transaction: Conflict when someone changed it since it was read. The code
// stays what it was.
Result<Agency> update_agency(App& app, const Caller& caller, const std::string& code, int64_t expected_version,
                             const std::function<Status(Agency&)>& change);

Result<std::vector<Unit>> list_units(App& app, const Caller& caller, const std::string& agency);
Result<Unit> get_unit(App& app, const Caller& caller, int64_t id);
Result<Unit> create_unit(App& app, const Caller& caller, Unit unit);
// As update_agency: one transaction, Conflict when not at `expected_version`; a unit stays
// in its agency.
Result<Unit> update_unit(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                         const std::function<Status(Unit&)>& change);

struct NewUser {
  User user;  // agency, region and kind are filled from the unit
  std::string password;
};

Result<Page<User>> list_users(App& app, const Caller& caller, const std::string& agency, const PageRequest& page);
Result<User> get_user(App& app, const Caller& caller, int64_t id);
Result<User> create_user(App& app, const Caller& caller, NewUser draft);
// Replaces display name, unit, roles, clearance, compartments and active. Deactivating a
// user ends their sessions.
Result<User> update_user(App& app, const Caller& caller, const User& changed);
// A user changes their own password (current one required); an administrator of their
// agency, or the operator at the command line, sets it without.
Status set_password(App& app, const Caller& caller, int64_t user_id, const std::string& new_password,
                    const std::optional<std::string>& current_password);

}  // namespace rocta
