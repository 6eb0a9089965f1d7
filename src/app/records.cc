#include "app/records.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/commodities.h"
#include "app/places.h"
#include "core/text.h"
#include "store/commodity_repository.h"
#include "store/agency_repository.h"
#include "store/counter_repository.h"
#include "store/link_repository.h"
#include "store/marked_repository.h"
#include "store/page.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

// What differs between the three kinds of marked record.
struct ThreatKind {
  using Record = Threat;
  using Query = ThreatQuery;
  static constexpr RecordKind kKind = RecordKind::kThreat;
  static constexpr const char* kName = "threat";
  static ThreatRepository& repo(Transaction& tx) { return tx.threats(); }
  static Status validate(const Threat& t) { return validate_threat(t); }
  static Status keep_on_update(const Threat&, Threat&) { return Status::ok(); }
  static Status redact(Transaction&, const ReadScope&, Threat&) { return Status::ok(); }
  static std::string series(const Threat& t) {
    switch (t.type) {
      case ThreatType::kOcg: return "OCG";
      case ThreatType::kPriorityIndividual: return "PI";
      case ThreatType::kVulnerability: return "VUL";
    }
    return "OCG";
  }
};

struct NominalKind {
  using Record = Nominal;
  using Query = NominalQuery;
  static constexpr RecordKind kKind = RecordKind::kNominal;
  static constexpr const char* kName = "nominal";
  static NominalRepository& repo(Transaction& tx) { return tx.nominals(); }
  static Status validate(const Nominal& n) { return validate_nominal(n); }
  static Status keep_on_update(const Nominal&, Nominal&) { return Status::ok(); }
  static Status redact(Transaction&, const ReadScope&, Nominal&) { return Status::ok(); }
  static std::string series(const Nominal&) { return "NOM"; }
};

struct IntelligenceKind {
  using Record = IntelligenceReport;
  using Query = IntelligenceQuery;
  static constexpr RecordKind kKind = RecordKind::kIntelligence;
  static constexpr const char* kName = "intelligence";
  static IntelligenceRepository& repo(Transaction& tx) { return tx.intelligence(); }
  static Status validate(const IntelligenceReport& r) { return validate_intelligence(r); }
  // Where a report came from is fixed at submission; sensitive-source material stays in
  // its SIU's compartment.
  // The link from a sanitised release back to its source is for those who may read the
  // source (the SIU): others learn only that the report is a sanitised release (-1).
  static Status redact(Transaction& tx, const ReadScope& scope, IntelligenceReport& r) {
    if (r.sanitised_from <= 0) return Status::ok();
    ROCTA_ASSIGN_OR_RETURN(Marking source, tx.links().marking_of({RecordKind::kIntelligence, r.sanitised_from}));
    if (!admits(scope, source)) r.sanitised_from = -1;
    return Status::ok();
  }
  static Status keep_on_update(const IntelligenceReport& old, IntelligenceReport& r) {
    r.originating_agency = old.originating_agency;
    r.sanitised_from = old.sanitised_from;
    if (is_sensitive_source(r.source_type) && r.marking.compartment.empty())
      return invalid("material from a sensitive source lives only in an SIU's compartment: the SIU releases a sanitised "
                     "version instead",
                     "source_type");
    return Status::ok();
  }
  static std::string series(const IntelligenceReport&) { return "INT"; }
};

// Commodities (app/commodities.h): a closing disruption must be one the caller may read.
struct CommodityRecord {
  using Record = Commodity;
  using Query = CommodityQuery;
  static constexpr RecordKind kKind = RecordKind::kCommodity;
  static constexpr const char* kName = "commodity";
  static CommodityRepository& repo(Transaction& tx) { return tx.commodities(); }
  static Status validate(const Commodity& c) { return validate_commodity(c); }
  static Status keep_on_update(const Commodity& old, Commodity& c) {
    c.kind = old.kind;  // a phone stays a phone: record another commodity instead
    return Status::ok();
  }
  static Status redact(Transaction&, const ReadScope&, Commodity&) { return Status::ok(); }
  static Status check_references(Transaction& tx, const Caller& caller, const Commodity& c) {
    return check_closing_disruption(tx, caller, c);
  }
};

