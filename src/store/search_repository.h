// The search repository: one ranked full-text search across threats, nominals and
// intelligence reports, with the reader's access predicate inside each kind's query.
//
// The store never fetches a hit the ReadScope does not admit, and the total counts only
// admitted rows; app/ checks every hit again with can().
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/link.h"
#include "core/marking.h"
#include "core/policy.h"
#include "store/page.h"
#include "store/store.h"

namespace rocta {

// What to look for. Every word of `text` must match (as a prefix), as in the lists.
struct SearchQuery {
  std::string text;
  std::vector<RecordKind> kinds;  // any of the three (empty: all)
  std::string owning_agency;      // empty: any
  std::optional<Classification> classification;
  // YYYY-MM-DD, inclusive, empty for open: a report's received date, a threat's or a
  // nominal's creation date.
  std::string from_date;
  std::string to_date;
  // Only these records of each kind (app/ resolves an area to the records with a place in
  // it); a kind with no entry has none.
  std::optional<std::map<RecordKind, std::vector<int64_t>>> ids;
  PageRequest page;
  SearchBounds bounds;
};

// Marks that open and close a matched word in SearchHit::snippet. Private control
// characters, never HTML: the API turns them into segments and the browser renders text.
constexpr char kHitOpen = '\x02';
constexpr char kHitClose = '\x03';

struct SearchHit {
  RecordKind kind = RecordKind::kThreat;
  int64_t id = 0;
  std::string reference;
  std::string title;    // a threat's name, a nominal's names, a report's title
  std::string snippet;  // the best fragment, matched words between kHitOpen and kHitClose
  double score = 0;     // higher is better; comparable within one search only
  Marking marking;      // with shared_with
};

class SearchRepository {
 public:
  virtual ~SearchRepository() = default;
  // Hits the scope admits, best first (then by kind and id), one page, with the total
  // counted up to q.bounds.count_cap (Page::total_exact). Nothing searchable in `q.text`
  // finds nothing.
  virtual Result<Page<SearchHit>> search(const ReadScope& scope, const SearchQuery& q) = 0;
};

}  // namespace rocta
