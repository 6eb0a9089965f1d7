// Pages of a list, and the bounds of a text search, as every repository reads them.
#pragma once

#include <cstdint>
#include <vector>

namespace rocta {

struct PageRequest {
  int limit = 50;  // 1..200
  int offset = 0;  // >= 0
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;        // rows matching, all pages together
  bool total_exact = true;  // false: counting stopped at `total`, and more rows than that match
  // A text search whose words are common: > 0 when only the newest this many matches of a
  // kind were ranked and counted (SearchBounds::common).
  int64_t ranked_newest = 0;
};

// How much of a large text match a search reads before it answers: a list with `text`, or
// the search across kinds. The candidates and the count cap trade work for the count's
// precision and decide when the full query runs: the page is exact whatever they are.
// `common` decides what a very common text matches. The defaults are production's; tests
// shrink them to reach every path.
struct SearchBounds {
  // The best matches (by rank, from the text index alone) of each kind read first; the
  // page comes from the visible ones among them when that is provably the exact page.
  // At least candidates_per_row times offset + limit; 0 runs the full query at once.
  int64_t first_candidates = 200;
  // More candidates are read (about as many more as the first round's visible share
  // suggests) until this many; past it the full query runs over every match.
  int64_t max_candidates = 20000;
  // Visible matches counted at most (at least offset + limit); past it the total is a
  // lower bound (Page::total_exact false).
  int64_t count_cap = 1000;
  // Ten: a reader who sees a tenth of what matches still fills the page in one round
  // (each round ranks every match again).
  int64_t candidates_per_row = 10;
  // When a kind's records match the text this many times or more, only its newest this
  // many matches are ranked and counted (Page::ranked_newest), and a typed word that is
  // itself in this many records matches as that word, not as the start of longer ones.
  // FTS5 must score every match to find the best, so ranking 700,000 matches of a common
  // word cannot be fast (docs/performance.md, "Search"). 0: every match, every word a prefix.
  int64_t common = 10000;
};

}  // namespace rocta
