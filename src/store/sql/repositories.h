// The repositories of store.h in SQL, written once for every SQL adapter.
//
// An adapter instantiates them with its Dialect, a struct that supplies:
//
//   using Connection = …;  // Result<Statement*> prepare(const std::string& sql): a cached
//                          //   statement, reset and unbound; int changes() const: the rows
//                          //   the last statement run on it changed
//   using Statement = …;   // bind_all(params); bind(i, value); bind_text(i, view): text
//                          //   that outlives the run, not copied where the database can
//                          //   avoid it; Result<bool> step(); Status run();
//                          //   Status each(on_row); reset(); int_at, real_at, text_at,
//                          //   text_view_at (valid until the next step), is_null(col)
//   static void append_scope_predicate(Sql&, const ReadScope&, const std::string& alias,
//                                      const std::string& kind);
//       // "(…)", true exactly for rows of the table aliased `alias` that core's admits()
//       // lets the reader see; `kind` is the record_shares kind
//   static std::string append_text_search(Sql& from, const std::string& table,
//                                         const TextMatch& m);
//       // joins `from` (the record table aliased r) to the rows matching every word of
//       // `m` (a prefix unless whole), from id m.newest_from on; returns their score
//       // (higher is better), the list's rank. Appends nothing and returns "" when m is empty.
//   static std::string append_ranked_search(Sql& from, const std::string& table,
//                                           const std::string& heading, const TextMatch& m);
//       // as append_text_search, but the search's score, under which a match in `heading`
//       // (an expression over r: reference and title) outranks one only in the rest
//   static constexpr bool kRanksFromIndex;
//       // true when the text index alone gives a match's score (no record read), so that a
//       // search reads each kind's best matches first (ranked_page.h); then also:
//   static Sql best_matches(const std::string& table, const std::string& heading,
//                           const TextMatch& m, int64_t limit);
//       // "SELECT fid, fscore": the ids and scores of the `limit` best matches, best first,
//       // from the text index alone; fscore is exactly append_ranked_search's score with
//       // `heading`, append_text_search's with "". Only called when something searchable
//       // was typed.
//   static Sql snippets(const std::string& table, const std::string& heading,
//                       const std::string& body, const TextMatch& m,
//                       const std::vector<int64_t>& ids);
//       // "SELECT id, snippet" for those ids of `table`: the best fragment of the record's
//       // text, each matched word between kHitOpen and kHitClose (store/search_repository.h)
//   static void append_id_in(Sql&, const std::string& column, const std::vector<int64_t>&);
//       // "column IN (the ids)"
//   static constexpr bool kRanksNewestOfCommonText;
//       // true: a very common text ranks its newest matches (text_match.h); then also:
//   static Sql count_matches(const std::string& table, const TextMatch& m, int64_t limit);
//       // "SELECT count(*)" of the records matching `m`, counted up to `limit`
//   static Sql nth_newest_match(const std::string& table, const TextMatch& m, int64_t n);
//       // "SELECT id" of the nth newest record matching `m`, no row when fewer match
//
// and, for loading many rows at once (store/sql/disruption_repository.h):
//
//   using BulkInsert = …;  // BulkInsert(Connection&, "table(columns)", column_count);
//                          //   put(text view, string, int64_t or nullptr) column by
//                          //   column; Status end_row(); Status finish() writes the rest
//   static constexpr const char* kLineColumn;  // "line …": numbers a staging table's rows
//   static const std::vector<std::string>& bulk_begin();   // settings for the load
//   static const Rebuild& bulk_rebuild(std::string_view table);
//       // what to drop before loading many rows into `table` and restore after
//   static std::string ids_taken(const std::string& table);
//       // after rows were written with ids of their own: what makes the next id follow
//       // them ("" when the database does so by itself)
//   static std::string analyze(const std::string& tables);  // fresh statistics ("": none needed)
//
// The SQL here keeps to what SQLite and PostgreSQL read alike (`?` parameters, RETURNING,
// ON CONFLICT); only the access predicate and the text search differ, and those the
// dialect writes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/sql/ranked_page.h"
#include "store/sql/record_traits.h"
#include "store/sql/sql.h"
#include "store/sql/text_match.h"
#include "store/store.h"

