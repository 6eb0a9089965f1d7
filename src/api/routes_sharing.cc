// Routes of the intelligence system and regional sharing: submission (with the sensitive
// route to an SIU), the SIU queue and sanitised releases, disseminations, folding SIUs
// into one, sharing agreements, signalling rules, signals and access requests.
#include <algorithm>

#include "api/sharing_codec.h"
#include "api/handler.h"
#include "api/openapi.h"
#include "app/intelligence.h"
#include "app/records.h"
#include "app/sharing.h"
#include "store/page.h"

namespace rocta::api {
namespace {

using jc::to_json;
using jc::apply_agreement;



template <typename T>
json list_json(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back(to_json(i));
  return out;
}

Result<HttpResponse> post_intelligence(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  IntelligenceReport r;
  ROCTA_RETURN_IF_ERROR(jc::apply(body, r, false));
  ROCTA_ASSIGN_OR_RETURN(auto created, submit_intelligence(c.app, c.caller, std::move(r)));
  ROCTA_ASSIGN_OR_RETURN(Routing routing, routing_of(c.app, created));
  if (routing.routed && !can(c.caller.user, Action::kRead, RecordKind::kIntelligence, created.marking))
    return json_response(202, {{"routed", true},
                               {"reference", created.reference},
                               {"held_by", routing.siu_name},
                               {"message", "Sensitive-source material goes only to the SIU: " + routing.siu_name +
                                               " now holds it. It is not in the general system; the SIU decides what is "
                                               "released."}});
  json out = jc::to_json(created);
  if (routing.routed) out["held_by"] = routing.siu_name;
  return json_response(201, out);
}

Result<HttpResponse> get_siu_queue(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(PageRequest page, c.page());
  ROCTA_ASSIGN_OR_RETURN(auto items, siu_queue(c.app, c.caller, page));
  json out = json::array();
  for (const auto& i : items) {
    json releases = json::array();
    for (const auto& r : i.releases)
      releases.push_back({{"released_id", r.released_id}, {"decided_by", r.decided_by},
                          {"decided_at", iso_timestamp(r.decided_ms)}, {"rationale", r.rationale}});
    out.push_back({{"report", jc::to_json(i.report)}, {"releases", releases}});
  }
  return json_response(200, out);
}

Result<HttpResponse> post_release(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(std::string rationale, string_field(body, "rationale", true));
  body.erase("rationale");
  IntelligenceReport sanitised;
  ROCTA_RETURN_IF_ERROR(jc::apply(body, sanitised, false));
  ROCTA_ASSIGN_OR_RETURN(auto released, release_sanitised(c.app, c.caller, id, std::move(sanitised), rationale));
  return ok(released, 201);
}

Result<HttpResponse> post_dissemination(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"to_agency", "to_unit_id", "note"}));
  Dissemination d;
  ROCTA_ASSIGN_OR_RETURN(d.to_agency, string_field(body, "to_agency", true));
  ROCTA_ASSIGN_OR_RETURN(d.note, string_field(body, "note", false));
  if (body.contains("to_unit_id") && !body["to_unit_id"].is_null()) {
    if (!body["to_unit_id"].is_number_integer() || body["to_unit_id"].get<int64_t>() < 1)
      return invalid("field 'to_unit_id' is the id of a unit of the receiving agency", "to_unit_id");
    d.to_unit_id = body["to_unit_id"];
  }
  ROCTA_ASSIGN_OR_RETURN(auto done, disseminate(c.app, c.caller, id, std::move(d)));
  return json_response(201, to_json(done));
}

Result<HttpResponse> get_disseminations(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto list, disseminations_of(c.app, c.caller, id));
  return json_response(200, list_json(list));
}

Result<HttpResponse> post_consolidate(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"from"}));
  if (!body.contains("from") || !body["from"].is_array()) return invalid("field 'from' lists the ids of the SIUs to fold in", "from");
  std::vector<int64_t> from;
  for (const auto& v : body["from"]) {
    if (!v.is_number_integer()) return invalid("field 'from' lists the ids of the SIUs to fold in", "from");
    from.push_back(v.get<int64_t>());
  }
  ROCTA_ASSIGN_OR_RETURN(auto done, consolidate_sius(c.app, c.caller, id, from));
  return json_response(200, {{"records_moved", done.records_moved}, {"officers_moved", done.officers_moved},
                             {"serves", done.agencies_served}});
}

