#include "api/json_codec.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.h"
#include "store/master_list_repository.h"

namespace rocta::json_codec {
namespace {

json opt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// Reads the fields of one JSON object, remembering which it used, so that anything left
// over is reported as unknown.
class Fields {
 public:
  Fields(const json& j, std::string prefix) : j_(j), prefix_(std::move(prefix)) {}
  Status object_check() const {
    if (!j_.is_object()) return invalid(where("") + "must be a JSON object", prefix_.empty() ? "" : prefix_.substr(0, prefix_.size() - 1));
    return Status::ok();
  }
  const json* find(const std::string& key) {
    seen_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  Status string(const std::string& key, std::string& out, bool required, size_t max = 100000) {
    const json* v = find(key);
    if (!v) return required ? missing(key) : Status::ok();
    if (!v->is_string()) return wrong(key, "a string");
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max) return invalid(where(key) + "is longer than " + std::to_string(max) + " characters", name(key));
    out = s;
    return Status::ok();
  }
  Status boolean(const std::string& key, bool& out, bool required) {
    const json* v = find(key);
    if (!v) return required ? missing(key) : Status::ok();
    if (!v->is_boolean()) return wrong(key, "true or false");
    out = v->get<bool>();
    return Status::ok();
  }
  Status integer(const std::string& key, int64_t& out, bool required, int64_t lo, int64_t hi) {
    const json* v = find(key);
    if (!v) return required ? missing(key) : Status::ok();
    if (!v->is_number_integer()) return wrong(key, "a whole number");
    const auto n = v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX) ? hi + 1 : v->get<int64_t>();
    if (n < lo || n > hi) return invalid(where(key) + "must be between " + std::to_string(lo) + " and " + std::to_string(hi), name(key));
    out = n;
    return Status::ok();
  }
  Status nullable_integer(const std::string& key, std::optional<int>& out, int lo, int hi) {
    const json* v = find(key);
    if (!v) return Status::ok();
    if (v->is_null()) {
      out.reset();
      return Status::ok();
    }
    int64_t n = 0;
    seen_.erase(key);
    ROCTA_RETURN_IF_ERROR(integer(key, n, true, lo, hi));
    out = static_cast<int>(n);
    return Status::ok();
  }
  Status nullable_number(const std::string& key, std::optional<double>& out) {
    const json* v = find(key);
    if (!v) return Status::ok();
    if (v->is_null()) {
      out.reset();
      return Status::ok();
    }
    if (!v->is_number()) return wrong(key, "a number or null");
    out = v->get<double>();
    return Status::ok();
  }
  Status strings(const std::string& key, std::vector<std::string>& out, size_t max_items = 100) {
    const json* v = find(key);
    if (!v) return Status::ok();
    if (!v->is_array() || v->size() > max_items) return wrong(key, "a list of at most " + std::to_string(max_items) + " strings");
    std::vector<std::string> r;
    for (const auto& e : *v) {
      if (!e.is_string() || e.get_ref<const std::string&>().size() > 200) return wrong(key, "a list of strings");
      r.push_back(e.get<std::string>());
    }
    out = std::move(r);
    return Status::ok();
  }
  template <typename E, typename Parse>
  Status choice(const std::string& key, E& out, bool required, Parse parse, const std::string& allowed) {
    std::string s;
    ROCTA_RETURN_IF_ERROR(string(key, s, required, 100));
    if (!find(key)) return Status::ok();
    auto parsed = parse(s);
    if (!parsed) return invalid(where(key) + "must be one of " + allowed, name(key));
    out = *parsed;
    return Status::ok();
  }
  // Everything not read is unknown.
  Status leftovers() const {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!seen_.count(it.key())) return invalid("unknown field '" + prefix_ + it.key() + "'", prefix_ + it.key());
    return Status::ok();
  }

