#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <sstream>

#include "store/sqlite/master_list_repo.h"
#include "store/sqlite/record_traits.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/scope_predicate.h"
#include "store/sqlite/sqlite_db.h"

namespace rocta {
namespace sqlite {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

Status not_found_status(const std::string& what) { return not_found(what + " not found"); }

// ---- organisation -------------------------------------------------------------------

class SqliteAgencies final : public AgencyRepository {
 public:
  explicit SqliteAgencies(Connection& db) : db_(db) {}
  Result<std::vector<Agency>> list() override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("SELECT code, name, kind, region, active FROM agencies ORDER BY region, name"));
    std::vector<Agency> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      out.push_back(read(*st));
    }));
    return out;
  }
  Result<Agency> get(const std::string& code) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("SELECT code, name, kind, region, active FROM agencies WHERE code = ?"));
    st->bind(1, code);
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return not_found_status("agency '" + code + "'");
    return read(*st);
  }
  Status insert(const Agency& a) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("INSERT INTO agencies(code, name, kind, region, active) VALUES (?,?,?,?,?)"));
    st->bind_all({a.code, a.name, std::string(to_string(a.kind)), a.region, int64_t{a.active}});
    Status s = st->run();
    if (s.code() == Code::kAlreadyExists) return {Code::kAlreadyExists, "agency '" + a.code + "' already exists"};
    return s;
  }
  Status update(const Agency& a) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("UPDATE agencies SET name = ?, kind = ?, region = ?, active = ? WHERE code = ?"));
    st->bind_all({a.name, std::string(to_string(a.kind)), a.region, int64_t{a.active}, a.code});
    ROCTA_RETURN_IF_ERROR(st->run());
    if (db_.changes() == 0) return not_found_status("agency '" + a.code + "'");
    return Status::ok();
  }

 private:
  static Agency read(Statement& st) {
    return Agency{st.text_at(0), st.text_at(1), parse_agency_kind(st.text_at(2)).value_or(AgencyKind::kPartnerAgency),
                  st.text_at(3), st.int_at(4) != 0};
  }
  Connection& db_;
};

class SqliteUnits final : public UnitRepository {
 public:
  explicit SqliteUnits(Connection& db) : db_(db) {}
  Result<std::vector<Unit>> list(const std::string& agency) override {
    ROCTA_ASSIGN_OR_RETURN(
        Statement * st,
        db_.prepare("SELECT id, agency, name, kind, active FROM units WHERE (? = '' OR agency = ?) ORDER BY agency, name"));
    st->bind_all({agency, agency});
    std::vector<Unit> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      out.push_back(read(*st));
    }));
    for (auto& u : out) {
      ROCTA_ASSIGN_OR_RETURN(u.serves, serves(u.id));
    }
    return out;
  }
  Result<Unit> get(int64_t id) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("SELECT id, agency, name, kind, active FROM units WHERE id = ?"));
    st->bind(1, id);
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return not_found_status("unit " + std::to_string(id));
    Unit u = read(*st);
    ROCTA_ASSIGN_OR_RETURN(u.serves, serves(u.id));
    return u;
  }
  Result<int64_t> insert(const Unit& u) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("INSERT INTO units(agency, name, kind, active) VALUES (?,?,?,?)"));
    st->bind_all({u.agency, u.name, std::string(to_string(u.kind)), int64_t{u.active}});
    Status s = st->run();
    if (s.code() == Code::kAlreadyExists) return Status(Code::kAlreadyExists, "the agency already has a unit named '" + u.name + "'");
    ROCTA_RETURN_IF_ERROR(s);
    const int64_t id = db_.last_insert_id();
    ROCTA_RETURN_IF_ERROR(save_serves(id, u.serves));
    return id;
  }
  Status update(const Unit& u) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("UPDATE units SET name = ?, kind = ?, active = ? WHERE id = ?"));
    st->bind_all({u.name, std::string(to_string(u.kind)), int64_t{u.active}, u.id});
    Status s = st->run();
    if (s.code() == Code::kAlreadyExists) return {Code::kAlreadyExists, "the agency already has a unit named '" + u.name + "'"};
    ROCTA_RETURN_IF_ERROR(s);
    if (db_.changes() == 0) return not_found_status("unit " + std::to_string(u.id));
    return save_serves(u.id, u.serves);
  }

 private:
  static Unit read(Statement& st) {
    Unit u;
    u.id = st.int_at(0);
    u.agency = st.text_at(1);
    u.name = st.text_at(2);
    u.kind = parse_unit_kind(st.text_at(3)).value_or(UnitKind::kOther);
    u.active = st.int_at(4) != 0;
    return u;
  }
  Result<std::vector<std::string>> serves(int64_t id) {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("SELECT agency FROM unit_serves WHERE unit_id = ? ORDER BY agency"));
    st->bind(1, id);
    std::vector<std::string> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      out.push_back(st->text_at(0));
    }));
    return out;
  }
  Status save_serves(int64_t id, const std::vector<std::string>& agencies) {
    ROCTA_ASSIGN_OR_RETURN(Statement * del, db_.prepare("DELETE FROM unit_serves WHERE unit_id = ?"));
    del->bind(1, id);
    ROCTA_RETURN_IF_ERROR(del->run());
    for (const auto& a : agencies) {
      ROCTA_ASSIGN_OR_RETURN(Statement * ins, db_.prepare("INSERT INTO unit_serves(unit_id, agency) VALUES (?, ?)"));
      ins->bind_all({id, a});
      Status s = ins->run();
      if (!s.is_ok()) return invalid("unit serves an unknown agency '" + a + "'", "serves");
    }
    return Status::ok();
  }
  Connection& db_;
};

