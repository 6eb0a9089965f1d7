#include "store/postgres/scope_predicate.h"

#include <algorithm>

namespace rocta::postgres {

void append_scope_predicate(Sql& sql, const ReadScope& s, const std::string& a, const std::string& kind) {
  if (!s.active) {
    sql.add("(false)");
    return;
  }
  sql.add("(" + a + ".classification <= ?", static_cast<int64_t>(s.max_classification));
  // The compartments go as one array parameter, so the text (and the prepared statement)
  // is the same however many a reader holds.
  sql.add(" AND (" + a + ".compartment = '' OR " + a + ".compartment = ANY(?::text[]))", array_literal(s.compartments));
  if (!s.need_to_know) sql.add(" AND NOT " + a + ".sensitive");
  // Non-correlated IN subqueries run once per query, as hashed subplans.
  sql.add(" AND (" + a + ".owner = ?", s.agency);
  if (!s.compartments.empty()) sql.add(" OR " + a + ".compartment <> ''");  // held: checked above
  if (s.law_enforcement) {
    sql.add(" OR " + a + ".scope = 3");
    sql.add(" OR (" + a + ".scope = 2 AND " + a + ".owner IN (SELECT code FROM agencies WHERE region = ?))", s.region);
  }
  // Sharing agreements with the reader's agency: a few short alternatives at most.
  for (const auto& g : s.grants)
    sql.add(" OR (" + a + ".owner = ?", g.giver)
        .add(" AND " + a + ".scope >= ?", static_cast<int64_t>(std::max(g.min_scope, SharingScope::kNamed)))
        .add(" AND " + a + ".classification <= ?)", static_cast<int64_t>(g.max_classification));
  sql.add(" OR (" + a + ".scope >= 1 AND " + a + ".id IN (SELECT record_id FROM record_shares WHERE kind = ?", kind);
  sql.add(" AND agency = ?))))", s.agency);
}

std::string tsquery_text(const sql::TextMatch& m) {
  // search_words() leaves no quote, backslash, colon or operator in a word, so quoting
  // each one is enough to keep tsquery syntax out.
  std::string out;
  for (size_t i = 0; i < m.words.size(); ++i) {
    if (!out.empty()) out += " & ";
    out += "'" + m.words[i] + (m.is_whole(i) ? "'" : "':*");
  }
  return out;
}

}  // namespace rocta::postgres
