#include "app/admin.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/crypto.h"
#include "app/master_list.h"
#include "app/records.h"
#include "app/reference_data.h"
#include "core/compartment_grant.h"
#include "core/password_policy.h"
#include "store/agency_repository.h"
#include "store/unit_repository.h"
#include "store/page.h"
#include "store/repository_transaction.h"
#include "store/user_repository.h"
#include "store/session_repository.h"

namespace rocta {
namespace {

bool administers_agencies(const Caller& c) { return c.system || can_administer_agencies(c.user); }
bool administers(const Caller& c, const std::string& agency) { return c.system || can_administer(c.user, agency); }

const CommonPasswords& shipped_common_passwords() {
  static const CommonPasswords list(common_passwords_list());
  return list;
}

Status must_be_signed_in(const Caller& c) {
  if (!c.system && !c.user.active) return {Code::kUnauthenticated, "sign in first"};
  return Status::ok();
}

// Fills the agency facts a user record carries from its unit; checks the unit exists.
Status place_user(Transaction& tx, User& u) {
  auto unit = tx.units().get(u.unit_id);
  if (!unit.is_ok())
    return unit.status().code() == Code::kNotFound ? invalid("unknown unit " + std::to_string(u.unit_id), "unit_id") : unit.status();
  ROCTA_ASSIGN_OR_RETURN(Agency agency, tx.agencies().get(unit->agency));
  if (u.agency.empty()) u.agency = agency.code;
  u.region = agency.region;
  u.agency_kind = agency.kind;
  return validate_user(u, unit->agency);
}

// `before` is the user as stored (empty for a new user).
Status check_grant(const Caller& c, const User& before, const User& u) {
  if (c.system) return Status::ok();
  if (u.clearance > c.user.clearance) return denied("you cannot grant a clearance above your own");
  // A compartment is its SIU's to give, by two of its officers (app/compartment_grants.h).
  if (auto added = added_compartments(before, u); !added.empty())
    return denied("compartment " + added.front() + " is granted by its SIU: propose it (compartment grants), an SIU officer approves");
  return Status::ok();
}

nlohmann::json user_detail(const User& u) {
  std::vector<std::string> roles;
  for (Role r : u.roles) roles.emplace_back(to_string(r));
  return {{"username", u.username}, {"unit_id", u.unit_id}, {"roles", roles},
          {"clearance", to_string(u.clearance)}, {"compartments", u.compartments}, {"active", u.active}};
}

}  // namespace

std::vector<std::string> regions_of(const std::vector<Agency>& agencies) {
  std::set<std::string> r;
  for (const auto& a : agencies) r.insert(a.region);
  return {r.begin(), r.end()};
}

Status ensure_reference_data(App& app) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(ensure_default_morile_model(*tx, app));
  ROCTA_ASSIGN_OR_RETURN(auto existing, tx->agencies().list());
  if (!existing.empty()) return tx->commit();
  ROCTA_ASSIGN_OR_RETURN(auto agencies, parse_agencies_csv(agencies_reference_csv()));
  for (const auto& a : agencies) ROCTA_RETURN_IF_ERROR(tx->agencies().insert(a));
  nlohmann::json detail{{"agencies", agencies.size()}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, system_caller("startup"), {"reference.load", "", 0, detail.dump()}));
  return tx->commit();
}