constexpr const char* kUserSelect =
    "SELECT u.id, u.username, u.display_name, u.unit_id, u.roles, u.clearance, u.compartments, u.password_hash, "
    "u.active, u.created_at, a.code, a.region, a.kind FROM users u JOIN units n ON n.id = u.unit_id "
    "JOIN agencies a ON a.code = n.agency ";

class SqliteUsers final : public UserRepository {
 public:
  explicit SqliteUsers(Connection& db) : db_(db) {}
  Result<UserRecord> get(int64_t id) override { return one(std::string(kUserSelect) + "WHERE u.id = ?", id, "user " + std::to_string(id)); }
  Result<UserRecord> find_by_username(const std::string& username) override {
    return one(std::string(kUserSelect) + "WHERE u.username = ?", username, "user '" + username + "'");
  }
  Result<Page<UserRecord>> list(const std::string& agency, const PageRequest& page) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string(kUserSelect) +
                                                         "WHERE (? = '' OR a.code = ?) ORDER BY u.username LIMIT ? OFFSET ?"));
    st->bind_all({agency, agency, int64_t{page.limit}, int64_t{page.offset}});
    Page<UserRecord> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      out.items.push_back(read(*st));
    }));
    ROCTA_ASSIGN_OR_RETURN(Statement * c, db_.prepare("SELECT count(*) FROM users u JOIN units n ON n.id = u.unit_id "
                                                      "WHERE (? = '' OR n.agency = ?)"));
    c->bind_all({agency, agency});
    ROCTA_ASSIGN_OR_RETURN(bool crow, c->step());
    out.total = crow ? c->int_at(0) : 0;
    return out;
  }
  Result<int64_t> insert(const UserRecord& r) override {
    const User& u = r.user;
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "INSERT INTO users(username, display_name, unit_id, roles, clearance, compartments, password_hash, active, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?)"));
    st->bind_all({u.username, u.display_name, u.unit_id, roles_text(u), static_cast<int64_t>(u.clearance),
                  join(u.compartments), r.password_hash, int64_t{u.active}, r.created_at});
    Status s = st->run();
    if (s.code() == Code::kAlreadyExists) return Status(Code::kAlreadyExists, "username '" + u.username + "' is taken");
    ROCTA_RETURN_IF_ERROR(s);
    return db_.last_insert_id();
  }
  Status update(const User& u) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "UPDATE users SET display_name = ?, unit_id = ?, roles = ?, clearance = ?, compartments = ?, active = ? WHERE id = ?"));
    st->bind_all({u.display_name, u.unit_id, roles_text(u), static_cast<int64_t>(u.clearance), join(u.compartments),
                  int64_t{u.active}, u.id});
    ROCTA_RETURN_IF_ERROR(st->run());
    if (db_.changes() == 0) return not_found_status("user " + std::to_string(u.id));
    return Status::ok();
  }
  Status set_password_hash(int64_t id, const std::string& hash) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
    st->bind_all({hash, id});
    ROCTA_RETURN_IF_ERROR(st->run());
    if (db_.changes() == 0) return not_found_status("user " + std::to_string(id));
    return Status::ok();
  }
  Result<int64_t> count() override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("SELECT count(*) FROM users"));
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    return row ? st->int_at(0) : 0;
  }

 private:
  static std::string roles_text(const User& u) {
    std::vector<std::string> names;
    for (Role r : u.roles) names.emplace_back(to_string(r));
    return join(names);
  }
  Result<UserRecord> one(const std::string& sql, const Value& key, const std::string& what) {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(sql));
    st->bind(1, key);
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return not_found_status(what);
    return read(*st);
  }
  static UserRecord read(Statement& st) {
    UserRecord r;
    User& u = r.user;
    u.id = st.int_at(0);
    u.username = st.text_at(1);
    u.display_name = st.text_at(2);
    u.unit_id = st.int_at(3);
    for (const auto& name : split(st.text_at(4)))
      if (auto role = parse_role(name)) u.roles.push_back(*role);
    u.clearance = static_cast<Classification>(st.int_at(5));
    u.compartments = split(st.text_at(6));
    r.password_hash = st.text_at(7);
    u.active = st.int_at(8) != 0;
    r.created_at = st.text_at(9);
    u.agency = st.text_at(10);
    u.region = st.text_at(11);
    u.agency_kind = parse_agency_kind(st.text_at(12)).value_or(AgencyKind::kPartnerAgency);
    return r;
  }
  Connection& db_;
};