namespace rocta::sql {

// What loading many rows into a table drops first and restores after, rather than maintain
// row by row (a dialect's bulk_rebuild()).
struct Rebuild {
  std::vector<std::string> drop, restore;
};

inline Status not_found_status(const std::string& what) { return not_found(what + " not found"); }

// Runs a statement that returns one integer (an INSERT … RETURNING id, a count).
template <typename Connection>
Result<int64_t> one_integer(Connection& db, const std::string& sql, const std::vector<Value>& params) {
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql));
  st->bind_all(params);
  ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
  const int64_t v = row ? st->int_at(0) : 0;
  st->reset();
  if (!row) return Status(Code::kInternal, "the statement returned no row");
  return v;
}

// Runs a statement that returns nothing.
template <typename Connection>
Status run(Connection& db, const std::string& sql, const std::vector<Value>& params) {
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql));
  st->bind_all(params);
  return st->run();
}

// Calls `on_row(statement)` for every row of a query.
template <typename Connection, typename OnRow>
Status each_row(Connection& db, const std::string& sql, const std::vector<Value>& params, OnRow on_row) {
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql));
  st->bind_all(params);
  return st->each([&] { on_row(*st); });
}

// Every row of a query, each turned into a T by `read(statement)`.
template <typename T, typename Connection, typename Read>
Result<std::vector<T>> all_rows(Connection& db, const std::string& sql, const std::vector<Value>& params, Read read) {
  std::vector<T> out;
  ROCTA_RETURN_IF_ERROR(each_row(db, sql, params, [&](const auto& st) { out.push_back(read(st)); }));
  return out;
}

// The first row of a query turned into a T, or NotFound naming `what`.
template <typename T, typename Connection, typename Read>
Result<T> one_row(Connection& db, const std::string& sql, const std::vector<Value>& params, const std::string& what, Read read) {
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql));
  st->bind_all(params);
  ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
  if (!row) return not_found_status(what);
  T out = read(*st);
  st->reset();
  return out;
}

// ---- organisation -------------------------------------------------------------------

template <typename D>
class Agencies final : public AgencyRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kSelect = "SELECT code, name, kind, region, active FROM agencies ";

 public:
  explicit Agencies(typename D::Connection& db) : db_(db) {}
  Result<std::vector<Agency>> list() override {
    return all_rows<Agency>(db_, std::string(kSelect) + "ORDER BY region, name", {}, read);
  }
  Result<Agency> get(const std::string& code) override {
    return one_row<Agency>(db_, std::string(kSelect) + "WHERE code = ?", {code}, "agency '" + code + "'", read);
  }
  Status insert(const Agency& a) override {
    Status s = run(db_, "INSERT INTO agencies(code, name, kind, region, active) VALUES (?,?,?,?,?)",
                   {a.code, a.name, std::string(to_string(a.kind)), a.region, int64_t{a.active}});
    if (s.code() == Code::kAlreadyExists) return {Code::kAlreadyExists, "agency '" + a.code + "' already exists"};
    return s;
  }
  Status update(const Agency& a) override {
    ROCTA_RETURN_IF_ERROR(run(db_, "UPDATE agencies SET name = ?, kind = ?, region = ?, active = ? WHERE code = ?",
                              {a.name, std::string(to_string(a.kind)), a.region, int64_t{a.active}, a.code}));
    if (db_.changes() == 0) return not_found_status("agency '" + a.code + "'");
    return Status::ok();
  }

 private:
  static Agency read(const Statement& st) {
    return Agency{st.text_at(0), st.text_at(1), parse_agency_kind(st.text_at(2)).value_or(AgencyKind::kPartnerAgency),
                  st.text_at(3), st.int_at(4) != 0};
  }
  typename D::Connection& db_;
};