Status purpose_required(const Marking& m) {
  return Status(Code::kFailedPrecondition,
                "this record is " + m.label() + ": give the purpose for opening it (X-Rocta-Purpose)", "purpose-required");
}

// Explains a refused write in terms the user can act on.
Status write_refusal(const Caller& c, RecordKind kind, const Marking& m) {
  const User& u = c.user;
  if (m.owning_agency != u.agency)
    return denied("you can write records only for your own agency (" + u.agency + ")");
  if (m.classification > u.clearance)
    return denied("the record's classification is above your clearance");
  if (!m.compartment.empty() && !(u.has(Role::kSiuOfficer) && u.holds(m.compartment)))
    return denied("only SIU officers who hold compartment '" + m.compartment + "' write to it");
  return denied(std::string("your roles do not include writing ") + std::string(to_string(kind)) + " records");
}

}  // namespace

// Completes and checks a marking the caller supplied: owner defaults to the caller's
// agency, the region comes from the owner, named agencies must exist.
Status settle_marking(Transaction& tx, const Caller& caller, Marking& m) {
  if (m.owning_agency.empty()) m.owning_agency = caller.user.agency;
  auto owner = tx.agencies().get(m.owning_agency);
  if (!owner.is_ok())
    return owner.status().code() == Code::kNotFound ? invalid("unknown owning agency '" + m.owning_agency + "'", "marking.owning_agency")
                                                    : owner.status();
  m.owning_region = owner->region;
  std::sort(m.shared_with.begin(), m.shared_with.end());
  m.shared_with.erase(std::unique(m.shared_with.begin(), m.shared_with.end()), m.shared_with.end());
  Status lookup_error = Status::ok();
  Status s = validate_marking(m, [&](const std::string& code) {
    auto a = tx.agencies().get(code);
    if (!a.is_ok() && a.status().code() != Code::kNotFound) lookup_error = a.status();
    return a.is_ok();
  });
  return lookup_error.is_ok() ? s : lookup_error;
}

namespace {

// `placed`: app/ chose the marking itself (an SIU route or release), so the caller's own
// write rights over it are not asked.
template <typename K>
Result<typename K::Record> create_in(Transaction& tx, App& app, const Caller& caller, typename K::Record r, bool placed = false) {
  ROCTA_RETURN_IF_ERROR(settle_marking(tx, caller, r.marking));
  ROCTA_RETURN_IF_ERROR(K::validate(r));
  if (!caller.system && !placed && !can(caller.user, Action::kCreate, K::kKind, r.marking))
    return write_refusal(caller, K::kKind, r.marking);
  // The next free number: an imported extract may already use some of the series.
  while (r.reference.empty()) {
    ROCTA_ASSIGN_OR_RETURN(int64_t n, tx.counters().next(r.marking.owning_agency, K::series(r)));
    r.reference = r.marking.owning_agency + "-" + K::series(r) + "-" + padded(n);
    auto taken = K::repo(tx).id_by_reference(r.marking.owning_agency, r.reference);
    if (taken.is_ok()) r.reference.clear();
    else if (taken.status().code() != Code::kNotFound) return taken.status();
  }
  r.version = 1;
  r.created_at = r.updated_at = iso_timestamp(app.clock.now_ms());
  r.created_by = caller.user.id;
  ROCTA_ASSIGN_OR_RETURN(r.id, K::repo(tx).insert(r));
  nlohmann::json detail{{"reference", r.reference}, {"marking", r.marking.label()}};
  ROCTA_RETURN_IF_ERROR(append_audit(tx, app, caller, {std::string(K::kName) + ".create", K::kName, r.id, detail.dump()}));
  return r;
}

template <typename K>
Result<typename K::Record> create(App& app, const Caller& caller, typename K::Record r) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto created, create_in<K>(*tx, app, caller, std::move(r)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return created;
}

template <typename K>
Result<Opened<typename K::Record>> open(App& app, const Caller& caller, int64_t id) {
  const ReadScope scope = read_scope(caller.user);
  Opened<typename K::Record> out;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(out.record, K::repo(*tx).get(id, scope));
    // Checked again here: the store's predicate and the policy must agree.
    if (!can(caller.user, Action::kRead, K::kKind, out.record.marking))
      return not_found(std::string(K::kName) + " " + std::to_string(id) + " not found");
    if (read_needs_purpose(out.record.marking) && caller.purpose.empty()) return purpose_required(out.record.marking);
    ROCTA_ASSIGN_OR_RETURN(out.links, tx->links().list_for({K::kKind, id}, scope));
    ROCTA_RETURN_IF_ERROR(K::redact(*tx, scope, out.record));
  }
  if (read_is_audited(out.record.marking)) {
    nlohmann::json detail{{"reference", out.record.reference}, {"marking", out.record.marking.label()}};
    ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {std::string(K::kName) + ".read", K::kName, id, detail.dump()}));
  }
  return out;
}

