#include "app/scpo.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/disruptions.h"
#include "app/records.h"
#include "core/text.h"
#include "store/counter_repository.h"
#include "store/link_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/scpo_repository.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"

namespace rocta {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

std::string today(const App& app) { return iso_date(app.clock.now_ms()); }

Status need_reader(const Caller& c) {
  if (c.system || may_read_scpo(c.user)) return Status::ok();
  return denied("your roles do not include reading serious crime prevention orders");
}

Status need_monitor(const Caller& c, const std::string& agency) {
  if (c.system || may_monitor_scpo(c.user, agency)) return Status::ok();
  return denied("only SCPO monitoring officers of " + agency + " record orders, checks and breaches");
}

// A person reads what their scope admits; Rocta itself (queries marked unscoped) everything.
ReadScope scope_of(const Caller& c) { return read_scope(c.user); }

// The order if the caller may read its subject; NotFound otherwise, as for an absent one.
Result<ScpoOrder> readable_order(Transaction& tx, const Caller& caller, int64_t id) {
  if (caller.system) return tx.scpo().order_unscoped(id);
  ROCTA_ASSIGN_OR_RETURN(ScpoOrder o, tx.scpo().order(id, scope_of(caller)));
  // Checked again here: the store's predicate and the policy must agree.
  if (!caller.system && !can(caller.user, Action::kRead, RecordKind::kNominal, o.subject_marking))
    return not_found("order " + std::to_string(id) + " not found");
  return o;
}

// Every order must pass the policy before anything of it is shown (fail closed).
Status check_listed(const Caller& caller, const std::vector<ScpoOrder>& orders) {
  if (caller.system) return Status::ok();
  for (const auto& o : orders)
    if (!can(caller.user, Action::kRead, RecordKind::kNominal, o.subject_marking))
      return Status(Code::kInternal, "access check failed on a listed order; nothing shown");
  return Status::ok();
}

// Reads of orders on audited subjects (OFFICIAL-SENSITIVE and above) leave a trace.
Status audit_shown(App& app, const Caller& caller, const std::vector<const ScpoOrder*>& shown, const std::string& action) {
  json ids = json::array();
  for (const auto* o : shown)
    if (read_is_audited(o->subject_marking)) ids.push_back(o->id);
  if (ids.empty()) return Status::ok();
  return append_audit_now(app, caller, {action, "scpo_order", ids.size() == 1 ? ids[0].get<int64_t>() : 0, json{{"shown", ids}}.dump()});
}

json conditions_json(const std::vector<ScpoCondition>& cs) {
  json out = json::array();
  for (const auto& c : cs) out.push_back({{"kind", to_string(c.kind)}, {"detail", c.detail}});
  return out;
}

Status need_bcu(Transaction& tx, int64_t unit_id, const std::string& agency) {
  if (unit_id == 0) return Status::ok();
  auto u = tx.units().get(unit_id);
  if (!u.is_ok() || u->agency != agency || u->kind != UnitKind::kBcu)
    return invalid("unit " + std::to_string(unit_id) + " is not a BCU of " + agency, "bcu_unit_id");
  return Status::ok();
}

// The pursue disruption an arrest for breach is: against the order's threat, on its day.
Result<int64_t> breach_disruption(Transaction& tx, App& app, const Caller& caller, const ScpoOrder& o, const ScpoBreach& b) {
  Disruption d;
  d.threat_id = o.threat_id;
  d.record_date = b.occurred_on;
  d.role = DisruptionRole::kLead;
  d.category = ImpactCategory::kNotAssessed;
  d.outcomes = {FourP::kPursue};
  d.description = std::string(b.charged ? "Arrested and charged" : "Arrested") + " for breach of the " +
                  std::string(to_string(b.condition)) + " condition of order " + o.reference + ".";
  // The breach team records the arrest; other outcomes are for the threat's owners to add.
  for (const auto& s : suggest_outcomes(d.description, d.outcomes)) d.prompts.push_back({s.rule, s.outcome, false});
  ROCTA_ASSIGN_OR_RETURN(Disruption saved, record_disruption_in(tx, app, caller, std::move(d)));
  return saved.id;
}

Result<std::map<int64_t, std::string>> bcu_names(Transaction& tx, const std::string& agency) {
  std::map<int64_t, std::string> out;
  ROCTA_ASSIGN_OR_RETURN(auto units, tx.units().list(agency));
  for (const auto& u : units)
    if (u.kind == UnitKind::kBcu) out[u.id] = u.name;
  return out;
}

}  // namespace

