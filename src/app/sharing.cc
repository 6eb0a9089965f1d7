#include "app/sharing.h"

#include <algorithm>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/records.h"
#include "store/commodity_repository.h"
#include "store/linkage_repository.h"
#include "core/text.h"
#include "store/agency_repository.h"
#include "store/unit_repository.h"
#include "store/marked_repository.h"
#include "store/link_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

Status agency_check(Transaction& tx, const SharingAgreement& a) {
  Status lookup_error = Status::ok();
  Status s = validate_agreement(a, [&](const std::string& code) {
    auto found = tx.agencies().get(code);
    if (!found.is_ok() && found.status().code() != Code::kNotFound) lookup_error = found.status();
    return found.is_ok();
  });
  return lookup_error.is_ok() ? s : lookup_error;
}

nlohmann::json agreement_detail(const SharingAgreement& a) {
  return {{"giver", a.giver},
          {"receiver", a.receiver},
          {"max_classification", to_string(a.max_classification)},
          {"min_scope", to_string(a.min_scope)},
          {"signals", a.signals},
          {"active", a.active},
          {"version", a.version}};
}


// Adds `agency` to the named sharing of one record, whatever its kind.
template <typename Repo>
Status share_record(Repo& repo, int64_t id, const std::string& agency, const std::string& now) {
  ROCTA_ASSIGN_OR_RETURN(auto rows, repo.scan(id - 1, 1));
  if (rows.empty() || rows[0].id != id) return not_found("the record is gone");
  auto r = rows[0];
  auto& with = r.marking.shared_with;
  if (std::find(with.begin(), with.end(), agency) != with.end()) return Status::ok();
  with.push_back(agency);
  std::sort(with.begin(), with.end());
  if (r.marking.scope == SharingScope::kOwnerOnly) r.marking.scope = SharingScope::kNamed;
  r.version += 1;
  r.updated_at = now;
  return repo.update(r);
}

Status share_in(Transaction& tx, const RecordRef& ref, const std::string& agency, const std::string& now) {
  switch (ref.kind) {
    case RecordKind::kThreat: return share_record(tx.threats(), ref.id, agency, now);
    case RecordKind::kNominal: return share_record(tx.nominals(), ref.id, agency, now);
    case RecordKind::kIntelligence: return share_record(tx.intelligence(), ref.id, agency, now);
    case RecordKind::kCommodity: return share_record(tx.commodities(), ref.id, agency, now);
  }
  return invalid("unknown record kind");
}

// The signal of each held record the caller may be told of (nullopt where the holder's rule
// does not allow it), in the order given, with the holders' rules read once.
Result<std::vector<std::optional<Signal>>> signals_of(Transaction& tx, const Caller& caller,
                                                      const std::vector<std::pair<RecordRef, Marking>>& held) {
  std::vector<std::optional<Signal>> out;
  if (held.empty()) return out;
  ROCTA_ASSIGN_OR_RETURN(auto rules, tx.sharing().signal_rules());
  ROCTA_ASSIGN_OR_RETURN(auto units, tx.units().list(""));
  ROCTA_ASSIGN_OR_RETURN(auto agencies, tx.agencies().list());
  const ReadScope scope = read_scope(caller.user);
  for (const auto& [ref, m] : held) {
    auto rule = rules.find(m.owning_agency);
    const SignalAudience audience = rule == rules.end() ? kDefaultSignalAudience : rule->second;
    if (!may_signal(scope, m, audience)) {
      out.emplace_back();
      continue;
    }
    Signal s{std::string(to_string(ref.kind)), ref.id, m.owning_agency, m.owning_agency, ""};
    for (const auto& a : agencies)
      if (a.code == m.owning_agency) s.holder = a.name;
    for (const auto& u : units)
      if (!m.compartment.empty() && u.kind == UnitKind::kSiu && u.compartment == m.compartment) s.holder = u.name;
    s.how_to_ask = "Held by " + s.holder + ": request access, giving your purpose; the holder decides.";
    out.emplace_back(std::move(s));
  }
  return out;
}

Result<std::vector<Signal>> signals_in(Transaction& tx, const Caller& caller,
                                       const std::vector<std::pair<RecordRef, Marking>>& held) {
  ROCTA_ASSIGN_OR_RETURN(auto each, signals_of(tx, caller, held));
  std::vector<Signal> out;
  for (auto& s : each)
    if (s) out.push_back(std::move(*s));
  return out;
}

