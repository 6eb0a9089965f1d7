#include "app/compartment_grants.h"

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "core/policy.h"
#include "core/text.h"
#include "store/compartment_grant_repository.h"
#include "store/repository_transaction.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"

namespace rocta {
namespace {

// Whether an SIU unit holds `compartment`: a compartment nobody answers for is not granted.
Result<bool> held_by_an_siu(Transaction& tx, const std::string& compartment) {
  ROCTA_ASSIGN_OR_RETURN(auto units, tx.units().list(""));
  for (const auto& u : units)
    if (u.kind == UnitKind::kSiu && u.active && u.compartment == compartment) return true;
  return false;
}

nlohmann::json grant_detail(const CompartmentGrant& g) {
  return {{"user", g.username}, {"agency", g.user_agency}, {"compartment", g.compartment}, {"status", to_string(g.status)}};
}

}  // namespace

Result<CompartmentGrant> propose_compartment(App& app, const Caller& caller, int64_t user_id, const std::string& compartment,
                                             const std::string& reason) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  const Status absent = not_found("user " + std::to_string(user_id) + " not found");
  auto target = tx->users().get(user_id);
  if (!target.is_ok()) return target.status().code() == Code::kNotFound ? absent : target.status();
  if (!caller.system && !may_propose_compartment(caller.user, target->user, compartment)) {
    // 404 to those who may not administer the user either: no address book of users.
    if (!can_administer(caller.user, target->user.agency) && !is_siu_officer_for(caller.user, compartment)) return absent;
    return denied("a compartment is proposed by its SIU's officers or the user's administrators");
  }
  CompartmentGrant g;
  g.user_id = user_id;
  g.username = target->user.username;
  g.user_agency = target->user.agency;
  g.compartment = compartment;
  g.reason = trim(reason);
  g.proposed_by = caller.user.id;
  g.proposed_by_name = caller.system ? "system" : caller.user.display_name;
  g.proposed_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(validate_compartment_proposal(g));
  ROCTA_ASSIGN_OR_RETURN(bool held, held_by_an_siu(*tx, compartment));
  if (!held) return invalid("no SIU holds compartment '" + compartment + "'", "compartment");
  if (target->user.holds(compartment)) return invalid(g.username + " holds " + compartment + " already", "compartment");
  ROCTA_ASSIGN_OR_RETURN(bool open, tx->compartment_grants().open_for(user_id, compartment));
  if (open) return Status(Code::kAlreadyExists, "a proposal to give " + g.username + " " + compartment + " awaits the SIU");
  ROCTA_ASSIGN_OR_RETURN(g.id, tx->compartment_grants().insert(g));
  auto detail = grant_detail(g);
  detail["reason"] = g.reason;
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"compartment.propose", "user", user_id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return g;
}

Result<CompartmentGrant> decide_compartment_grant(App& app, const Caller& caller, int64_t grant_id, bool approve,
                                                  const std::string& note) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  const Status absent = not_found("compartment grant " + std::to_string(grant_id) + " not found");
  auto found = tx->compartment_grants().get(grant_id);
  if (!found.is_ok()) return found.status().code() == Code::kNotFound ? absent : found.status();
  CompartmentGrant g = std::move(found).value();
  if (!caller.system && !may_see_compartment_grant(caller.user, g)) return absent;
  if (!caller.system && !may_decide_compartment_grant(caller.user, g))
    return denied("another officer of the SIU holding " + g.compartment + " decides: not the proposer, not the user");
  if (g.status != CompartmentGrantStatus::kProposed)
    return Status(Code::kConflict, "the proposal was " + std::string(to_string(g.status)) + " already");
  if (!approve && trim(note).size() < 5) return invalid("say why the proposal is refused (5 characters or more)", "note");
  if (note.size() > 2000 || !is_clean_text(note)) return invalid("the note is at most 2,000 characters of text", "note");
  g.status = approve ? CompartmentGrantStatus::kApproved : CompartmentGrantStatus::kRefused;
  g.decided_by = caller.user.id;
  g.decided_by_name = caller.system ? "system" : caller.user.display_name;
  g.decided_ms = app.clock.now_ms();
  g.decision_note = trim(note);
  ROCTA_RETURN_IF_ERROR(tx->compartment_grants().decide(g));
  if (approve) {
    ROCTA_ASSIGN_OR_RETURN(auto target, tx->users().get(g.user_id));
    User u = target.user;
    if (!u.holds(g.compartment)) u.compartments.push_back(g.compartment);
    ROCTA_RETURN_IF_ERROR(tx->users().update(u));
  }
  auto detail = grant_detail(g);
  detail["grant"] = g.id;
  detail["note"] = g.decision_note;
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller,
                                     {approve ? "compartment.approve" : "compartment.refuse", "user", g.user_id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return g;
}

Result<std::vector<CompartmentGrant>> list_compartment_grants(App& app, const Caller& caller) {
  if (!caller.system && !caller.user.active) return Status(Code::kUnauthenticated, "sign in first");
  std::vector<std::string> siu;
  if (!caller.system)
    for (const auto& c : caller.user.compartments)
      if (is_siu_officer_for(caller.user, c)) siu.push_back(c);
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto all, tx->compartment_grants().list(siu, caller.system ? 0 : caller.user.id));
  std::vector<CompartmentGrant> out;
  for (auto& g : all)
    if (caller.system || may_see_compartment_grant(caller.user, g)) out.push_back(std::move(g));
  return out;
}

}  // namespace rocta
