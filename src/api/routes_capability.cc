// Routes of capability: the report, the financial-investigation demand items and their
// decisions, establishment posts, asset cases and their stages, covert accreditations and
// deployments. Parse, call one app/ function, render.
#include "api/capability_codec.h"
#include "api/handler.h"
#include "api/openapi.h"
#include "api/tasking_codec.h"

namespace rocta::api {
namespace {

Result<HttpResponse> get_report(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto r, capability_report(c.app, c.caller, c.str("month")));
  return json_response(200, jc::capability_report_json(r));
}

Result<HttpResponse> get_fi_items(Ctx& c) {
  FiItemFilter f;
  ROCTA_ASSIGN_OR_RETURN(auto threat, c.integer("threat_id", 1, INT64_MAX));
  if (threat) f.threat_id = *threat;
  if (!c.str("state").empty()) {
    f.state = parse_fi_state(c.str("state"));
    if (!f.state) return invalid("parameter 'state' is open, taken, declined or completed", "state");
  }
  ROCTA_ASSIGN_OR_RETURN(auto items, list_fi_items(c.app, c.caller, f));
  json out = json::array();
  for (const auto& i : items) out.push_back(jc::to_json(i));
  return json_response(200, {{"items", out}});
}

Result<HttpResponse> post_fi_decision(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  std::string action, reason, note;
  int64_t version = 0;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"action", "reason", "note", "version"})
                            .text("action", action, true)
                            .text("reason", reason)
                            .text("note", note)
                            .id("version", version)
                            .status());
  auto a = parse_fi_action(action);
  if (!a) return invalid("field 'action' is take, decline or complete", "action");
  auto r = parse_fi_decline_reason(reason.empty() ? "other" : reason);
  if (!r || (*a == FiAction::kDecline && reason.empty()))
    return invalid("a decline gives field 'reason': no capacity, not proportionate, another agency or other", "reason");
  ROCTA_ASSIGN_OR_RETURN(auto item, decide_fi_item(c.app, c.caller, id, *a, *r, note, version));
  return json_response(200, jc::to_json(item));
}

Result<HttpResponse> post_post(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  StaffingPost p;
  std::string role;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"unit_id", "role", "month", "post_ref", "filled", "holder", "cover_from", "cover_to"})
                            .id("unit_id", p.unit_id, true)
                            .text("role", role, true)
                            .text("month", p.month, true)
                            .text("post_ref", p.post_ref, true)
                            .boolean("filled", p.filled)
                            .text("holder", p.holder)
                            .integer("cover_from", p.cover_from)
                            .integer("cover_to", p.cover_to)
                            .status());
  auto r = parse_specialist_role(role);
  if (!r) return invalid("field 'role' is a specialist role (financial investigator, analyst, siu, …)", "role");
  p.role = *r;
  ROCTA_ASSIGN_OR_RETURN(auto saved, record_post(c.app, c.caller, std::move(p)));
  return json_response(201, jc::to_json(saved));
}

Result<HttpResponse> post_asset(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  AssetCase a;
  std::string route = "confiscation";
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"threat_id", "description", "route", "identified_pence", "identified_on"})
                            .id("threat_id", a.threat_id, true)
                            .text("description", a.description, true)
                            .text("route", route)
                            .id("identified_pence", a.identified_pence, true)
                            .text("identified_on", a.identified_on, true)
                            .status());
  auto r = parse_asset_route(route);
  if (!r) return invalid("field 'route' is confiscation or forfeiture", "route");
  a.route = *r;
  ROCTA_ASSIGN_OR_RETURN(auto saved, record_asset_case(c.app, c.caller, std::move(a)));
  return json_response(201, jc::to_json(saved));
}

Result<HttpResponse> post_asset_stage(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  std::string stage, on;
  int64_t value = 0, version = 0;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"stage", "value_pence", "on", "version"})
                            .text("stage", stage, true)
                            .id("value_pence", value, true)
                            .text("on", on, true)
                            .id("version", version)
                            .status());
  auto s = parse_asset_stage(stage);
  if (!s) return invalid("field 'stage' is restrained, confiscated, forfeited or realised", "stage");
  ROCTA_ASSIGN_OR_RETURN(auto saved, advance_asset(c.app, c.caller, id, *s, value, on, version));
  return json_response(200, jc::to_json(saved));
}

Result<HttpResponse> post_accreditation(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  CovertAccreditation a;
  std::string tactic;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"tactic", "holder", "accredited_on", "expires_on", "annual_cost_pence"})
                            .text("tactic", tactic, true)
                            .text("holder", a.holder, true)
                            .text("accredited_on", a.accredited_on, true)
                            .text("expires_on", a.expires_on, true)
                            .id("annual_cost_pence", a.annual_cost_pence)
                            .status());
  auto t = parse_covert_tactic(tactic);
  if (!t) return invalid("field 'tactic' is undercover, surveillance or technical surveillance", "tactic");
  a.tactic = *t;
  ROCTA_ASSIGN_OR_RETURN(auto saved, record_accreditation(c.app, c.caller, std::move(a)));
  return json_response(201, {{"id", saved.id}, {"agency", saved.agency}, {"tactic", to_string(saved.tactic)}});
}