class SqliteSessions final : public SessionRepository {
 public:
  explicit SqliteSessions(Connection& db) : db_(db) {}
  Status insert(const SessionRecord& s) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "INSERT INTO sessions(token_hash, user_id, created_ms, expires_ms, origin) VALUES (?,?,?,?,?)"));
    st->bind_all({s.token_hash, s.user_id, s.created_ms, s.expires_ms, s.origin});
    return st->run();
  }
  Result<SessionRecord> find(const std::string& token_hash) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "SELECT token_hash, user_id, created_ms, expires_ms, origin FROM sessions WHERE token_hash = ?"));
    st->bind(1, token_hash);
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return not_found_status("session");
    return SessionRecord{st->text_at(0), st->int_at(1), st->int_at(2), st->int_at(3), st->text_at(4)};
  }
  Status remove(const std::string& token_hash) override { return exec("DELETE FROM sessions WHERE token_hash = ?", token_hash); }
  Status remove_for_user(int64_t user_id) override { return exec("DELETE FROM sessions WHERE user_id = ?", user_id); }
  Status remove_expired(int64_t now_ms) override { return exec("DELETE FROM sessions WHERE expires_ms <= ?", now_ms); }

 private:
  Status exec(const std::string& sql, const Value& v) {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(sql));
    st->bind(1, v);
    return st->run();
  }
  Connection& db_;
};

// ---- marked records -------------------------------------------------------------------

Result<std::vector<std::string>> load_shares(Connection& db, const char* kind, int64_t id) {
  ROCTA_ASSIGN_OR_RETURN(Statement * st, db.prepare("SELECT agency FROM record_shares WHERE kind = ? AND record_id = ? ORDER BY agency"));
  st->bind_all({std::string(kind), id});
  std::vector<std::string> out;
  ROCTA_RETURN_IF_ERROR(st->each([&] {
    out.push_back(st->text_at(0));
  }));
  return out;
}