 private:
  std::string name(const std::string& key) const { return prefix_ + key; }
  std::string where(const std::string& key) const { return "field '" + name(key) + "' "; }
  Status missing(const std::string& key) const { return invalid(where(key) + "is required", name(key)); }
  Status wrong(const std::string& key, const std::string& what) const {
    return invalid(where(key) + "must be " + what, name(key));
  }
  const json& j_;
  std::string prefix_;
  std::set<std::string> seen_;
};

Status apply_marking(const json& body, Marking& m, bool partial) {
  Fields f(body, "marking.");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  ROCTA_RETURN_IF_ERROR(f.string("owning_agency", m.owning_agency, false, 16));
  ROCTA_RETURN_IF_ERROR(f.choice("classification", m.classification, !partial, parse_classification, "OFFICIAL, SECRET, TOP SECRET"));
  ROCTA_RETURN_IF_ERROR(f.boolean("sensitive", m.sensitive, false));
  ROCTA_RETURN_IF_ERROR(f.choice("handling_code", m.handling, false, parse_handling_code, "P, C"));
  ROCTA_RETURN_IF_ERROR(f.string("handling_conditions", m.handling_conditions, false, 2000));
  ROCTA_RETURN_IF_ERROR(f.string("compartment", m.compartment, false, 64));
  ROCTA_RETURN_IF_ERROR(f.choice("scope", m.scope, !partial, parse_sharing_scope, "owner, named, region, national"));
  ROCTA_RETURN_IF_ERROR(f.strings("shared_with", m.shared_with));
  // Read-only fields the API writes out; accepted back unchanged so a client may round-trip.
  f.find("owning_region");
  f.find("label");
  return f.leftovers();
}

Status record_marking(Fields& f, Marking& m, bool partial) {
  const json* mj = f.find("marking");
  if (!mj) return partial ? Status::ok() : invalid("field 'marking' is required", "marking");
  return apply_marking(*mj, m, partial);
}

// Fields the API writes out and a client may send back untouched.
void skip_read_only(Fields& f) {
  for (const char* k : {"id", "created_at", "updated_at", "created_by", "links", "grading", "reassess_by", "originating_agency", "sanitised", "sanitised_from"}) f.find(k);
}

// A create body may carry its own reference (imports keep theirs); a PATCH cannot change it.
Status reference(Fields& f, std::string& out, bool partial) {
  if (partial) {
    f.find("reference");
    return Status::ok();
  }
  return f.string("reference", out, false, 64);
}

}  // namespace

json to_json(const Marking& m) {
  return {{"owning_agency", m.owning_agency}, {"owning_region", m.owning_region},
          {"classification", to_string(m.classification)}, {"sensitive", m.sensitive}, {"label", m.label()},
          {"handling_code", to_string(m.handling)}, {"handling_conditions", m.handling_conditions},
          {"compartment", m.compartment}, {"scope", to_string(m.scope)}, {"shared_with", m.shared_with}};
}

json to_json(const Threat& t) {
  return {{"id", t.id}, {"reference", t.reference}, {"name", t.name}, {"description", t.description},
          {"threat_type", to_string(t.type)}, {"assessment_type", to_string(t.assessment_type)},
          {"moderation_status", to_string(t.moderation)}, {"soc", t.soc}, {"tier", opt(t.tier)}, {"phase", t.phase},
          {"primary_crime_type", t.primary_crime_type}, {"county_lines", t.county_lines},
          {"morile_score", opt(t.morile_score)}, {"assessment_date", t.assessment_date}, {"reassess_by", t.reassess_by},
          {"lro_user_id", t.lro_user_id ? json(t.lro_user_id) : json(nullptr)}, {"marking", to_json(t.marking)},
          {"version", t.version}, {"created_at", t.created_at}, {"updated_at", t.updated_at}, {"created_by", t.created_by}};
}

json to_json(const Nominal& n) {
  return {{"id", n.id}, {"reference", n.reference}, {"given_names", n.given_names}, {"surname", n.surname},
          {"display_name", n.display_name()}, {"date_of_birth", n.date_of_birth}, {"sex", n.sex}, {"aliases", n.aliases},
          {"address", n.address}, {"postcode", n.postcode}, {"notes", n.notes}, {"marking", to_json(n.marking)},
          {"version", n.version}, {"created_at", n.created_at}, {"updated_at", n.updated_at}, {"created_by", n.created_by}};
}

