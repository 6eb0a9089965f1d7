// The network repository (store/network_repository.h) in SQL, written once for every SQL
// adapter; see repositories.h for what a Dialect supplies.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/network_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Network final : public NetworkRepository {
  using Statement = typename D::Statement;
  static constexpr RecordKind kKinds[] = {RecordKind::kThreat, RecordKind::kNominal, RecordKind::kIntelligence,
                                          RecordKind::kCommodity};
  static constexpr size_t kChunk = 500;  // ids per IN list
  static constexpr const char* kLinkCols =
      "l.id, l.from_kind, l.from_id, l.to_kind, l.to_id, l.relation, l.source, l.observed, l.created_by, l.created_at";

 public:
  explicit Network(typename D::Connection& db) : db_(db) {}

  Result<std::vector<NetworkNode>> nodes(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                         const LinkFilter& filter) override {
    std::vector<NetworkNode> out;
    for (RecordKind kind : kKinds) {
      const auto ids = ids_of(refs, kind);
      for (size_t at = 0; at < ids.size(); at += kChunk) {
        Sql sql;
        sql.add(std::string("SELECT r.id, r.reference, ") + label_of(kind) + ", r.owner FROM " + table_of(kind) + " r WHERE ");
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

  Result<std::vector<Link>> links_touching(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                           const LinkFilter& filter) override {
    std::vector<Link> out;
    std::set<int64_t> seen;  // a link between two of `refs` is found from both ends
    ROCTA_RETURN_IF_ERROR(touching(refs, scope, filter, false, [&](const Statement& st) {
      Link l = read_link(st);
      if (seen.insert(l.id).second) out.push_back(std::move(l));
    }));
    return out;
  }

  Status each_visible_link(const ReadScope& scope, const LinkFilter& filter,
                           const std::function<void(const Link&)>& on_link) override {
    // One query per kind of each end, the policy applied to both.
    for (RecordKind a : kKinds)
      for (RecordKind b : kKinds) {
        Sql sql;
        sql.add(std::string("SELECT ") + kLinkCols + " FROM links l JOIN " + table_of(a) + " fa ON fa.id = l.from_id JOIN " +
                table_of(b) + " ta ON ta.id = l.to_id WHERE l.from_kind = ?", std::string(to_string(a)));
        sql.add(" AND l.to_kind = ?", std::string(to_string(b)));
        append_filter(sql, filter);
        append_in_use(sql, "fa", a, filter);
        append_in_use(sql, "ta", b, filter);
        sql.add(" AND ");
        D::append_scope_predicate(sql, scope, "fa", std::string(to_string(a)));
        sql.add(" AND ");
        D::append_scope_predicate(sql, scope, "ta", std::string(to_string(b)));
        ROCTA_RETURN_IF_ERROR(each_row(db_, sql.text, sql.params, [&](const Statement& st) { on_link(read_link(st)); }));
      }
    return Status::ok();
  }

  Result<std::vector<HiddenEnd>> hidden_ends(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                             const LinkFilter& filter) override {
    std::vector<HiddenEnd> out;
    std::set<std::pair<std::pair<int, int64_t>, std::pair<int, int64_t>>> seen;
    std::set<std::pair<RecordKind, int64_t>> near;
    for (const auto& r : refs) near.insert({r.kind, r.id});
    ROCTA_RETURN_IF_ERROR(touching(refs, scope, filter, true, [&](const Statement& st) {
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
  static std::vector<int64_t> ids_of(const std::vector<RecordRef>& refs, RecordKind kind) {
    std::vector<int64_t> ids;
    for (const auto& r : refs)
      if (r.kind == kind) ids.push_back(r.id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }
  // "column IN (…)" for ids[at, at + kChunk).
  static void append_ids(Sql& sql, const std::string& column, const std::vector<int64_t>& ids, size_t at) {
    sql.add(column + " IN (");
    const size_t end = std::min(ids.size(), at + kChunk);
    for (size_t i = at; i < end; ++i) sql.add(i == at ? "?" : ",?", ids[i]);
    sql.add(")");
  }
  // As at a date, a commodity is there only while it was in use (core/commodity.h in_use_on).
  static void append_in_use(Sql& sql, const std::string& alias, RecordKind kind, const LinkFilter& f) {
    if (kind != RecordKind::kCommodity || f.as_at.empty()) return;
    sql.add(" AND (" + alias + ".opened = '' OR " + alias + ".opened <= ?)", f.as_at);
    sql.add(" AND (" + alias + ".closed = '' OR " + alias + ".closed > ?)", f.as_at);
  }
  static void append_filter(Sql& sql, const LinkFilter& f) {
    if (!f.as_at.empty()) sql.add(" AND l.observed <> '' AND l.observed <= ?", f.as_at);
    if (!f.relations.empty()) {
      sql.add(" AND l.relation IN (");
      for (size_t i = 0; i < f.relations.size(); ++i) sql.add(i ? ",?" : "?", f.relations[i]);
      sql.add(")");
    }
  }
  // Links touching `refs` whose far end `scope` admits (or, when `hidden`, does not): one
  // query per kind of near and far end and per chunk of ids, each from both directions.
  template <typename OnRow>
  Status touching(const std::vector<RecordRef>& refs, const ReadScope& scope, const LinkFilter& filter, bool hidden,
                  OnRow on_row) {
    for (RecordKind nk : kKinds) {
      const auto ids = ids_of(refs, nk);
      const std::string near(to_string(nk));
      for (size_t at = 0; at < ids.size(); at += kChunk)
        for (RecordKind fk : kKinds) {
          const std::string far(to_string(fk));
          for (bool outward : {true, false}) {
            // Two statements rather than one OR: each then uses its own index.
            const std::string n = outward ? "from" : "to", f = outward ? "to" : "from";
            Sql sql;
            sql.add(std::string("SELECT ") + kLinkCols + " FROM links l JOIN " + table_of(fk) + " r ON r.id = l." + f +
                    "_id WHERE l." + n + "_kind = ?", near);
            sql.add(" AND l." + f + "_kind = ?", far).add(" AND ");
            append_ids(sql, "l." + n + "_id", ids, at);
            append_filter(sql, filter);
            append_in_use(sql, "r", fk, filter);
            sql.add(hidden ? " AND NOT " : " AND ");
            D::append_scope_predicate(sql, scope, "r", far);
            ROCTA_RETURN_IF_ERROR(each_row(db_, sql.text, sql.params, on_row));
          }
        }
    }
    return Status::ok();
  }
  static Link read_link(const Statement& st) {
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
