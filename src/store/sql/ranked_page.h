// How a ranked text search (a list with text, the search across kinds) reads one page
// without looking up and counting every match when a word is common.
//
// Where the database ranks from the text index alone (SQLite's FTS5), the page is read
// first from each kind's best K matches by rank; the access predicate and the filters then
// apply to those K rows only, instead of to a record looked up for every match. Any match
// outside them ranks at or below the worst of them, so when the page's last row ranks
// strictly above that, the page is the exact page of the full query. Otherwise K grows,
// and past SearchBounds::max_candidates the full query runs. Where ranking reads the
// record anyway (PostgreSQL's ts_rank reads the row's tsvector), the full query runs at
// once: it tests the predicate on the row it visits. The count stops at a cap
// (Page::total_exact). See docs/performance.md, "Search".
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "store/page.h"
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

// The page statement's last columns: the rows it orders (over the filtered rows: visible
// matches, or visible candidates in a round) and, in a round (`candidates` > 0), the bound
// from the candidate tables of `kinds`.
inline Sql round_columns(const std::vector<std::string>& kinds, int64_t candidates) {
  Sql sql;
  sql.add(", count(*) OVER ()");
  if (candidates <= 0) return sql;
  sql.add(", (SELECT max(w) FROM (");
  for (size_t i = 0; i < kinds.size(); ++i)
    sql.add(i ? " UNION ALL " : "")
        .add("SELECT CASE WHEN count(*) >= ? THEN min(fscore) END AS w FROM " + candidate_table(kinds[i]), candidates);
  return sql.add(") b)");
}

// A page of a ranked text search, and how many rows the full query has when that is known
// (the page came from it, or from a round that read every match), so that no count need run.
template <typename Row>
struct RankedRows {
  std::vector<Row> rows;
  std::optional<int64_t> visible;
};

// One page of a ranked text search. `build(k)` writes the page statement: over each kind's
// best k matches when k > 0, over every match when k is 0, with round_columns from column
// `round_at` on. `read` turns a row into a Row, which has a `double score`.
// `from_index` false: the database cannot rank from its text index alone; the full query
// runs at once.
template <typename Row, typename Connection, typename Build, typename Read>
Result<RankedRows<Row>> ranked_page(Connection& db, const PageRequest& page, const SearchBounds& bounds, bool from_index,
                                    int round_at, Build build, Read read) {
  int64_t k = from_index ? first_candidates(page, bounds) : 0;
  for (;;) {
    const Sql sql = build(std::max<int64_t>(k, 0));
    ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(sql.text));
    st->bind_all(sql.params);
    CandidateRound round;
    round.candidates = k;
    RankedRows<Row> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      out.rows.push_back(read(*st));
      round.scores.push_back(out.rows.back().score);
      round.visible = st->int_at(round_at);
      if (k > 0 && !st->is_null(round_at + 1)) round.bound = st->real_at(round_at + 1);
    }));
    if (k <= 0) {  // the full query's page
      if (!out.rows.empty()) out.visible = round.visible;
      return out;
    }
    // An empty page carries no bound: whether anything was left out is unknown. The full
    // query then finds what the reader may see beyond the best matches, if anything.
    k = out.rows.empty() ? -1 : next_candidates(round, page, bounds);
    if (k == 0) {
      if (!round.bound) out.visible = round.visible;  // every match was a candidate
      return out;
    }
  }
}

// How many rows a statement returns, counted up to a cap.
struct CappedCount {
  int64_t total = 0;
  bool exact = true;  // false: more than `total` rows
};

// The cap: at least bounds.count_cap, and at least to the end of `page`.
inline int64_t count_cap(const PageRequest& page, const SearchBounds& bounds) {
  return std::max<int64_t>(bounds.count_cap, int64_t{page.offset} + page.limit);
}

// The total of a page that `ranked` found, counted up to the cap: from what the page's
// statement counted when it could, else by counting `rows` (a SELECT without ORDER BY or
// LIMIT) up to the cap.
template <typename Connection, typename Row>
Result<CappedCount> capped_total(Connection& db, const RankedRows<Row>& ranked, const Sql& rows, const PageRequest& page,
                                 const SearchBounds& bounds) {
  const int64_t cap = count_cap(page, bounds);
  if (ranked.visible) return *ranked.visible > cap ? CappedCount{cap, false} : CappedCount{*ranked.visible, true};
  Sql count;
  count.add("SELECT count(*) FROM (").add(rows).add(" LIMIT ?) capped", cap + 1);
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(count.text));
  st->bind_all(count.params);
  int64_t n = 0;
  ROCTA_RETURN_IF_ERROR(st->each([&] { n = st->int_at(0); }));
  return n > cap ? CappedCount{cap, false} : CappedCount{n, true};
}

}  // namespace rocta::sql