Status save_shares(Connection& db, const char* kind, int64_t id, const std::vector<std::string>& agencies) {
  ROCTA_ASSIGN_OR_RETURN(Statement * del, db.prepare("DELETE FROM record_shares WHERE kind = ? AND record_id = ?"));
  del->bind_all({std::string(kind), id});
  ROCTA_RETURN_IF_ERROR(del->run());
  for (const auto& a : agencies) {
    ROCTA_ASSIGN_OR_RETURN(Statement * ins, db.prepare("INSERT INTO record_shares(kind, record_id, agency) VALUES (?,?,?)"));
    ins->bind_all({std::string(kind), id, a});
    if (Status s = ins->run(); !s.is_ok()) return invalid("shared_with names an unknown agency '" + a + "'", "marking.shared_with");
  }
  return Status::ok();
}

template <typename Traits>
class SqliteMarked final : public MarkedRepository<typename Traits::Record, typename Traits::Query> {
  using Record = typename Traits::Record;
  using Query = typename Traits::Query;

 public:
  explicit SqliteMarked(Connection& db) : db_(db) {}

  Result<Record> get(int64_t id, const ReadScope& scope) override {
    Sql sql;
    sql.add(select_from() + " WHERE r.id = ?", id).add(" AND ");
    append_scope_predicate(sql, scope, "r", Traits::kKind);
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(sql.text));
    st->bind_all(sql.params);
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    // 404 whether absent or hidden: a different answer would confirm the record exists.
    if (!row) return not_found_status(std::string(Traits::kNoun) + " " + std::to_string(id));
    Record r = read(*st);
    st->reset();
    ROCTA_ASSIGN_OR_RETURN(r.marking.shared_with, load_shares(db_, Traits::kKind, r.id));
    return r;
  }

  Result<Page<Record>> list(const ReadScope& scope, const Query& q) override {
    const std::string fts = fts_query(q.text);
    Sql where;
    where.add(" WHERE ");
    append_scope_predicate(where, scope, "r", Traits::kKind);
    Traits::filters(where, q);
    std::string from = std::string(" FROM ") + Traits::kTable + " r";
    Sql head;
    if (!fts.empty()) {
      from += std::string(" JOIN (SELECT rowid AS fid, rank AS frank FROM ") + Traits::kFts + " WHERE " + Traits::kFts +
              " MATCH ?) f ON f.fid = r.id";
      head.params.push_back(fts);
    }
    Page<Record> page;
    {
      Sql count = head;
      count.add("SELECT count(*)" + from + where.text);
      count.params.insert(count.params.end(), where.params.begin(), where.params.end());
      ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(count.text));
      st->bind_all(count.params);
      ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
      page.total = row ? st->int_at(0) : 0;
      st->reset();
    }
    // The page in two steps: the ids in order (from the narrow access index), then the
    // records and their shares for just those ids.
    Sql ids = head;
    ids.add("SELECT r.id" + from + where.text);
    ids.params.insert(ids.params.end(), where.params.begin(), where.params.end());
    // Best match first when searching; otherwise the reader's own agency's records first.
    ids.add(" ORDER BY " + std::string(fts.empty() ? "" : "f.frank, "));
    if (Traits::own_first(q)) ids.add("(r.owner <> ?), ", scope.agency);
    ids.add(Traits::order(q) + " LIMIT ?", int64_t{q.page.limit});
    ids.add(" OFFSET ?", int64_t{q.page.offset});
    std::vector<int64_t> order;
    {
      ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(ids.text));
      st->bind_all(ids.params);
      ROCTA_RETURN_IF_ERROR(st->each([&] {
        order.push_back(st->int_at(0));
      }));
      st->reset();
    }
    if (order.empty()) return page;
    ROCTA_ASSIGN_OR_RETURN(auto by_id, fetch(order));
    for (int64_t id : order) page.items.push_back(std::move(by_id.at(id)));
    return page;
  }

  Result<int64_t> insert(const Record& r) override {
    const auto specific = Traits::columns();
    std::string cols = "reference";
    for (const auto& c : specific) cols += ", " + c;
    cols += ", owner, classification, sensitive, handling, handling_conditions, compartment, scope, version, created_at, "
            "updated_at, created_by";
    std::string marks = "?";
    const size_t n = 1 + specific.size() + 11;
    for (size_t i = 1; i < n; ++i) marks += ",?";
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string("INSERT INTO ") + Traits::kTable + "(" + cols + ") VALUES (" + marks + ")"));
    std::vector<Value> v{r.reference};
    for (auto& x : Traits::values(r)) v.push_back(std::move(x));
    append_marking(v, r.marking);
    v.insert(v.end(), {r.version, r.created_at, r.updated_at, r.created_by});
    st->bind_all(v);
    Status s = st->run();
    if (s.code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, std::string(Traits::kNoun) + " reference '" + r.reference + "' is already used");
    ROCTA_RETURN_IF_ERROR(s);
    const int64_t id = db_.last_insert_id();
    ROCTA_RETURN_IF_ERROR(save_shares(db_, Traits::kKind, id, r.marking.shared_with));
    return id;
  }

  Status update(const Record& r) override {
    std::string set;
    for (const auto& c : Traits::columns()) set += c + " = ?, ";
    set += "owner = ?, classification = ?, sensitive = ?, handling = ?, handling_conditions = ?, compartment = ?, "
           "scope = ?, version = ?, updated_at = ?";
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string("UPDATE ") + Traits::kTable + " SET " + set +
                                                         " WHERE id = ? AND version = ?"));
    std::vector<Value> v = Traits::values(r);
    append_marking(v, r.marking);
    v.insert(v.end(), {r.version, r.updated_at, r.id, r.version - 1});
    st->bind_all(v);
    ROCTA_RETURN_IF_ERROR(st->run());
    if (db_.changes() == 0)
      return {Code::kConflict, std::string("the ") + Traits::kNoun + " was changed by someone else since you loaded it; reload and apply your change again"};
    return save_shares(db_, Traits::kKind, r.id, r.marking.shared_with);
  }

  Result<int64_t> id_by_reference(const std::string& owner, const std::string& reference) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string("SELECT id FROM ") + Traits::kTable + " WHERE owner = ? AND reference = ?"));
    st->bind_all({owner, reference});
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return not_found_status(std::string(Traits::kNoun) + " '" + reference + "'");
    return st->int_at(0);
  }

 private:
  // Records by id with their shares, in two queries whatever the number of ids.
  Result<std::map<int64_t, Record>> fetch(const std::vector<int64_t>& ids) {
    std::string marks;
    std::vector<Value> params;
    for (int64_t id : ids) {
      marks += marks.empty() ? "?" : ",?";
      params.push_back(id);
    }
    std::map<int64_t, Record> out;
    {
      ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(select_from() + " WHERE r.id IN (" + marks + ")"));
      st->bind_all(params);
      ROCTA_RETURN_IF_ERROR(st->each([&] {
        Record r = read(*st);
        out.emplace(r.id, std::move(r));
      }));
      st->reset();
    }
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string("SELECT record_id, agency FROM record_shares WHERE kind = '") +
                                                         Traits::kKind + "' AND record_id IN (" + marks + ") ORDER BY agency"));
    st->bind_all(params);
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      auto it = out.find(st->int_at(0));
      if (it != out.end()) it->second.marking.shared_with.push_back(st->text_at(1));
    }));
    st->reset();
    if (out.size() != ids.size()) return Status(Code::kInternal, "a listed record vanished within its transaction");
    return out;
  }

  static std::string columns() {
    std::string cols = "r.id, r.reference";
    for (const auto& c : Traits::columns()) cols += ", r." + c;
    cols += ", r.owner, r.classification, r.sensitive, r.handling, r.handling_conditions, r.compartment, r.scope, "
            "r.version, r.created_at, r.updated_at, r.created_by, oa.region";
    return cols;
  }
  static std::string select_from() {
    return "SELECT " + columns() + " FROM " + Traits::kTable + " r JOIN agencies oa ON oa.code = r.owner";
  }
  static void append_marking(std::vector<Value>& v, const Marking& m) {
    v.insert(v.end(), {m.owning_agency, static_cast<int64_t>(m.classification), int64_t{m.sensitive},
                       std::string(to_string(m.handling)), m.handling_conditions, m.compartment,
                       static_cast<int64_t>(m.scope)});
  }
  static Record read(Statement& st) {
    Record r;
    r.id = st.int_at(0);
    r.reference = st.text_at(1);
    int col = 2;
    Traits::read(st, col, r);
    Marking& m = r.marking;
    m.owning_agency = st.text_at(col++);
    m.classification = static_cast<Classification>(st.int_at(col++));
    m.sensitive = st.int_at(col++) != 0;
    m.handling = parse_handling_code(st.text_at(col++)).value_or(HandlingCode::kC);
    m.handling_conditions = st.text_at(col++);
    m.compartment = st.text_at(col++);
    m.scope = static_cast<SharingScope>(st.int_at(col++));
    r.version = st.int_at(col++);
    r.created_at = st.text_at(col++);
    r.updated_at = st.text_at(col++);
    r.created_by = st.int_at(col++);
    m.owning_region = st.text_at(col++);
    return r;
  }
  Connection& db_;
};

