#include "app/intelligence.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "core/text.h"
#include "app/records.h"
#include "store/unit_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/agency_repository.h"
#include "store/user_repository.h"
#include "store/page.h"

namespace rocta {
namespace {


Result<Unit> siu_with_compartment(Transaction& tx, const std::string& compartment) {
  ROCTA_ASSIGN_OR_RETURN(auto units, tx.units().list(""));
  for (const auto& u : units)
    if (u.kind == UnitKind::kSiu && u.compartment == compartment) return u;
  return not_found("no SIU holds compartment '" + compartment + "'");
}

}  // namespace

Result<bool> place_sensitive_in(Transaction& tx, const Caller& caller, IntelligenceReport& r) {
  if (!is_sensitive_source(r.source_type)) return false;
  // An import that already names the compartment keeps it; everyone else is routed.
  if (caller.system && !r.marking.compartment.empty()) return false;
  ROCTA_ASSIGN_OR_RETURN(auto units, tx.units().list(""));
  const Unit* siu = responsible_siu(units, r.originating_agency);
  if (!siu)
    return Status(Code::kFailedPrecondition,
                  "no SIU receives sensitive intelligence for " + r.originating_agency +
                      ": nothing was stored; ask an administrator to name the SIU that serves your agency",
                  "no-siu");
  r.marking.owning_agency = siu->agency;
  r.marking.compartment = siu->compartment;
  r.marking.scope = SharingScope::kOwnerOnly;
  r.marking.shared_with.clear();
  return true;
}

Result<Routing> routing_of(App& app, const IntelligenceReport& submitted) {
  Routing out;
  if (!is_sensitive_source(submitted.source_type) || submitted.marking.compartment.empty()) return out;
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(Unit siu, siu_with_compartment(*tx, submitted.marking.compartment));
  return Routing{true, siu.name, siu.compartment};
}

Result<std::vector<SiuItem>> siu_queue(App& app, const Caller& caller, const PageRequest& page) {
  ROCTA_RETURN_IF_ERROR(validate_page(page));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto units, tx->units().list(""));
  IntelligenceQuery q;
  q.page = page;
  for (const auto& u : units)
    if (u.kind == UnitKind::kSiu && is_siu_officer_for(caller.user, u.compartment)) q.compartments.push_back(u.compartment);
  if (q.compartments.empty()) return denied("the SIU queue is for officers of a sensitive intelligence unit");
  ROCTA_ASSIGN_OR_RETURN(auto reports, tx->intelligence().list(read_scope(caller.user), q));
  std::vector<SiuItem> out;
  for (auto& r : reports.items) {
    if (!can(caller.user, Action::kRead, RecordKind::kIntelligence, r.marking))
      return Status(Code::kInternal, "access check failed on a listed record; nothing shown");
    ROCTA_ASSIGN_OR_RETURN(auto releases, tx->sharing().releases_of(r.id));
    out.push_back({std::move(r), std::move(releases)});
  }
  tx.reset();
  nlohmann::json shown = nlohmann::json::array();
  for (const auto& item : out) shown.push_back(item.report.id);
  if (!out.empty())
    ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"siu.queue", "intelligence", 0, nlohmann::json{{"shown", shown}}.dump()}));
  return out;
}

