#include "app/briefings.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/crypto.h"
#include "app/places.h"
#include "geo/crs.h"
#include "core/text.h"
#include "store/agency_repository.h"
#include "store/link_repository.h"
#include "store/marked_repository.h"
#include "store/place_repository.h"
#include "store/repository_transaction.h"
#include "store/scpo_repository.h"
#include "store/sharing_repository.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"

namespace rocta {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

Result<std::string> briefing_key(App& app, const BriefingRequest& r) {
  std::string day = r.day.empty() ? iso_date(app.clock.now_ms()) : r.day;
  if (!is_iso_date(day)) return invalid("the day must be YYYY-MM-DD", "day");
  if (!r.shift.empty() && r.shift != "early" && r.shift != "late" && r.shift != "night")
    return invalid("the shift is early, late or night", "shift");
  return r.shift.empty() ? day : day + " " + r.shift;
}

// REQUIRES: is_iso_date(day).
std::string day_before(const std::string& day, int days) {
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(day.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(day.substr(5, 2)))},
                           std::chrono::day{static_cast<unsigned>(std::stoi(day.substr(8, 2)))}};
  return iso_date(duration_cast<milliseconds>(sys_days{ymd}.time_since_epoch()).count() - days * kDayMs);
}

// The records of the places in the area: the ids by kind, in the order found.
struct Placed {
  std::vector<int64_t> threats, intelligence;
};

Result<Placed> placed_in(Transaction& tx, const Caller& caller, const ResolvedWhere& where, bool unscoped) {
  PlaceQuery q{where.box, {PlaceRecordKind::kThreat, PlaceRecordKind::kIntelligence}, 0, unscoped, 50000};
  ROCTA_ASSIGN_OR_RETURN(auto places, tx.places().places(read_scope(caller.user), q));
  Placed out;
  std::set<std::pair<int, int64_t>> seen;
  for (const auto& p : places) {
    if (!seen.insert({int(p.record_kind), p.record_id}).second) continue;
    ROCTA_ASSIGN_OR_RETURN(geo::Geometry g, geo::geometry_from_geojson(p.geometry, geo::kBng));
    if (!where.holds(g)) continue;
    (p.record_kind == PlaceRecordKind::kThreat ? out.threats : out.intelligence).push_back(p.record_id);
  }
  return out;
}

// Intelligence placed in the area that the caller may not read, counted by holder where
// the holder's rule lets the caller be told.
Result<std::vector<BriefingSignal>> withheld_in(Transaction& tx, const Caller& caller, const ResolvedWhere& where,
                                               const std::set<int64_t>& shown) {
  ROCTA_ASSIGN_OR_RETURN(Placed all, placed_in(tx, caller, where, true));
  ROCTA_ASSIGN_OR_RETURN(auto rules, tx.sharing().signal_rules());
  const ReadScope scope = read_scope(caller.user);
  std::map<std::string, BriefingSignal> by_holder;
  for (int64_t id : all.intelligence) {
    if (shown.count(id)) continue;
    ROCTA_ASSIGN_OR_RETURN(Marking m, tx.links().marking_of({RecordKind::kIntelligence, id}));
    if (admits(scope, m)) continue;  // readable but not recent
    auto rule = rules.find(m.owning_agency);
    if (!may_signal(scope, m, rule == rules.end() ? kDefaultSignalAudience : rule->second)) continue;
    auto& s = by_holder[m.owning_agency];
    s.holder_agency = s.holder = m.owning_agency;
    if (auto a = tx.agencies().get(m.owning_agency); a.is_ok()) s.holder = a->name;
    s.how_to_ask = "Held by " + s.holder + ": ask its intelligence unit, giving your purpose; the holder decides.";
    ++s.items;
  }
  std::vector<BriefingSignal> out;
  for (auto& [k, s] : by_holder) out.push_back(std::move(s));
  return out;
}

std::string digest_of(const Briefing& b) {
  json ids = json::array();
  for (const auto& t : b.threats) ids.push_back("t" + std::to_string(t.id) + "." + std::to_string(t.version));
  for (const auto& t : b.vulnerabilities) ids.push_back("v" + std::to_string(t.id) + "." + std::to_string(t.version));
  for (const auto& o : b.orders) ids.push_back("o" + std::to_string(o.id) + "." + std::to_string(o.version));
  for (const auto& w : b.wanted) ids.push_back("w" + std::to_string(w.nominal.id));
  for (const auto& i : b.intelligence) ids.push_back("i" + std::to_string(i.id));
  for (const auto& r : b.requirements) ids.push_back("r" + std::to_string(r.id));
  for (const auto& s : b.withheld) ids.push_back("s" + s.holder_agency + std::to_string(s.items));
  return sha256_hex(b.key + ids.dump()).substr(0, 16);
}