template <typename K>
Result<typename K::Record> update(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                  const std::function<Status(typename K::Record&)>& change) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto old, K::repo(*tx).get(id, read_scope(caller.user)));
  if (!can(caller.user, Action::kRead, K::kKind, old.marking))
    return not_found(std::string(K::kName) + " " + std::to_string(id) + " not found");
  if (!can(caller.user, Action::kUpdate, K::kKind, old.marking)) return write_refusal(caller, K::kKind, old.marking);
  if (read_needs_purpose(old.marking) && caller.purpose.empty()) return purpose_required(old.marking);
  if (old.version != expected_version)
    return Status(Code::kConflict, "the " + std::string(K::kName) + " is at version " + std::to_string(old.version) +
                                       ", not " + std::to_string(expected_version) + ": someone changed it; reload first");
  auto r = old;
  ROCTA_RETURN_IF_ERROR(change(r));
  ROCTA_RETURN_IF_ERROR(K::keep_on_update(old, r));
  if (r.marking.owning_agency != old.marking.owning_agency)
    return invalid("the owning agency of a record cannot be changed", "marking.owning_agency");
  r.id = old.id;
  r.reference = old.reference;
  r.created_at = old.created_at;
  r.created_by = old.created_by;
  ROCTA_RETURN_IF_ERROR(settle_marking(*tx, caller, r.marking));
  ROCTA_RETURN_IF_ERROR(K::validate(r));
  if constexpr (requires { K::check_references(*tx, caller, r); })
    ROCTA_RETURN_IF_ERROR(K::check_references(*tx, caller, r));
  // The new marking must be one the caller could create (no raising it out of their reach).
  if (!can(caller.user, Action::kUpdate, K::kKind, r.marking)) return write_refusal(caller, K::kKind, r.marking);
  r.version = old.version + 1;
  r.updated_at = iso_timestamp(app.clock.now_ms());
  ROCTA_RETURN_IF_ERROR(K::repo(*tx).update(r));
  nlohmann::json detail{{"reference", r.reference}, {"version", r.version}, {"marking", r.marking.label()}};
  if (r.marking.label() != old.marking.label()) detail["previous_marking"] = old.marking.label();
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {std::string(K::kName) + ".update", K::kName, id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(K::redact(*tx, read_scope(caller.user), r));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return r;
}