Result<ScpoOrder> record_order(App& app, const Caller& caller, ScpoOrder o) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(ScpoOrder saved, record_order_in(*tx, app, caller, std::move(o)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return saved;
}

Result<ScpoOrder> record_order_in(Transaction& t, App& app, const Caller& caller, ScpoOrder o) {
  if (!caller.system || o.agency.empty()) o.agency = caller.user.agency;
  ROCTA_RETURN_IF_ERROR(need_monitor(caller, o.agency));
  ROCTA_RETURN_IF_ERROR(validate_order(o));
  Transaction* tx = &t;
  // The subject must be one the caller may read (Rocta itself: one that exists).
  const bool readable = caller.system ? tx->links().marking_of({RecordKind::kNominal, o.nominal_id}).is_ok()
                                      : [&] {
                                          auto n = tx->nominals().get(o.nominal_id, scope_of(caller));
                                          return n.is_ok() && can(caller.user, Action::kRead, RecordKind::kNominal, n->marking);
                                        }();
  if (!readable) return invalid("nominal " + std::to_string(o.nominal_id) + " is not one you may read", "nominal_id");
  if (o.threat_id) ROCTA_RETURN_IF_ERROR(status_of(readable_threat_in(*tx, caller, o.threat_id)));
  ROCTA_RETURN_IF_ERROR(need_bcu(*tx, o.bcu_unit_id, o.agency));
  if (o.officer_id == 0) o.officer_id = caller.user.id;
  for (o.reference.clear(); o.reference.empty();) {
    ROCTA_ASSIGN_OR_RETURN(int64_t n, tx->counters().next(o.agency, "SCPO"));
    o.reference = o.agency + "-SCPO-" + padded(n);
  }
  o.version = 1;
  o.created_by = caller.user.id;
  o.created_at_ms = app.clock.now_ms();
  ROCTA_ASSIGN_OR_RETURN(o.id, tx->scpo().insert_order(o));
  ROCTA_RETURN_IF_ERROR(status_of(tx->scpo().insert_change(
      {0, o.id, ScpoChangeKind::kMade, o.made_on, o.interim ? "Interim order made by " + o.court : "Made by " + o.court, 0,
       caller.user.id, o.created_at_ms})));
  ROCTA_ASSIGN_OR_RETURN(ScpoOrder saved, tx->scpo().order_unscoped(o.id));
  json detail{{"reference", o.reference}, {"subject", saved.subject_reference}, {"interim", o.interim}, {"starts_on", o.starts_on},
              {"ends_on", o.ends_on}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"scpo.order.create", "scpo_order", o.id, detail.dump()}));
  return saved;
}

Result<ScpoOrder> vary_order(App& app, const Caller& caller, int64_t id, const ScpoVariation& v) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(ScpoOrder o, readable_order(*tx, caller, id));
  ROCTA_RETURN_IF_ERROR(need_monitor(caller, o.agency));
  if (o.version != v.expected_version)
    return Status(Code::kConflict, "the order is at version " + std::to_string(o.version) + ", not " +
                                       std::to_string(v.expected_version) + ": someone changed it; reload first");
  if (!is_iso_date(v.on)) return invalid("the day of the variation is a date, YYYY-MM-DD", "on");
  if (v.on < o.made_on) return invalid("a variation cannot be dated before the order was made (" + o.made_on + ")", "on");
  if (v.full_order && !o.interim) return invalid("the order is already a full order", "full_order");
  const ScpoOrder before = o;
  if (!v.court.empty()) o.court = v.court;
  if (!v.starts_on.empty()) o.starts_on = v.starts_on;
  if (!v.ends_on.empty()) o.ends_on = v.ends_on;
  if (!v.conditions.empty()) o.conditions = v.conditions;
  if (v.full_order) o.interim = false;
  ROCTA_RETURN_IF_ERROR(validate_order(o));
  o.version += 1;
  ROCTA_RETURN_IF_ERROR(tx->scpo().update_order(o));
  json was{{"court", before.court}, {"starts_on", before.starts_on}, {"ends_on", before.ends_on},
           {"interim", before.interim}, {"conditions", conditions_json(before.conditions)}};
  const std::string note = (v.note.empty() ? std::string() : v.note + "\n") + "Before: " + was.dump();
  ROCTA_RETURN_IF_ERROR(status_of(tx->scpo().insert_change(
      {0, o.id, v.full_order ? ScpoChangeKind::kFullOrder : ScpoChangeKind::kVaried, v.on, note, 0, caller.user.id,
       app.clock.now_ms()})));
  json detail{{"reference", o.reference}, {"version", o.version}, {"full_order", v.full_order}, {"ends_on", o.ends_on}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"scpo.order.vary", "scpo_order", o.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return o;
}