bool may_supervise(const User& u) {
  return u.has(Role::kTaskingChair) || u.has(Role::kAnalyst) || u.has(Role::kAdministrator) || u.has(Role::kInspector);
}

// Orders in force on subjects of the area's threats (linked) or living in its BCU (same name).
Result<std::vector<ScpoOrder>> orders_in(Transaction& tx, const Caller& caller, const Area& area, const std::string& day,
                                         const std::set<int64_t>& threat_ids) {
  ScpoOrderQuery q;
  q.in_force_on = day;
  ROCTA_ASSIGN_OR_RETURN(auto orders, tx.scpo().orders(read_scope(caller.user), q));
  ROCTA_ASSIGN_OR_RETURN(auto units, tx.units().list(""));
  std::set<int64_t> bcus;
  for (const auto& u : units)
    if (area.kind == AreaKind::kBcu && u.kind == UnitKind::kBcu && u.name == area.name) bcus.insert(u.id);
  std::vector<ScpoOrder> out;
  for (auto& o : orders)
    if (threat_ids.count(o.threat_id) || bcus.count(o.bcu_unit_id)) out.push_back(std::move(o));
  return out;
}

Result<std::vector<BriefingWanted>> wanted_in(Transaction& tx, const Caller& caller, const std::set<int64_t>& threat_ids,
                                              const std::vector<ScpoOrder>& orders) {
  ROCTA_ASSIGN_OR_RETURN(auto wanted, tx.places().wanted());
  std::map<int64_t, std::string> reasons(wanted.begin(), wanted.end());
  std::set<int64_t> candidates;
  const ReadScope scope = read_scope(caller.user);
  for (int64_t t : threat_ids) {
    ROCTA_ASSIGN_OR_RETURN(auto links, tx.links().list_for({RecordKind::kThreat, t}, scope));
    for (const auto& l : links)
      for (const auto& end : {l.from, l.to})
        if (end.kind == RecordKind::kNominal) candidates.insert(end.id);
  }
  for (const auto& o : orders) candidates.insert(o.nominal_id);
  std::vector<BriefingWanted> out;
  for (int64_t id : candidates) {
    auto it = reasons.find(id);
    if (it == reasons.end()) continue;
    auto n = tx.nominals().get(id, scope);
    if (!n.is_ok() || !can(caller.user, Action::kRead, RecordKind::kNominal, n->marking)) continue;
    out.push_back({std::move(n).value(), it->second});
  }
  return out;
}

}  // namespace

Result<Briefing> open_briefing(App& app, const Caller& caller, const BriefingRequest& r) {
  if (caller.system) return denied("a briefing is for a person");
  Briefing b;
  ROCTA_ASSIGN_OR_RETURN(b.key, briefing_key(app, r));
  const std::string day = b.key.substr(0, 10);
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(ResolvedWhere where, resolve_where(*tx, Where{r.area_id, std::nullopt, 4326, 0}));
  ROCTA_ASSIGN_OR_RETURN(b.area, tx->places().area(r.area_id));
  b.area.geometry.clear();
  b.area.geojson.clear();
  ROCTA_ASSIGN_OR_RETURN(Placed placed, placed_in(*tx, caller, where, false));
  const ReadScope scope = read_scope(caller.user);
  std::set<int64_t> threat_ids, shown_intel;
  json audited = json::array();
  for (int64_t id : placed.threats) {
    ROCTA_ASSIGN_OR_RETURN(Threat t, tx->threats().get(id, scope));
    if (!can(caller.user, Action::kRead, RecordKind::kThreat, t.marking) || t.is_closed()) continue;
    if (read_is_audited(t.marking)) audited.push_back("threat " + std::to_string(t.id));
    threat_ids.insert(t.id);
    (t.type == ThreatType::kVulnerability ? b.vulnerabilities : b.threats).push_back(std::move(t));
  }
  const std::string since = day_before(day, kBriefingRecentDays);
  for (int64_t id : placed.intelligence) {
    ROCTA_ASSIGN_OR_RETURN(IntelligenceReport i, tx->intelligence().get(id, scope));
    if (!can(caller.user, Action::kRead, RecordKind::kIntelligence, i.marking)) continue;
    shown_intel.insert(id);
    if (i.received_date < since || i.received_date > day) continue;
    if (read_is_audited(i.marking)) audited.push_back("intelligence " + std::to_string(i.id));
    b.intelligence.push_back(std::move(i));
  }
  std::sort(b.intelligence.begin(), b.intelligence.end(),
            [](const auto& x, const auto& y) { return x.received_date > y.received_date; });
  ROCTA_ASSIGN_OR_RETURN(b.orders, orders_in(*tx, caller, b.area, day, threat_ids));
  ROCTA_ASSIGN_OR_RETURN(b.wanted, wanted_in(*tx, caller, threat_ids, b.orders));
  ROCTA_ASSIGN_OR_RETURN(b.withheld, withheld_in(*tx, caller, where, shown_intel));
  ROCTA_ASSIGN_OR_RETURN(b.requirements, tx->places().open_requirements(r.area_id));
  b.digest = digest_of(b);
  ROCTA_ASSIGN_OR_RETURN(auto acks, tx->places().acknowledgements(r.area_id, b.key));
  for (const auto& a : acks) b.acknowledged = b.acknowledged || (a.user_id == caller.user.id && a.digest == b.digest);
  tx.reset();
  ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller,
                                         {"briefing.open", "area", r.area_id,
                                          json{{"key", b.key}, {"digest", b.digest}, {"audited", audited}}.dump()}));
  return b;
}