template <typename D>
class Units final : public UnitRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kSelect = "SELECT id, agency, name, kind, active, compartment FROM units ";

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
    auto id = one_integer(db_, "INSERT INTO units(agency, name, kind, active, compartment) VALUES (?,?,?,?,?) RETURNING id",
                          {u.agency, u.name, std::string(to_string(u.kind)), int64_t{u.active}, u.compartment});
    if (!id.is_ok()) return duplicate_name(id.status(), u);
    ROCTA_RETURN_IF_ERROR(save_serves(*id, u.serves));
    return id;
  }
  Status update(const Unit& u) override {
    Status s = run(db_, "UPDATE units SET name = ?, kind = ?, active = ?, compartment = ? WHERE id = ?",
                   {u.name, std::string(to_string(u.kind)), int64_t{u.active}, u.compartment, u.id});
    ROCTA_RETURN_IF_ERROR(duplicate_name(s, u));
    if (db_.changes() == 0) return not_found_status("unit " + std::to_string(u.id));
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
    ROCTA_ASSIGN_OR_RETURN(r->user.grants,
                           all_rows<SharingGrant>(db_,
                                                  "SELECT giver, max_classification, min_scope, signals FROM sharing_agreements "
                                                  "WHERE receiver = ? AND active = ? ORDER BY giver",
                                                  {r->user.agency, int64_t{1}}, [](const Statement& st) {
                                                    return SharingGrant{st.text_at(0), static_cast<Classification>(st.int_at(1)),
                                                                        static_cast<SharingScope>(st.int_at(2)), st.int_at(3) != 0};
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

// ---- marked records -------------------------------------------------------------------

inline const char* table_of(RecordKind k) {
  switch (k) {
    case RecordKind::kThreat: return "threats";
    case RecordKind::kNominal: return "nominals";
    case RecordKind::kIntelligence: return "intelligence";
  }
  return "threats";
}

// The columns of a marking after the owner, in the order read_marking() reads them.
constexpr const char* kMarkingColumns = "r.classification, r.sensitive, r.handling, r.handling_conditions, r.compartment, r.scope";

// Reads the marking columns (owner, then kMarkingColumns) from column `c` on.
template <typename Row>
void read_marking(const Row& st, int& c, Marking& m) {
  m.owning_agency = st.text_at(c++);
  m.classification = static_cast<Classification>(st.int_at(c++));
  m.sensitive = st.int_at(c++) != 0;
  m.handling = parse_handling_code(st.text_at(c++)).value_or(HandlingCode::kC);
  m.handling_conditions = st.text_at(c++);
  m.compartment = st.text_at(c++);
  m.scope = static_cast<SharingScope>(st.int_at(c++));
}

template <typename Connection>
Result<std::vector<std::string>> load_shares(Connection& db, const std::string& kind, int64_t id) {
  return all_rows<std::string>(db, "SELECT agency FROM record_shares WHERE kind = ? AND record_id = ? ORDER BY agency", {kind, id},
                               [](const auto& st) { return st.text_at(0); });
}

// Writes a record's shares; `replace` first removes those it had (a new record has none).
template <typename Connection>
Status save_shares(Connection& db, const std::string& kind, int64_t id, const std::vector<std::string>& agencies, bool replace) {
  if (replace) ROCTA_RETURN_IF_ERROR(run(db, "DELETE FROM record_shares WHERE kind = ? AND record_id = ?", {kind, id}));
  for (const auto& a : agencies) {
    if (!run(db, "INSERT INTO record_shares(kind, record_id, agency) VALUES (?,?,?)", {kind, id, a}).is_ok())
      return invalid("shared_with names an unknown agency '" + a + "'", "marking.shared_with");
  }
  return Status::ok();
}

template <typename D, typename Traits>
class Marked final : public MarkedRepository<typename Traits::Record, typename Traits::Query> {
  using Record = typename Traits::Record;
  using Query = typename Traits::Query;
  using Statement = typename D::Statement;

 public:
  explicit Marked(typename D::Connection& db) : db_(db) {}

  Result<Record> get(int64_t id, const ReadScope& scope) override {
    Sql sql;
    sql.add(select_from() + " WHERE r.id = ?", id).add(" AND ");
    D::append_scope_predicate(sql, scope, "r", Traits::kKind);
    // 404 whether absent or hidden: a different answer would confirm the record exists.
    ROCTA_ASSIGN_OR_RETURN(Record r, one_row<Record>(db_, sql.text, sql.params, std::string(Traits::kNoun) + " " + std::to_string(id), read));
    ROCTA_ASSIGN_OR_RETURN(r.marking.shared_with, load_shares(db_, Traits::kKind, r.id));
    return r;
  }

  Result<Page<Record>> list(const ReadScope& scope, const Query& q) override {
    Sql where;
    where.add(" WHERE ");
    D::append_scope_predicate(where, scope, "r", Traits::kKind);
    Traits::filters(where, q);
    ROCTA_ASSIGN_OR_RETURN(const TextMatch text, plan_text_match<D>(db_, Traits::kTable, q.text, q.bounds));
    Sql from;
    from.add(std::string(" FROM ") + Traits::kTable + " r");
    const std::string score = D::append_text_search(from, Traits::kTable, text);
    Page<Record> page;
    if (text.newest_from > 0) page.ranked_newest = q.bounds.common;
    std::vector<int64_t> order;
    if (score.empty()) {
      Sql count;
      count.add("SELECT count(*)").add(from).add(where);
      ROCTA_ASSIGN_OR_RETURN(page.total, one_integer(db_, count.text, count.params));
      // The page in two steps: the ids in order (from the narrow access index), then the
      // records and their shares for just those ids.
      Sql ids;
      ids.add("SELECT r.id").add(from).add(where).add(" ORDER BY ");
      add_order(ids, scope, q);
      ROCTA_ASSIGN_OR_RETURN(order, all_rows<int64_t>(db_, ids.text, ids.params, [](const Statement& st) { return st.int_at(0); }));
    } else {
      ROCTA_ASSIGN_OR_RETURN(const auto ranked, ranked_ids(scope, q, text, where));
      Sql matching;
      matching.add("SELECT 1").add(from).add(where);
      ROCTA_ASSIGN_OR_RETURN(const CappedCount counted, capped_total(db_, ranked, matching, q.page, q.bounds));
      page.total = counted.total;
      page.total_exact = counted.exact;
      for (const auto& r : ranked.rows) order.push_back(r.id);
    }
    if (order.empty()) return page;
    ROCTA_ASSIGN_OR_RETURN(auto by_id, fetch(order));
    for (int64_t id : order) page.items.push_back(std::move(by_id.at(id)));
    return page;
  }
  Result<int64_t> insert(const Record& r) override {
    const std::vector<Value> v = insert_values(r);
    std::string marks = "?";
    for (size_t i = 1; i < v.size(); ++i) marks += ",?";
    auto id = one_integer(db_, std::string("INSERT INTO ") + Traits::kTable + "(" + insert_columns() + ") VALUES (" + marks + ") RETURNING id", v);
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, std::string(Traits::kNoun) + " reference '" + r.reference + "' is already used");
    ROCTA_RETURN_IF_ERROR(id);
    ROCTA_RETURN_IF_ERROR(save_shares(db_, Traits::kKind, *id, r.marking.shared_with, /*replace=*/false));
    return id;
  }

  // Ids of their own, after the highest: rows written many to a statement (or by COPY) need
  // no RETURNING. The database's full-text index follows the rows as on any insert.
  Result<std::vector<int64_t>> insert_many(const std::vector<Record>& records) override {
    ROCTA_ASSIGN_OR_RETURN(int64_t last, one_integer(db_, std::string("SELECT coalesce(max(id), 0) FROM ") + Traits::kTable, {}));
    const auto width = static_cast<int>(insert_values(Record{}).size()) + 1;
    typename D::BulkInsert rows(db_, std::string(Traits::kTable) + "(id, " + insert_columns() + ")", width);
    typename D::BulkInsert shares(db_, "record_shares(kind, record_id, agency)", 3);
    std::vector<int64_t> ids;
    ids.reserve(records.size());
    for (const Record& r : records) {
      ids.push_back(last + static_cast<int64_t>(ids.size()) + 1);
      rows.put(ids.back());
      for (const Value& v : insert_values(r)) rows.put(v);
      ROCTA_RETURN_IF_ERROR(taken(rows.end_row()));
      for (const auto& agency : r.marking.shared_with) {
        shares.put(std::string_view(Traits::kKind));
        shares.put(ids.back());
        shares.put(std::string_view(agency));
        ROCTA_RETURN_IF_ERROR(shares.end_row());
      }
    }
    ROCTA_RETURN_IF_ERROR(taken(rows.finish()));
    if (Status s = shares.finish(); !s.is_ok())
      return s.code() == Code::kInvalidArgument ? invalid("shared_with names an unknown agency", "marking.shared_with") : s;
    if (const std::string sql = D::ids_taken(Traits::kTable); !sql.empty()) ROCTA_RETURN_IF_ERROR(db_.exec(sql));
    return ids;
  }

  Status update(const Record& r) override {
    std::string set;
    for (const auto& c : Traits::columns()) set += c + " = ?, ";
    set += "owner = ?, classification = ?, sensitive = ?, handling = ?, handling_conditions = ?, compartment = ?, "
           "scope = ?, version = ?, updated_at = ?";
    std::vector<Value> v = Traits::values(r);
    append_marking(v, r.marking);
    v.insert(v.end(), {r.version, r.updated_at, r.id, r.version - 1});
    ROCTA_RETURN_IF_ERROR(run(db_, std::string("UPDATE ") + Traits::kTable + " SET " + set + " WHERE id = ? AND version = ?", v));
    if (db_.changes() == 0)
      return {Code::kConflict, std::string("the ") + Traits::kNoun + " was changed by someone else since you loaded it; reload and apply your change again"};
    return save_shares(db_, Traits::kKind, r.id, r.marking.shared_with, /*replace=*/true);
  }

  Result<int64_t> id_by_reference(const std::string& owner, const std::string& reference) override {
    return one_row<int64_t>(db_, std::string("SELECT id FROM ") + Traits::kTable + " WHERE owner = ? AND reference = ?",
                            {owner, reference}, std::string(Traits::kNoun) + " '" + reference + "'",
                            [](const Statement& st) { return st.int_at(0); });
  }

  Result<std::vector<Record>> scan(int64_t after_id, int limit) override {
    ROCTA_ASSIGN_OR_RETURN(auto ids, all_rows<int64_t>(db_, std::string("SELECT id FROM ") + Traits::kTable + " WHERE id > ? ORDER BY id LIMIT ?",
                                                       {after_id, int64_t{limit}}, [](const Statement& st) { return st.int_at(0); }));
    std::vector<Record> out;
    if (ids.empty()) return out;
    ROCTA_ASSIGN_OR_RETURN(auto by_id, fetch(ids));
    for (auto& [_, r] : by_id) out.push_back(std::move(r));
    return out;
  }

 private:
  // After the text's rank: but for the master list's score order, the reader's own agency's
  // records first; then the kind's order; then the page.
  static void add_order(Sql& sql, const ReadScope& scope, const Query& q) {
    if (Traits::own_first(q)) sql.add("(r.owner <> ?), ", scope.agency);
    sql.add(Traits::order(q) + " LIMIT ?", int64_t{q.page.limit}).add(" OFFSET ?", int64_t{q.page.offset});
  }

  struct Ranked {
    int64_t id;
    double score;
  };

  // The page's ids of a text search, best match first (ranked_page.h).
  Result<RankedRows<Ranked>> ranked_ids(const ReadScope& scope, const Query& q, const TextMatch& text, const Sql& where) {
    auto build = [&](int64_t k) {
      Sql sql;
      if constexpr (D::kRanksFromIndex) {
        if (k > 0) {
          add_candidate_table(sql, Traits::kKind, D::best_matches(Traits::kTable, "", text, k));
          sql.add(" SELECT r.id, f.fscore").add(round_columns({Traits::kKind}, k));
          sql.add(" FROM " + candidate_table(Traits::kKind) + " f JOIN " + Traits::kTable + " r ON r.id = f.fid");
          sql.add(where).add(" ORDER BY f.fscore DESC, ");
          add_order(sql, scope, q);
          return sql;
        }
      }
      Sql from;
      from.add(std::string(" FROM ") + Traits::kTable + " r");
      const std::string score = D::append_text_search(from, Traits::kTable, text);
      sql.add("SELECT r.id, " + score).add(round_columns({}, 0)).add(from).add(where).add(" ORDER BY " + score + " DESC, ");
      add_order(sql, scope, q);
      return sql;
    };
    return ranked_page<Ranked>(db_, q.page, q.bounds, D::kRanksFromIndex, 2, build,
                               [](const Statement& st) { return Ranked{st.int_at(0), st.real_at(1)}; });
  }

  // Records by id with their shares, in two queries whatever the number of ids.
  Result<std::map<int64_t, Record>> fetch(const std::vector<int64_t>& ids) {
    std::map<int64_t, Record> out;
    Sql records;
    records.add(select_from() + " WHERE ");
    D::append_id_in(records, "r.id", ids);
    {
      ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare(records.text));
      st->bind_all(records.params);
      ROCTA_RETURN_IF_ERROR(st->each([&] {
        Record r = read(*st);
        out.emplace(r.id, std::move(r));
      }));
    }
    Sql shares;
    shares.add("SELECT record_id, agency FROM record_shares WHERE kind = ? AND ", Traits::kKind);
    D::append_id_in(shares, "record_id", ids);
    shares.add(" ORDER BY agency");
    ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare(shares.text));
    st->bind_all(shares.params);
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      auto it = out.find(st->int_at(0));
      if (it != out.end()) it->second.marking.shared_with.push_back(st->text_at(1));
    }));
    if (out.size() != ids.size()) return Status(Code::kInternal, "a listed record vanished within its transaction");
    return out;
  }

  // The columns insert() writes, and a record's values for them.
  static std::string insert_columns() {
    std::string cols = "reference";
    for (const auto& c : Traits::columns()) cols += ", " + c;
    return cols + ", owner, classification, sensitive, handling, handling_conditions, compartment, scope, version, created_at, "
                  "updated_at, created_by";
  }
  static std::vector<Value> insert_values(const Record& r) {
    std::vector<Value> v{r.reference};
    for (auto& x : Traits::values(r)) v.push_back(std::move(x));
    append_marking(v, r.marking);
    v.insert(v.end(), {r.version, r.created_at, r.updated_at, r.created_by});
    return v;
  }
  static Status taken(const Status& s) {
    if (s.code() != Code::kAlreadyExists) return s;
    return Status(Code::kAlreadyExists, std::string("a ") + Traits::kNoun + " reference is already used (" + s.message() + ")");
  }

  static std::string columns() {
    std::string cols = "r.id, r.reference";
    for (const auto& c : Traits::columns()) cols += ", r." + c;
    cols += std::string(", r.owner, ") + kMarkingColumns + ", r.version, r.created_at, r.updated_at, r.created_by, oa.region";
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
  static Record read(const Statement& st) {
    Record r;
    r.id = st.int_at(0);
    r.reference = st.text_at(1);
    int col = 2;
    Traits::read(st, col, r);
    read_marking(st, col, r.marking);
    r.version = st.int_at(col++);
    r.created_at = st.text_at(col++);
    r.updated_at = st.text_at(col++);
    r.created_by = st.int_at(col++);
    r.marking.owning_region = st.text_at(col++);
    return r;
  }
  typename D::Connection& db_;
};

