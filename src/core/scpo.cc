#include "core/scpo.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/text.h"

namespace rocta {
namespace {

constexpr std::array kConditionKinds{ScpoConditionKind::kAssociation, ScpoConditionKind::kCommunicationDevices,
                                     ScpoConditionKind::kFinancialReporting, ScpoConditionKind::kTravel,
                                     ScpoConditionKind::kPremises, ScpoConditionKind::kOther};
constexpr std::array kCheckKinds{ScpoCheckKind::kVisit, ScpoCheckKind::kFinancialReport, ScpoCheckKind::kDeviceInspection};
constexpr std::array kOutcomes{ScpoCheckOutcome::kPending, ScpoCheckOutcome::kCompliant, ScpoCheckOutcome::kConcern,
                               ScpoCheckOutcome::kBreach, ScpoCheckOutcome::kNoAccess};
constexpr std::array kChangeKinds{ScpoChangeKind::kMade, ScpoChangeKind::kVaried, ScpoChangeKind::kFullOrder,
                                  ScpoChangeKind::kSupportRequested};

template <typename E, size_t N>
std::optional<E> parse_of(const std::array<E, N>& all, std::string_view s) {
  for (E e : all)
    if (equals_ci(to_string(e), s)) return e;
  return std::nullopt;
}

Status need_date(const std::string& s, const char* field, const std::string& what) {
  if (!is_iso_date(s)) return invalid(what + " is a date, YYYY-MM-DD", field);
  return Status::ok();
}

Status need_text(const std::string& s, const char* field, const std::string& what, size_t max) {
  if (trim(s).empty()) return invalid(what + " is required", field);
  if (s.size() > max) return invalid(what + " is at most " + std::to_string(max) + " characters", field);
  if (!is_clean_text(s)) return invalid(what + " holds characters that are not text", field);
  return Status::ok();
}

bool within(const std::string& day, const std::string& from, const std::string& to) { return !day.empty() && from <= day && day <= to; }

}  // namespace

std::string_view to_string(ScpoConditionKind k) {
  switch (k) {
    case ScpoConditionKind::kAssociation: return "association";
    case ScpoConditionKind::kCommunicationDevices: return "communication devices";
    case ScpoConditionKind::kFinancialReporting: return "financial reporting";
    case ScpoConditionKind::kTravel: return "travel";
    case ScpoConditionKind::kPremises: return "premises";
    case ScpoConditionKind::kOther: return "other";
  }
  return "other";
}
std::string_view to_string(ScpoCheckKind k) {
  switch (k) {
    case ScpoCheckKind::kVisit: return "visit";
    case ScpoCheckKind::kFinancialReport: return "financial report";
    case ScpoCheckKind::kDeviceInspection: return "device inspection";
  }
  return "visit";
}
std::string_view to_string(ScpoCheckOutcome o) {
  switch (o) {
    case ScpoCheckOutcome::kPending: return "pending";
    case ScpoCheckOutcome::kCompliant: return "compliant";
    case ScpoCheckOutcome::kConcern: return "concern";
    case ScpoCheckOutcome::kBreach: return "breach";
    case ScpoCheckOutcome::kNoAccess: return "no access";
  }
  return "pending";
}
std::string_view to_string(ScpoChangeKind k) {
  switch (k) {
    case ScpoChangeKind::kMade: return "made";
    case ScpoChangeKind::kVaried: return "varied";
    case ScpoChangeKind::kFullOrder: return "full order";
    case ScpoChangeKind::kSupportRequested: return "support requested";
  }
  return "made";
}
std::optional<ScpoConditionKind> parse_scpo_condition_kind(std::string_view s) { return parse_of(kConditionKinds, s); }
std::optional<ScpoCheckKind> parse_scpo_check_kind(std::string_view s) { return parse_of(kCheckKinds, s); }
std::optional<ScpoCheckOutcome> parse_scpo_check_outcome(std::string_view s) { return parse_of(kOutcomes, s); }
std::optional<ScpoChangeKind> parse_scpo_change_kind(std::string_view s) { return parse_of(kChangeKinds, s); }
const std::vector<ScpoConditionKind>& all_scpo_condition_kinds() {
  static const std::vector<ScpoConditionKind> kAll(kConditionKinds.begin(), kConditionKinds.end());
  return kAll;
}

std::string add_years(const std::string& day, int years) {
  if (!is_iso_date(day)) return {};
  const int y = std::stoi(day.substr(0, 4)) + years;
  std::string md = day.substr(4);
  if (md == "-02-29" && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) md = "-02-28";
  std::string ys = std::to_string(y);
  return std::string(4 - std::min<size_t>(4, ys.size()), '0') + ys + md;
}

Status validate_order(const ScpoOrder& o) {
  ROCTA_RETURN_IF_ERROR(need_text(o.court, "court", "the court that made the order", 200));
  ROCTA_RETURN_IF_ERROR(need_date(o.made_on, "made_on", "the day the order was made"));
  ROCTA_RETURN_IF_ERROR(need_date(o.starts_on, "starts_on", "the day the order comes into force"));
  ROCTA_RETURN_IF_ERROR(need_date(o.ends_on, "ends_on", "the order's last day in force"));
  if (o.starts_on < o.made_on) return invalid("an order cannot come into force before the court made it", "starts_on");
  if (o.ends_on <= o.starts_on) return invalid("the order must end after it comes into force", "ends_on");
  // s.16 Serious Crime Act 2007: in force for no more than five years from its start.
  if (o.ends_on >= add_years(o.starts_on, kScpoMaxYears))
    return invalid("an order lasts at most five years: from " + o.starts_on + " it must end before " +
                       add_years(o.starts_on, kScpoMaxYears),
                   "ends_on");
  if (o.nominal_id <= 0) return invalid("the order's subject (a nominal) is required", "nominal_id");
  if (o.conditions.empty()) return invalid("an order has at least one condition", "conditions");
  if (o.conditions.size() > 50) return invalid("an order has at most 50 conditions", "conditions");
  for (const auto& c : o.conditions)
    ROCTA_RETURN_IF_ERROR(need_text(c.detail, "conditions", "each condition's wording", 2000));
  return Status::ok();
}

Status validate_check(const ScpoCheck& c, const ScpoOrder& order, const std::string& today) {
  ROCTA_RETURN_IF_ERROR(need_date(c.due_on, "due_on", "the day the check is due"));
  if (c.due_on < order.made_on)
    return invalid("a check cannot be dated before the order was made (" + order.made_on + ")", "due_on");
  if (c.due_on > order.ends_on) return invalid("the order ends on " + order.ends_on + ": no check is due after it", "due_on");
  if (c.note.size() > 5000 || !is_clean_text(c.note)) return invalid("the note is text of at most 5,000 characters", "note");
  if (!c.done()) {
    if (c.outcome != ScpoCheckOutcome::kPending) return invalid("a check not yet done has no outcome", "outcome");
    return Status::ok();
  }
  ROCTA_RETURN_IF_ERROR(need_date(c.done_on, "done_on", "the day the check was done"));
  if (c.done_on < order.made_on)
    return invalid("a check cannot be dated before the order was made (" + order.made_on + ")", "done_on");
  if (c.done_on > today) return invalid("a check cannot be recorded as done in the future", "done_on");
  if (c.outcome == ScpoCheckOutcome::kPending) return invalid("a check done has an outcome", "outcome");
  return Status::ok();
}

Status validate_breach(const ScpoBreach& b, const ScpoOrder& order, const std::string& today) {
  ROCTA_RETURN_IF_ERROR(need_date(b.occurred_on, "occurred_on", "the day of the breach"));
  if (!in_force(order, b.occurred_on))
    return invalid("the order was in force from " + order.starts_on + " to " + order.ends_on + ": a breach happens within it",
                   "occurred_on");
  if (b.occurred_on > today) return invalid("a breach cannot be recorded for a day still to come", "occurred_on");
  if (!has_condition(order, b.condition))
    return invalid("the order has no " + std::string(to_string(b.condition)) + " condition", "condition");
  ROCTA_RETURN_IF_ERROR(need_text(b.evidence, "evidence", "the evidence of the breach", 10000));
  if (b.charged && !b.arrested) return invalid("a charge for breach follows an arrest: record the arrest too", "charged");
  return Status::ok();
}

bool in_force(const ScpoOrder& o, const std::string& on) { return o.starts_on <= on && on <= o.ends_on; }
bool on_horizon(const ScpoOrder& o, const std::string& today) { return o.starts_on > today; }
bool is_overdue(const ScpoCheck& c, const std::string& today) { return !c.done() && c.due_on < today; }
bool has_condition(const ScpoOrder& o, ScpoConditionKind kind) {
  return std::any_of(o.conditions.begin(), o.conditions.end(), [&](const ScpoCondition& c) { return c.kind == kind; });
}

bool may_read_scpo(const User& u) {
  if (!u.active || !is_law_enforcement(u.agency_kind) || u.has(Role::kPartner)) return false;
  for (Role r : {Role::kScpoOfficer, Role::kAnalyst, Role::kRoctaAnalyst, Role::kSiuOfficer, Role::kLeadResponsibleOfficer,
                 Role::kTaskingChair, Role::kFrontlineOfficer})
    if (u.has(r)) return true;
  return false;
}

bool may_monitor_scpo(const User& u, const std::string& agency) {
  return u.active && u.has(Role::kScpoOfficer) && u.agency == agency && is_law_enforcement(u.agency_kind);
}

bool may_read_scpo_figures(const User& u) {
  return u.active && is_law_enforcement(u.agency_kind) &&
         (u.has(Role::kScpoOfficer) || u.has(Role::kInspector) || u.has(Role::kTaskingChair));
}

Result<ScpoFigures> scpo_figures(const std::vector<ScpoOrder>& orders, const std::vector<ScpoCheck>& checks,
                                 const std::vector<ScpoBreach>& breaches, const std::map<int64_t, std::string>& bcu_names,
                                 const std::string& from, const std::string& to, const std::string& today) {
  if (!is_iso_date(from)) return invalid("'from' is a date, YYYY-MM-DD", "from");
  if (!is_iso_date(to)) return invalid("'to' is a date, YYYY-MM-DD", "to");
  if (to < from) return invalid("the period ends before it starts", "to");
  std::map<int64_t, int64_t> bcu_of;  // order id -> BCU
  std::map<int64_t, ScpoFigureRow> rows;
  auto row = [&](int64_t bcu) -> ScpoFigureRow& {
    auto& r = rows[bcu];
    r.bcu_unit_id = bcu;
    auto name = bcu_names.find(bcu);
    r.bcu = name != bcu_names.end() ? name->second : "No BCU recorded";
    return r;
  };
  for (const auto& o : orders) {
    bcu_of[o.id] = o.bcu_unit_id;
    ScpoFigureRow& r = row(o.bcu_unit_id);
    if (o.starts_on <= to && o.ends_on >= from) ++r.orders_monitored;
  }
  for (const auto& c : checks) {
    auto o = bcu_of.find(c.order_id);
    if (o == bcu_of.end()) continue;
    ScpoFigureRow& r = row(o->second);
    if (within(c.done_on, from, to)) ++r.checks_done;
    // Overdue: due in the period and not done by its due day, once that day has passed.
    if (within(c.due_on, from, to) && c.due_on < today && (!c.done() || c.done_on > c.due_on)) ++r.checks_overdue;
  }
  for (const auto& b : breaches) {
    auto o = bcu_of.find(b.order_id);
    if (o == bcu_of.end() || !within(b.occurred_on, from, to)) continue;
    ScpoFigureRow& r = row(o->second);
    ++r.breaches;
    if (b.arrested) ++r.arrests;
  }
  ScpoFigures f;
  f.from = from;
  f.to = to;
  f.total.bcu = "All BCUs";
  for (auto& [id, r] : rows) {
    f.total.orders_monitored += r.orders_monitored;
    f.total.checks_done += r.checks_done;
    f.total.checks_overdue += r.checks_overdue;
    f.total.breaches += r.breaches;
    f.total.arrests += r.arrests;
    f.rows.push_back(r);
  }
  std::sort(f.rows.begin(), f.rows.end(), [](const auto& a, const auto& b) { return a.bcu < b.bcu; });
  return f;
}

std::vector<AgendaItem> scpo_agenda_items(const std::vector<ScpoCheck>& overdue, const std::vector<ScpoOrder>& orders,
                                          const std::string& today) {
  std::map<int64_t, const ScpoOrder*> by_id;
  for (const auto& o : orders) by_id[o.id] = &o;
  std::vector<const ScpoCheck*> due;
  for (const auto& c : overdue)
    if (is_overdue(c, today) && by_id.count(c.order_id)) due.push_back(&c);
  std::sort(due.begin(), due.end(), [](const auto* a, const auto* b) { return std::tie(a->due_on, a->id) < std::tie(b->due_on, b->id); });
  std::vector<AgendaItem> out;
  for (const auto* c : due) {
    const ScpoOrder& o = *by_id.at(c->order_id);
    out.push_back({AgendaItemKind::kOverdueScpoCheck, o.id, "SCPO " + o.reference + ": " + std::string(to_string(c->kind)) + " overdue",
                   "Due " + c->due_on + (c->officer_name.empty() ? std::string() : ", " + c->officer_name) + "; subject " +
                       o.subject_reference,
                   true});
  }
  return out;
}

}  // namespace rocta
