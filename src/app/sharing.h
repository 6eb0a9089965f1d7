// Use cases of sharing across the region: agreements between agencies, each holder's
// signalling rule, signals without disclosure, and requests for access.
//
// Agreements take effect through the policy (core/policy.h): a user is read with the
// grants of their agency's active agreements, so every list, search and count already
// applies them inside the query.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/link.h"
#include "core/marking.h"
#include "core/threat.h"
#include "store/sharing_repository.h"

namespace rocta {

// Agreements the caller's agency gives or receives; every agreement for an administrator
// of agencies (law-enforcement administrators keep the reference data).
Result<std::vector<SharingAgreement>> list_agreements(App& app, const Caller& caller);
// Administrators of the giving agency make, change and end (active = false) agreements.
Result<SharingAgreement> make_agreement(App& app, const Caller& caller, SharingAgreement draft);
Result<SharingAgreement> change_agreement(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                          const std::function<Status(SharingAgreement&)>& change);

// The audience each holder signals to (absent: the default).
Result<std::map<std::string, SignalAudience>> signal_rules(App& app, const Caller& caller);
Status set_signal_rule(App& app, const Caller& caller, const std::string& holder, SignalAudience audience);

// What exists on a record that the caller may not read: who holds it and whom to ask.
struct Signal {
  std::string record_kind;  // of the material held, for the access request
  int64_t record_id = 0;
  std::string holder_agency;
  std::string holder;  // "London Sensitive Intelligence Unit" or the agency's name
  std::string how_to_ask;
};
// Signals on the records linked to `about` that the caller may not read, where each
// holder's rule allows. NotFound when the caller may not read `about` itself.
Result<std::vector<Signal>> signals_on(App& app, const Caller& caller, const RecordRef& about);
// Signals for records the caller cannot read, as a list of markings (for engines that
// found them, such as linkage): one entry per record that may be signalled.
Result<std::vector<Signal>> signals_for(App& app, const Caller& caller, const std::vector<std::pair<RecordRef, Marking>>& held);

// The home page's signals and access decisions, in one call: signals on the `threats`
// threats at the top of the reader's threat list (each as signals_on would give it, under
// the same policy; the listing audited as the list is), the requests for access the reader
// decides that wait (not their own), and the reader's own requests, newest decision first.
// Each with its count; at most `items` of each (1..50).
struct ThreatSignal {
  Threat threat;
  Signal signal;
};
struct RecentSignals {
  int threats_checked = 0;
  int64_t signal_count = 0;
  std::vector<ThreatSignal> signals;
  int64_t to_decide_count = 0;
  std::vector<AccessRequest> to_decide;
  int64_t mine_count = 0;
  int64_t mine_pending = 0;
  std::vector<AccessRequest> mine;
};
Result<RecentSignals> recent_signals(App& app, const Caller& caller, int items = 5, int threats = 10);

// The caller asks the holder of a signalled record for access, with a purpose. NotFound
// unless the record would be signalled to the caller: linked to a record they read, and
// its holder's rule allows it (a request never confirms more).
Result<AccessRequest> request_access(App& app, const Caller& caller, const RecordRef& record, const std::string& purpose);
// Requests the caller decides (their agency's open material, or their SIU's compartment)
// or, with `mine`, the caller's own.
Result<std::vector<AccessRequest>> access_requests(App& app, const Caller& caller, bool mine);
// Approving shares an open record with the requester's agency by name; approving a
// request on compartmented material records the decision (the SIU then releases a
// sanitised version). Refusing needs a note. Withdrawing is the requester's.
Result<AccessRequest> decide_access_request(App& app, const Caller& caller, int64_t id, AccessRequestStatus decision,
                                            const std::string& note);

}  // namespace rocta
