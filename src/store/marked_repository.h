// Repositories of marked records (threats, nominals, intelligence reports) and their
// queries. Every read takes a ReadScope and applies it inside the query, so a list, search
// or count never fetches rows the caller may not read; a "not visible" record is reported
// exactly as an absent one (NotFound).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/intelligence.h"
#include "core/list_sort.h"
#include "core/master_list.h"
#include "core/nominal.h"
#include "core/policy.h"
#include "core/status.h"
#include "core/threat.h"
#include "store/page.h"

namespace rocta {

struct ThreatQuery {
  std::string text;  // full-text terms; all must match (prefixes allowed)
  std::optional<ThreatType> type;
  std::string owning_agency;
  std::optional<int> tier;
  std::optional<bool> county_lines;
  std::string crime_type;
  std::optional<ModerationStatus> moderation;
  bool include_closed = true;
  // The master list: Appendix 2's filter, ordered by MoRiLE score (highest first).
  std::optional<MasterListFilter> master_list;
  std::string owning_region;  // owner's agency in this region
  std::string relevant_to;    // owned by this agency, or shared with it by name
  std::string overdue_on;     // YYYY-MM-DD: only threats whose reassessment was due before it
  // One of the kind's sort columns (core/list_sort.h), ties by id; with text, it replaces
  // the best-match order. Unset: the kind's own order.
  ListSort sort;
  // Only these threats (app/ resolves an area to the threats with a place in it); an empty
  // list selects none.
  std::optional<std::vector<int64_t>> ids;
  PageRequest page;
  SearchBounds bounds;  // with text
};

struct NominalQuery {
  std::string text;
  std::string owning_agency;
  std::string date_of_birth;
  // One of the kind's sort columns (core/list_sort.h), ties by id; with text, it replaces
  // the best-match order. Unset: the kind's own order.
  ListSort sort;
  PageRequest page;
  SearchBounds bounds;  // with text
};

struct IntelligenceQuery {
  std::string text;
  std::string owning_agency;
  std::optional<Classification> classification;
  std::vector<std::string> compartments;  // only reports in one of these (empty: no filter)
  // One of the kind's sort columns (core/list_sort.h), ties by id; with text, it replaces
  // the best-match order. Unset: the kind's own order.
  ListSort sort;
  PageRequest page;
  SearchBounds bounds;  // with text
};

// Repositories for marked records share one shape.
template <typename Record, typename Query>
class MarkedRepository {
 public:
  virtual ~MarkedRepository() = default;
  // NotFound when absent or not admitted by `scope`.
  virtual Result<Record> get(int64_t id, const ReadScope& scope) = 0;
  // What `scope` admits and the query selects, one page. With text: best match first, and
  // the total counted up to query.bounds.count_cap (Page::total_exact); without, an exact total.
  virtual Result<Page<Record>> list(const ReadScope& scope, const Query& query) = 0;
  // Fills nothing in: the caller supplies reference, version, timestamps. Returns the id.
  virtual Result<int64_t> insert(const Record& r) = 0;
  // As insert() for each, in a few statements (a bulk load): the ids follow the highest held,
  // in order. AlreadyExists when a reference is taken; then the transaction may be unusable
  // (on PostgreSQL), so nothing of it should be kept.
  virtual Result<std::vector<int64_t>> insert_many(const std::vector<Record>& records) = 0;
  // Conflict when the stored version is not `r.version - 1`.
  virtual Status update(const Record& r) = 0;
  // Looks up by reference within the owning agency, ignoring scope (for imports).
  virtual Result<int64_t> id_by_reference(const std::string& owner, const std::string& reference) = 0;
  // Every record in id order after `after_id`, at most `limit`, ignoring scope: for the
  // operator's imports and exports only (app/ decides what leaves).
  virtual Result<std::vector<Record>> scan(int64_t after_id, int limit) = 0;
};

using ThreatRepository = MarkedRepository<Threat, ThreatQuery>;
using NominalRepository = MarkedRepository<Nominal, NominalQuery>;
using IntelligenceRepository = MarkedRepository<IntelligenceReport, IntelligenceQuery>;

}  // namespace rocta