Result<IntelligenceReport> release_sanitised(App& app, const Caller& caller, int64_t source_id, IntelligenceReport sanitised,
                                             const std::string& rationale) {
  ROCTA_RETURN_IF_ERROR(validate_purpose(rationale, "rationale"));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto source, tx->intelligence().get(source_id, read_scope(caller.user)));
  if (!can(caller.user, Action::kRead, RecordKind::kIntelligence, source.marking))
    return not_found("intelligence " + std::to_string(source_id) + " not found");
  if (source.marking.compartment.empty()) return invalid("only material an SIU holds in its compartment is released sanitised");
  if (!is_siu_officer_for(caller.user, source.marking.compartment))
    return denied("only officers of the SIU that holds it release sanitised versions");
  if (read_needs_purpose(source.marking) && caller.purpose.empty())
    return Status(Code::kFailedPrecondition, "the source is " + source.marking.label() + ": give the purpose (X-Rocta-Purpose)",
                  "purpose-required");
  if (!sanitised.marking.compartment.empty())
    return invalid("a sanitised release goes to the general system: it has no compartment", "marking.compartment");
  if (sanitised.marking.classification > caller.user.clearance)
    return denied("the release's classification is above your clearance");
  sanitised.marking.owning_agency = source.marking.owning_agency;
  // Sanitisation removes what would identify the source: the release names neither the
  // kind of source nor the agency whose officer submitted it.
  sanitised.source_type = SourceType::kPolice;
  sanitised.originating_agency = source.marking.owning_agency;
  sanitised.sanitised_from = source.id;
  sanitised.reference.clear();
  if (sanitised.received_date.empty()) sanitised.received_date = source.received_date;
  ROCTA_ASSIGN_OR_RETURN(auto released, store_release_in(*tx, app, caller, std::move(sanitised)));
  Release decision{0, source.id, released.id, caller.user.id, app.clock.now_ms(), rationale};
  ROCTA_ASSIGN_OR_RETURN(decision.id, tx->sharing().insert_release(decision));
  nlohmann::json detail{{"source", source.reference}, {"released", released.reference},
                        {"marking", released.marking.label()}, {"rationale", rationale}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"intelligence.release", "intelligence", source.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return released;
}

Result<Dissemination> disseminate(App& app, const Caller& caller, int64_t report_id, Dissemination to) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto report, tx->intelligence().get(report_id, read_scope(caller.user)));
  if (!can(caller.user, Action::kRead, RecordKind::kIntelligence, report.marking))
    return not_found("intelligence " + std::to_string(report_id) + " not found");
  if (!report.marking.compartment.empty())
    return invalid("material in an SIU's compartment is not disseminated: the SIU releases a sanitised version");
  if (!can(caller.user, Action::kUpdate, RecordKind::kIntelligence, report.marking))
    return denied("only writers of the owning agency disseminate its reports");
  auto agency = tx->agencies().get(to.to_agency);
  if (!agency.is_ok()) return invalid("unknown agency '" + to.to_agency + "'", "to_agency");
  if (to.to_agency == report.marking.owning_agency && to.to_unit_id == 0)
    return invalid("the report is already its owner's: name a unit to send it to", "to_unit_id");
  if (to.to_unit_id) {
    auto unit = tx->units().get(to.to_unit_id);
    if (!unit.is_ok() || unit->agency != to.to_agency) return invalid("the unit is not one of " + to.to_agency + "'s", "to_unit_id");
  }
  if (to.note.size() > 2000 || !is_clean_text(to.note)) return invalid("the note is at most 2,000 characters of text", "note");
  // Handling code C: the conditions travel with every dissemination.
  if (report.marking.handling == HandlingCode::kC)
    to.note = "Handling conditions: " + report.marking.handling_conditions + (to.note.empty() ? "" : "\n" + to.note);
  if (to.to_agency != report.marking.owning_agency &&
      std::find(report.marking.shared_with.begin(), report.marking.shared_with.end(), to.to_agency) ==
          report.marking.shared_with.end()) {
    report.marking.shared_with.push_back(to.to_agency);
    if (report.marking.scope == SharingScope::kOwnerOnly) report.marking.scope = SharingScope::kNamed;
    report.version += 1;
    report.updated_at = iso_timestamp(app.clock.now_ms());
    ROCTA_RETURN_IF_ERROR(tx->intelligence().update(report));
  }
  to.id = 0;
  to.report_id = report.id;
  to.by = caller.user.id;
  to.at_ms = app.clock.now_ms();
  ROCTA_ASSIGN_OR_RETURN(to.id, tx->sharing().insert_dissemination(to));
  nlohmann::json detail{{"reference", report.reference}, {"to_agency", to.to_agency}, {"to_unit", to.to_unit_id},
                        {"grading", report.grading()}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"intelligence.disseminate", "intelligence", report.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return to;
}

