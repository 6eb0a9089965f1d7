// The network repository (store/network_repository.h) in SQL, written once for every SQL
// adapter; see repositories.h for what a Dialect supplies.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/network_repository.h"
#include "store/sql/link_queries.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Network final : public NetworkRepository {
  using Statement = typename D::Statement;

 public:
  explicit Network(typename D::Connection& db) : db_(db) {}

  Result<std::vector<NetworkNode>> nodes(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                         const LinkFilter& filter) override {
    std::vector<NetworkNode> out;
    for (RecordKind kind : kLinkedKinds) {
      const auto ids = ids_of_kind(refs, kind);
      for (size_t at = 0; at < ids.size(); at += kIdsPerList) {
        Sql sql = node_query(kind);
        append_ids(sql, "r.id", ids, at);
        append_in_use(sql, "r", kind, filter);
        sql.add(" AND ");
        D::append_scope_predicate(sql, scope, "r", std::string(to_string(kind)));
        ROCTA_RETURN_IF_ERROR(each_row(db_, sql.text, sql.params, [&](const Statement& st) {
          out.push_back(NetworkNode{{kind, st.int_at(0)}, st.text_at(1), st.text_at(2), st.text_at(3)});
        }));
      }
    }
    return out;
  }

  Status each_visible_node(const ReadScope& scope, const LinkFilter& filter,
                           const std::function<void(const NetworkNode&)>& on_node) override {
    NetworkNode n;
    for (RecordKind kind : kLinkedKinds) {
      Sql sql = node_query(kind);
      sql.add("1 = 1");
      append_in_use(sql, "r", kind, filter);
      sql.add(" AND ");
      D::append_scope_predicate(sql, scope, "r", std::string(to_string(kind)));
      n.ref.kind = kind;
      ROCTA_RETURN_IF_ERROR(each_row(db_, sql.text, sql.params, [&](const Statement& st) {
        n.ref.id = st.int_at(0);
        n.reference.assign(st.text_view_at(1));
        n.label.assign(st.text_view_at(2));
        n.owner.assign(st.text_view_at(3));
        on_node(n);
      }));
    }
    return Status::ok();
  }

  Result<std::vector<Link>> links_touching(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                           const LinkFilter& filter) override {
    std::vector<Link> out;
    std::set<int64_t> seen;  // a link between two of `refs` is found from both ends
    ROCTA_RETURN_IF_ERROR(each_link_touching<D>(db_, refs, scope, filter, false, [&](const Statement& st) {
      if (seen.insert(st.int_at(0)).second) out.push_back(read_link(st));
    }));
    return out;
  }

  Status each_visible_link(const ReadScope& scope, const LinkFilter& filter,
                           const std::function<void(const Link&)>& on_link) override {
    // One query per kind of each end. Each end must lie in the set of records of its kind
    // the policy admits: a subquery the database evaluates once per query (one pass over
    // the records), then one lookup per link in the index of links, which holds every
    // column read (id, ends, relation): the links table itself is not read.
    // Kinds no link starts (or ends) at are passed over: their query would still read the
    // records the policy admits.
    std::vector<RecordKind> starts, ends;
    for (RecordKind k : kLinkedKinds) {
      const std::string kind(to_string(k));
      ROCTA_ASSIGN_OR_RETURN(auto from, all_rows<int64_t>(db_, "SELECT 1 FROM links WHERE from_kind = ? LIMIT 1", {kind},
                                                          [](const Statement& st) { return st.int_at(0); }));
      ROCTA_ASSIGN_OR_RETURN(auto to, all_rows<int64_t>(db_, "SELECT 1 FROM links WHERE to_kind = ? LIMIT 1", {kind},
                                                        [](const Statement& st) { return st.int_at(0); }));
      if (!from.empty()) starts.push_back(k);
      if (!to.empty()) ends.push_back(k);
    }
    Link l;
    for (RecordKind a : starts)
      for (RecordKind b : ends) {
        Sql sql;
        sql.add("SELECT l.id, l.from_id, l.to_id, l.relation FROM links l WHERE l.from_kind = ?",
                std::string(to_string(a)));
        sql.add(" AND l.to_kind = ?", std::string(to_string(b)));
        append_link_filter(sql, filter);
        append_visible(sql, "l.from_id", a, scope, filter);
        append_visible(sql, "l.to_id", b, scope, filter);
        l.from.kind = a;
        l.to.kind = b;
        ROCTA_RETURN_IF_ERROR(each_row(db_, sql.text, sql.params, [&](const Statement& st) {
          l.id = st.int_at(0);
          l.from.id = st.int_at(1);
          l.to.id = st.int_at(2);
          l.relation.assign(st.text_view_at(3));
          on_link(l);
        }));
      }
    return Status::ok();
  }

  Result<std::vector<HiddenEnd>> hidden_ends(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                             const LinkFilter& filter) override {
    std::vector<HiddenEnd> out;
    std::set<std::pair<std::pair<int, int64_t>, std::pair<int, int64_t>>> seen;
    std::set<std::pair<RecordKind, int64_t>> near;
    for (const auto& r : refs) near.insert({r.kind, r.id});
    ROCTA_RETURN_IF_ERROR(each_link_touching<D>(db_, refs, scope, filter, true, [&](const Statement& st) {
      const Link l = read_link(st);
      const bool from_near = near.count({l.from.kind, l.from.id}) > 0;
      const RecordRef n = from_near ? l.from : l.to, f = from_near ? l.to : l.from;
      if (seen.insert({{static_cast<int>(n.kind), n.id}, {static_cast<int>(f.kind), f.id}}).second)
        out.push_back(HiddenEnd{n, f});
    }));
    return out;
  }

 private:
  static const char* label_of(RecordKind k) {
    switch (k) {
      case RecordKind::kThreat: return "r.name";
      case RecordKind::kNominal: return "trim(r.given_names || ' ' || r.surname)";
      case RecordKind::kIntelligence: return "r.title";
      case RecordKind::kCommodity: return "r.kind || ' ' || r.value";
    }
    return "r.reference";
  }
  // "SELECT id, reference, label, owner FROM <kind's table> r WHERE ", for a condition to follow.
  static Sql node_query(RecordKind kind) {
    Sql sql;
    sql.add(std::string("SELECT r.id, r.reference, ") + label_of(kind) + ", r.owner FROM " + table_of(kind) + " r WHERE ");
    return sql;
  }
  // " AND column IN (the ids of `kind` records `scope` admits, as at the filter's date)".
  static void append_visible(Sql& sql, const std::string& column, RecordKind kind, const ReadScope& scope,
                             const LinkFilter& filter) {
    sql.add(" AND " + column + " IN (SELECT r.id FROM " + std::string(table_of(kind)) + " r WHERE ");
    D::append_scope_predicate(sql, scope, "r", std::string(to_string(kind)));
    append_in_use(sql, "r", kind, filter);
    sql.add(")");
  }
  typename D::Connection& db_;
};

}  // namespace rocta::sql
