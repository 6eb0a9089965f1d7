// Cross-agency linkage of nominals: the matching engine (match/) run over every nominal
// with a review queue for the uncertain band, and the online lookup that tells whoever
// records or opens a nominal who else knows the person.
//
// What a caller learns obeys the policy like every list: a matching nominal they may read
// is shown; one they may not read is at most signalled ("known to the NCA"), and only where
// its holder's signalling rule allows (core/policy.h may_signal). A match itself is shown
// only to readers of both its nominals: its explanation quotes both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/sharing.h"
#include "core/linkage.h"
#include "core/nominal.h"
#include "store/linkage_repository.h"
#include "store/page.h"

namespace rocta {

// One field's evidence in a match: the two values as recorded, the comparison's outcome,
// and the weight it added (log2 Bayes factor; negative counts against).
struct MatchEvidence {
  std::string field, value_a, value_b, outcome;
  double weight = 0;
};
struct MatchExplanation {
  double prior_weight = 0, weight = 0, probability = 0;
  std::vector<MatchEvidence> fields;
};

// A match and its two nominals, for a reader of both.
struct MatchView {
  NominalMatch match;
  Nominal a, b;
  MatchExplanation explanation;  // as the engine now scores the pair
};

// A nominal like the one in question that the caller may read.
struct KnownNominal {
  Nominal nominal;
  int64_t match_id = 0;  // 0: found by the lookup only
  MatchStatus status = MatchStatus::kReview;
  double probability = 0;
  bool same_person = false;  // joined to it by matches that stand
};
struct KnownElsewhere {
  std::vector<KnownNominal> shown;
  std::vector<Signal> signalled;  // matching nominals the caller may not read
};

// Runs the engine over every nominal (regional analysts, administrators, or the operator
// at the command line): undecided matches are replaced by what it finds now, decided
// ones are re-scored and keep their decision, and the online lookup uses the new model.
Result<MatchRun> run_matching(App& app, const Caller& caller);
Result<std::vector<MatchRun>> match_runs(App& app, const Caller& caller);

// Values ruled out as evidence (read: reviewers and administrators; change: administrators).
// They count from the next run; the run after a change is the administrator's to start.
Result<std::vector<MatchExclusion>> match_exclusions(App& app, const Caller& caller);
Result<MatchExclusion> exclude_from_matching(App& app, const Caller& caller, MatchExclusion draft);
Status remove_match_exclusion(App& app, const Caller& caller, int64_t id);

// The review queue: matches of one status whose two nominals the reviewer reads, most
// likely first.
Result<Page<MatchView>> match_queue(App& app, const Caller& caller, const MatchQueueQuery& q);
// NotFound unless the caller reads both nominals.
Result<MatchView> open_match(App& app, const Caller& caller, int64_t id);
// Confirm, reject or separate (undo a join). The explanation the reviewer saw is kept.
Result<NominalMatch> decide_match(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                  MatchDecision decision, const std::string& note);

// Who else knows the person a nominal records: the nominals joined to it, the possible
// matches waiting for review, and what the lookup finds now. NotFound unless the caller
// reads the nominal.
Result<KnownElsewhere> known_elsewhere(App& app, const Caller& caller, int64_t nominal_id);
// Nominals like a person described before anything is recorded (a search, or a nominal
// about to be created): at most `limit`.
Result<KnownElsewhere> find_matching_nominals(App& app, const Caller& caller, const Nominal& person, std::size_t limit = 10);
// After a nominal is created: it joins the lookup, and what it matches is stored for
// review (or joined, when the engine is sure), then reported as known_elsewhere does.
Result<KnownElsewhere> match_new_nominal(App& app, const Caller& caller, const Nominal& created);

}  // namespace rocta
