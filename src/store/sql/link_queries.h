// The link queries the link and network repositories share: which links touch a set of
// records, their far end admitted by a reader's policy (or, for a signal, not admitted),
// written once for every SQL adapter.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "store/network_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

inline constexpr RecordKind kLinkedKinds[] = {RecordKind::kThreat, RecordKind::kNominal, RecordKind::kIntelligence,
                                              RecordKind::kCommodity};
inline constexpr size_t kIdsPerList = 500;  // ids per IN list
inline constexpr const char* kLinkColumns =
    "l.id, l.from_kind, l.from_id, l.to_kind, l.to_id, l.relation, l.source, l.observed, l.created_by, l.created_at";

// A link read from kLinkColumns.
template <typename Statement>
Link read_link(const Statement& st) {
  Link l;
  l.id = st.int_at(0);
  l.from = {parse_record_kind(st.text_view_at(1)).value_or(RecordKind::kThreat), st.int_at(2)};
  l.to = {parse_record_kind(st.text_view_at(3)).value_or(RecordKind::kThreat), st.int_at(4)};
  l.relation = st.text_at(5);
  l.source = st.text_at(6);
  l.date = st.text_at(7);
  l.created_by = st.int_at(8);
  l.created_at = st.text_at(9);
  return l;
}

// The ids of the `kind` records among `refs`, sorted, each once.
inline std::vector<int64_t> ids_of_kind(const std::vector<RecordRef>& refs, RecordKind kind) {
  std::vector<int64_t> ids;
  for (const auto& r : refs)
    if (r.kind == kind) ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// "column IN (…)" for ids[at, at + kIdsPerList).
inline void append_ids(Sql& sql, const std::string& column, const std::vector<int64_t>& ids, size_t at) {
  sql.add(column + " IN (");
  const size_t end = std::min(ids.size(), at + kIdsPerList);
  for (size_t i = at; i < end; ++i) sql.add(i == at ? "?" : ",?", ids[i]);
  sql.add(")");
}

// As at a date, a commodity is there only while it was in use (core/commodity.h in_use_on).
inline void append_in_use(Sql& sql, const std::string& alias, RecordKind kind, const LinkFilter& f) {
  if (kind != RecordKind::kCommodity || f.as_at.empty()) return;
  sql.add(" AND (" + alias + ".opened = '' OR " + alias + ".opened <= ?)", f.as_at);
  sql.add(" AND (" + alias + ".closed = '' OR " + alias + ".closed > ?)", f.as_at);
}

// The links `f` selects (links aliased l): observed by its date, of its relations.
inline void append_link_filter(Sql& sql, const LinkFilter& f) {
  if (!f.as_at.empty()) sql.add(" AND l.observed <> '' AND l.observed <= ?", f.as_at);
  if (!f.relations.empty()) {
    sql.add(" AND l.relation IN (");
    for (size_t i = 0; i < f.relations.size(); ++i) sql.add(i ? ",?" : "?", f.relations[i]);
    sql.add(")");
  }
}

// Calls on_row(statement of kLinkColumns) for each link `filter` selects touching one of
// `refs` whose far end `scope` admits (or, when `hidden`, does not): one query per kind of
// near and far end and per list of ids, each from both directions (a link between two of
// `refs` comes once from each end). The policy is applied to the far end in the query.
template <typename D, typename OnRow>
Status each_link_touching(typename D::Connection& db, const std::vector<RecordRef>& refs, const ReadScope& scope,
                          const LinkFilter& filter, bool hidden, OnRow on_row) {
  for (RecordKind nk : kLinkedKinds) {
    const auto ids = ids_of_kind(refs, nk);
    const std::string near(to_string(nk));
    for (size_t at = 0; at < ids.size(); at += kIdsPerList)
      for (RecordKind fk : kLinkedKinds) {
        const std::string far(to_string(fk));
        for (bool outward : {true, false}) {
          // Two statements rather than one OR: each then uses its own index.
          const std::string n = outward ? "from" : "to", f = outward ? "to" : "from";
          Sql sql;
          sql.add(std::string("SELECT ") + kLinkColumns + " FROM links l JOIN " + table_of(fk) + " r ON r.id = l." + f +
                      "_id WHERE l." + n + "_kind = ?",
                  near);
          sql.add(" AND l." + f + "_kind = ?", far).add(" AND ");
          append_ids(sql, "l." + n + "_id", ids, at);
          append_link_filter(sql, filter);
          append_in_use(sql, "r", fk, filter);
          sql.add(hidden ? " AND NOT " : " AND ");
          D::append_scope_predicate(sql, scope, "r", far);
          ROCTA_RETURN_IF_ERROR(each_row(db, sql.text, sql.params, on_row));
        }
      }
  }
  return Status::ok();
}

}  // namespace rocta::sql