Result<ScpoOrderView> open_order(App& app, const Caller& caller, int64_t id) {
  ROCTA_RETURN_IF_ERROR(need_reader(caller));
  ScpoOrderView v;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(v.order, readable_order(*tx, caller, id));
    ROCTA_ASSIGN_OR_RETURN(v.history, tx->scpo().changes(id));
    ScpoCheckQuery cq;
    cq.order_id = id;
    cq.unscoped = caller.system;
    ROCTA_ASSIGN_OR_RETURN(auto checks, tx->scpo().checks(scope_of(caller), cq));
    for (auto& c : checks) v.checks.push_back({c, is_overdue(c, today(app))});
    ScpoBreachQuery bq;
    bq.order_id = id;
    bq.unscoped = caller.system;
    ROCTA_ASSIGN_OR_RETURN(v.breaches, tx->scpo().breaches(scope_of(caller), bq));
    ROCTA_ASSIGN_OR_RETURN(auto names, bcu_names(*tx, v.order.agency));
    if (names.count(v.order.bcu_unit_id)) v.bcu = names[v.order.bcu_unit_id];
  }
  v.in_force = in_force(v.order, today(app));
  v.on_horizon = on_horizon(v.order, today(app));
  ROCTA_RETURN_IF_ERROR(audit_shown(app, caller, {&v.order}, "scpo.order.read"));
  return v;
}

Result<std::vector<ScpoOrder>> subject_orders(App& app, const Caller& caller, int64_t nominal_id) {
  if (!caller.system && !may_read_scpo(caller.user)) return std::vector<ScpoOrder>{};
  ScpoOrderQuery q;
  q.nominal_id = nominal_id;
  q.unscoped = caller.system;
  std::vector<ScpoOrder> orders;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(orders, tx->scpo().orders(scope_of(caller), q));
  }
  ROCTA_RETURN_IF_ERROR(check_listed(caller, orders));
  std::vector<const ScpoOrder*> shown;
  for (const auto& o : orders) shown.push_back(&o);
  ROCTA_RETURN_IF_ERROR(audit_shown(app, caller, shown, "scpo.order.list"));
  return orders;
}

Result<ScpoCheck> schedule_check(App& app, const Caller& caller, int64_t order_id, ScpoCheck c) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(ScpoOrder o, readable_order(*tx, caller, order_id));
  ROCTA_RETURN_IF_ERROR(need_monitor(caller, o.agency));
  c.id = 0;
  c.order_id = o.id;
  c.done_on.clear();
  c.outcome = ScpoCheckOutcome::kPending;
  if (c.officer_id == 0) c.officer_id = caller.user.id;
  if (c.officer_id == caller.user.id) c.officer_name = caller.user.display_name;
  else {
    auto officer = tx->users().get(c.officer_id);
    if (!officer.is_ok() || officer->user.agency != o.agency) return invalid("the officer is not one of " + o.agency + "'s", "officer_id");
    c.officer_name = officer->user.display_name;
  }
  c.recorded_by = caller.user.id;
  c.recorded_at_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(validate_check(c, o, today(app)));
  ROCTA_ASSIGN_OR_RETURN(c.id, tx->scpo().insert_check(c));
  json detail{{"order", o.reference}, {"kind", to_string(c.kind)}, {"due_on", c.due_on}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"scpo.check.schedule", "scpo_order", o.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return c;
}