// With `area_id` (threats): only the records with a place in that area, selected in the
// store's query so that the page and its total are of those alone.
template <typename K>
Result<Page<typename K::Record>> list(App& app, const Caller& caller, typename K::Query query, int64_t area_id = 0) {
  ROCTA_RETURN_IF_ERROR(validate_page(query.page));
  if (query.text.size() > 500) return invalid("search text is at most 500 characters", "q");
  Page<typename K::Record> page;
  std::set<int64_t> in_area;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    const ReadScope scope = read_scope(caller.user);
    if constexpr (requires { query.ids; }) {
      if (area_id) {
        ROCTA_ASSIGN_OR_RETURN(auto ids, records_in_area(*tx, caller, area_id, K::kKind));
        in_area.insert(ids.begin(), ids.end());
        query.ids = std::move(ids);
      }
    }
    ROCTA_ASSIGN_OR_RETURN(page, K::repo(*tx).list(scope, query));
    for (auto& r : page.items) ROCTA_RETURN_IF_ERROR(K::redact(*tx, scope, r));
  }
  nlohmann::json shown = nlohmann::json::array();
  for (const auto& r : page.items) {
    // Fail closed if the store ever returns what the policy denies, or what is not in the area.
    if (!can(caller.user, Action::kRead, K::kKind, r.marking) || (area_id && !in_area.count(r.id)))
      return Status(Code::kInternal, "access check failed on a listed record; nothing shown");
    if (read_is_audited(r.marking)) shown.push_back(r.id);
  }
  if (!shown.empty()) {
    nlohmann::json detail{{"shown", shown}};
    ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {std::string(K::kName) + ".list", K::kName, 0, detail.dump()}));
  }
  return page;
}

}  // namespace

Status validate_page(const PageRequest& page) {
  if (page.limit < 1 || page.limit > 200) return invalid("limit must be between 1 and 200", "limit");
  if (page.offset < 0 || page.offset > 1000000) return invalid("offset must be between 0 and 1000000", "offset");
  return Status::ok();
}

Result<Threat> create_threat(App& app, const Caller& c, Threat d) { return create<ThreatKind>(app, c, std::move(d)); }
Result<Opened<Threat>> open_threat(App& app, const Caller& c, int64_t id) { return open<ThreatKind>(app, c, id); }
Result<Threat> update_threat(App& app, const Caller& c, int64_t id, int64_t v, const std::function<Status(Threat&)>& f) {
  return update<ThreatKind>(app, c, id, v, f);
}
Result<Page<Threat>> list_threats_in_area(App& app, const Caller& c, const ThreatQuery& q, int64_t area_id) {
  return list<ThreatKind>(app, c, q, area_id);
}
Result<Page<Threat>> list_threats(App& app, const Caller& c, const ThreatQuery& q) { return list<ThreatKind>(app, c, q); }
Result<Threat> create_threat_in(Transaction& tx, App& app, const Caller& c, Threat d) {
  return create_in<ThreatKind>(tx, app, c, std::move(d));
}

Result<Threat> readable_threat_in(Transaction& tx, const Caller& caller, int64_t id) {
  ROCTA_ASSIGN_OR_RETURN(Threat t, tx.threats().get(id, read_scope(caller.user)));
  if (!caller.system && !can(caller.user, Action::kRead, RecordKind::kThreat, t.marking))
    return not_found("threat " + std::to_string(id) + " not found");
  return t;
}

Result<Nominal> create_nominal(App& app, const Caller& c, Nominal d) { return create<NominalKind>(app, c, std::move(d)); }
Result<Opened<Nominal>> open_nominal(App& app, const Caller& c, int64_t id) { return open<NominalKind>(app, c, id); }
Result<Nominal> update_nominal(App& app, const Caller& c, int64_t id, int64_t v, const std::function<Status(Nominal&)>& f) {
  return update<NominalKind>(app, c, id, v, f);
}
Result<Page<Nominal>> list_nominals(App& app, const Caller& c, const NominalQuery& q) { return list<NominalKind>(app, c, q); }
Result<Nominal> create_nominal_in(Transaction& tx, App& app, const Caller& c, Nominal d) {
  return create_in<NominalKind>(tx, app, c, std::move(d));
}

Result<Commodity> update_commodity(App& app, const Caller& c, int64_t id, int64_t v,
                                   const std::function<Status(Commodity&)>& f) {
  return update<CommodityRecord>(app, c, id, v, f);
}

Result<Opened<IntelligenceReport>> open_intelligence(App& app, const Caller& c, int64_t id) {
  return open<IntelligenceKind>(app, c, id);
}
Result<IntelligenceReport> update_intelligence(App& app, const Caller& c, int64_t id, int64_t v,
                                               const std::function<Status(IntelligenceReport&)>& f) {
  return update<IntelligenceKind>(app, c, id, v, f);
}
Result<Page<IntelligenceReport>> list_intelligence(App& app, const Caller& c, const IntelligenceQuery& q) {
  return list<IntelligenceKind>(app, c, q);
}
Result<IntelligenceReport> create_intelligence_in(Transaction& tx, App& app, const Caller& c, IntelligenceReport d) {
  return create_in<IntelligenceKind>(tx, app, c, std::move(d));
}