Result<BriefingAck> acknowledge_briefing(App& app, const Caller& caller, const BriefingRequest& r, const std::string& digest) {
  ROCTA_ASSIGN_OR_RETURN(Briefing now, open_briefing(app, caller, r));
  if (digest != now.digest)
    return Status(Code::kConflict, "the briefing has changed since you opened it: read it again, then acknowledge");
  BriefingAck a{r.area_id, caller.user.id, now.key, digest, app.clock.now_ms()};
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(tx->places().acknowledge(a));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"briefing.acknowledge", "area", r.area_id,
                                                        json{{"key", a.briefing_day}, {"digest", digest}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return a;
}

Result<std::vector<BriefingRead>> briefing_reads(App& app, const Caller& caller, const BriefingRequest& r) {
  if (caller.system || !may_supervise(caller.user)) return denied("only supervisors see who has read a briefing");
  ROCTA_ASSIGN_OR_RETURN(std::string key, briefing_key(app, r));
  ROCTA_ASSIGN_OR_RETURN(Briefing current, open_briefing(app, caller, r));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto acks, tx->places().acknowledgements(r.area_id, key));
  std::vector<BriefingRead> out;
  for (const auto& a : acks) {
    auto u = tx->users().get(a.user_id);
    if (!u.is_ok() || u->user.agency != caller.user.agency) continue;
    // Current for the officer's own view can differ from the supervisor's; the digest says
    // whether the officer read the briefing as the supervisor sees it now.
    out.push_back({a.user_id, u->user.display_name, a.acknowledged_ms, a.digest == current.digest});
  }
  return out;
}

Result<IntelligenceRequirement> add_requirement(App& app, const Caller& caller, int64_t area_id, const std::string& text) {
  if (caller.system || !(caller.user.has(Role::kAnalyst) || caller.user.has(Role::kTaskingChair)))
    return denied("only analysts and tasking chairs set intelligence requirements");
  const std::string t = trim(text);
  if (t.empty() || t.size() > 500) return invalid("the requirement is 1 to 500 characters", "requirement");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_RETURN_IF_ERROR(status_of(tx->places().area(area_id)));
  IntelligenceRequirement req{0, caller.user.agency, area_id, t, true, caller.user.id, iso_timestamp(app.clock.now_ms())};
  ROCTA_ASSIGN_OR_RETURN(req.id, tx->places().insert_requirement(req));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"requirement.add", "area", area_id, json{{"id", req.id}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return req;
}

Status mark_wanted(App& app, const Caller& caller, int64_t nominal_id, const std::string& reason) {
  if (trim(reason).empty()) return invalid("say why the person is wanted", "reason");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  auto m = tx->links().marking_of({RecordKind::kNominal, nominal_id});
  // 404, not 403, for a nominal the caller may not read: a 403 would confirm that it exists.
  if (!m.is_ok() || (!caller.system && !can(caller.user, Action::kRead, RecordKind::kNominal, *m)))
    return not_found("nominal " + std::to_string(nominal_id) + " not found");
  if (!caller.system && !can(caller.user, Action::kUpdate, RecordKind::kNominal, *m)) return denied("you may not change this nominal");
  ROCTA_RETURN_IF_ERROR(tx->places().set_wanted(nominal_id, trim(reason), iso_date(app.clock.now_ms()), caller.user.id));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"nominal.wanted", "nominal", nominal_id, "{}"}));
  return tx->commit();
}

}  // namespace rocta