// ---- links, audit, counters -------------------------------------------------------------

template <typename D>
class Links final : public LinkRepository {
  using Statement = typename D::Statement;

 public:
  explicit Links(typename D::Connection& db) : db_(db) {}
  Result<int64_t> insert(const Link& l) override {
    auto id = one_integer(db_,
                          "INSERT INTO links(from_kind, from_id, to_kind, to_id, relation, source, observed, created_by, "
                          "created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                          {std::string(to_string(l.from.kind)), l.from.id, std::string(to_string(l.to.kind)), l.to.id,
                           l.relation, l.source, l.date, l.created_by, l.created_at});
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, "these records are already linked that way");
    return id;
  }
  Result<std::vector<Link>> list_for(const RecordRef& ref, const ReadScope& scope) override {
    return links_of(ref, scope, false);
  }
  Result<std::vector<Link>> hidden_for(const RecordRef& ref, const ReadScope& scope) override {
    return links_of(ref, scope, true);
  }
  Result<Marking> marking_of(const RecordRef& ref) override {
    ROCTA_ASSIGN_OR_RETURN(
        Marking m,
        one_row<Marking>(db_,
                         std::string("SELECT r.owner, ") + kMarkingColumns + ", oa.region FROM " + table_of(ref.kind) +
                             " r JOIN agencies oa ON oa.code = r.owner WHERE r.id = ?",
                         {ref.id}, std::string(to_string(ref.kind)) + " " + std::to_string(ref.id), [](const Statement& st) {
                           Marking m;
                           int col = 0;
                           read_marking(st, col, m);
                           m.owning_region = st.text_at(col);
                           return m;
                         }));
    ROCTA_ASSIGN_OR_RETURN(m.shared_with, load_shares(db_, std::string(to_string(ref.kind)), ref.id));
    return m;
  }
  Result<Link> get(int64_t id) override {
    return one_row<Link>(db_,
                         "SELECT l.id, l.from_kind, l.from_id, l.to_kind, l.to_id, l.relation, l.source, l.observed, "
                         "l.created_by, l.created_at FROM links l WHERE l.id = ?",
                         {id}, "link " + std::to_string(id), read);
  }
  Status remove(int64_t id) override {
    ROCTA_ASSIGN_OR_RETURN(auto removed, all_rows<int64_t>(db_, "DELETE FROM links WHERE id = ? RETURNING id", {id},
                                                           [](const Statement& st) { return st.int_at(0); }));
    if (removed.empty()) return Status(Code::kNotFound, "link " + std::to_string(id) + " not found");
    return Status::ok();
  }

 private:
  // Links touching `ref` whose far end `scope` admits (or, when `hidden`, does not).
  Result<std::vector<Link>> links_of(const RecordRef& ref, const ReadScope& scope, bool hidden) {
    std::vector<Link> out;
    const std::string near(to_string(ref.kind));
    // One query per kind of far end, each with the policy applied to that end.
    for (RecordKind far : {RecordKind::kThreat, RecordKind::kNominal, RecordKind::kIntelligence}) {
      const std::string fk(to_string(far));
      Sql sql;
      sql.add("SELECT l.id, l.from_kind, l.from_id, l.to_kind, l.to_id, l.relation, l.source, l.observed, l.created_by, "
              "l.created_at FROM links l JOIN " + std::string(table_of(far)) + " r ON ((l.from_kind = ?", near);
      sql.add(" AND l.from_id = ?", ref.id).add(" AND l.to_kind = ? AND r.id = l.to_id)", fk);
      sql.add(" OR (l.to_kind = ?", near).add(" AND l.to_id = ?", ref.id).add(" AND l.from_kind = ? AND r.id = l.from_id))", fk);
      sql.add(" JOIN agencies oa ON oa.code = r.owner WHERE ");
      if (hidden) sql.add("NOT ");
      D::append_scope_predicate(sql, scope, "r", fk);
      sql.add(" ORDER BY l.id");
      ROCTA_ASSIGN_OR_RETURN(auto links, all_rows<Link>(db_, sql.text, sql.params, read));
      for (auto& l : links) out.push_back(std::move(l));
    }
    return out;
  }
  static Link read(const Statement& st) {
    Link l;
    l.id = st.int_at(0);
    l.from = {parse_record_kind(st.text_at(1)).value_or(RecordKind::kThreat), st.int_at(2)};
    l.to = {parse_record_kind(st.text_at(3)).value_or(RecordKind::kThreat), st.int_at(4)};
    l.relation = st.text_at(5);
    l.source = st.text_at(6);
    l.date = st.text_at(7);
    l.created_by = st.int_at(8);
    l.created_at = st.text_at(9);
    return l;
  }
  typename D::Connection& db_;
};

