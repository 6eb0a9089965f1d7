// The linkage repository: runs of the matching engine over every nominal, and the matches
// between nominals with the decisions people took on them.
//
// A match is not marked material of its own: it joins two marked nominals, and app/ shows
// one only to a reader of both ends (the review queue asks the store for exactly those).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/link.h"
#include "core/linkage.h"
#include "core/policy.h"
#include "store/page.h"
#include "store/store.h"

namespace rocta {

struct MatchRun {
  int64_t id = 0;
  int64_t started_ms = 0, finished_ms = 0;
  int64_t by_user = 0;
  int64_t nominals = 0;         // compared
  int64_t candidate_pairs = 0;  // scored
  int64_t linked = 0, review = 0;  // undecided matches the run left, by status
  int64_t kept_decisions = 0;      // decided pairs it found again and left as decided
  int64_t withdrawn = 0;           // undecided matches of earlier runs it no longer found
};

struct MatchQueueQuery {
  MatchStatus status = MatchStatus::kReview;
  PageRequest page;
};

class LinkageRepository {
 public:
  virtual ~LinkageRepository() = default;
  virtual Result<int64_t> insert_run(const MatchRun& r) = 0;
  virtual Status update_run(const MatchRun& r) = 0;  // its counts and finish, by id
  virtual Result<std::vector<MatchRun>> runs(int limit) = 0;  // newest first

  virtual Result<NominalMatch> match(int64_t id) = 0;
  // The match between two nominals (in either order), NotFound when there is none.
  virtual Result<NominalMatch> match_between(int64_t nominal_x, int64_t nominal_y) = 0;
  // Matches touching any of `nominals`, by id.
  virtual Result<std::vector<NominalMatch>> matches_of(const std::vector<int64_t>& nominals) = 0;
  // Every match, by id: a run compares them with what it finds.
  virtual Result<std::vector<NominalMatch>> all_matches() = 0;
  // Matches of one status whose two nominals `scope` both admits, most likely first.
  virtual Result<Page<NominalMatch>> queue(const ReadScope& scope, const MatchQueueQuery& q) = 0;

  // AlreadyExists when the pair has a match.
  virtual Result<int64_t> insert_match(const NominalMatch& m) = 0;
  // Conflict when the stored version is not `m.version - 1`.
  virtual Status update_match(const NominalMatch& m) = 0;
  virtual Status remove_match(int64_t id) = 0;

  virtual Result<std::vector<MatchExclusion>> exclusions() = 0;  // by field, value
  // AlreadyExists for a value already excluded for that field.
  virtual Result<int64_t> insert_exclusion(const MatchExclusion& e) = 0;
  virtual Result<MatchExclusion> exclusion(int64_t id) = 0;
  virtual Status remove_exclusion(int64_t id) = 0;
};

}  // namespace rocta