// The records linked to `about` that `scope` does not admit, with their markings.
Status add_hidden_beside(Transaction& tx, const RecordRef& about, const ReadScope& scope,
                         std::vector<std::pair<RecordRef, Marking>>& held) {
  ROCTA_ASSIGN_OR_RETURN(auto hidden, tx.links().hidden_for(about, scope));
  for (const auto& l : hidden) {
    const RecordRef far = l.from == about ? l.to : l.from;
    ROCTA_ASSIGN_OR_RETURN(Marking fm, tx.links().marking_of(far));
    held.emplace_back(far, std::move(fm));
  }
  return Status::ok();
}

// Whether `record` sits next to one the reader reads: linked to it, or a nominal matched
// to one (a match no person has ruled out), as linkage signals it.
Result<bool> beside_readable(Transaction& tx, const RecordRef& record, const ReadScope& scope) {
  ROCTA_ASSIGN_OR_RETURN(auto linked, tx.links().list_for(record, scope));
  if (!linked.empty() || record.kind != RecordKind::kNominal) return !linked.empty();
  ROCTA_ASSIGN_OR_RETURN(auto matches, tx.linkage().matches_of({record.id}));
  for (const auto& m : matches) {
    if (m.status == MatchStatus::kRejected || m.status == MatchStatus::kSeparated) continue;
    const int64_t other = m.nominal_a == record.id ? m.nominal_b : m.nominal_a;
    ROCTA_ASSIGN_OR_RETURN(auto marking, tx.links().marking_of({RecordKind::kNominal, other}));
    if (admits(scope, marking)) return true;
  }
  return false;
}

}  // namespace

Result<std::vector<SharingAgreement>> list_agreements(App& app, const Caller& caller) {
  if (!caller.system && !caller.user.active) return denied("inactive account");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  const bool all = caller.system || can_administer_agencies(caller.user);
  return tx->sharing().agreements(all ? "" : caller.user.agency);
}

Result<SharingAgreement> make_agreement(App& app, const Caller& caller, SharingAgreement a) {
  if (!caller.system && !can_administer(caller.user, a.giver))
    return denied("only administrators of the giving agency make its sharing agreements");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(agency_check(*tx, a));
  a.version = 1;
  a.created_at = a.updated_at = iso_timestamp(app.clock.now_ms());
  a.created_by = caller.user.id;
  ROCTA_ASSIGN_OR_RETURN(a.id, tx->sharing().insert_agreement(a));
  ROCTA_RETURN_IF_ERROR(
      append_audit(*tx, app, caller, {"sharing.agreement.create", "agreement", a.id, agreement_detail(a).dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return a;
}

Result<SharingAgreement> change_agreement(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                          const std::function<Status(SharingAgreement&)>& change) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto old, tx->sharing().agreement(id));
  if (!caller.system && !can_administer(caller.user, old.giver))
    return denied("only administrators of the giving agency change its sharing agreements");
  if (old.version != expected_version)
    return Status(Code::kConflict, "the agreement is at version " + std::to_string(old.version) + ", not " +
                                       std::to_string(expected_version) + ": reload it");
  auto a = old;
  ROCTA_RETURN_IF_ERROR(change(a));
  a.id = old.id;
  a.giver = old.giver;
  a.receiver = old.receiver;
  a.created_at = old.created_at;
  a.created_by = old.created_by;
  ROCTA_RETURN_IF_ERROR(agency_check(*tx, a));
  a.version = old.version + 1;
  a.updated_at = iso_timestamp(app.clock.now_ms());
  ROCTA_RETURN_IF_ERROR(tx->sharing().update_agreement(a));
  ROCTA_RETURN_IF_ERROR(
      append_audit(*tx, app, caller, {"sharing.agreement.update", "agreement", a.id, agreement_detail(a).dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return a;
}

Result<std::map<std::string, SignalAudience>> signal_rules(App& app, const Caller& caller) {
  if (!caller.system && !caller.user.active) return denied("inactive account");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->sharing().signal_rules();
}

Status set_signal_rule(App& app, const Caller& caller, const std::string& holder, SignalAudience audience) {
  if (!caller.system && !can_administer(caller.user, holder))
    return denied("only administrators of " + holder + " set whom its material is signalled to");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  auto agency = tx->agencies().get(holder);
  if (!agency.is_ok()) return invalid("unknown agency '" + holder + "'", "holder");
  ROCTA_RETURN_IF_ERROR(tx->sharing().set_signal_rule(holder, audience));
  nlohmann::json detail{{"holder", holder}, {"audience", to_string(audience)}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"sharing.signal_rule", "agency", 0, detail.dump()}));
  return tx->commit();
}

Result<std::vector<Signal>> signals_on(App& app, const Caller& caller, const RecordRef& about) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  const ReadScope scope = read_scope(caller.user);
  const std::string name = std::string(to_string(about.kind)) + " " + std::to_string(about.id);
  auto m = tx->links().marking_of(about);
  if (!m.is_ok()) return m.status().code() == Code::kNotFound ? not_found(name + " not found") : m.status();
  if (!admits(scope, *m)) return not_found(name + " not found");
  std::vector<std::pair<RecordRef, Marking>> held;
  ROCTA_RETURN_IF_ERROR(add_hidden_beside(*tx, about, scope, held));
  return signals_in(*tx, caller, held);
}

Result<std::vector<Signal>> signals_for(App& app, const Caller& caller, const std::vector<std::pair<RecordRef, Marking>>& held) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return signals_in(*tx, caller, held);
}

