// Links between records in SQL.
#pragma once

#include <string>
#include <vector>

#include "store/link_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

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
    for (RecordKind far : {RecordKind::kThreat, RecordKind::kNominal, RecordKind::kIntelligence, RecordKind::kCommodity}) {
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

}  // namespace rocta::sql
