// Agencies, units, users and sessions in SQL.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "store/agency_repository.h"
#include "store/session_repository.h"
#include "store/sql/query_helpers.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"

namespace rocta::sql {

template <typename D>
class Agencies final : public AgencyRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kSelect = "SELECT code, name, kind, region, active, version FROM agencies ";

 public:
  explicit Agencies(typename D::Connection& db) : db_(db) {}
  Result<std::vector<Agency>> list() override {
    return all_rows<Agency>(db_, std::string(kSelect) + "ORDER BY region, name", {}, read);
  }
  Result<Agency> get(const std::string& code) override {
    return one_row<Agency>(db_, std::string(kSelect) + "WHERE code = ?", {code}, "agency '" + code + "'", read);
  }
  Status insert(const Agency& a) override {
    Status s = run(db_, "INSERT INTO agencies(code, name, kind, region, active, version) VALUES (?,?,?,?,?,?)",
                   {a.code, a.name, std::string(to_string(a.kind)), a.region, int64_t{a.active}, a.version});
    if (s.code() == Code::kAlreadyExists) return {Code::kAlreadyExists, "agency '" + a.code + "' already exists"};
    return s;
  }
  Status update(const Agency& a) override {
    ROCTA_RETURN_IF_ERROR(run(db_, "UPDATE agencies SET name = ?, kind = ?, region = ?, active = ?, version = ? WHERE code = ? AND version = ?",
                              {a.name, std::string(to_string(a.kind)), a.region, int64_t{a.active}, a.version, a.code, a.version - 1}));
    if (db_.changes() != 0) return Status::ok();
    if (auto held = get(a.code); !held.is_ok()) return held.status();
    return Status(Code::kConflict, "agency '" + a.code + "' was changed by someone else; reload first");
  }

 private:
  static Agency read(const Statement& st) {
    return Agency{st.text_at(0), st.text_at(1), parse_agency_kind(st.text_at(2)).value_or(AgencyKind::kPartnerAgency),
                  st.text_at(3), st.int_at(4) != 0, st.int_at(5)};
  }
  typename D::Connection& db_;
};

template <typename D>
class Units final : public UnitRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kSelect = "SELECT id, agency, name, kind, active, compartment, version FROM units ";

 public:
  explicit Units(typename D::Connection& db) : db_(db) {}
  Result<std::vector<Unit>> list(const std::string& agency) override {
    ROCTA_ASSIGN_OR_RETURN(auto out, all_rows<Unit>(db_, std::string(kSelect) + "WHERE (? = '' OR agency = ?) ORDER BY agency, name",
                                                    {agency, agency}, read));
    for (auto& u : out) {
      ROCTA_ASSIGN_OR_RETURN(u.serves, serves(u.id));
    }
    return out;
  }
  Result<Unit> get(int64_t id) override {
    ROCTA_ASSIGN_OR_RETURN(Unit u, one_row<Unit>(db_, std::string(kSelect) + "WHERE id = ?", {id}, "unit " + std::to_string(id), read));
    ROCTA_ASSIGN_OR_RETURN(u.serves, serves(u.id));
    return u;
  }
  Result<int64_t> insert(const Unit& u) override {
    auto id = one_integer(db_, "INSERT INTO units(agency, name, kind, active, compartment, version) VALUES (?,?,?,?,?,?) RETURNING id",
                          {u.agency, u.name, std::string(to_string(u.kind)), int64_t{u.active}, u.compartment, u.version});
    if (!id.is_ok()) return duplicate_name(id.status(), u);
    ROCTA_RETURN_IF_ERROR(save_serves(*id, u.serves));
    return id;
  }
  Status update(const Unit& u) override {
    Status s = run(db_, "UPDATE units SET name = ?, kind = ?, active = ?, compartment = ?, version = ? WHERE id = ? AND version = ?",
                   {u.name, std::string(to_string(u.kind)), int64_t{u.active}, u.compartment, u.version, u.id, u.version - 1});
    ROCTA_RETURN_IF_ERROR(duplicate_name(s, u));
    if (db_.changes() == 0) {
      if (auto held = get(u.id); !held.is_ok()) return held.status();
      return Status(Code::kConflict, "unit " + std::to_string(u.id) + " was changed by someone else; reload first");
    }
    return save_serves(u.id, u.serves);
  }

 private:
  static Status duplicate_name(const Status& s, const Unit& u) {
    if (s.code() == Code::kAlreadyExists) return {Code::kAlreadyExists, "the agency already has a unit named '" + u.name + "'"};
    return s;
  }
  static Unit read(const Statement& st) {
    Unit u;
    u.id = st.int_at(0);
    u.agency = st.text_at(1);
    u.name = st.text_at(2);
    u.kind = parse_unit_kind(st.text_at(3)).value_or(UnitKind::kOther);
    u.active = st.int_at(4) != 0;
    u.compartment = st.text_at(5);
    u.version = st.int_at(6);
    return u;
  }
  Result<std::vector<std::string>> serves(int64_t id) {
    return all_rows<std::string>(db_, "SELECT agency FROM unit_serves WHERE unit_id = ? ORDER BY agency", {id},
                                 [](const Statement& st) { return st.text_at(0); });
  }
  Status save_serves(int64_t id, const std::vector<std::string>& agencies) {
    ROCTA_RETURN_IF_ERROR(run(db_, "DELETE FROM unit_serves WHERE unit_id = ?", {id}));
    for (const auto& a : agencies) {
      if (!run(db_, "INSERT INTO unit_serves(unit_id, agency) VALUES (?, ?)", {id, a}).is_ok())
        return invalid("unit serves an unknown agency '" + a + "'", "serves");
    }
    return Status::ok();
  }
  typename D::Connection& db_;
};