Result<IntelligenceReport> store_release_in(Transaction& tx, App& app, const Caller& c, IntelligenceReport d) {
  return create_in<IntelligenceKind>(tx, app, c, std::move(d), true);
}

namespace {

// The markings of a link's two ends; NotFound for an end the caller may not read, exactly
// as for an absent one.
Result<std::pair<Marking, Marking>> readable_ends(Transaction& tx, const Caller& caller, const Link& link) {
  std::vector<Marking> out;
  for (const RecordRef& end : {link.from, link.to}) {
    auto m = tx.links().marking_of(end);
    const std::string what = std::string(to_string(end.kind)) + " " + std::to_string(end.id) + " not found";
    if (!m.is_ok()) return m.status().code() == Code::kNotFound ? not_found(what) : m.status();
    if (!caller.system && !can(caller.user, Action::kRead, end.kind, *m)) return not_found(what);
    out.push_back(std::move(*m));
  }
  return std::pair{out[0], out[1]};
}

}  // namespace

Result<Link> link_records_in(Transaction& tx, App& app, const Caller& caller, Link link) {
  ROCTA_RETURN_IF_ERROR(validate_link(link));
  if (!caller.system && !role_may_write(caller.user, RecordKind::kNominal) && !role_may_write(caller.user, RecordKind::kThreat))
    return denied("your roles do not include linking records");
  ROCTA_ASSIGN_OR_RETURN(auto ends, readable_ends(tx, caller, link));
  if (!caller.system && !may_link(caller.user, link.from.kind, ends.first, link.to.kind, ends.second))
    return denied("you may link records only where you may edit one of them (your agency's own)");
  link.created_by = caller.user.id;
  link.created_at = iso_timestamp(app.clock.now_ms());
  ROCTA_ASSIGN_OR_RETURN(link.id, tx.links().insert(link));
  nlohmann::json detail{{"from", {{"kind", to_string(link.from.kind)}, {"id", link.from.id}}},
                        {"to", {{"kind", to_string(link.to.kind)}, {"id", link.to.id}}},
                        {"relation", link.relation}};
  ROCTA_RETURN_IF_ERROR(append_audit(tx, app, caller, {"link.create", "link", link.id, detail.dump()}));
  return link;
}

Result<Link> link_records(App& app, const Caller& caller, Link link) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto created, link_records_in(*tx, app, caller, std::move(link)));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return created;
}

Status remove_link(App& app, const Caller& caller, int64_t link_id, const std::string& reason) {
  ROCTA_RETURN_IF_ERROR(validate_purpose(reason, "reason"));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  const Status absent = not_found("link " + std::to_string(link_id) + " not found");
  auto link = tx->links().get(link_id);
  if (!link.is_ok()) return link.status().code() == Code::kNotFound ? absent : link.status();
  // A link whose end the caller cannot read is one they were never shown: 404, not 403.
  auto ends = readable_ends(*tx, caller, *link);
  if (!ends.is_ok()) return ends.status().code() == Code::kNotFound ? absent : ends.status();
  if (!caller.system && !may_link(caller.user, link->from.kind, ends->first, link->to.kind, ends->second))
    return denied("you may remove a link only where you may edit one of its records (your agency's own)");
  ROCTA_RETURN_IF_ERROR(tx->links().remove(link_id));
  nlohmann::json detail{{"from", {{"kind", to_string(link->from.kind)}, {"id", link->from.id}}},
                        {"to", {{"kind", to_string(link->to.kind)}, {"id", link->to.id}}},
                        {"relation", link->relation}, {"created_by", link->created_by}, {"created_at", link->created_at},
                        {"reason", reason}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"link.remove", "link", link_id, detail.dump()}));
  return tx->commit();
}

}  // namespace rocta