json to_json(const Commodity& c) {
  return {{"id", c.id}, {"reference", c.reference}, {"kind", to_string(c.kind)}, {"value", c.value},
          {"description", c.description}, {"opened", c.opened}, {"closed", c.closed},
          {"closed_by_disruption", c.closed_by_disruption ? json(c.closed_by_disruption) : json(nullptr)},
          {"marking", to_json(c.marking)}, {"version", c.version}, {"created_at", c.created_at},
          {"updated_at", c.updated_at}, {"created_by", c.created_by}};
}

json to_json(const IntelligenceReport& r) {
  json mentions = json::array();
  for (const auto& m : r.mentions) mentions.push_back({{"kind", m.kind}, {"value", m.value}});
  return {{"id", r.id}, {"reference", r.reference}, {"title", r.title}, {"body", r.body},
          {"source_evaluation", r.source_evaluation}, {"intelligence_assessment", std::string(1, r.intelligence_assessment)},
          {"grading", r.grading()}, {"received_date", r.received_date}, {"source_type", to_string(r.source_type)},
          {"originating_agency", r.originating_agency}, {"sanitised", r.sanitised_from != 0},
          {"sanitised_from", r.sanitised_from > 0 ? json(r.sanitised_from) : json(nullptr)}, {"mentions", mentions},
          {"marking", to_json(r.marking)}, {"version", r.version}, {"created_at", r.created_at},
          {"updated_at", r.updated_at}, {"created_by", r.created_by}};
}

json to_json(const Link& l) {
  return {{"id", l.id}, {"from", {{"kind", to_string(l.from.kind)}, {"id", l.from.id}}},
          {"to", {{"kind", to_string(l.to.kind)}, {"id", l.to.id}}}, {"relation", l.relation}, {"source", l.source},
          {"date", l.date}, {"created_at", l.created_at}};
}

json to_json(const Agency& a) {
  return {{"code", a.code}, {"name", a.name}, {"kind", to_string(a.kind)}, {"region", a.region}, {"active", a.active},
          {"version", a.version}};
}

json to_json(const Unit& u) {
  return {{"id", u.id}, {"agency", u.agency}, {"name", u.name}, {"kind", to_string(u.kind)}, {"serves", u.serves},
          {"active", u.active}, {"compartment", u.compartment}, {"version", u.version}};
}

json to_json(const User& u) {
  std::vector<std::string> roles;
  for (Role r : u.roles) roles.emplace_back(to_string(r));
  return {{"id", u.id}, {"username", u.username}, {"display_name", u.display_name}, {"agency", u.agency},
          {"region", u.region}, {"unit_id", u.unit_id}, {"roles", roles}, {"clearance", to_string(u.clearance)},
          {"compartments", u.compartments}, {"active", u.active}};
}