Result<HttpResponse> get_agreements(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto list, list_agreements(c.app, c.caller));
  return json_response(200, list_json(list));
}

Result<HttpResponse> post_agreement(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  SharingAgreement a;
  ROCTA_RETURN_IF_ERROR(apply_agreement(body, a, true));
  ROCTA_ASSIGN_OR_RETURN(auto made, make_agreement(c.app, c.caller, std::move(a)));
  return json_response(201, to_json(made));
}

Result<HttpResponse> patch_agreement(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(int64_t version, jc::take_version(body));
  ROCTA_ASSIGN_OR_RETURN(auto changed, change_agreement(c.app, c.caller, id, version,
                                                        [&](SharingAgreement& a) { return apply_agreement(body, a, false); }));
  return json_response(200, to_json(changed));
}

Result<HttpResponse> get_signal_rules(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto rules, signal_rules(c.app, c.caller));
  json out = json::object();
  for (const auto& [holder, audience] : rules) out[holder] = to_string(audience);
  return json_response(200, {{"default", to_string(kDefaultSignalAudience)}, {"rules", out}});
}

Result<HttpResponse> put_signal_rule(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"audience"}));
  ROCTA_ASSIGN_OR_RETURN(std::string text, string_field(body, "audience", true));
  auto audience = parse_signal_audience(text);
  if (!audience) return invalid("field 'audience' is none, agreements, region or national", "audience");
  ROCTA_RETURN_IF_ERROR(set_signal_rule(c.app, c.caller, c.path_args.at(0), *audience));
  return get_signal_rules(c);
}

std::function<Result<HttpResponse>(Ctx&)> signals_route(RecordKind kind) {
  return [kind](Ctx& c) -> Result<HttpResponse> {
    ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
    ROCTA_ASSIGN_OR_RETURN(auto list, signals_on(c.app, c.caller, {kind, id}));
    return json_response(200, list_json(list));
  };
}

// The home page's signals and access decisions in one answer (app recent_signals).
Result<HttpResponse> get_recent_signals(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto limit, c.integer("limit", 1, 50));
  ROCTA_ASSIGN_OR_RETURN(auto recent, recent_signals(c.app, c.caller, static_cast<int>(limit.value_or(5))));
  json signals = json::array();
  for (const auto& s : recent.signals)
    signals.push_back({{"threat", {{"id", s.threat.id}, {"reference", s.threat.reference}, {"name", s.threat.name}}},
                       {"signal", to_json(s.signal)}});
  return json_response(200, {{"threats_checked", recent.threats_checked},
                             {"signals", {{"count", recent.signal_count}, {"items", signals}}},
                             {"to_decide", {{"count", recent.to_decide_count}, {"items", list_json(recent.to_decide)}}},
                             {"mine", {{"count", recent.mine_count}, {"pending", recent.mine_pending}, {"items", list_json(recent.mine)}}}});
}

Result<HttpResponse> post_access_request(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"record_kind", "record_id", "purpose"}));
  ROCTA_ASSIGN_OR_RETURN(std::string kind_text, string_field(body, "record_kind", true));
  auto kind = parse_record_kind(kind_text);
  if (!kind) return invalid("field 'record_kind' is threat, nominal or intelligence", "record_kind");
  if (!body.contains("record_id") || !body["record_id"].is_number_integer() || body["record_id"].get<int64_t>() < 1)
    return invalid("field 'record_id' is the id of the record signalled", "record_id");
  ROCTA_ASSIGN_OR_RETURN(std::string purpose, string_field(body, "purpose", true));
  ROCTA_ASSIGN_OR_RETURN(auto r, request_access(c.app, c.caller, {*kind, body["record_id"].get<int64_t>()}, purpose));
  return json_response(201, to_json(r));
}

Result<HttpResponse> get_access_requests(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto mine, c.boolean("mine"));
  ROCTA_ASSIGN_OR_RETURN(auto list, access_requests(c.app, c.caller, mine.value_or(false)));
  return json_response(200, list_json(list));
}

