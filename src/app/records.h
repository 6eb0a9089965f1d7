// Use cases on marked records: threats, nominals and intelligence reports, and the links
// between them. Each function: check, load, decide (core policy), write, audit, return.
//
// Reading a record the caller may not see is NotFound, exactly as for an absent one.
// Opening a SECRET or TOP SECRET record needs Caller::purpose (else FailedPrecondition,
// reason "purpose-required"); opening anything OFFICIAL-SENSITIVE or above is audited.
#pragma once

#include <functional>
#include <vector>

#include "app/app.h"
#include "core/intelligence.h"
#include "core/link.h"
#include "core/nominal.h"
#include "core/threat.h"
#include "store/marked_repository.h"
#include "store/page.h"
#include "store/repository_transaction.h"

namespace rocta {

template <typename Record>
struct Opened {
  Record record;
  std::vector<Link> links;  // only links whose other end the caller may read
};

// Paging rules: limit 1..200, offset 0..1,000,000.
Status validate_page(const PageRequest& page);

Result<Threat> create_threat(App& app, const Caller& caller, Threat draft);
Result<Opened<Threat>> open_threat(App& app, const Caller& caller, int64_t id);
// `change` edits a copy of the stored threat; `expected_version` is the version the caller
// last saw (Conflict otherwise).
Result<Threat> update_threat(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                             const std::function<Status(Threat&)>& change);
// With `area_id`: only threats with a place in or meeting that loaded area (their own or a
// disruption's; app/places.h records_in_area), under the same policy; NotFound for an
// unknown area.
Result<Page<Threat>> list_threats_in_area(App& app, const Caller& caller, const ThreatQuery& query, int64_t area_id);
Result<Page<Threat>> list_threats(App& app, const Caller& caller, const ThreatQuery& query);

Result<Nominal> create_nominal(App& app, const Caller& caller, Nominal draft);
Result<Opened<Nominal>> open_nominal(App& app, const Caller& caller, int64_t id);
Result<Nominal> update_nominal(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                               const std::function<Status(Nominal&)>& change);
Result<Page<Nominal>> list_nominals(App& app, const Caller& caller, const NominalQuery& query);

// Submitting a report (its sensitive route to an SIU) is submit_intelligence in app/intelligence.h.
Result<Opened<IntelligenceReport>> open_intelligence(App& app, const Caller& caller, int64_t id);
Result<IntelligenceReport> update_intelligence(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                               const std::function<Status(IntelligenceReport&)>& change);
Result<Page<IntelligenceReport>> list_intelligence(App& app, const Caller& caller, const IntelligenceQuery& query);

// Both ends must be readable by the caller (NotFound otherwise) and the caller must be a
// writer of records.
Result<Link> link_records(App& app, const Caller& caller, Link link);
// Removes a link: by whoever could make it now (core may_link), with a reason, audited
// ("link.remove", with the link's ends). NotFound when the caller cannot read both ends.
Status remove_link(App& app, const Caller& caller, int64_t link_id, const std::string& reason);

// Inside an open write transaction: for imports that apply a whole file or nothing.
Result<Threat> create_threat_in(Transaction& tx, App& app, const Caller& caller, Threat draft);
Result<Nominal> create_nominal_in(Transaction& tx, App& app, const Caller& caller, Nominal draft);
// A report stored as drafted, under the caller's write rights (submit_intelligence_in in
// app/intelligence.h routes sensitive material first: use that for a submission).
Result<IntelligenceReport> create_intelligence_in(Transaction& tx, App& app, const Caller& caller, IntelligenceReport draft);
Result<Link> link_records_in(Transaction& tx, App& app, const Caller& caller, Link link);
// Stores a report whose marking app/intelligence.cc decided (routed into an SIU's
// compartment, or an SIU's sanitised release): the caller's write rights are not asked.
Result<IntelligenceReport> store_release_in(Transaction& tx, App& app, const Caller& caller, IntelligenceReport release);
// Completes and checks a marking the caller supplied: the owner defaults to the caller's
// agency and brings its region; named agencies must exist. Every record kind uses it.
Status settle_marking(Transaction& tx, const Caller& caller, Marking& m);

// The threat if the caller may read it; NotFound otherwise, exactly as for an absent one.
Result<Threat> readable_threat_in(Transaction& tx, const Caller& caller, int64_t id);

}  // namespace rocta