template <typename D>
class Audit final : public AuditRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kColumns =
      "seq, at, actor_id, actor, action, record_kind, record_id, origin, purpose, detail, prev_hash, hash";

 public:
  explicit Audit(typename D::Connection& db) : db_(db) {}
  Result<std::optional<AuditEvent>> last() override {
    ROCTA_ASSIGN_OR_RETURN(auto events, all_rows<AuditEvent>(db_, std::string("SELECT ") + kColumns +
                                                                      " FROM audit_events ORDER BY seq DESC LIMIT 1",
                                                             {}, read));
    if (events.empty()) return std::optional<AuditEvent>{};
    return std::optional<AuditEvent>{std::move(events.front())};
  }
  Status append(const AuditEvent& e) override {
    return run(db_, std::string("INSERT INTO audit_events(") + kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
               {e.seq, e.at, e.actor_id, e.actor, e.action, e.record_kind, e.record_id, e.origin, e.purpose, e.detail,
                e.prev_hash, e.hash});
  }
  Result<std::vector<AuditEvent>> scan(int64_t from_seq, int limit) override {
    return all_rows<AuditEvent>(db_, std::string("SELECT ") + kColumns + " FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?",
                                {from_seq, int64_t{limit}}, read);
  }

 private:
  static AuditEvent read(const Statement& st) {
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
  typename D::Connection& db_;
};

