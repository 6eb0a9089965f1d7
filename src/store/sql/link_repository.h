// Links between records in SQL.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "store/link_repository.h"
#include "store/sql/link_queries.h"
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
                         std::string("SELECT ") + kLinkColumns + " FROM links l WHERE l.id = ?", {id},
                         "link " + std::to_string(id), read_link<Statement>);
  }
  Status remove(int64_t id) override {
    ROCTA_ASSIGN_OR_RETURN(auto removed, all_rows<int64_t>(db_, "DELETE FROM links WHERE id = ? RETURNING id", {id},
                                                           [](const Statement& st) { return st.int_at(0); }));
    if (removed.empty()) return Status(Code::kNotFound, "link " + std::to_string(id) + " not found");
    return Status::ok();
  }

 private:
  // Links touching `ref` whose far end `scope` admits (or, when `hidden`, does not), by id.
  Result<std::vector<Link>> links_of(const RecordRef& ref, const ReadScope& scope, bool hidden) {
    std::vector<Link> out;
    ROCTA_RETURN_IF_ERROR(each_link_touching<D>(db_, {ref}, scope, LinkFilter{}, hidden,
                                                [&](const Statement& st) { out.push_back(read_link(st)); }));
    std::sort(out.begin(), out.end(), [](const Link& a, const Link& b) { return a.id < b.id; });
    return out;
  }
  typename D::Connection& db_;
};

}  // namespace rocta::sql
