// The access-control decision: can(user, action, record). One place, pure.
//
// Reading is decided through a ReadScope, a small summary of what a user may read. The
// stores translate the same ReadScope into query predicates, so a list, search or count
// never fetches what the user may not read; tests hold the two against each other.
//
// A user reads a record when ALL of these hold:
//   1. the user is active;
//   2. the record's classification is at or below the user's clearance;
//   3. the record has no compartment, or the user holds it;
//   4. the record is not OFFICIAL-SENSITIVE, or the user has a need-to-know role
//      (frontline officers, inspectors and administrators do not, by role alone);
//   5. the user's agency is the owner; or is named in shared_with (any scope but owner);
//      or scope is region and the user's agency is law enforcement in the owner's region;
//      or scope is national and the user's agency is law enforcement; or a sharing
//      agreement from the owner to the user's agency covers the record's scope and
//      classification (core/sharing.h); or the record is in a compartment (which, by 3,
//      the user holds): a compartment is its own audience, whoever owns the record.
//
// A user who may not read a record may be *signalled* that its holder has it (never what
// it says) when may_signal() allows: see there.
#pragma once

#include <string>
#include <vector>

#include "core/marking.h"
#include "core/sharing.h"
#include "core/user.h"

namespace rocta {

enum class Action { kRead, kCreate, kUpdate };
// A commodity (a phone, vehicle, address or account: core/commodity.h) is read as any record.
enum class RecordKind { kThreat, kNominal, kIntelligence, kCommodity };

struct ReadScope {
  bool active = false;
  std::string agency;
  std::string region;
  bool law_enforcement = false;
  Classification max_classification = Classification::kOfficial;
  std::vector<std::string> compartments;
  bool need_to_know = false;  // may read OFFICIAL-SENSITIVE
  std::vector<SharingGrant> grants;
};

// The scope of what `user` reads: rules 1-5 above, with the grants of the agreements that
// cover records (an agreement for capability only opens no record).
ReadScope read_scope(const User& user);
// Drops the grants of agreements not in force on `today` (YYYY-MM-DD: before their start or
// after their end). app/ applies it to every user it resolves (core has no clock).
void keep_grants_in_force(User& user, std::string_view today);
bool admits(const ReadScope& scope, const Marking& record);

// Whether a reader who may not read `record` may be told that its owner holds it, given
// the holder's signalling audience (core/sharing.h): never for TOP SECRET, never to an
// inactive reader; always where an agreement from the holder allows signals; otherwise as
// the audience says (region: law enforcement of the holder's region; national: all law
// enforcement). False when the reader may read the record: then it is shown, not signalled.
bool may_signal(const ReadScope& scope, const Marking& record, SignalAudience holder_audience);

// Who decides an access request: the SIU officers holding its compartment, or, for open
// material, the holding agency's writers of that kind of record.
bool may_decide_access_request(const User& user, const AccessRequest& request);

// Whether the user works in the SIU that holds `compartment` (its queue, its releases).
bool is_siu_officer_for(const User& user, std::string_view compartment);

// Whether the user's roles allow writing this kind of record at all (the marking rules
// come on top in can()).
bool role_may_write(const User& user, RecordKind kind);

// The decision. For kCreate the marking is the one the new record would carry.
bool can(const User& user, Action action, RecordKind kind, const Marking& record);

// Who links two records, and removes a link between them: a caller who reads both ends and
// may edit (can kUpdate) at least one of them. A link shows on both its ends, so reading
// two records is not enough: a partner who reads two BTP records must not attach anything
// to BTP's threat; its own nominal to a threat it reads, it may.
bool may_link(const User& user, RecordKind from_kind, const Marking& from, RecordKind to_kind, const Marking& to);

// Who records disruptions (for their own agency, on threats they may read) and who reads
// the SOC figures (aggregates: everyone but frontline officers and partner agency users).
bool may_record_disruptions(const User& user);
bool may_read_soc_figures(const User& user);

// Who administers what: agencies (reference data) and units/users of one agency.
bool can_administer_agencies(const User& user);
bool can_administer(const User& user, std::string_view agency);

}  // namespace rocta