template <typename D>
class Users final : public UserRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kSelect =
      "SELECT u.id, u.username, u.display_name, u.unit_id, u.roles, u.clearance, u.compartments, u.password_hash, "
      "u.active, u.created_at, a.code, a.region, a.kind FROM users u JOIN units n ON n.id = u.unit_id "
      "JOIN agencies a ON a.code = n.agency ";

 public:
  explicit Users(typename D::Connection& db) : db_(db) {}
  Result<UserRecord> get(int64_t id) override {
    return with_grants(
        one_row<UserRecord>(db_, std::string(kSelect) + "WHERE u.id = ?", {id}, "user " + std::to_string(id), read));
  }
  Result<UserRecord> find_by_username(const std::string& username) override {
    return with_grants(one_row<UserRecord>(db_, std::string(kSelect) + "WHERE u.username = ?", {username},
                                           "user '" + username + "'", read));
  }
  Result<Page<UserRecord>> list(const std::string& agency, const PageRequest& page) override {
    Page<UserRecord> out;
    ROCTA_ASSIGN_OR_RETURN(out.items, all_rows<UserRecord>(db_, std::string(kSelect) +
                                                                    "WHERE (? = '' OR a.code = ?) ORDER BY u.username LIMIT ? OFFSET ?",
                                                           {agency, agency, int64_t{page.limit}, int64_t{page.offset}}, read));
    ROCTA_ASSIGN_OR_RETURN(out.total, one_integer(db_, "SELECT count(*) FROM users u JOIN units n ON n.id = u.unit_id "
                                                       "WHERE (? = '' OR n.agency = ?)",
                                                  {agency, agency}));
    return out;
  }
  Result<int64_t> insert(const UserRecord& r) override {
    const User& u = r.user;
    auto id = one_integer(db_,
                          "INSERT INTO users(username, display_name, unit_id, roles, clearance, compartments, password_hash, "
                          "active, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                          {u.username, u.display_name, u.unit_id, roles_text(u), static_cast<int64_t>(u.clearance),
                           join_list(u.compartments), r.password_hash, int64_t{u.active}, r.created_at});
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, "username '" + u.username + "' is taken");
    return id;
  }
  Status update(const User& u) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE users SET display_name = ?, unit_id = ?, roles = ?, clearance = ?, compartments = ?, "
                              "active = ? WHERE id = ?",
                              {u.display_name, u.unit_id, roles_text(u), static_cast<int64_t>(u.clearance),
                               join_list(u.compartments), int64_t{u.active}, u.id}));
    if (db_.changes() == 0) return not_found_status("user " + std::to_string(u.id));
    return Status::ok();
  }
  Status set_password_hash(int64_t id, const std::string& hash) override {
    ROCTA_RETURN_IF_ERROR(run(db_, "UPDATE users SET password_hash = ? WHERE id = ?", {hash, id}));
    if (db_.changes() == 0) return not_found_status("user " + std::to_string(id));
    return Status::ok();
  }
  Result<int64_t> count() override { return one_integer(db_, "SELECT count(*) FROM users", {}); }

 private:
  // A user is always read with what the sharing agreements give their agency, so every
  // ReadScope made from them carries it.
  Result<UserRecord> with_grants(Result<UserRecord> r) {
    if (!r.is_ok()) return r;
    // Each grant says which subjects it covers and when it is in force; core/policy.h
    // (records) and core/capability.h (capability) read only what covers theirs.
    ROCTA_ASSIGN_OR_RETURN(
        r->user.grants,
        all_rows<SharingGrant>(db_,
                               "SELECT giver, max_classification, min_scope, signals, subjects, capability_of, starts_on, "
                               "ends_on FROM sharing_agreements WHERE receiver = ? AND active = ? ORDER BY giver",
                               {r->user.agency, int64_t{1}}, [](const Statement& st) {
                                 SharingGrant g{st.text_at(0), static_cast<Classification>(st.int_at(1)),
                                                static_cast<SharingScope>(st.int_at(2)), st.int_at(3) != 0};
                                 const auto subjects = split_list(st.text_at(4));
                                 const auto whose = split_list(st.text_at(5));
                                 g.records = std::find(subjects.begin(), subjects.end(), "records") != subjects.end();
                                 // Capability only where the agreement names the giver's own.
                                 g.capability = std::find(subjects.begin(), subjects.end(), "capability") != subjects.end() &&
                                                std::find(whose.begin(), whose.end(), g.giver) != whose.end();
                                 g.starts_on = st.text_at(6);
                                 g.ends_on = st.text_at(7);
                                 return g;
                               }));
    return r;
  }
  static std::string roles_text(const User& u) {
    std::vector<std::string> names;
    for (Role r : u.roles) names.emplace_back(to_string(r));
    return join_list(names);
  }
  static UserRecord read(const Statement& st) {
    UserRecord r;
    User& u = r.user;
    u.id = st.int_at(0);
    u.username = st.text_at(1);
    u.display_name = st.text_at(2);
    u.unit_id = st.int_at(3);
    for (const auto& name : split_list(st.text_at(4)))
      if (auto role = parse_role(name)) u.roles.push_back(*role);
    u.clearance = static_cast<Classification>(st.int_at(5));
    u.compartments = split_list(st.text_at(6));
    r.password_hash = st.text_at(7);
    u.active = st.int_at(8) != 0;
    r.created_at = st.text_at(9);
    u.agency = st.text_at(10);
    u.region = st.text_at(11);
    u.agency_kind = parse_agency_kind(st.text_at(12)).value_or(AgencyKind::kPartnerAgency);
    return r;
  }
  typename D::Connection& db_;
};