Result<AccessRequest> request_access(App& app, const Caller& caller, const RecordRef& record, const std::string& purpose) {
  ROCTA_RETURN_IF_ERROR(validate_purpose(purpose, "purpose"));
  const std::string name = std::string(to_string(record.kind)) + " " + std::to_string(record.id);
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  auto m = tx->links().marking_of(record);
  if (!m.is_ok()) return m.status().code() == Code::kNotFound ? not_found(name + " not found") : m.status();
  if (admits(read_scope(caller.user), *m)) return invalid("you can already read " + name);
  // Only what was signalled may be asked for: the record must sit next to one the caller
  // reads, and its holder's rule must allow the signal. 404, not 403, otherwise: anything
  // else would confirm a record the caller was never told of.
  ROCTA_ASSIGN_OR_RETURN(bool beside, beside_readable(*tx, record, read_scope(caller.user)));
  ROCTA_ASSIGN_OR_RETURN(auto signalled, signals_in(*tx, caller, {{record, *m}}));
  if (!beside || signalled.empty()) return not_found(name + " not found");
  AccessRequestQuery mine;
  mine.requester_id = caller.user.id;
  mine.status = AccessRequestStatus::kPending;
  ROCTA_ASSIGN_OR_RETURN(auto pending, tx->sharing().access_requests(mine));
  for (const auto& p : pending)
    if (p.record_kind == to_string(record.kind) && p.record_id == record.id)
      return Status(Code::kAlreadyExists, "you already asked for this: request " + std::to_string(p.id) + " is pending");
  AccessRequest r;
  r.requester_id = caller.user.id;
  r.requester_agency = caller.user.agency;
  r.record_kind = std::string(to_string(record.kind));
  r.record_id = record.id;
  r.holder_agency = m->owning_agency;
  r.compartment = m->compartment;
  r.purpose = purpose;
  r.created_ms = app.clock.now_ms();
  ROCTA_ASSIGN_OR_RETURN(r.id, tx->sharing().insert_access_request(r));
  nlohmann::json detail{{"record", name}, {"holder", r.holder_agency}, {"purpose", purpose}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"access.request", "access_request", r.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return r;
}

Result<std::vector<AccessRequest>> access_requests(App& app, const Caller& caller, bool mine) {
  if (!caller.user.active) return denied("inactive account");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  AccessRequestQuery q;
  if (mine) {
    q.requester_id = caller.user.id;
    return tx->sharing().access_requests(q);
  }
  q.holder_agency = caller.user.agency;
  if (caller.user.has(Role::kSiuOfficer)) q.compartments = caller.user.compartments;
  ROCTA_ASSIGN_OR_RETURN(auto all, tx->sharing().access_requests(q));
  std::erase_if(all, [&](const AccessRequest& r) { return !may_decide_access_request(caller.user, r); });
  return all;
}

Result<AccessRequest> decide_access_request(App& app, const Caller& caller, int64_t id, AccessRequestStatus decision,
                                            const std::string& note) {
  if (decision == AccessRequestStatus::kPending) return invalid("a decision approves, refuses or withdraws", "decision");
  if (note.size() > 2000 || !is_clean_text(note)) return invalid("the note is at most 2,000 characters of text", "note");
  if (decision == AccessRequestStatus::kRefused && trim(note).empty()) return invalid("say why the request is refused", "note");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto r, tx->sharing().access_request(id));
  const bool own = r.requester_id == caller.user.id;
  if (!(decision == AccessRequestStatus::kWithdrawn ? own : may_decide_access_request(caller.user, r)))
    return own || may_decide_access_request(caller.user, r) ? denied(decision == AccessRequestStatus::kWithdrawn
                                                       ? "only the requester withdraws a request"
                                                       : "you cannot decide your own request")
                                          : not_found("access request " + std::to_string(id) + " not found");
  if (r.status != AccessRequestStatus::kPending)
    return Status(Code::kConflict, "the request was already " + std::string(to_string(r.status)));
  r.status = decision;
  r.decided_by = caller.user.id;
  r.decision_note = note;
  r.decided_ms = app.clock.now_ms();
  // Open material is shared with the requester's agency by name; compartmented material
  // stays where it is, and the SIU answers with a sanitised release.
  auto kind = parse_record_kind(r.record_kind);
  if (decision == AccessRequestStatus::kApproved && r.compartment.empty() && kind) {
    ROCTA_ASSIGN_OR_RETURN(Marking m, tx->links().marking_of({*kind, r.record_id}));
    if (!can(caller.user, Action::kUpdate, *kind, m))
      return denied("sharing this record needs a writer who may change it (clearance, compartment)");
    ROCTA_RETURN_IF_ERROR(share_in(*tx, {*kind, r.record_id}, r.requester_agency, iso_timestamp(r.decided_ms)));
  }
  ROCTA_RETURN_IF_ERROR(tx->sharing().update_access_request(r));
  nlohmann::json detail{{"decision", to_string(decision)}, {"record", r.record_kind + " " + std::to_string(r.record_id)},
                        {"requester_agency", r.requester_agency}, {"note", note}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"access.decide", "access_request", r.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return r;
}

Result<RecentSignals> recent_signals(App& app, const Caller& caller, int items, int threats) {
  if (!caller.user.active) return denied("inactive account");
  if (items < 1 || items > 50) return invalid("limit must be between 1 and 50", "limit");
  RecentSignals out;
  // The threats at the top of the reader's own list: the list's policy, order and audit.
  ThreatQuery top;
  top.page = {threats, 0};
  ROCTA_ASSIGN_OR_RETURN(auto page, list_threats(app, caller, top));
  out.threats_checked = static_cast<int>(page.items.size());
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    const ReadScope scope = read_scope(caller.user);
    std::vector<std::pair<RecordRef, Marking>> held;
    std::vector<size_t> on;  // the threat each held record was found beside
    for (size_t i = 0; i < page.items.size(); ++i) {
      ROCTA_RETURN_IF_ERROR(add_hidden_beside(*tx, {RecordKind::kThreat, page.items[i].id}, scope, held));
      on.resize(held.size(), i);
    }
    ROCTA_ASSIGN_OR_RETURN(auto signals, signals_of(*tx, caller, held));
    for (size_t k = 0; k < signals.size(); ++k) {
      if (!signals[k]) continue;
      ++out.signal_count;
      if (out.signals.size() < static_cast<size_t>(items)) out.signals.push_back({page.items[on[k]], std::move(*signals[k])});
    }
  }
  ROCTA_ASSIGN_OR_RETURN(auto deciding, access_requests(app, caller, /*mine=*/false));
  for (auto& r : deciding) {
    if (r.status != AccessRequestStatus::kPending || r.requester_id == caller.user.id) continue;
    ++out.to_decide_count;
    if (out.to_decide.size() < static_cast<size_t>(items)) out.to_decide.push_back(std::move(r));
  }
  ROCTA_ASSIGN_OR_RETURN(auto mine, access_requests(app, caller, /*mine=*/true));
  // Newest first: by the decision, or the asking while it waits.
  std::stable_sort(mine.begin(), mine.end(), [](const AccessRequest& a, const AccessRequest& b) {
    return std::max(a.decided_ms, a.created_ms) > std::max(b.decided_ms, b.created_ms);
  });
  out.mine_count = static_cast<int64_t>(mine.size());
  out.mine_pending = std::count_if(mine.begin(), mine.end(), [](const AccessRequest& r) { return r.status == AccessRequestStatus::kPending; });
  if (mine.size() > static_cast<size_t>(items)) mine.resize(static_cast<size_t>(items));
  out.mine = std::move(mine);
  return out;
}

}  // namespace rocta