Result<HttpResponse> post_access_decision(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"decision", "note"}));
  ROCTA_ASSIGN_OR_RETURN(std::string text, string_field(body, "decision", true));
  auto decision = parse_access_request_status(text);
  if (!decision || *decision == AccessRequestStatus::kPending)
    return invalid("field 'decision' is approved, refused or withdrawn", "decision");
  ROCTA_ASSIGN_OR_RETURN(std::string note, string_field(body, "note", false));
  ROCTA_ASSIGN_OR_RETURN(auto r, decide_access_request(c.app, c.caller, id, *decision, note));
  return json_response(200, to_json(r));
}

}  // namespace

void add_sharing_routes(std::vector<RouteSpec>& r) {
  r.push_back({"POST", "/api/v1/intelligence",
               "Submit an intelligence report; sensitive-source material is routed to the responsible SIU (202)", true, {},
               "IntelligenceReport", "IntelligenceReport", 201, post_intelligence});
  r.push_back({"GET", "/api/v1/siu/queue", "Reports held in the caller's SIU compartments, with their releases", true,
               {{"limit", "integer", "1-200, default 50"}, {"offset", "integer", "0-1000000, default 0"}}, "", "SiuQueue", 200,
               get_siu_queue});
  r.push_back({"POST", "/api/v1/intelligence/{id}/release", "Release a sanitised version of SIU material (a recorded decision)",
               true, {}, "SanitisedRelease", "IntelligenceReport", 201, post_release});
  r.push_back({"POST", "/api/v1/intelligence/{id}/disseminations", "Send a report to an agency or unit", true, {},
               "DisseminationDraft", "Dissemination", 201, post_dissemination});
  r.push_back({"GET", "/api/v1/intelligence/{id}/disseminations", "Where a report was sent", true, {}, "", "DisseminationList",
               200, get_disseminations});
  r.push_back({"POST", "/api/v1/units/{id}/consolidate", "Fold SIUs into this one (administrators)", true, {},
               "Consolidation", "ConsolidationResult", 200, post_consolidate});
  r.push_back({"GET", "/api/v1/sharing/agreements", "Sharing agreements the caller's agency gives or receives", true, {}, "",
               "AgreementList", 200, get_agreements});
  r.push_back({"POST", "/api/v1/sharing/agreements", "Make a sharing agreement (administrators of the giver)", true, {},
               "AgreementDraft", "Agreement", 201, post_agreement});
  r.push_back({"PATCH", "/api/v1/sharing/agreements/{id}", "Change or end an agreement (administrators of the giver)", true,
               {}, "AgreementChange", "Agreement", 200, patch_agreement});
  r.push_back({"GET", "/api/v1/sharing/signal-rules", "Whom each holder's material is signalled to", true, {}, "",
               "SignalRules", 200, get_signal_rules});
  r.push_back({"PUT", "/api/v1/sharing/signal-rules/{agency}", "Set whom an agency's material is signalled to", true, {},
               "SignalRule", "SignalRules", 200, put_signal_rule});
  for (RecordKind k : {RecordKind::kThreat, RecordKind::kNominal, RecordKind::kIntelligence})
    r.push_back({"GET", "/api/v1/" + std::string(k == RecordKind::kThreat ? "threats" : k == RecordKind::kNominal ? "nominals" : "intelligence") +
                            "/{id}/signals",
                 "Who holds linked material the caller may not read, and how to ask", true, {}, "", "SignalList", 200,
                 signals_route(k)});
  r.push_back({"GET", "/api/v1/signals/recent",
               "The reader's recent signals (on the ten threats at the top of their list) and access decisions (to decide, "
               "and their own, newest first), with counts: the home page in one request",
               true, {{"limit", "integer", "items of each list, 1-50 (default 5)"}}, "", "RecentSignals", 200, get_recent_signals});
  r.push_back({"POST", "/api/v1/access-requests", "Ask the holder of signalled material for access", true, {},
               "AccessRequestDraft", "AccessRequest", 201, post_access_request});
  r.push_back({"GET", "/api/v1/access-requests", "Requests the caller decides, or with mine=true their own", true,
               {{"mine", "boolean", "the caller's own requests"}}, "", "AccessRequestList", 200, get_access_requests});
  r.push_back({"POST", "/api/v1/access-requests/{id}/decision", "Approve, refuse or withdraw a request", true, {},
               "AccessDecision", "AccessRequest", 200, post_access_decision});
}