Result<std::vector<Agency>> list_agencies(App& app, const Caller& caller, const std::string& region) {
  ROCTA_RETURN_IF_ERROR(must_be_signed_in(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx->agencies().list());
  if (!region.empty()) std::erase_if(agencies, [&](const Agency& a) { return a.region != region; });
  return agencies;
}

namespace {

Status stale(const std::string& what, int64_t stored, int64_t expected) {
  return Status(Code::kConflict, "the " + what + " is at version " + std::to_string(stored) + ", not " +
                                     std::to_string(expected) + ": someone changed it; reload first");
}

}  // namespace

Result<Agency> get_agency(App& app, const Caller& caller, const std::string& code) {
  ROCTA_RETURN_IF_ERROR(must_be_signed_in(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->agencies().get(code);
}

Result<Agency> create_agency(App& app, const Caller& caller, Agency agency) {
  if (!administers_agencies(caller)) return denied("only administrators manage agencies");
  ROCTA_RETURN_IF_ERROR(validate_agency(agency));
  agency.version = 1;
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(tx->agencies().insert(agency));
  nlohmann::json detail{{"code", agency.code}, {"name", agency.name}, {"region", agency.region}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"agency.create", "agency", 0, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return agency;
}

Result<Agency> update_agency(App& app, const Caller& caller, const std::string& code, int64_t expected_version,
                             const std::function<Status(Agency&)>& change) {
  if (!administers_agencies(caller)) return denied("only administrators manage agencies");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Agency agency, tx->agencies().get(code));
  if (agency.version != expected_version) return stale("agency " + code, agency.version, expected_version);
  ROCTA_RETURN_IF_ERROR(change(agency));
  agency.code = code;
  agency.version = expected_version + 1;
  ROCTA_RETURN_IF_ERROR(validate_agency(agency));
  ROCTA_RETURN_IF_ERROR(tx->agencies().update(agency));
  nlohmann::json detail{{"code", agency.code}, {"name", agency.name}, {"region", agency.region}, {"active", agency.active},
                        {"version", agency.version}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"agency.update", "agency", 0, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return agency;
}

Result<std::vector<Unit>> list_units(App& app, const Caller& caller, const std::string& agency) {
  ROCTA_RETURN_IF_ERROR(must_be_signed_in(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->units().list(agency);
}

Result<Unit> get_unit(App& app, const Caller& caller, int64_t id) {
  ROCTA_RETURN_IF_ERROR(must_be_signed_in(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->units().get(id);
}

Result<Unit> create_unit(App& app, const Caller& caller, Unit unit) {
  if (unit.agency.empty()) unit.agency = caller.user.agency;
  if (!administers(caller, unit.agency)) return denied("only administrators of " + unit.agency + " manage its units");
  ROCTA_RETURN_IF_ERROR(validate_unit(unit));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  if (auto a = tx->agencies().get(unit.agency); !a.is_ok())
    return a.status().code() == Code::kNotFound ? invalid("unknown agency '" + unit.agency + "'", "agency") : a.status();
  ROCTA_ASSIGN_OR_RETURN(unit.id, tx->units().insert(unit));
  nlohmann::json detail{{"agency", unit.agency}, {"name", unit.name}, {"kind", to_string(unit.kind)}, {"serves", unit.serves}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"unit.create", "unit", unit.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return unit;
}

Result<Unit> update_unit(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                         const std::function<Status(Unit&)>& change) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Unit unit, tx->units().get(id));
  const std::string agency = unit.agency;
  if (!administers(caller, agency)) return denied("only administrators of " + agency + " manage its units");
  if (unit.version != expected_version) return stale("unit " + std::to_string(id), unit.version, expected_version);
  ROCTA_RETURN_IF_ERROR(change(unit));
  if (unit.agency != agency) return invalid("a unit cannot move to another agency", "agency");
  unit.id = id;
  unit.version = expected_version + 1;
  ROCTA_RETURN_IF_ERROR(validate_unit(unit));
  ROCTA_RETURN_IF_ERROR(tx->units().update(unit));
  nlohmann::json detail{{"name", unit.name}, {"kind", to_string(unit.kind)}, {"serves", unit.serves}, {"active", unit.active},
                        {"version", unit.version}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"unit.update", "unit", unit.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return unit;
}

Result<Page<User>> list_users(App& app, const Caller& caller, const std::string& agency, const PageRequest& page) {
  ROCTA_RETURN_IF_ERROR(validate_page(page));
  // An administrator sees their own agency's users; the operator sees all.
  const std::string scope = caller.system ? agency : caller.user.agency;
  if (!administers(caller, scope)) return denied("only administrators list users");
  if (!caller.system && !agency.empty() && agency != caller.user.agency)
    return denied("administrators list the users of their own agency only");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto records, tx->users().list(scope, page));
  Page<User> out;
  out.total = records.total;
  for (auto& r : records.items) out.items.push_back(std::move(r.user));
  return out;
}

Result<User> get_user(App& app, const Caller& caller, int64_t id) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  auto r = tx->users().get(id);
  const Status hidden = not_found("user " + std::to_string(id) + " not found");
  if (!r.is_ok()) return r.status().code() == Code::kNotFound ? hidden : r.status();
  if (caller.user.id != id && !administers(caller, r->user.agency)) return hidden;
  return r->user;
}

Result<User> create_user(App& app, const Caller& caller, NewUser draft) {
  User& u = draft.user;
  u.id = 0;
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  u.agency.clear();
  ROCTA_RETURN_IF_ERROR(place_user(*tx, u));
  if (!administers(caller, u.agency)) return denied("only administrators of " + u.agency + " add its users");
  ROCTA_RETURN_IF_ERROR(check_grant(caller, User{}, u));
  ROCTA_RETURN_IF_ERROR(validate_new_password(u.username, draft.password, shipped_common_passwords()));
  ROCTA_ASSIGN_OR_RETURN(std::string hash, hash_password(draft.password, app.password_cost));
  ROCTA_ASSIGN_OR_RETURN(u.id, tx->users().insert({u, hash, iso_timestamp(app.clock.now_ms())}));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"user.create", "user", u.id, user_detail(u).dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return u;
}

Result<User> update_user(App& app, const Caller& caller, const User& changed) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  auto old = tx->users().get(changed.id);
  if (!old.is_ok() || !administers(caller, old->user.agency))
    return old.is_ok() || old.status().code() == Code::kNotFound ? not_found("user " + std::to_string(changed.id) + " not found")
                                                                 : old.status();
  User u = changed;
  u.username = old->user.username;
  u.agency.clear();
  ROCTA_RETURN_IF_ERROR(place_user(*tx, u));
  if (u.agency != old->user.agency) return invalid("a user moves agency by a new account, not by changing unit", "unit_id");
  ROCTA_RETURN_IF_ERROR(check_grant(caller, old->user, u));
  if (!caller.system && u.id == caller.user.id && !u.has(Role::kAdministrator))
    return invalid("you cannot remove your own administrator role", "roles");
  ROCTA_RETURN_IF_ERROR(tx->users().update(u));
  if (!u.active) ROCTA_RETURN_IF_ERROR(tx->sessions().remove_for_user(u.id));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"user.update", "user", u.id, user_detail(u).dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return u;
}

Status set_password(App& app, const Caller& caller, int64_t user_id, const std::string& new_password,
                    const std::optional<std::string>& current_password) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  auto target = tx->users().get(user_id);
  const bool self = !caller.system && caller.user.id == user_id;
  if (!target.is_ok() || (!self && !administers(caller, target->user.agency)))
    return target.is_ok() || target.status().code() == Code::kNotFound ? not_found("user " + std::to_string(user_id) + " not found")
                                                                       : target.status();
  if (self && !administers(caller, target->user.agency)) {
    if (!current_password || !verify_password(*current_password, target->password_hash))
      return invalid("your current password is needed, and was wrong or missing", "current_password");
  }
  ROCTA_RETURN_IF_ERROR(validate_new_password(target->user.username, new_password, shipped_common_passwords()));
  ROCTA_ASSIGN_OR_RETURN(std::string hash, hash_password(new_password, app.password_cost));
  ROCTA_RETURN_IF_ERROR(tx->users().set_password_hash(user_id, hash));
  // Every other session of that user ends: a reset password is a reason to sign in again.
  ROCTA_RETURN_IF_ERROR(tx->sessions().remove_for_user(user_id));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"user.password", "user", user_id, "{}"}));
  return tx->commit();
}

}  // namespace rocta