Status apply(const json& body, Threat& t, bool partial) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  skip_read_only(f);
  ROCTA_RETURN_IF_ERROR(reference(f, t.reference, partial));
  ROCTA_RETURN_IF_ERROR(f.string("name", t.name, !partial, 200));
  ROCTA_RETURN_IF_ERROR(f.string("description", t.description, false, 20000));
  ROCTA_RETURN_IF_ERROR(f.choice("threat_type", t.type, !partial, parse_threat_type, "OCG, Priority individual, Vulnerability"));
  ROCTA_RETURN_IF_ERROR(f.choice("assessment_type", t.assessment_type, false, parse_assessment_type, "Tactical, Strategic"));
  ROCTA_RETURN_IF_ERROR(f.choice("moderation_status", t.moderation, false, parse_moderation_status,
                                 "Unmoderated, Awaiting moderation, Moderated"));
  ROCTA_RETURN_IF_ERROR(f.boolean("soc", t.soc, false));
  ROCTA_RETURN_IF_ERROR(f.nullable_integer("tier", t.tier, 1, 5));
  ROCTA_RETURN_IF_ERROR(f.string("phase", t.phase, false, 100));
  ROCTA_RETURN_IF_ERROR(f.string("primary_crime_type", t.primary_crime_type, false, 100));
  ROCTA_RETURN_IF_ERROR(f.boolean("county_lines", t.county_lines, false));
  ROCTA_RETURN_IF_ERROR(f.nullable_number("morile_score", t.morile_score));
  ROCTA_RETURN_IF_ERROR(f.string("assessment_date", t.assessment_date, false, 10));
  if (const json* lro = f.find("lro_user_id")) {
    if (lro->is_null()) t.lro_user_id = 0;
    else if (lro->is_number_integer() && lro->get<int64_t>() > 0) t.lro_user_id = lro->get<int64_t>();
    else return invalid("field 'lro_user_id' must be a user id or null", "lro_user_id");
  }
  ROCTA_RETURN_IF_ERROR(record_marking(f, t.marking, partial));
  return f.leftovers();
}

Status apply(const json& body, Nominal& n, bool partial) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  skip_read_only(f);
  f.find("display_name");
  ROCTA_RETURN_IF_ERROR(reference(f, n.reference, partial));
  ROCTA_RETURN_IF_ERROR(f.string("given_names", n.given_names, false, 200));
  ROCTA_RETURN_IF_ERROR(f.string("surname", n.surname, !partial, 100));
  ROCTA_RETURN_IF_ERROR(f.string("date_of_birth", n.date_of_birth, false, 10));
  ROCTA_RETURN_IF_ERROR(f.string("sex", n.sex, false, 1));
  ROCTA_RETURN_IF_ERROR(f.string("aliases", n.aliases, false, 500));
  ROCTA_RETURN_IF_ERROR(f.string("address", n.address, false, 500));
  ROCTA_RETURN_IF_ERROR(f.string("postcode", n.postcode, false, 10));
  ROCTA_RETURN_IF_ERROR(f.string("notes", n.notes, false, 20000));
  ROCTA_RETURN_IF_ERROR(record_marking(f, n.marking, partial));
  return f.leftovers();
}

Status apply(const json& body, Commodity& c, bool partial) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  skip_read_only(f);
  ROCTA_RETURN_IF_ERROR(reference(f, c.reference, partial));
  std::string kind(to_string(c.kind));
  ROCTA_RETURN_IF_ERROR(f.string("kind", kind, !partial, 20));
  if (f.find("kind")) {
    auto k = parse_commodity_kind(kind);
    if (!k) return invalid("kind is phone, vehicle, address or account", "kind");
    c.kind = *k;
  }
  ROCTA_RETURN_IF_ERROR(f.string("value", c.value, !partial, 200));
  ROCTA_RETURN_IF_ERROR(f.string("description", c.description, false, 500));
  ROCTA_RETURN_IF_ERROR(f.string("opened", c.opened, false, 10));
  ROCTA_RETURN_IF_ERROR(f.string("closed", c.closed, false, 10));
  if (const json* by = f.find("closed_by_disruption"); by && by->is_null()) {
    c.closed_by_disruption = 0;
  } else {
    ROCTA_RETURN_IF_ERROR(f.integer("closed_by_disruption", c.closed_by_disruption, false, 0, int64_t{1} << 53));
  }
  ROCTA_RETURN_IF_ERROR(record_marking(f, c.marking, partial));
  return f.leftovers();
}