Result<HttpResponse> post_deployment(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  CovertDeployment d;
  std::string tactic;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"tactic", "threat_id", "deployed_on", "cost_pence"})
                            .text("tactic", tactic, true)
                            .id("threat_id", d.threat_id)
                            .text("deployed_on", d.deployed_on, true)
                            .id("cost_pence", d.cost_pence)
                            .status());
  auto t = parse_covert_tactic(tactic);
  if (!t) return invalid("field 'tactic' is undercover, surveillance or technical surveillance", "tactic");
  d.tactic = *t;
  ROCTA_ASSIGN_OR_RETURN(auto saved, record_deployment(c.app, c.caller, std::move(d)));
  return json_response(201, {{"id", saved.id}, {"agency", saved.agency}, {"tactic", to_string(saved.tactic)}});
}

}  // namespace

void add_capability_routes(std::vector<RouteSpec>& r) {
  r.push_back({"GET", "/api/v1/reports/capability",
               "Capability: specialist posts and vacancies, FI demand against capacity, the asset pipeline, covert value for money",
               true, {{"month", "string", "YYYY-MM; the latest month recorded when absent"}}, "", "CapabilityReport", 200, get_report});
  r.push_back({"GET", "/api/v1/capability/fi-items", "The \"financially investigate?\" items the caller may see, oldest first", true,
               {{"threat_id", "integer", "one threat's items"}, {"state", "string", "open, taken, declined or completed"}}, "",
               "FiItemList", 200, get_fi_items});
  r.push_back({"POST", "/api/v1/capability/fi-items/{id}/decision", "Take, decline (with a reason) or complete an item", true, {},
               "FiDecision", "FiItem", 200, post_fi_decision});
  r.push_back({"POST", "/api/v1/capability/posts", "Record an establishment post of the caller's agency for a month", true, {},
               "StaffingPostDraft", "StaffingPost", 201, post_post});
  r.push_back({"POST", "/api/v1/capability/assets", "Open an asset recovery case from a threat", true, {}, "AssetCaseDraft",
               "AssetCase", 201, post_asset});
  r.push_back({"POST", "/api/v1/capability/assets/{id}/stage",
               "Move an asset case on; a confiscation order or forfeiture records a pursue disruption", true, {}, "AssetStageDraft",
               "AssetCase", 200, post_asset_stage});
  r.push_back({"POST", "/api/v1/capability/covert/accreditations", "Record a covert accreditation held", true, {},
               "CovertAccreditationDraft", "CovertRecord", 201, post_accreditation});
  r.push_back({"POST", "/api/v1/capability/covert/deployments", "Record a covert deployment", true, {}, "CovertDeploymentDraft",
               "CovertRecord", 201, post_deployment});
}

