#include "store/page.h"
#include "store/sql/ranked_page.h"

#include <cmath>

namespace rocta::sql {

int64_t first_candidates(const PageRequest& page, const SearchBounds& bounds) {
  if (bounds.first_candidates <= 0) return 0;
  const int64_t k = std::max<int64_t>(bounds.first_candidates, bounds.candidates_per_row * (int64_t{page.offset} + page.limit));
  return k > bounds.max_candidates ? 0 : k;
}

int64_t next_candidates(const CandidateRound& round, const PageRequest& page, const SearchBounds& bounds) {
  // Every match of every kind was a candidate: the round ran the full query.
  if (!round.bound) return 0;
  // A full page whose last row ranks strictly above any match left out: nothing left out
  // can come before it, and everything before it was read.
  if (static_cast<int64_t>(round.scores.size()) == page.limit && round.scores.back() > *round.bound) return 0;
  // Each round ranks every match again (the index cannot stop early), so grow fast: to
  // about twice what the visible share says the page needs, at least fourfold.
  const int64_t need = int64_t{page.offset} + page.limit;
  const double wanted = std::ceil(2.0 * static_cast<double>(need) * static_cast<double>(round.candidates) /
                                  static_cast<double>(std::max<int64_t>(round.visible, 1)));
  const int64_t k = std::max<int64_t>(4 * round.candidates, static_cast<int64_t>(std::min(wanted, 1e15)));
  return k > bounds.max_candidates ? -1 : k;
}

}  // namespace rocta::sql
