#include "core/compartment_grant.h"

#include <algorithm>

#include "core/policy.h"
#include "core/text.h"

namespace rocta {

std::string_view to_string(CompartmentGrantStatus s) {
  switch (s) {
    case CompartmentGrantStatus::kProposed: return "proposed";
    case CompartmentGrantStatus::kApproved: return "approved";
    case CompartmentGrantStatus::kRefused: return "refused";
  }
  return "proposed";
}

std::optional<CompartmentGrantStatus> parse_compartment_grant_status(std::string_view s) {
  for (auto v : {CompartmentGrantStatus::kProposed, CompartmentGrantStatus::kApproved, CompartmentGrantStatus::kRefused})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

Status validate_compartment_proposal(const CompartmentGrant& g) {
  if (g.user_id <= 0) return invalid("name the user to be given the compartment", "user_id");
  if (g.compartment.empty() || g.compartment.size() > 64 || !is_clean_text(g.compartment))
    return invalid("compartment names are 1-64 characters", "compartment");
  if (trim(g.reason).size() < 5 || g.reason.size() > 2000 || !is_clean_text(g.reason))
    return invalid("say why the user needs the compartment (5 to 2,000 characters)", "reason");
  return Status::ok();
}

bool may_propose_compartment(const User& proposer, const User& target, std::string_view compartment) {
  if (!proposer.active || compartment.empty()) return false;
  return is_siu_officer_for(proposer, compartment) || can_administer(proposer, target.agency);
}

bool may_decide_compartment_grant(const User& decider, const CompartmentGrant& g) {
  return is_siu_officer_for(decider, g.compartment) && decider.id != g.proposed_by && decider.id != g.user_id;
}

bool may_see_compartment_grant(const User& reader, const CompartmentGrant& g) {
  return is_siu_officer_for(reader, g.compartment) || (reader.active && reader.id == g.proposed_by);
}

std::vector<std::string> added_compartments(const User& before, const User& after) {
  std::vector<std::string> out;
  for (const auto& c : after.compartments)
    if (!before.holds(c) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

}  // namespace rocta