Result<ScpoCheck> record_check(App& app, const Caller& caller, int64_t order_id, ScpoCheck draft) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(ScpoOrder o, readable_order(*tx, caller, order_id));
  ROCTA_RETURN_IF_ERROR(need_monitor(caller, o.agency));
  ScpoCheck c = draft;
  if (draft.id) {
    auto planned = tx->scpo().check(draft.id);
    if (!planned.is_ok() || planned->order_id != o.id) return not_found("check " + std::to_string(draft.id) + " not found on this order");
    if (planned->done()) return Status(Code::kConflict, "that check was already recorded on " + planned->done_on);
    c = *planned;
    c.done_on = draft.done_on;
    c.outcome = draft.outcome;
    c.note = draft.note;
  } else {
    c.order_id = o.id;
    if (c.due_on.empty()) c.due_on = c.done_on;
    c.officer_id = caller.user.id;
    c.officer_name = caller.user.display_name;
  }
  if (c.done_on.empty()) return invalid("the day the check was done is required", "done_on");
  // Named by the day the officer typed (an unplanned check is due the day it was done).
  if (is_iso_date(c.done_on) && c.done_on < o.made_on)
    return invalid("a check cannot be dated before the order was made (" + o.made_on + ")", "done_on");
  c.recorded_by = caller.user.id;
  c.recorded_at_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(validate_check(c, o, today(app)));
  if (c.id) {
    ROCTA_RETURN_IF_ERROR(tx->scpo().update_check(c));
  } else {
    ROCTA_ASSIGN_OR_RETURN(c.id, tx->scpo().insert_check(c));
  }
  json detail{{"order", o.reference}, {"check", c.id}, {"kind", to_string(c.kind)}, {"done_on", c.done_on},
              {"outcome", to_string(c.outcome)}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"scpo.check.record", "scpo_order", o.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return c;
}

Result<ScpoBreach> record_breach(App& app, const Caller& caller, int64_t order_id, ScpoBreach b) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(b, record_breach_in(*tx, app, caller, order_id, std::move(b)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return b;
}

Result<ScpoBreach> record_breach_in(Transaction& t, App& app, const Caller& caller, int64_t order_id, ScpoBreach b) {
  Transaction* tx = &t;
  ROCTA_ASSIGN_OR_RETURN(ScpoOrder o, readable_order(*tx, caller, order_id));
  ROCTA_RETURN_IF_ERROR(need_monitor(caller, o.agency));
  b.id = 0;
  b.order_id = o.id;
  b.disruption_id = 0;
  b.recorded_by = caller.user.id;
  b.recorded_at_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(validate_breach(b, o, today(app)));
  if (b.check_id) {
    auto c = tx->scpo().check(b.check_id);
    if (!c.is_ok() || c->order_id != o.id) return invalid("check " + std::to_string(b.check_id) + " is not one of this order's", "check_id");
  }
  if (b.arrested && o.threat_id) {
    ROCTA_ASSIGN_OR_RETURN(b.disruption_id, breach_disruption(*tx, app, caller, o, b));
  }
  ROCTA_ASSIGN_OR_RETURN(b.id, tx->scpo().insert_breach(b));
  json detail{{"order", o.reference}, {"occurred_on", b.occurred_on}, {"condition", to_string(b.condition)},
              {"arrested", b.arrested}, {"charged", b.charged}, {"disruption", b.disruption_id}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"scpo.breach.record", "scpo_order", o.id, detail.dump()}));
  return b;
}

Result<EscalationView> request_surveillance(App& app, const Caller& caller, int64_t order_id, const SupportRequest& r) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(ScpoOrder o, readable_order(*tx, caller, order_id));
  ROCTA_RETURN_IF_ERROR(need_monitor(caller, o.agency));
  Escalation e;
  e.to_unit_id = r.to_unit_id;
  e.threat_id = o.threat_id;
  e.request = "SCPO " + o.reference + ": " + r.request;
  e.support = "surveillance";
  e.decide_by = r.decide_by;
  ROCTA_ASSIGN_OR_RETURN(EscalationView v, raise_escalation_in(*tx, app, caller, std::move(e)));
  ROCTA_RETURN_IF_ERROR(status_of(tx->scpo().insert_change({0, o.id, ScpoChangeKind::kSupportRequested, today(app),
                                                            "Surveillance support requested from " + v.to_unit,
                                                            v.escalation.id, caller.user.id, app.clock.now_ms()})));
  json detail{{"order", o.reference}, {"escalation", v.escalation.id}, {"to", v.to_unit}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"scpo.support.request", "scpo_order", o.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return v;
}