Status apply(const json& body, IntelligenceReport& r, bool partial) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  skip_read_only(f);
  ROCTA_RETURN_IF_ERROR(reference(f, r.reference, partial));
  ROCTA_RETURN_IF_ERROR(f.string("title", r.title, !partial, 200));
  ROCTA_RETURN_IF_ERROR(f.string("body", r.body, !partial, 100000));
  int64_t se = r.source_evaluation;
  ROCTA_RETURN_IF_ERROR(f.integer("source_evaluation", se, !partial, 1, 3));
  r.source_evaluation = static_cast<int>(se);
  std::string ia;
  ROCTA_RETURN_IF_ERROR(f.string("intelligence_assessment", ia, !partial, 1));
  if (f.find("intelligence_assessment")) {
    if (ia.size() != 1 || ia[0] < 'A' || ia[0] > 'E') return invalid("field 'intelligence_assessment' must be one of A, B, C, D, E", "intelligence_assessment");
    r.intelligence_assessment = ia[0];
  }
  ROCTA_RETURN_IF_ERROR(f.string("received_date", r.received_date, false, 10));
  ROCTA_RETURN_IF_ERROR(f.choice("source_type", r.source_type, false, parse_source_type,
                                 "open, police, partner, public, chis, surveillance, technical"));
  if (const json* m = f.find("mentions")) {
    if (!m->is_array()) return invalid("field 'mentions' is a list of {kind, value}", "mentions");
    r.mentions.clear();
    for (const auto& item : *m) {
      if (!item.is_object() || !item.contains("kind") || !item.contains("value") || !item["kind"].is_string() ||
          !item["value"].is_string() || item.size() != 2)
        return invalid("each mention is {\"kind\": \"commodity\" or \"place\", \"value\": text}", "mentions");
      r.mentions.push_back({item["kind"].get<std::string>(), item["value"].get<std::string>()});
    }
  }
  ROCTA_RETURN_IF_ERROR(record_marking(f, r.marking, partial));
  return f.leftovers();
}

Status apply(const json& body, Agency& a, bool partial) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  if (!partial) ROCTA_RETURN_IF_ERROR(f.string("code", a.code, true, 16));
  else f.find("code");
  ROCTA_RETURN_IF_ERROR(f.string("name", a.name, !partial, 200));
  ROCTA_RETURN_IF_ERROR(f.choice("kind", a.kind, !partial, parse_agency_kind,
                                 "territorial force, special force, rocu, national agency, partner agency"));
  ROCTA_RETURN_IF_ERROR(f.string("region", a.region, !partial, 100));
  ROCTA_RETURN_IF_ERROR(f.boolean("active", a.active, false));
  return f.leftovers();
}

Status apply(const json& body, Unit& u, bool partial) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  f.find("id");
  if (!partial) ROCTA_RETURN_IF_ERROR(f.string("agency", u.agency, false, 16));
  else f.find("agency");
  ROCTA_RETURN_IF_ERROR(f.string("name", u.name, !partial, 200));
  ROCTA_RETURN_IF_ERROR(f.choice("kind", u.kind, !partial, parse_unit_kind,
                                 "bcu, scc, siu, rocta, intelligence, economic crime, morile, scpo monitoring, partner team, headquarters, other"));
  ROCTA_RETURN_IF_ERROR(f.strings("serves", u.serves));
  ROCTA_RETURN_IF_ERROR(f.boolean("active", u.active, false));
  ROCTA_RETURN_IF_ERROR(f.string("compartment", u.compartment, false, 64));
  return f.leftovers();
}

Status apply(const json& body, User& u, bool partial, std::string* password) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  for (const char* k : {"id", "agency", "region"}) f.find(k);
  if (!partial) ROCTA_RETURN_IF_ERROR(f.string("username", u.username, true, 64));
  else f.find("username");
  ROCTA_RETURN_IF_ERROR(f.string("display_name", u.display_name, !partial, 200));
  int64_t unit = u.unit_id;
  ROCTA_RETURN_IF_ERROR(f.integer("unit_id", unit, !partial, 1, INT64_MAX));
  u.unit_id = unit;
  std::vector<std::string> roles;
  if (f.find("roles")) {
    ROCTA_RETURN_IF_ERROR(f.strings("roles", roles, kRoleCount));
    u.roles.clear();
    for (const auto& r : roles) {
      auto role = parse_role(r);
      if (!role) return invalid("unknown role '" + r + "'", "roles");
      if (!u.has(*role)) u.roles.push_back(*role);
    }
  } else if (!partial) {
    return invalid("field 'roles' is required", "roles");
  }
  ROCTA_RETURN_IF_ERROR(f.choice("clearance", u.clearance, !partial, parse_classification, "OFFICIAL, SECRET, TOP SECRET"));
  ROCTA_RETURN_IF_ERROR(f.strings("compartments", u.compartments));
  ROCTA_RETURN_IF_ERROR(f.boolean("active", u.active, false));
  if (password) ROCTA_RETURN_IF_ERROR(f.string("password", *password, !partial, 256));
  return f.leftovers();
}

