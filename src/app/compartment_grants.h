// Giving a user an SIU compartment: proposed by one person, approved by another of that SIU
// (core/compartment_grant.h), each step audited, every proposal visible to the SIU.
//
// Administrators no longer add compartments through update_user or create_user (they may
// still remove one); the operator at the command line (a system caller) still may, to
// seat an SIU's first officers.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "core/compartment_grant.h"

namespace rocta {

// An SIU officer holding the compartment, or an administrator of the user's agency.
// NotFound for a user the caller may not administer (and who is not theirs to propose as
// an SIU officer); InvalidArgument for a compartment no SIU unit holds, or one the user
// holds already; AlreadyExists while another proposal for the same is open.
Result<CompartmentGrant> propose_compartment(App& app, const Caller& caller, int64_t user_id, const std::string& compartment,
                                             const std::string& reason);
// An SIU officer holding the compartment, not the proposer, not the user. Approving adds
// the compartment to the user; both outcomes are audited.
Result<CompartmentGrant> decide_compartment_grant(App& app, const Caller& caller, int64_t grant_id, bool approve,
                                                  const std::string& note);
// The proposals for the compartments the caller's SIU holds, and those the caller made.
Result<std::vector<CompartmentGrant>> list_compartment_grants(App& app, const Caller& caller);

}  // namespace rocta