void add_capability_schemas(json& s) {
  auto ref = [](const std::string& n) { return json{{"$ref", "#/components/schemas/" + n}}; };
  auto list = [&](const json& items) { return json{{"type", "array"}, {"items", items}}; };
  auto object = [](json props, std::vector<std::string> required = {}, bool closed = false) {
    json o{{"type", "object"}, {"properties", std::move(props)}};
    if (!required.empty()) o["required"] = required;
    if (closed) o["additionalProperties"] = false;
    return o;
  };
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, boolean{{"type", "boolean"}}, number{{"type", "number"}};
  const json role{{"type", "string"},
                  {"enum", {"financial investigator", "financial intelligence officer", "analyst", "siu", "surveillance", "undercover", "technical"}}};
  const json tactic{{"type", "string"}, {"enum", {"undercover", "surveillance", "technical surveillance"}}};
  const json stage{{"type", "string"}, {"enum", {"identified", "restrained", "confiscated", "forfeited", "realised"}}};
  s["FiItem"] = object({{"id", integer}, {"agency", str}, {"threat_id", integer}, {"threat_reference", str}, {"disruption_id", integer},
                        {"disruption_reference", str}, {"nominal_id", integer}, {"suspect", str}, {"charged", boolean},
                        {"team_unit_id", integer}, {"bcu_unit_id", integer}, {"opened_on", str},
                        {"state", {{"type", "string"}, {"enum", {"open", "taken", "declined", "completed"}}}},
                        {"investigator_id", integer}, {"investigator", str}, {"reason", str}, {"note", str}, {"decided_on", str},
                        {"version", integer}});
  s["FiItemList"] = object({{"items", list(ref("FiItem"))}});
  s["FiDecision"] = object({{"action", {{"type", "string"}, {"enum", {"take", "decline", "complete"}}}},
                            {"reason", {{"type", "string"}, {"enum", {"no capacity", "not proportionate", "another agency", "other"}}}},
                            {"note", str}, {"version", integer}},
                           {"action"}, true);
  s["StaffingPostDraft"] = object({{"unit_id", integer}, {"role", role}, {"month", str}, {"post_ref", str}, {"filled", boolean},
                                   {"holder", str}, {"cover_from", integer}, {"cover_to", integer}},
                                  {"unit_id", "role", "month", "post_ref"}, true);
  s["StaffingPost"] = object({{"id", integer}, {"agency", str}, {"unit_id", integer}, {"role", role}, {"month", str}, {"post_ref", str},
                              {"filled", boolean}, {"holder", str}, {"cover_from", integer}, {"cover_to", integer}});
  s["AssetCaseDraft"] = object({{"threat_id", integer}, {"description", str},
                                {"route", {{"type", "string"}, {"enum", {"confiscation", "forfeiture"}}}},
                                {"identified_pence", integer}, {"identified_on", str}},
                               {"threat_id", "description", "identified_pence", "identified_on"}, true);
  s["AssetStageDraft"] = object({{"stage", stage}, {"value_pence", integer}, {"on", str}, {"version", integer}},
                                {"stage", "value_pence", "on"}, true);
  s["AssetCase"] = object({{"id", integer}, {"agency", str}, {"threat_id", integer}, {"threat_reference", str}, {"description", str},
                           {"route", str}, {"stage", stage}, {"identified_pence", integer}, {"restrained_pence", integer},
                           {"ordered_pence", integer}, {"realised_pence", integer}, {"identified_on", str}, {"restrained_on", str},
                           {"ordered_on", str}, {"realised_on", str}, {"disruption_id", integer}, {"version", integer}});
  s["CovertAccreditationDraft"] = object({{"tactic", tactic}, {"holder", str}, {"accredited_on", str}, {"expires_on", str},
                                          {"annual_cost_pence", integer}},
                                         {"tactic", "holder", "accredited_on", "expires_on"}, true);
  s["CovertDeploymentDraft"] = object({{"tactic", tactic}, {"threat_id", integer}, {"deployed_on", str}, {"cost_pence", integer}},
                                      {"tactic", "deployed_on"}, true);
  s["CovertRecord"] = object({{"id", integer}, {"agency", str}, {"tactic", tactic}});
  const json staffing_row = object({{"agency", str}, {"unit_id", integer}, {"unit", str}, {"role", role}, {"establishment", integer},
                                    {"in_post", integer}, {"vacant", integer}, {"vacancy_pct", integer}, {"cover_from", integer},
                                    {"cover_to", integer}, {"single_point_of_failure", boolean}});
  const json demand_row = object({{"key", str}, {"id", integer}, {"suspects", integer}, {"investigated", integer},
                                  {"not_investigated", integer}, {"refused_no_capacity", integer}, {"open", integer}});
  const json asset_row = object({{"agency", str}, {"threat_id", integer}, {"threat_reference", str}, {"identified", integer},
                                 {"restrained", integer}, {"ordered", integer}, {"realised", integer}, {"identified_pence", integer},
                                 {"restrained_pence", integer}, {"ordered_pence", integer}, {"realised_pence", integer},
                                 {"returned_pence", integer}});
  s["CapabilityReport"] = object(
      {{"month", str},
       {"today", str},
       {"staffing", object({{"units", list(staffing_row)},
                            {"agencies", list(staffing_row)},
                            {"unit_totals", list(object({{"agency", str}, {"unit_id", integer}, {"unit", str}, {"establishment", integer},
                                                          {"in_post", integer}, {"vacant", integer}}))},
                            {"history", list(object({{"month", str}, {"agency", str}, {"role", role}, {"establishment", integer},
                                                      {"in_post", integer}}))}})},
       {"fi", object({{"by_threat", list(demand_row)},
                      {"by_team", list(demand_row)},
                      {"by_bcu", list(demand_row)},
                      {"total", demand_row},
                      {"capacity", list(object({{"agency", str}, {"demand", integer}, {"investigators", integer},
                                                {"per_investigator", number}}))}})},
       {"assets", object({{"by_threat", list(asset_row)}, {"by_agency", list(asset_row)}})},
       {"covert", object({{"rows", list(object({{"agency", str}, {"tactic", tactic}, {"accreditations", integer},
                                                {"deployments_year", integer}, {"deployments_two_years", integer},
                                                {"cost_year_pence", integer}, {"last_deployed_on", str},
                                                {"kept_without_use", boolean}, {"under_used", boolean}}))},
                          {"by_year", list(object({{"agency", str}, {"tactic", tactic}, {"year", str}, {"deployments", integer},
                                                   {"cost_pence", integer}}))}})},
       {"gaps", list(object({{"agency", str}, {"role", role}, {"establishment", integer}, {"in_post", integer},
                             {"vacancy_pct", integer}, {"single_point_of_failure", boolean}}))}});
}

}  // namespace rocta::api
