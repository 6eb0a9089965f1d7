// Granting an SIU compartment to a user: two people of the compartment's own SIU.
//
// A compartment (an SIU's covert-source material) is its own audience (core/policy.h), so
// whoever holds it reads what the SIU holds, whichever force put it there. An agency's
// administrator therefore never adds one: a grant is proposed (by an SIU officer holding
// the compartment, or by an administrator of the user's agency) and approved by a
// different SIU officer holding it, who is not the user either. Removing a compartment
// takes nothing away from anyone else, so administrators still may.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/user.h"

namespace rocta {

enum class CompartmentGrantStatus { kProposed, kApproved, kRefused };
std::string_view to_string(CompartmentGrantStatus s);  // "proposed", "approved", "refused"
std::optional<CompartmentGrantStatus> parse_compartment_grant_status(std::string_view s);

struct CompartmentGrant {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string username;  // of the user, as when proposed
  std::string user_agency;
  std::string compartment;
  std::string reason;  // why the user needs it
  int64_t proposed_by = 0;
  std::string proposed_by_name;
  int64_t proposed_ms = 0;
  CompartmentGrantStatus status = CompartmentGrantStatus::kProposed;
  int64_t decided_by = 0;
  std::string decided_by_name;
  int64_t decided_ms = 0;
  std::string decision_note;
};

Status validate_compartment_proposal(const CompartmentGrant& g);

// Who proposes that `target` be given `compartment`: an SIU officer holding it, or an
// administrator of the target's agency (who then cannot approve it).
bool may_propose_compartment(const User& proposer, const User& target, std::string_view compartment);
// Who approves or refuses a proposal: an SIU officer holding the compartment who is
// neither its proposer nor the user it is for.
bool may_decide_compartment_grant(const User& decider, const CompartmentGrant& g);
// Who sees a proposal: the SIU officers holding the compartment, and its proposer.
bool may_see_compartment_grant(const User& reader, const CompartmentGrant& g);

// The compartments `after` holds that `before` did not: what a user change would grant.
std::vector<std::string> added_compartments(const User& before, const User& after);

}  // namespace rocta