// ---- links, audit, counters -------------------------------------------------------------

const char* table_of(RecordKind k) {
  switch (k) {
    case RecordKind::kThreat: return "threats";
    case RecordKind::kNominal: return "nominals";
    case RecordKind::kIntelligence: return "intelligence";
  }
  return "threats";
}

class SqliteLinks final : public LinkRepository {
 public:
  explicit SqliteLinks(Connection& db) : db_(db) {}
  Result<int64_t> insert(const Link& l) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "INSERT INTO links(from_kind, from_id, to_kind, to_id, relation, source, observed, created_by, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?)"));
    st->bind_all({std::string(to_string(l.from.kind)), l.from.id, std::string(to_string(l.to.kind)), l.to.id, l.relation,
                  l.source, l.date, l.created_by, l.created_at});
    Status s = st->run();
    if (s.code() == Code::kAlreadyExists) return Status(Code::kAlreadyExists, "these records are already linked that way");
    ROCTA_RETURN_IF_ERROR(s);
    return db_.last_insert_id();
  }
  Result<std::vector<Link>> list_for(const RecordRef& ref, const ReadScope& scope) override {
    std::vector<Link> out;
    // One query per kind of far end, each with the policy applied to that end.
    for (RecordKind far : {RecordKind::kThreat, RecordKind::kNominal, RecordKind::kIntelligence}) {
      const std::string fk(to_string(far));
      Sql sql;
      sql.add("SELECT l.id, l.from_kind, l.from_id, l.to_kind, l.to_id, l.relation, l.source, l.observed, l.created_by, "
              "l.created_at FROM links l JOIN " + std::string(table_of(far)) + " r ON "
              "((l.from_kind = ? AND l.from_id = ?", std::string(to_string(ref.kind)))
          .params.push_back(ref.id);
      sql.add(" AND l.to_kind = ? AND r.id = l.to_id) OR (l.to_kind = ?", fk).params.push_back(std::string(to_string(ref.kind)));
      sql.add(" AND l.to_id = ? AND l.from_kind = ? AND r.id = l.from_id))", ref.id).params.push_back(fk);
      sql.add(" JOIN agencies oa ON oa.code = r.owner WHERE ");
      append_scope_predicate(sql, scope, "r", fk);
      sql.add(" ORDER BY l.id");
      ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(sql.text));
      st->bind_all(sql.params);
      ROCTA_RETURN_IF_ERROR(st->each([&] {
        Link l;
        l.id = st->int_at(0);
        l.from = {parse_record_kind(st->text_at(1)).value_or(RecordKind::kThreat), st->int_at(2)};
        l.to = {parse_record_kind(st->text_at(3)).value_or(RecordKind::kThreat), st->int_at(4)};
        l.relation = st->text_at(5);
        l.source = st->text_at(6);
        l.date = st->text_at(7);
        l.created_by = st->int_at(8);
        l.created_at = st->text_at(9);
        out.push_back(std::move(l));
      }));
    }
    return out;
  }
  Result<Marking> marking_of(const RecordRef& ref) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        std::string("SELECT r.owner, r.classification, r.sensitive, r.handling, r.handling_conditions, r.compartment, "
                    "r.scope, oa.region FROM ") + table_of(ref.kind) + " r JOIN agencies oa ON oa.code = r.owner WHERE r.id = ?"));
    st->bind(1, ref.id);
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return not_found_status(std::string(to_string(ref.kind)) + " " + std::to_string(ref.id));
    Marking m;
    m.owning_agency = st->text_at(0);
    m.classification = static_cast<Classification>(st->int_at(1));
    m.sensitive = st->int_at(2) != 0;
    m.handling = parse_handling_code(st->text_at(3)).value_or(HandlingCode::kC);
    m.handling_conditions = st->text_at(4);
    m.compartment = st->text_at(5);
    m.scope = static_cast<SharingScope>(st->int_at(6));
    m.owning_region = st->text_at(7);
    st->reset();
    ROCTA_ASSIGN_OR_RETURN(m.shared_with, load_shares(db_, table_kind(ref.kind), ref.id));
    return m;
  }

 private:
  static const char* table_kind(RecordKind k) { return k == RecordKind::kThreat ? "threat" : k == RecordKind::kNominal ? "nominal" : "intelligence"; }
  Connection& db_;
};