Status read_link(const json& body, Link& l) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  for (auto [key, ref] : {std::pair{"from", &l.from}, std::pair{"to", &l.to}}) {
    const json* end = f.find(key);
    if (!end) return invalid(std::string("field '") + key + "' is required", key);
    Fields e(*end, std::string(key) + ".");
    ROCTA_RETURN_IF_ERROR(e.object_check());
    ROCTA_RETURN_IF_ERROR(e.choice("kind", ref->kind, true, parse_record_kind, "threat, nominal, intelligence"));
    ROCTA_RETURN_IF_ERROR(e.integer("id", ref->id, true, 1, INT64_MAX));
    ROCTA_RETURN_IF_ERROR(e.leftovers());
  }
  ROCTA_RETURN_IF_ERROR(f.string("relation", l.relation, true, 50));
  ROCTA_RETURN_IF_ERROR(f.string("source", l.source, false, 200));
  ROCTA_RETURN_IF_ERROR(f.string("date", l.date, false, 10));
  return f.leftovers();
}

json to_json(const Nomination& n) {
  return {{"id", n.id}, {"threat_id", n.threat_id}, {"unit_id", n.unit_id}, {"agency", n.agency},
          {"nominated_by", n.nominated_by}, {"nominated_at", iso_timestamp(n.nominated_at_ms)},
          {"provisional_priority", n.provisional_priority}, {"rationale", n.rationale}, {"status", to_string(n.status)},
          {"outcome_reason", n.outcome_reason}, {"merged_into", n.merged_into ? json(n.merged_into) : json(nullptr)},
          {"decided_by", n.decided_by ? json(n.decided_by) : json(nullptr)},
          {"decided_at", n.decided_at_ms ? json(iso_timestamp(n.decided_at_ms)) : json(nullptr)}};
}

json to_json(const NominationView& v) {
  json j = to_json(v.nomination);
  j["threat"] = to_json(v.threat);
  return j;
}

json to_json(const MorileAssessment& a) {
  json j{{"id", a.id}, {"threat_id", a.threat_id}, {"version", a.version}, {"model_version", a.model_version},
         {"factors", {{"harm", a.factors.harm}, {"scope", a.factors.scope}, {"vulnerability", a.factors.vulnerability},
                      {"likelihood", a.factors.likelihood}, {"org", a.factors.org}, {"confidence", to_string(a.factors.confidence)}}},
         {"score", {{"base_harm", a.score.base_harm}, {"total_harm", a.score.total_harm},
                    {"likelihood_score", a.score.likelihood_score}, {"risk", a.score.risk},
                    {"organisational_position", a.score.org_position}, {"priority", a.score.priority}, {"tier", a.score.tier}}},
         {"assessment_type", to_string(a.type)}, {"assessor_id", a.assessor_id}, {"assessed_at", iso_timestamp(a.assessed_at_ms)},
         {"reassess_by", a.reassess_by}, {"status", to_string(a.status)},
         {"moderator_id", a.moderator_id ? json(a.moderator_id) : json(nullptr)},
         {"moderated_at", a.moderated_at_ms ? json(iso_timestamp(a.moderated_at_ms)) : json(nullptr)},
         {"moderation_note", a.moderation_note}, {"moderated_tier", a.moderated_tier ? json(*a.moderated_tier) : json(nullptr)},
         {"tier", effective_tier(a)}, {"siu_signal", a.siu_signal}, {"siu_compartments", a.siu_compartments}, {"rationale", a.rationale}};
  if (a.siu_signal)
    j["siu_message"] = "Sensitive material exists on this threat or its linked records: consult the SIU holding compartment " +
                       [&] {
                         std::string c;
                         for (const auto& x : a.siu_compartments) c += (c.empty() ? "" : ", ") + x;
                         return c;
                       }() + " before this assessment is finalised.";
  return j;
}

