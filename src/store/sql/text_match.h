// What a text search matches in one kind of record, decided before its page is read.
//
// FTS5 (and ts_rank) must score every match to know the best, so a word in 700,000 reports
// cannot be ranked in tens of milliseconds (docs/performance.md, "Search"). A search whose
// text matches SearchBounds::common records of a kind or more therefore ranks and counts
// only that kind's newest `common` matches, and says so (Page::ranked_newest). And a typed
// word that is itself in `common` records or more matches as that word, not also as the
// start of longer ones: "cash" then means cash, not cashpoint, and the index reads one
// term instead of merging every term the prefix begins. Rarer words stay prefixes, so a
// part of a name still finds it. On SQLite only (Dialect::kRanksNewestOfCommonText):
// PostgreSQL ranks every match, see postgres_store.cc.
#pragma once

#include <string>

#include "store/page.h"
#include "store/sql/sql.h"
#include "store/store.h"

namespace rocta::sql {

// Whether at least `n` records of `table` match `m` (where the dialect ranks the newest).
template <typename D, typename Connection>
Result<bool> matches_at_least(Connection& db, const std::string& table, const TextMatch& m, int64_t n) {
  const Sql count = D::count_matches(table, m, n);
  ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(count.text));
  st->bind_all(count.params);
  int64_t found = 0;
  ROCTA_RETURN_IF_ERROR(st->each([&] { found = st->int_at(0); }));
  return found >= n;
}

// The text match of `typed` over `table` under `bounds`. Where D::kRanksNewestOfCommonText,
// the dialect D supplies count_matches(table, match, limit) and nth_newest_match(table,
// match, n); elsewhere every word is a prefix and every match ranked.
template <typename D, typename Connection>
Result<TextMatch> plan_text_match(Connection& db, const std::string& table, const std::string& typed, const SearchBounds& bounds) {
  TextMatch m = prefix_match(typed);
  if constexpr (!D::kRanksNewestOfCommonText) {
    return m;
  } else {
    if (m.empty() || bounds.common <= 0) return m;
    m.whole.assign(m.words.size(), false);
    for (size_t i = 0; i < m.words.size(); ++i) {
      const TextMatch word{{m.words[i]}, {true}, 0};
      ROCTA_ASSIGN_OR_RETURN(const bool common, matches_at_least<D>(db, table, word, bounds.common));
      m.whole[i] = common;
    }
    // One word found whole was just counted.
    if (!(m.words.size() == 1 && m.whole[0])) {
      ROCTA_ASSIGN_OR_RETURN(const bool common, matches_at_least<D>(db, table, m, bounds.common));
      if (!common) return m;
    }
    const Sql newest = D::nth_newest_match(table, m, bounds.common);
    ROCTA_ASSIGN_OR_RETURN(auto* st, db.prepare(newest.text));
    st->bind_all(newest.params);
    ROCTA_RETURN_IF_ERROR(st->each([&] { m.newest_from = st->int_at(0); }));
    return m;
  }
}

}  // namespace rocta::sql