constexpr const char* kAuditCols =
    "seq, at, actor_id, actor, action, record_kind, record_id, origin, purpose, detail, prev_hash, hash";

class SqliteAudit final : public AuditRepository {
 public:
  explicit SqliteAudit(Connection& db) : db_(db) {}
  Result<std::optional<AuditEvent>> last() override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string("SELECT ") + kAuditCols + " FROM audit_events ORDER BY seq DESC LIMIT 1"));
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return std::optional<AuditEvent>{};
    auto e = read(*st);
    st->reset();
    return std::optional<AuditEvent>{std::move(e)};
  }
  Status append(const AuditEvent& e) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string("INSERT INTO audit_events(") + kAuditCols +
                                                         ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    st->bind_all({e.seq, e.at, e.actor_id, e.actor, e.action, e.record_kind, e.record_id, e.origin, e.purpose, e.detail,
                  e.prev_hash, e.hash});
    return st->run();
  }
  Result<std::vector<AuditEvent>> scan(int64_t from_seq, int limit) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string("SELECT ") + kAuditCols +
                                                         " FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?"));
    st->bind_all({from_seq, int64_t{limit}});
    std::vector<AuditEvent> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      out.push_back(read(*st));
    }));
    return out;
  }

 private:
  static AuditEvent read(Statement& st) {
    AuditEvent e;
    e.seq = st.int_at(0);
    e.at = st.text_at(1);
    e.actor_id = st.int_at(2);
    e.actor = st.text_at(3);
    e.action = st.text_at(4);
    e.record_kind = st.text_at(5);
    e.record_id = st.int_at(6);
    e.origin = st.text_at(7);
    e.purpose = st.text_at(8);
    e.detail = st.text_at(9);
    e.prev_hash = st.text_at(10);
    e.hash = st.text_at(11);
    return e;
  }
  Connection& db_;
};

