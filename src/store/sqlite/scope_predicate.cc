#include "store/sqlite/scope_predicate.h"

#include <algorithm>

namespace rocta::sqlite {

void append_scope_predicate(Sql& sql, const ReadScope& s, const std::string& a, const std::string& kind) {
  if (!s.active) {
    sql.add("(0)");
    return;
  }
  sql.add("(" + a + ".classification <= ?", static_cast<int64_t>(s.max_classification));
  sql.add(" AND (" + a + ".compartment = ''");
  if (!s.compartments.empty()) {
    sql.add(" OR " + a + ".compartment IN (");
    for (size_t i = 0; i < s.compartments.size(); ++i) sql.add(i ? ",?" : "?", s.compartments[i]);
    sql.add(")");
  }
  sql.add(")");
  if (!s.need_to_know) sql.add(" AND " + a + ".sensitive = 0");
  // Cheapest alternatives first; non-correlated IN lists are computed once per query.
  // The unary + keeps SQLite from a multi-index OR plan that is slower than one scan.
  sql.add(" AND (+" + a + ".owner = ?", s.agency);
  if (!s.compartments.empty()) sql.add(" OR +" + a + ".compartment <> ''");  // held: checked above
  if (s.law_enforcement) {
    sql.add(" OR +" + a + ".scope = 3");
    sql.add(" OR (+" + a + ".scope = 2 AND " + a + ".owner IN (SELECT code FROM agencies WHERE region = ?))", s.region);
  }
  // Sharing agreements with the reader's agency: a few short alternatives at most.
  for (const auto& g : s.grants)
    sql.add(" OR (+" + a + ".owner = ?", g.giver)
        .add(" AND +" + a + ".scope >= ?", static_cast<int64_t>(std::max(g.min_scope, SharingScope::kNamed)))
        .add(" AND " + a + ".classification <= ?)", static_cast<int64_t>(g.max_classification));
  sql.add(" OR (+" + a + ".scope >= 1 AND " + a + ".id IN (SELECT record_id FROM record_shares WHERE kind = '" + kind +
          "' AND agency = ?))",
          s.agency);
  sql.add("))");
}

std::string fts_query(const sql::TextMatch& m) {
  std::string out;
  for (size_t i = 0; i < m.words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += '"' + m.words[i] + (m.is_whole(i) ? "\"" : "\"*");
  }
  return out;
}

}  // namespace rocta::sqlite