template <typename D>
class Sessions final : public SessionRepository {
  using Statement = typename D::Statement;

 public:
  explicit Sessions(typename D::Connection& db) : db_(db) {}
  Status insert(const SessionRecord& s) override {
    return run(db_, "INSERT INTO sessions(token_hash, user_id, created_ms, expires_ms, origin) VALUES (?,?,?,?,?)",
               {s.token_hash, s.user_id, s.created_ms, s.expires_ms, s.origin});
  }
  Result<SessionRecord> find(const std::string& token_hash) override {
    return one_row<SessionRecord>(
        db_, "SELECT token_hash, user_id, created_ms, expires_ms, origin FROM sessions WHERE token_hash = ?", {token_hash},
        "session", [](const Statement& st) {
          return SessionRecord{st.text_at(0), st.int_at(1), st.int_at(2), st.int_at(3), st.text_at(4)};
        });
  }
  Status remove(const std::string& token_hash) override { return run(db_, "DELETE FROM sessions WHERE token_hash = ?", {token_hash}); }
  Status remove_for_user(int64_t user_id) override { return run(db_, "DELETE FROM sessions WHERE user_id = ?", {user_id}); }
  Status remove_expired(int64_t now_ms) override { return run(db_, "DELETE FROM sessions WHERE expires_ms <= ?", {now_ms}); }

 private:
  typename D::Connection& db_;
};

}  // namespace rocta::sql