json to_json(const QueueStats& q) {
  json by_unit = json::array();
  for (const auto& [unit, count] : q.by_unit) by_unit.push_back({{"unit_id", unit}, {"count", count}});
  return {{"count", q.count}, {"oldest_days", q.oldest_days}, {"median_days", q.median_days}, {"by_unit", by_unit}};
}

json to_json(const StoredModel& m) {
  json definition = json::parse(m.definition, nullptr, false);
  return {{"version", m.version}, {"name", m.name}, {"loaded_at", m.loaded_at}, {"definition", definition}};
}

Status read_assessment(const json& body, const MorileModel& model, AssessmentDraft& out) {
  Fields f(body, "");
  ROCTA_RETURN_IF_ERROR(f.object_check());
  // Harm and organisational position as a list in the model's order, or an object by name.
  auto scores = [&](const char* key, const std::vector<std::string>& names, std::vector<int>& into) -> Status {
    const json* v = f.find(key);
    if (!v) return invalid(std::string("field '") + key + "' is required", key);
    into.clear();
    if (v->is_array()) {
      for (const auto& x : *v) {
        if (!x.is_number_integer()) return invalid(std::string("field '") + key + "' holds whole numbers", key);
        into.push_back(x.get<int>());
      }
      return Status::ok();
    }
    if (!v->is_object()) return invalid(std::string("field '") + key + "' is a list or an object of scores", key);
    for (const auto& name : names) {
      auto it = v->find(name);
      if (it == v->end() || !it->is_number_integer()) return invalid(std::string(key) + ": give '" + name + "' as a whole number", key);
      into.push_back(it->get<int>());
    }
    if (v->size() != names.size()) return invalid(std::string(key) + ": unknown element", key);
    return Status::ok();
  };
  ROCTA_RETURN_IF_ERROR(scores("harm", model.harm_elements, out.factors.harm));
  ROCTA_RETURN_IF_ERROR(scores("org", model.org_elements, out.factors.org));
  ROCTA_RETURN_IF_ERROR(f.string("scope", out.factors.scope, true, 100));
  ROCTA_RETURN_IF_ERROR(f.string("vulnerability", out.factors.vulnerability, true, 100));
  ROCTA_RETURN_IF_ERROR(f.string("likelihood", out.factors.likelihood, true, 100));
  ROCTA_RETURN_IF_ERROR(f.choice("confidence", out.factors.confidence, true, parse_confidence, "low, medium, high"));
  ROCTA_RETURN_IF_ERROR(f.choice("assessment_type", out.type, false, parse_assessment_type, "Tactical, Strategic"));
  // Not required here: the live score reads the same body before there is one. Submitting
  // checks it (core validate_assessment_rationale).
  ROCTA_RETURN_IF_ERROR(f.string("rationale", out.rationale, false));
  return f.leftovers();
}

Result<int64_t> take_version(json& body) {
  if (!body.is_object()) return invalid("the body must be a JSON object");
  auto it = body.find("version");
  if (it == body.end()) return invalid("field 'version' is required: send the version you last read", "version");
  if (!it->is_number_integer() || it->get<int64_t>() < 1) return invalid("field 'version' must be a whole number", "version");
  const int64_t v = it->get<int64_t>();
  body.erase(it);
  return v;
}

json to_json(const Signal& s) {
  return {{"record_kind", s.record_kind}, {"record_id", s.record_id}, {"holder_agency", s.holder_agency},
          {"holder", s.holder}, {"how_to_ask", s.how_to_ask}};
}

}  // namespace rocta::json_codec
