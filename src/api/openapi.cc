#include "api/openapi.h"

namespace rocta::api {
namespace {

using nlohmann::json;

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json str() { return {{"type", "string"}}; }
json integer() { return {{"type", "integer"}}; }
json boolean() { return {{"type", "boolean"}}; }
json strings() { return {{"type", "array"}, {"items", str()}}; }
json nullable(json t) { return {{"type", json::array({t["type"], "null"})}}; }
json enum_of(std::initializer_list<const char*> values) { return {{"type", "string"}, {"enum", values}}; }
json object(json properties, std::vector<std::string> required = {}) {
  json o{{"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) o["required"] = required;
  return o;
}
// total_exact false: counting stopped at `total` (a text search), and more than that match.
// ranked_newest > 0: the text was so common that only the newest this many matches were
// ranked and counted.
json page_of(const std::string& item) {
  return object({{"items", {{"type", "array"}, {"items", ref(item)}}},
                 {"total", integer()},
                 {"total_exact", boolean()},
                 {"ranked_newest", integer()},
                 {"limit", integer()},
                 {"offset", integer()}});
}
json read_only(json j) {
  j["readOnly"] = true;
  return j;
}
// The same record shape for create and change, but a change needs the version read.
json change_of(json record) {
  record.erase("required");
  record["properties"]["version"] = integer();
  record["required"] = {"version"};
  return record;
}

json schemas() {
  json s;
  s["Problem"] = {{"type", "object"},
                  {"properties", {{"type", str()}, {"title", str()}, {"status", integer()}, {"detail", str()}, {"field", str()}}}};
  s["Health"] = object({{"status", str()}});
  s["Credentials"] = object({{"username", str()}, {"password", str()}}, {"username", "password"});
  s["User"] = object({{"id", read_only(integer())}, {"username", str()}, {"display_name", str()}, {"agency", read_only(str())},
                      {"region", read_only(str())}, {"unit_id", integer()},
                      {"roles", {{"type", "array"}, {"items", enum_of({"frontline_officer", "analyst", "siu_officer", "rocta_analyst",
                                                                       "assessor", "moderator", "lead_responsible_officer",
                                                                       "tasking_chair", "partner", "scpo_officer", "inspector",
                                                                       "administrator"})}}},
                      {"clearance", enum_of({"OFFICIAL", "SECRET", "TOP SECRET"})}, {"compartments", strings()},
                      {"active", boolean()}});
  s["NewUser"] = s["User"];
  s["NewUser"]["properties"]["password"] = str();
  s["NewUser"]["required"] = {"username", "display_name", "unit_id", "roles", "clearance", "password"};
  s["UserChange"] = s["User"];
  s["PasswordChange"] = object({{"password", str()}, {"current_password", str()}}, {"password"});
  // The signed-in user: reads_capability says whether the capability figures are theirs to
  // read (roles, or for a partner a sharing agreement covering capability in force).
  s["SessionUser"] = s["User"];
  s["SessionUser"]["properties"]["reads_capability"] = read_only(boolean());
  s["SessionGrant"] = object({{"token", str()}, {"expires_at", str()}, {"user", ref("SessionUser")}});
  s["Regions"] = strings();
  s["Agency"] = object({{"code", str()}, {"name", str()}, {"kind", enum_of({"territorial force", "special force", "rocu", "national agency", "partner agency"})},
                        {"region", str()}, {"active", boolean()}, {"version", read_only(integer())}},
                       {"code", "name", "kind", "region"});
  s["AgencyChange"] = change_of(s["Agency"]);
  s["AgencyList"] = {{"type", "array"}, {"items", ref("Agency")}};
  s["Unit"] = object({{"id", read_only(integer())}, {"agency", str()}, {"name", str()},
                      {"kind", enum_of({"bcu", "scc", "siu", "rocta", "intelligence", "economic crime", "morile", "scpo monitoring",
                                        "partner team", "headquarters", "other"})},
                      {"serves", strings()}, {"active", boolean()}, {"version", read_only(integer())}},
                     {"name", "kind"});
  s["UnitChange"] = change_of(s["Unit"]);
  s["UnitList"] = {{"type", "array"}, {"items", ref("Unit")}};
  s["UserPage"] = page_of("User");
  s["Marking"] = object({{"owning_agency", str()}, {"owning_region", read_only(str())},
                         {"classification", enum_of({"OFFICIAL", "SECRET", "TOP SECRET"})},
                         {"sensitive", boolean()}, {"label", read_only(str())}, {"handling_code", enum_of({"P", "C"})},
                         {"handling_conditions", str()}, {"compartment", str()},
                         {"scope", enum_of({"owner", "named", "region", "national"})}, {"shared_with", strings()}},
                        {"classification", "scope"});
  s["Link"] = object({{"id", read_only(integer())},
                      {"from", object({{"kind", enum_of({"threat", "nominal", "intelligence"})}, {"id", integer()}}, {"kind", "id"})},
                      {"to", object({{"kind", enum_of({"threat", "nominal", "intelligence"})}, {"id", integer()}}, {"kind", "id"})},
                      {"relation", str()}, {"source", str()}, {"date", str()}, {"created_at", read_only(str())}},
                     {"from", "to", "relation"});
  const json common{{"id", read_only(integer())}, {"reference", str()}, {"marking", ref("Marking")},
                    {"version", read_only(integer())}, {"created_at", read_only(str())}, {"updated_at", read_only(str())},
                    {"created_by", read_only(integer())}, {"links", read_only({{"type", "array"}, {"items", ref("Link")}})}};
  json threat = object(common, {"name", "threat_type", "marking"});
  const json threat_fields{{"name", str()}, {"description", str()},
                           {"threat_type", enum_of({"OCG", "Priority individual", "Vulnerability"})},
                           {"assessment_type", enum_of({"Tactical", "Strategic"})},
                           {"moderation_status", enum_of({"Unmoderated", "Awaiting moderation", "Moderated"})},
                           {"soc", boolean()}, {"tier", nullable(integer())}, {"phase", str()}, {"primary_crime_type", str()},
                           {"county_lines", boolean()}, {"morile_score", nullable({{"type", "number"}})},
                           {"assessment_date", str()}, {"lro_user_id", nullable(integer())}};
  for (const auto& [k, v] : threat_fields.items()) threat["properties"][k] = v;
  s["Threat"] = threat;
  s["ThreatChange"] = change_of(threat);
  s["ThreatPage"] = page_of("Threat");
  json nominal = object(common, {"surname", "marking"});
  for (const char* k : {"given_names", "surname", "date_of_birth", "sex", "aliases", "address", "postcode", "notes"})
    nominal["properties"][k] = str();
  nominal["properties"]["display_name"] = read_only(str());
  s["Nominal"] = nominal;
  s["NominalChange"] = change_of(nominal);
  s["NominalPage"] = page_of("Nominal");
  json intel = object(common, {"title", "body", "source_evaluation", "intelligence_assessment", "marking"});
  intel["properties"]["title"] = str();
  intel["properties"]["body"] = str();
  intel["properties"]["source_evaluation"] = {{"type", "integer"}, {"minimum", 1}, {"maximum", 3}};
  intel["properties"]["intelligence_assessment"] = enum_of({"A", "B", "C", "D", "E"});
  intel["properties"]["grading"] = read_only(str());
  intel["properties"]["received_date"] = str();
  s["IntelligenceReport"] = intel;
  s["IntelligenceChange"] = change_of(intel);
  s["IntelligencePage"] = page_of("IntelligenceReport");
  const json scores{{"oneOf", json::array({{{"type", "array"}, {"items", integer()}}, {{"type", "object"}}})}};
  s["MorileModel"] = {{"type", "object"}, {"required", {"version", "harm_elements", "harm_max", "scopes", "vulnerabilities",
                                                        "likelihoods", "org_elements", "org_max", "tier_floors"}}};
  s["StoredMorileModel"] = object({{"version", integer()}, {"name", str()}, {"loaded_at", str()}, {"definition", ref("MorileModel")}});
  s["MorileModelList"] = {{"type", "array"}, {"items", ref("StoredMorileModel")}};
  s["NominationDraft"] = object({{"threat", ref("Threat")}, {"rationale", str()}, {"provisional_priority", integer()},
                                 {"evidence", {{"type", "array"}, {"items", object({{"kind", str()}, {"id", integer()}})}}}},
                                {"threat", "rationale"});
  s["Nomination"] = {{"type", "object"}, {"properties", {{"id", integer()}, {"threat_id", integer()}, {"status", str()},
                                                        {"outcome_reason", str()}, {"threat", ref("Threat")}}}};
  s["NominationPage"] = page_of("Nomination");
  s["QueueFigures"] = object({{"count", integer()}, {"oldest_days", {{"type", "number"}}}, {"median_days", {{"type", "number"}}},
                              {"by_unit", {{"type", "array"}, {"items", object({{"unit_id", integer()}, {"count", integer()}})}}}});
  s["NominationDecision"] = object({{"outcome", enum_of({"rejected", "merged"})}, {"reason", str()}, {"merged_into", integer()}},
                                   {"outcome", "reason"});
  s["AssessmentDraft"] = object({{"harm", scores}, {"scope", str()}, {"vulnerability", str()}, {"likelihood", str()},
                                 {"org", scores}, {"confidence", enum_of({"low", "medium", "high"})},
                                 {"assessment_type", enum_of({"Tactical", "Strategic"})},
                                 {"rationale", {{"type", "string"}, {"maxLength", 4000},
                                                {"description", "why the factors were scored so: required to submit an assessment, ignored by the live score"}}}},
                                {"harm", "scope", "vulnerability", "likelihood", "org", "confidence"});
  s["Assessment"] = {{"type", "object"}, {"properties", {{"id", integer()}, {"threat_id", integer()}, {"version", integer()},
                                                        {"model_version", integer()}, {"status", str()}, {"tier", integer()},
                                                        {"siu_signal", boolean()}, {"siu_message", str()}, {"rationale", str()}}}};
  s["AssessmentList"] = {{"type", "array"}, {"items", ref("Assessment")}};
  s["AssessmentPage"] = page_of("Assessment");
  s["ModerationDecision"] = object({{"approve", boolean()}, {"note", str()}, {"tier", nullable(integer())}, {"without_siu_reply", str()}}, {"approve"});
  const json four_p = enum_of({"Pursue", "Prevent", "Protect", "Prepare"});
  const json outcomes{{"type", "array"}, {"items", four_p}, {"minItems", 1}};
  const json prompt = object({{"rule", str()}, {"outcome", four_p}, {"accepted", boolean()}}, {"rule", "outcome", "accepted"});
  s["DisruptionDraft"] = object({{"threat_id", integer()}, {"record_date", str()}, {"role", enum_of({"lead", "supporting"})},
                                 {"supports", integer()}, {"category", enum_of({"Major", "Moderate", "Minor", "Not assessed", "Rejected"})},
                                 {"justification", str()}, {"outcomes", outcomes}, {"description", str()}, {"threat_category", str()},
                                 {"prompts", {{"type", "array"}, {"items", prompt}}},
                                 {"suspects", {{"type", "array"}, {"items", object({{"name", str()}, {"nominal_id", integer()},
                                                                                    {"charged", boolean()}, {"bcu_unit_id", integer()}},
                                                                                   {"name"})}}}},
                                {"threat_id", "record_date", "category", "outcomes"});
  s["Disruption"] = {{"type", "object"}, {"properties", {{"id", integer()}, {"reference", str()}, {"recording_agency", str()},
                                                        {"threat_id", integer()}, {"threat_reference", str()}, {"role", str()},
                                                        {"record_date", str()}, {"category", str()}, {"outcomes", outcomes},
                                                        {"national_category", four_p}, {"beyond_national_standard", boolean()},
                                                        {"prompts", {{"type", "array"}, {"items", prompt}}}}}};
  s["DisruptionList"] = object({{"items", {{"type", "array"}, {"items", ref("Disruption")}}}, {"total", integer()}});
  s["PromptRequest"] = object({{"text", str()}, {"outcomes", {{"type", "array"}, {"items", four_p}}}}, {"text"});
  s["PromptList"] = object({{"prompts", {{"type", "array"}, {"items", object({{"rule", str()}, {"outcome", four_p}, {"matched", str()},
                                                                              {"explanation", str()}})}}}});
  s["SocFigures"] = object({{"year_ending", str()},
                            {"threats", object({{"national_total", integer()}, {"by_agency", {{"type", "object"}}}})},
                            {"disruptions", object({{"by_agency", {{"type", "object"}}}})}});
  add_tasking_schemas(s);
  add_sharing_schemas(s);
  add_linkage_schemas(s);
  add_network_schemas(s);
  add_search_schemas(s);
  add_scpo_schemas(s);
  add_capability_schemas(s);
  add_place_schemas(s);
  add_people_schemas(s);
  add_compartment_schemas(s);
  add_thematic_schemas(s);
  add_siu_check_schemas(s);
  return s;
}

json problem_response(const char* why) {
  return {{"description", why}, {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
}

}  // namespace

json build_openapi(const std::vector<RouteSpec>& routes) {
  json doc{{"openapi", "3.1.0"},
           {"info", {{"title", "Rocta API"}, {"version", "1"},
                     {"description", "Serious and organised crime picture for police forces and partner agencies. "
                                     "Errors are application/problem+json. A record the caller may not see is 404."}}},
           {"components", {{"schemas", schemas()},
                           {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
           {"paths", json::object()}};
  for (const auto& r : routes) {
    json op{{"summary", r.summary}, {"operationId", r.method + " " + r.pattern}};
    json params = json::array();
    for (size_t p = r.pattern.find('{'); p != std::string::npos; p = r.pattern.find('{', p + 1)) {
      const auto e = r.pattern.find('}', p);
      params.push_back({{"name", r.pattern.substr(p + 1, e - p - 1)}, {"in", "path"}, {"required", true}, {"schema", str()}});
    }
    for (const auto& q : r.query)
      params.push_back({{"name", q.name}, {"in", "query"}, {"required", false}, {"description", q.description},
                        {"schema", {{"type", q.type}}}});
    if (r.auth && (r.method == "GET" || r.method == "PATCH") && r.pattern.find('{') != std::string::npos)
      params.push_back({{"name", "X-Rocta-Purpose"}, {"in", "header"}, {"required", false},
                        {"description", "Why the record is opened; required for SECRET and above"}, {"schema", str()}});
    if (!params.empty()) op["parameters"] = params;
    if (!r.request_schema.empty())
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", ref(r.request_schema)}}}}}};
    json ok{{"description", "Success"}};
    if (!r.response_schema.empty()) ok["content"] = {{"application/json", {{"schema", ref(r.response_schema)}}}};
    op["responses"][std::to_string(r.success)] = ok;
    op["responses"]["400"] = problem_response("Bad input: malformed JSON, wrong type, unknown field or parameter");
    if (r.auth) {
      op["security"] = json::array({{{"bearer", json::array()}}});
      op["responses"]["401"] = problem_response("Not signed in");
      op["responses"]["404"] = problem_response("Absent, or not visible to the caller");
    }
    if (r.pattern.find('{') != std::string::npos && r.auth) op["responses"]["428"] = problem_response("A purpose is required");
    if (r.method == "POST" && r.pattern == "/api/v1/session") op["responses"]["429"] = problem_response("Throttled after failed log-ins");
    std::string method = r.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    doc["paths"][r.pattern][method] = op;
  }
  return doc;
}

}  // namespace rocta::api