class SqliteCounters final : public CounterRepository {
 public:
  explicit SqliteCounters(Connection& db) : db_(db) {}
  Result<int64_t> next(const std::string& agency, const std::string& series) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "INSERT INTO counters(agency, series, value) VALUES (?, ?, 1) "
        "ON CONFLICT(agency, series) DO UPDATE SET value = value + 1 RETURNING value"));
    st->bind_all({agency, series});
    ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return Status(Code::kInternal, "counter did not return a value");
    const int64_t v = st->int_at(0);
    st->reset();
    return v;
  }

 private:
  Connection& db_;
};

// ---- store and transactions -------------------------------------------------------------

class Pool {
 public:
  Pool(std::string path, std::vector<std::unique_ptr<Connection>> conns) : path_(std::move(path)), free_(std::move(conns)) {}
  std::unique_ptr<Connection> acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    auto c = std::move(free_.back());
    free_.pop_back();
    return c;
  }
  void release(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(c));
    }
    cv_.notify_one();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> free_;
};

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(Pool& pool, std::unique_ptr<Connection> conn, std::unique_lock<std::timed_mutex> writer)
      : pool_(pool), writer_(std::move(writer)), conn_(std::move(conn)), agencies_(*conn_), units_(*conn_), users_(*conn_), sessions_(*conn_),
        threats_(*conn_), nominals_(*conn_), intelligence_(*conn_), links_(*conn_), audit_(*conn_), counters_(*conn_) {}
  ~SqliteTransaction() override {
    conn_->reset_statements();
    if (!done_) (void)conn_->exec("ROLLBACK");
    pool_.release(std::move(conn_));
  }
  AgencyRepository& agencies() override { return agencies_; }
  UnitRepository& units() override { return units_; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  ThreatRepository& threats() override { return threats_; }
  NominalRepository& nominals() override { return nominals_; }
  IntelligenceRepository& intelligence() override { return intelligence_; }
  LinkRepository& links() override { return links_; }
  AuditRepository& audit() override { return audit_; }
  CounterRepository& counters() override { return counters_; }
  MasterListRepository& master_list() override { return *master_list_; }
  Status commit() override {
    conn_->reset_statements();
    ROCTA_RETURN_IF_ERROR(conn_->exec("COMMIT"));
    done_ = true;
    if (writer_.owns_lock()) writer_.unlock();
    return Status::ok();
  }

 private:
  Pool& pool_;
  std::unique_lock<std::timed_mutex> writer_;  // held by a write transaction until it ends
  std::unique_ptr<Connection> conn_;
  bool done_ = false;
  SqliteAgencies agencies_;
  SqliteUnits units_;
  SqliteUsers users_;
  SqliteSessions sessions_;
  SqliteMarked<ThreatTraits> threats_;
  SqliteMarked<NominalTraits> nominals_;
  SqliteMarked<IntelligenceTraits> intelligence_;
  SqliteLinks links_;
  SqliteAudit audit_;
  SqliteCounters counters_;
  std::unique_ptr<MasterListRepository> master_list_ = make_master_list_repository(*conn_);
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}
  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    // Writers queue here, in this process, rather than in SQLite's busy handler, whose
    // sleep-and-retry makes waits long and unfair under load. Other processes still meet
    // SQLite's own lock (with a busy timeout).
    std::unique_lock<std::timed_mutex> writer(writer_mu_, std::defer_lock);
    if (mode == TxMode::kWrite && !writer.try_lock_for(std::chrono::seconds(10)))
      return Status(Code::kUnavailable, "the database is busy with other changes; try again");
    auto conn = pool_->acquire();
    // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading.
    Status s = conn->exec(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
    if (!s.is_ok()) {
      pool_->release(std::move(conn));
      return s;
    }
    return std::unique_ptr<Transaction>(new SqliteTransaction(*pool_, std::move(conn), std::move(writer)));
  }
  Status backup_to(const std::string& path) override {
    auto conn = pool_->acquire();
    sqlite3* dest = nullptr;
    int rc = sqlite3_open(path.c_str(), &dest);
    Status s = Status::ok();
    if (rc == SQLITE_OK) {
      sqlite3_backup* b = sqlite3_backup_init(dest, "main", conn->raw(), "main");
      if (b) {
        rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE) s = status_from(rc, dest, "backup");
      } else {
        s = status_from(sqlite3_errcode(dest), dest, "backup");
      }
    } else {
      s = status_from(rc, dest, "cannot create backup file '" + path + "'");
    }
    sqlite3_close(dest);
    pool_->release(std::move(conn));
    return s;
  }
  std::string describe() const override { return "sqlite:" + pool_->path(); }

 private:
  std::unique_ptr<Pool> pool_;
  std::timed_mutex writer_mu_;
};

}  // namespace
}  // namespace sqlite

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  constexpr int kConnections = 8;
  std::vector<std::unique_ptr<sqlite::Connection>> conns;
  for (int i = 0; i < kConnections; ++i) {
    ROCTA_ASSIGN_OR_RETURN(auto c, sqlite::Connection::open(path));
    if (i == 0) ROCTA_RETURN_IF_ERROR(sqlite::migrate(*c));
    conns.push_back(std::move(c));
  }
  return std::unique_ptr<Store>(new sqlite::SqliteStore(std::make_unique<sqlite::Pool>(path, std::move(conns))));
}

}  // namespace rocta
