// How a ranked text search (a list with text, the search across kinds) reads one page
// without ranking, looking up and counting every match when a word is common.
//
// The page is read first from each kind's best K matches, taken by rank from the text
// index alone; the access predicate and the filters then apply to those K rows only. Any
// match outside them ranks at or below the worst of them, so when the page's last row
// ranks strictly above that, the page is the exact page of the full query. Otherwise K
// grows, and past SearchBounds::max_candidates the full query runs. The count stops at a
// cap (Page::total_exact). See docs/performance.md, "Search".
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "store/sql/sql.h"
#include "store/store.h"

namespace rocta::sql {

// What one round over the best `candidates` matches of each kind read: the scores of its
// page in page order (at least one), how many candidates the reader may see (filters
// included), and the best score a match outside the candidates may have (none when no
// kind had more matches).
struct CandidateRound {
  int64_t candidates = 0;
  std::vector<double> scores;
  int64_t visible = 0;
  std::optional<double> bound;
};

// Candidates of each kind to read first for `page`; 0: run the full query at once.
int64_t first_candidates(const PageRequest& page, const SearchBounds& bounds);

// After a round: 0 when its page is provably the exact page; otherwise the candidates to
// read in the next round, or -1 to run the full query.
int64_t next_candidates(const CandidateRound& round, const PageRequest& page, const SearchBounds& bounds);

// Names a round's candidate table of one kind ("c_threat", …).
inline std::string candidate_table(const std::string& kind) { return "c_" + kind; }

// Appends to `with` the candidate table of `kind`: `best` ("SELECT fid, fscore …", best
// first, at most K rows) materialised once, so that the page and the bound read it alike.
inline void add_candidate_table(Sql& with, const std::string& kind, const Sql& best) {
  with.add(with.text.empty() ? "WITH " : ", ").add(candidate_table(kind) + " AS MATERIALIZED (").add(best).add(")");
}

// The page statement's last two columns in a round: the visible candidates (over `hits`,
// the filtered rows) and the bound, from the candidate tables of `kinds` (K = `candidates`).
inline Sql round_columns(const std::vector<std::string>& kinds, int64_t candidates) {
  Sql sql;
  sql.add(", count(*) OVER (), (SELECT max(w) FROM (");
  for (size_t i = 0; i < kinds.size(); ++i)
    sql.add(i ? " UNION ALL " : "")
        .add("SELECT CASE WHEN count(*) >= ? THEN min(fscore) END AS w FROM " + candidate_table(kinds[i]), candidates);
  return sql.add(") b)");
}

// One page of a ranked text search. `build(k)` writes the page statement: over each kind's
// best k matches when k > 0, with round_columns from column `round_at` on; over every match
// when k is 0. `read` turns a row into a Row, which has a `double score`.
template <typename Row, typename Connection, typename Build, typename Read>
Result<std::vector<Row>> ranked_page(Connection& db, const PageRequest& page, const SearchBounds& bounds, int round_at,
                                     Build build, Read read) {
  int64_t k = first_candidates(page, bounds);
  for (;;) {
    const Sql sql = build(std::max<int64_t>(k, 0));
    ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql.text));
    st->bind_all(sql.params);
    CandidateRound round;
    round.candidates = k;
    std::vector<Row> rows;
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      rows.push_back(read(*st));
      if (k <= 0) return;
      round.scores.push_back(rows.back().score);
      round.visible = st->int_at(round_at);
      if (!st->is_null(round_at + 1)) round.bound = st->real_at(round_at + 1);
    }));
    if (k <= 0) return rows;  // the full query's page
    // An empty page carries no bound: whether anything was left out is unknown. The full
    // query then finds what the reader may see beyond the best matches, if anything.
    k = rows.empty() ? -1 : next_candidates(round, page, bounds);
    if (k == 0) return rows;
  }
}

// How many rows a statement returns, counted up to a cap.
struct CappedCount {
  int64_t total = 0;
  bool exact = true;  // false: more than `total` rows
};

// Counts `rows` (a SELECT without ORDER BY or LIMIT) up to the cap: at least
// bounds.count_cap, and at least to the end of `page`.
template <typename Connection>
Result<CappedCount> capped_count(Connection& db, const Sql& rows, const PageRequest& page, const SearchBounds& bounds) {
  const int64_t cap = std::max<int64_t>(bounds.count_cap, int64_t{page.offset} + page.limit);
  Sql count;
  count.add("SELECT count(*) FROM (").add(rows).add(" LIMIT ?) capped", cap + 1);
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(count.text));
  st->bind_all(count.params);
  int64_t n = 0;
  ROCTA_RETURN_IF_ERROR(st->each([&] { n = st->int_at(0); }));
  return n > cap ? CappedCount{cap, false} : CappedCount{n, true};
}

}  // namespace rocta::sql
