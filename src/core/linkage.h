// Nominal matches: the linkage engine's verdict that two nominals, usually held by
// different agencies, are one person, and what people decided about it.
//
// Records are never merged into one row: each holder keeps its nominal under its own
// marking. A match joins two of them; the entity (the person) is the group joined by
// matches that stand (linked by the engine or confirmed by a person), and a rejection or
// a separation stops that group from forming through any path. Decisions outlive runs:
// a later run re-scores a decided pair but never changes what a person said.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace rocta {

struct User;

enum class MatchStatus {
  kReview,     // uncertain band: waiting for a person
  kLinked,     // the engine was sure enough to join them
  kConfirmed,  // a person said: the same person
  kRejected,   // a person said: different people
  kSeparated,  // a join (engine's or a person's) undone by a person
};
std::string_view to_string(MatchStatus s);  // "review", "linked", "confirmed", "rejected", "separated"
std::optional<MatchStatus> parse_match_status(std::string_view s);
// Whether the two nominals count as one person (the match joins the entity).
bool joins(MatchStatus s);
// Whether a person has ruled on the pair (later runs keep the status).
bool decided(MatchStatus s);

struct NominalMatch {
  int64_t id = 0;
  int64_t nominal_a = 0, nominal_b = 0;  // nominal_a < nominal_b
  double probability = 0, weight = 0;
  std::string explanation;  // JSON: the engine's field-by-field evidence
  MatchStatus status = MatchStatus::kReview;
  std::string found_by;  // "run" or "lookup"
  int64_t run_id = 0;    // the run that last scored the pair (0: a lookup)
  int64_t found_ms = 0;
  int64_t decided_by = 0, decided_ms = 0;
  std::string decision_note;
  int64_t version = 1;
};

// What the engine's score makes of an undecided pair.
MatchStatus status_for(double probability, double link_probability);

// The decisions a person makes on a match, and what each moves it to.
enum class MatchDecision { kConfirm, kReject, kSeparate };
std::optional<MatchDecision> parse_match_decision(std::string_view s);  // "confirm", "reject", "separate"
// The new status, or FailedPrecondition when the decision does not apply (separating a
// pair that was never joined, confirming a rejected one). A note is required to reject
// or separate: the next reviewer must see why.
Result<MatchStatus> decide(MatchStatus current, MatchDecision decision, const std::string& note);

// The nominals that are one person with `start`: those reached through joining matches,
// the strongest first (confirmed before linked, then by probability), never taking in a
// nominal that a rejection or separation keeps apart from one already in, and at most
// `cap` in all (an entity that large is a chain of strangers, not a person). Sorted.
std::vector<int64_t> entity_of(int64_t start, const std::vector<NominalMatch>& matches, std::size_t cap = 100);

// A value an administrator ruled out as evidence for matching nominals: a custody suite's
// or a hostel's address, a placeholder date of birth. Never compared, never blocked on.
struct MatchExclusion {
  int64_t id = 0;
  std::string field;  // a nominal's particular: given_name, surname, dob, sex, address, postcode
  std::string value;  // as written; the engine normalises it like the records
  std::string reason;
  int64_t added_by = 0, added_ms = 0;
};
Status validate_exclusion(const MatchExclusion& e);

// Who reviews matches (analysts of every kind, SIU officers) and who starts a run
// (regional analysts and administrators). A reviewer also needs to read both nominals.
bool may_review_matches(const User& user);
bool may_run_matching(const User& user);

}  // namespace rocta