Result<std::vector<Dissemination>> disseminations_of(App& app, const Caller& caller, int64_t report_id) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto report, tx->intelligence().get(report_id, read_scope(caller.user)));
  if (!can(caller.user, Action::kRead, RecordKind::kIntelligence, report.marking))
    return not_found("intelligence " + std::to_string(report_id) + " not found");
  return tx->sharing().disseminations_of(report_id);
}

Result<Consolidation> consolidate_sius(App& app, const Caller& caller, int64_t into, const std::vector<int64_t>& from) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto out, consolidate_sius_in(*tx, app, caller, into, from));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return out;
}

Result<Consolidation> consolidate_sius_in(Transaction& tx_ref, App& app, const Caller& caller, int64_t into,
                                          const std::vector<int64_t>& from) {
  if (from.empty()) return invalid("name the SIUs to fold in", "from");
  Transaction* tx = &tx_ref;
  ROCTA_ASSIGN_OR_RETURN(Unit target, tx->units().get(into));
  if (!caller.system && !can_administer(caller.user, target.agency))
    return denied("only administrators of " + target.agency + " change its SIU");
  if (target.kind != UnitKind::kSiu || target.compartment.empty() || !target.active)
    return invalid("the receiving unit must be an active SIU with a compartment", "into");
  Consolidation out;
  std::vector<std::string> old_compartments;
  for (int64_t id : from) {
    if (id == into) return invalid("an SIU cannot be folded into itself", "from");
    ROCTA_ASSIGN_OR_RETURN(Unit old, tx->units().get(id));
    if (old.kind != UnitKind::kSiu || !old.active || old.compartment.empty())
      return invalid("unit " + std::to_string(id) + " is not an SIU that receives (active, with a compartment)", "from");
    for (const auto& a : old.serves)
      if (a != target.agency) target.serves.push_back(a);
    if (old.agency != target.agency) target.serves.push_back(old.agency);
    if (old.compartment != target.compartment) {
      ROCTA_ASSIGN_OR_RETURN(int64_t moved, tx->sharing().move_compartment(old.compartment, target.compartment));
      out.records_moved += moved;
      old_compartments.push_back(old.compartment);
    }
    // The old unit stays as its officers' home (their agency comes from it) but no longer
    // receives: without a compartment it is nobody's responsible SIU.
    old.compartment.clear();
    ++old.version;
    ROCTA_RETURN_IF_ERROR(tx->units().update(old));
  }
  std::sort(target.serves.begin(), target.serves.end());
  target.serves.erase(std::unique(target.serves.begin(), target.serves.end()), target.serves.end());
  ++target.version;
  ROCTA_RETURN_IF_ERROR(tx->units().update(target));
  // Officers who held a folded SIU's compartment now hold the regional one instead.
  for (int offset = 0;; offset += 200) {
    ROCTA_ASSIGN_OR_RETURN(auto users, tx->users().list("", {200, offset}));
    for (auto& rec : users.items) {
      User u = rec.user;
      const auto before = u.compartments.size();
      std::erase_if(u.compartments, [&](const std::string& c) {
        return std::find(old_compartments.begin(), old_compartments.end(), c) != old_compartments.end();
      });
      if (u.compartments.size() == before) continue;
      if (!u.holds(target.compartment)) u.compartments.push_back(target.compartment);
      ROCTA_RETURN_IF_ERROR(tx->users().update(u));
      ++out.officers_moved;
    }
    if (users.items.size() < 200) break;
  }
  out.agencies_served = target.serves;
  nlohmann::json detail{{"into", target.name},         {"compartment", target.compartment}, {"from", from},
                        {"records_moved", out.records_moved}, {"officers_moved", out.officers_moved},
                        {"serves", out.agencies_served}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"siu.consolidate", "unit", target.id, detail.dump()}));
  return out;
}

}  // namespace rocta