Result<ScpoQueue> scpo_queue(App& app, const Caller& caller) {
  ROCTA_RETURN_IF_ERROR(need_reader(caller));
  ScpoQueue q;
  q.today = today(app);
  const std::string agency = caller.system ? std::string() : caller.user.agency;
  const ReadScope scope = scope_of(caller);
  std::vector<ScpoOrder> orders;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ScpoOrderQuery oq;
    oq.agency = agency;
    oq.unscoped = caller.system;
    oq.limit = 5000;
    ROCTA_ASSIGN_OR_RETURN(orders, tx->scpo().orders(scope, oq));
    ScpoCheckQuery overdue;
    overdue.agency = agency;
    overdue.unscoped = caller.system;
    overdue.overdue_on = q.today;
    ROCTA_ASSIGN_OR_RETURN(auto late, tx->scpo().checks(scope, overdue));
    ScpoCheckQuery soon;
    soon.agency = agency;
    soon.unscoped = caller.system;
    soon.from = q.today;
    soon.to = iso_date(app.clock.now_ms() + kScpoDueSoonDays * kDayMs);
    ROCTA_ASSIGN_OR_RETURN(auto upcoming, tx->scpo().checks(scope, soon));
    std::map<int64_t, const ScpoOrder*> by_id;
    for (const auto& o : orders) by_id[o.id] = &o;
    // An overdue check matters while its order is in force.
    for (auto& c : late)
      if (by_id.count(c.order_id) && in_force(*by_id[c.order_id], q.today)) q.overdue.push_back({c, *by_id[c.order_id]});
    for (auto& c : upcoming)
      if (!c.done() && c.due_on >= q.today && by_id.count(c.order_id)) q.due_soon.push_back({c, *by_id[c.order_id]});
  }
  ROCTA_RETURN_IF_ERROR(check_listed(caller, orders));
  for (const auto& o : orders) {
    if (in_force(o, q.today)) q.in_force.push_back(o);
    else if (on_horizon(o, q.today)) q.horizon.push_back(o);
  }
  std::vector<const ScpoOrder*> shown;
  for (const auto& o : orders) shown.push_back(&o);
  ROCTA_RETURN_IF_ERROR(audit_shown(app, caller, shown, "scpo.order.list"));
  return q;
}

Result<ScpoFigures> scpo_report(App& app, const Caller& caller, const std::string& from, const std::string& to) {
  if (!caller.system && !may_read_scpo_figures(caller.user))
    return denied("the SCPO figures are for SCPO officers, tasking chairs and performance leads");
  if (!is_iso_date(from)) return invalid("'from' is a date, YYYY-MM-DD", "from");
  if (!is_iso_date(to)) return invalid("'to' is a date, YYYY-MM-DD", "to");
  const std::string agency = caller.system ? std::string() : caller.user.agency;
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  const ReadScope scope = scope_of(caller);
  ScpoOrderQuery oq;
  oq.agency = agency;
  oq.overlaps_from = "0000-01-01";  // every order: checks and breaches in the period need theirs
  oq.overlaps_to = "9999-12-31";
  oq.unscoped = caller.system;
  oq.limit = 5000;
  ROCTA_ASSIGN_OR_RETURN(auto orders, tx->scpo().orders(scope, oq));
  ROCTA_ASSIGN_OR_RETURN(auto checks, tx->scpo().checks(scope, {agency, 0, 0, "", from, to, caller.system, 100000}));
  ROCTA_ASSIGN_OR_RETURN(auto breaches, tx->scpo().breaches(scope, {agency, 0, from, to, caller.system, 100000}));
  ROCTA_ASSIGN_OR_RETURN(auto names, bcu_names(*tx, agency));
  return scpo_figures(orders, checks, breaches, names, from, to, today(app));
}

Result<std::vector<AgendaItem>> scpo_agenda_in(Transaction& tx, const Caller& caller, const TaskingMeeting& meeting,
                                               const std::string& today) {
  if (!caller.system && !may_read_scpo(caller.user)) return std::vector<AgendaItem>{};
  const ReadScope scope = scope_of(caller);
  ScpoCheckQuery cq;
  cq.agency = meeting.agency;
  cq.unscoped = caller.system;
  cq.overdue_on = today;
  if (meeting.level == MeetingLevel::kBcu) cq.bcu_unit_id = meeting.unit_id;
  ROCTA_ASSIGN_OR_RETURN(auto overdue, tx.scpo().checks(scope, cq));
  ScpoOrderQuery oq;
  oq.agency = meeting.agency;
  oq.unscoped = caller.system;
  oq.in_force_on = today;
  if (meeting.level == MeetingLevel::kBcu) oq.bcu_unit_id = meeting.unit_id;
  oq.limit = 5000;
  ROCTA_ASSIGN_OR_RETURN(auto orders, tx.scpo().orders(scope, oq));
  ROCTA_RETURN_IF_ERROR(check_listed(caller, orders));
  return scpo_agenda_items(overdue, orders, today);
}

}  // namespace rocta