void add_sharing_schemas(nlohmann::json& s) {
  auto ref = [](const std::string& n) { return json{{"$ref", "#/components/schemas/" + n}}; };
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, boolean{{"type", "boolean"}};
  auto object = [](json props, std::vector<std::string> required = {}) {
    json o{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
    if (!required.empty()) o["required"] = required;
    return o;
  };
  auto list = [&](const std::string& item) { return json{{"type", "array"}, {"items", ref(item)}}; };
  s["SiuQueue"] = {{"type", "array"},
                   {"items", {{"type", "object"}, {"properties", {{"report", ref("IntelligenceReport")}, {"releases", {{"type", "array"}}}}}}}};
  s["SanitisedRelease"] = {{"allOf", json::array({ref("IntelligenceReport")})},
                           {"properties", {{"rationale", str}}}, {"required", {"rationale"}}};
  s["DisseminationDraft"] = object({{"to_agency", str}, {"to_unit_id", integer}, {"note", str}}, {"to_agency"});
  s["Dissemination"] = object({{"id", integer}, {"report_id", integer}, {"to_agency", str}, {"to_unit_id", integer},
                               {"by", integer}, {"at", str}, {"note", str}});
  s["DisseminationList"] = list("Dissemination");
  s["Consolidation"] = object({{"from", {{"type", "array"}, {"items", integer}}}}, {"from"});
  s["ConsolidationResult"] = object({{"records_moved", integer}, {"officers_moved", integer},
                                     {"serves", {{"type", "array"}, {"items", str}}}});
  const json date_or_null{{"type", json::array({"string", "null"})}, {"format", "date"}};
  const json agreement_props{
      {"giver", str},
      {"receiver", str},
      {"max_classification", str},
      {"min_scope", str},
      {"purpose", str},
      {"signals", boolean},
      {"active", boolean},
      // What the agreement covers: records (by scope and classification) and/or the giver's
      // capability figures; capability_of names whose (the giver's own) when it covers capability.
      {"subjects", {{"type", "array"}, {"items", {{"type", "string"}, {"enum", {"records", "capability"}}}}, {"minItems", 1}}},
      {"capability_of", {{"type", "array"}, {"items", str}}},
      {"starts_on", date_or_null},
      {"ends_on", date_or_null}};
  s["AgreementDraft"] = object(agreement_props, {"giver", "receiver", "max_classification", "min_scope", "purpose"});
  json change = agreement_props;
  change.erase("giver");
  change.erase("receiver");
  change["version"] = integer;
  s["AgreementChange"] = object(change, {"version"});
  json full = agreement_props;
  for (const char* k : {"id", "version"}) full[k] = integer;
  for (const char* k : {"created_at", "updated_at"}) full[k] = str;
  s["Agreement"] = object(full);
  s["AgreementList"] = list("Agreement");
  s["SignalRule"] = object({{"audience", {{"type", "string"}, {"enum", {"none", "agreements", "region", "national"}}}}}, {"audience"});
  s["SignalRules"] = {{"type", "object"}, {"properties", {{"default", str}, {"rules", {{"type", "object"}}}}}};
  s["Signal"] = object({{"record_kind", str}, {"record_id", integer}, {"holder_agency", str}, {"holder", str}, {"how_to_ask", str}});
  s["SignalList"] = list("Signal");
  const json brief = object({{"id", integer}, {"reference", str}, {"name", str}});
  s["RecentSignals"] = object(
      {{"threats_checked", integer},
       {"signals", object({{"count", integer}, {"items", {{"type", "array"}, {"items", object({{"threat", brief}, {"signal", ref("Signal")}})}}}})},
       {"to_decide", object({{"count", integer}, {"items", list("AccessRequest")}})},
       {"mine", object({{"count", integer}, {"pending", integer}, {"items", list("AccessRequest")}})}},
      {"threats_checked", "signals", "to_decide", "mine"});
  s["AccessRequestDraft"] = object({{"record_kind", str}, {"record_id", integer}, {"purpose", str}},
                                   {"record_kind", "record_id", "purpose"});
  s["AccessRequest"] = {{"type", "object"}};
  s["AccessRequestList"] = list("AccessRequest");
  s["AccessDecision"] = object({{"decision", {{"type", "string"}, {"enum", {"approved", "refused", "withdrawn"}}}}, {"note", str}},
                               {"decision"});
}

}  // namespace rocta::api
