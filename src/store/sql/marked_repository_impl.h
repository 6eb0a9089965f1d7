// The members of Marked (store/sql/marked_repository.h). Included only where a dialect
// instantiates them explicitly, so that the SQL of threats, nominals and intelligence reports is compiled once per
// database rather than in every file that opens a transaction.
#pragma once

#include "store/sql/marked_repository.h"

namespace rocta::sql {

template <typename D, typename Traits>
auto Marked<D, Traits>::get(int64_t id, const ReadScope& scope) -> Result<Record> {
  Sql sql;
  sql.add(select_from() + " WHERE r.id = ?", id).add(" AND ");
  D::append_scope_predicate(sql, scope, "r", Traits::kKind);
  // 404 whether absent or hidden: a different answer would confirm the record exists.
  ROCTA_ASSIGN_OR_RETURN(Record r, one_row<Record>(db_, sql.text, sql.params, std::string(Traits::kNoun) + " " + std::to_string(id), read));
  ROCTA_ASSIGN_OR_RETURN(r.marking.shared_with, load_shares(db_, Traits::kKind, r.id));
  return r;
}

template <typename D, typename Traits>
auto Marked<D, Traits>::list(const ReadScope& scope, const Query& q) -> Result<Page<Record>> {
  Sql where;
  where.add(" WHERE ");
  D::append_scope_predicate(where, scope, "r", Traits::kKind);
  Traits::filters(where, q);
  if (q.sort.is_set() && Traits::template sort_expression<D>(q.sort.column).empty())
    return invalid(std::string("this list of records does not sort by '") + q.sort.column + "'", "sort");
  if constexpr (requires { q.ids; })
    if (q.ids) D::append_id_set(where.add(" AND "), "r.id", *q.ids);
  ROCTA_ASSIGN_OR_RETURN(const TextMatch text, plan_text_match<D>(db_, Traits::kTable, q.text, q.bounds));
  Sql from;
  from.add(std::string(" FROM ") + Traits::kTable + " r");
  const std::string score = D::append_text_search(from, Traits::kTable, text);
  Page<Record> page;
  if (text.newest_from > 0) page.ranked_newest = q.bounds.common;
  std::vector<int64_t> order;
  // A sorted list with text: the matches (the join to the text index) in the column's order.
  if (score.empty() || q.sort.is_set()) {
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

template <typename D, typename Traits>
auto Marked<D, Traits>::insert(const Record& r) -> Result<int64_t> {
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

template <typename D, typename Traits>
auto Marked<D, Traits>::insert_many(const std::vector<Record>& records) -> Result<std::vector<int64_t>> {
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

template <typename D, typename Traits>
auto Marked<D, Traits>::update(const Record& r) -> Status {
  std::string set;
  for (const auto& c : Traits::columns()) set += c + " = ?, ";
  set += "classification = ?, sensitive = ?, handling = ?, handling_conditions = ?, compartment = ?, "
         "scope = ?, version = ?, updated_at = ?";
  std::vector<Value> v = Traits::values(r);
  append_marking(v, r.marking);
  // The owning agency is never changed (app/records.cc refuses it): it is matched, not set,
  // which also routes the update to the record's own shard on Citus (where setting the
  // distribution column is refused even to its own value).
  const Value owner = v[Traits::columns().size()];
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(Traits::columns().size()));
  v.insert(v.end(), {r.version, r.updated_at, r.id, owner, r.version - 1});
  ROCTA_RETURN_IF_ERROR(
      run(db_, std::string("UPDATE ") + Traits::kTable + " SET " + set + " WHERE id = ? AND owner = ? AND version = ?", v));
  if (db_.changes() == 0)
    return {Code::kConflict, std::string("the ") + Traits::kNoun + " was changed by someone else since you loaded it; reload and apply your change again"};
  return save_shares(db_, Traits::kKind, r.id, r.marking.shared_with, /*replace=*/true);
}

template <typename D, typename Traits>
auto Marked<D, Traits>::id_by_reference(const std::string& owner, const std::string& reference) -> Result<int64_t> {
  return one_row<int64_t>(db_, std::string("SELECT id FROM ") + Traits::kTable + " WHERE owner = ? AND reference = ?",
                          {owner, reference}, std::string(Traits::kNoun) + " '" + reference + "'",
                          [](const Statement& st) { return st.int_at(0); });
}

template <typename D, typename Traits>
auto Marked<D, Traits>::scan(int64_t after_id, int limit) -> Result<std::vector<Record>> {
  ROCTA_ASSIGN_OR_RETURN(auto ids, all_rows<int64_t>(db_, std::string("SELECT id FROM ") + Traits::kTable + " WHERE id > ? ORDER BY id LIMIT ?",
                                                     {after_id, int64_t{limit}}, [](const Statement& st) { return st.int_at(0); }));
  std::vector<Record> out;
  if (ids.empty()) return out;
  ROCTA_ASSIGN_OR_RETURN(auto by_id, fetch(ids));
  for (auto& [_, r] : by_id) out.push_back(std::move(r));
  return out;
}

template <typename D, typename Traits>
auto Marked<D, Traits>::add_order(Sql& sql, const ReadScope& scope, const Query& q) -> void {
  if (q.sort.is_set()) {
    // The reader's column alone, then the id the same way: a total order, so pages neither
    // repeat nor skip a record.
    const char* dir = q.sort.descending ? " DESC" : " ASC";
    sql.add(Traits::template sort_expression<D>(q.sort.column) + dir + ", r.id" + dir);
  } else {
    if (Traits::own_first(q)) sql.add("(r.owner <> ?), ", scope.agency);
    sql.add(Traits::order(q));
  }
  sql.add(" LIMIT ?", int64_t{q.page.limit}).add(" OFFSET ?", int64_t{q.page.offset});
}

template <typename D, typename Traits>
auto Marked<D, Traits>::ranked_ids(const ReadScope& scope, const Query& q, const TextMatch& text, const Sql& where) -> Result<RankedRows<Ranked>> {
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

template <typename D, typename Traits>
auto Marked<D, Traits>::fetch(const std::vector<int64_t>& ids) -> Result<std::map<int64_t, Record>> {
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

template <typename D, typename Traits>
auto Marked<D, Traits>::insert_columns() -> std::string {
  std::string cols = "reference";
  for (const auto& c : Traits::columns()) cols += ", " + c;
  return cols + ", owner, classification, sensitive, handling, handling_conditions, compartment, scope, version, created_at, "
                "updated_at, created_by";
}

template <typename D, typename Traits>
auto Marked<D, Traits>::insert_values(const Record& r) -> std::vector<Value> {
  std::vector<Value> v{r.reference};
  for (auto& x : Traits::values(r)) v.push_back(std::move(x));
  append_marking(v, r.marking);
  v.insert(v.end(), {r.version, r.created_at, r.updated_at, r.created_by});
  return v;
}

template <typename D, typename Traits>
auto Marked<D, Traits>::taken(const Status& s) -> Status {
  if (s.code() != Code::kAlreadyExists) return s;
  return Status(Code::kAlreadyExists, std::string("a ") + Traits::kNoun + " reference is already used (" + s.message() + ")");
}

template <typename D, typename Traits>
auto Marked<D, Traits>::columns() -> std::string {
  std::string cols = "r.id, r.reference";
  for (const auto& c : Traits::columns()) cols += ", r." + c;
  cols += std::string(", r.owner, ") + kMarkingColumns + ", r.version, r.created_at, r.updated_at, r.created_by, oa.region";
  return cols;
}

template <typename D, typename Traits>
auto Marked<D, Traits>::select_from() -> std::string {
  return "SELECT " + columns() + " FROM " + Traits::kTable + " r JOIN agencies oa ON oa.code = r.owner";
}

template <typename D, typename Traits>
auto Marked<D, Traits>::append_marking(std::vector<Value>& v, const Marking& m) -> void {
  v.insert(v.end(), {m.owning_agency, static_cast<int64_t>(m.classification), int64_t{m.sensitive},
                     std::string(to_string(m.handling)), m.handling_conditions, m.compartment,
                     static_cast<int64_t>(m.scope)});
}

template <typename D, typename Traits>
auto Marked<D, Traits>::read(const Statement& st) -> Record {
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

}  // namespace rocta::sql