template <typename D>
class Counters final : public CounterRepository {
 public:
  explicit Counters(typename D::Connection& db) : db_(db) {}
  Result<int64_t> next(const std::string& agency, const std::string& series) override {
    return one_integer(db_,
                       "INSERT INTO counters(agency, series, value) VALUES (?, ?, 1) "
                       "ON CONFLICT(agency, series) DO UPDATE SET value = counters.value + 1 RETURNING value",
                       {agency, series});
  }

 private:
  typename D::Connection& db_;
};

}  // namespace rocta::sql

#include "store/sql/compartment_grant_repository.h"
#include "store/sql/disruption_repository.h"
#include "store/sql/history_repository.h"
#include "store/sql/thematic_disruption_repository.h"
#include "store/sql/linkage_repository.h"
#include "store/sql/master_list_repository.h"
#include "store/sql/search_repository.h"
#include "store/sql/sharing_repository.h"
#include "store/sql/tasking_repository.h"

namespace rocta::sql {

// ---- transactions -------------------------------------------------------------------------

// A Transaction whose repositories all work on one connection; PooledTransaction
// (pooled_transaction.h) adds commit, rollback and the connection's return to its pool.
template <typename D>
class RepositoryTransaction : public Transaction {
 public:
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
  MasterListRepository& master_list() override { return master_list_; }
  DisruptionRepository& disruptions() override { return disruptions_; }
  // What the repositories still hold back: written before the transaction commits.
  Status before_commit() { return disruptions_.before_commit(); }
  TaskingRepository& tasking() override { return tasking_; }
  SharingRepository& sharing() override { return sharing_; }
  SearchRepository& search() override { return search_; }
  LinkageRepository& linkage() override { return linkage_; }
  CompartmentGrantRepository& compartment_grants() override { return compartment_grants_; }
  HistoryRepository& history() override { return history_; }
  ThematicDisruptionRepository& thematic_disruptions() override { return thematic_disruptions_; }

 protected:
  // `db` must outlive this object.
  explicit RepositoryTransaction(typename D::Connection& db)
      : agencies_(db), units_(db), users_(db), sessions_(db), threats_(db), nominals_(db), intelligence_(db), links_(db),
        audit_(db), counters_(db), master_list_(db), disruptions_(db), tasking_(db), sharing_(db), search_(db), linkage_(db),
        compartment_grants_(db), history_(db), thematic_disruptions_(db) {}

 private:
  Agencies<D> agencies_;
  Units<D> units_;
  Users<D> users_;
  Sessions<D> sessions_;
  Marked<D, ThreatTraits> threats_;
  Marked<D, NominalTraits> nominals_;
  Marked<D, IntelligenceTraits> intelligence_;
  Links<D> links_;
  Audit<D> audit_;
  Counters<D> counters_;
  MasterList<D> master_list_;
  Disruptions<D> disruptions_;
  Tasking<D> tasking_;
  Sharing<D> sharing_;
  Search<D> search_;
  Linkage<D> linkage_;
  CompartmentGrants<D> compartment_grants_;
  History<D> history_;
  ThematicDisruptions<D> thematic_disruptions_;
};

}  // namespace rocta::sql
