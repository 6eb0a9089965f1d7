// Routes of compartment grants: an SIU compartment is proposed for a user by one person
// and approved or refused by another officer of that SIU (app/compartment_grants.h).
#include "api/handler.h"
#include "api/openapi.h"
#include "api/tasking_codec.h"
#include "app/compartment_grants.h"

namespace rocta::api {
namespace {

json to_json(const CompartmentGrant& g) {
  return {{"id", g.id},
          {"user_id", g.user_id},
          {"username", g.username},
          {"user_agency", g.user_agency},
          {"compartment", g.compartment},
          {"reason", g.reason},
          {"proposed_by", g.proposed_by},
          {"proposed_by_name", g.proposed_by_name},
          {"proposed_at", iso_timestamp(g.proposed_ms)},
          {"status", to_string(g.status)},
          {"decided_by", g.decided_by ? json(g.decided_by) : json(nullptr)},
          {"decided_by_name", g.decided_by_name},
          {"decided_at", g.decided_ms ? json(iso_timestamp(g.decided_ms)) : json(nullptr)},
          {"decision_note", g.decision_note}};
}

Result<HttpResponse> get_grants(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto list, list_compartment_grants(c.app, c.caller));
  json items = json::array();
  for (const auto& g : list) items.push_back(to_json(g));
  return json_response(200, items);
}

Result<HttpResponse> post_grant(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  int64_t user_id = 0;
  std::string compartment, reason;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"user_id", "compartment", "reason"})
                            .id("user_id", user_id, true).text("compartment", compartment, true).text("reason", reason, true)
                            .status());
  ROCTA_ASSIGN_OR_RETURN(auto g, propose_compartment(c.app, c.caller, user_id, compartment, reason));
  return json_response(201, to_json(g));
}

Result<HttpResponse> post_grant_decision(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  bool approve = false;
  std::string note;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"approve", "note"}).boolean("approve", approve, true).text("note", note).status());
  ROCTA_ASSIGN_OR_RETURN(auto g, decide_compartment_grant(c.app, c.caller, id, approve, note));
  return json_response(200, to_json(g));
}

}  // namespace

void add_compartment_routes(std::vector<RouteSpec>& r) {
  r.push_back({"GET", "/api/v1/compartment-grants",
               "Proposals to give users an SIU compartment: those for the caller's SIU compartments, and the caller's own",
               true, {}, "", "CompartmentGrantList", 200, get_grants});
  r.push_back({"POST", "/api/v1/compartment-grants",
               "Propose giving a user an SIU compartment (its SIU officers, or the user's administrators)", true, {},
               "CompartmentGrantDraft", "CompartmentGrant", 201, post_grant});
  r.push_back({"POST", "/api/v1/compartment-grants/{id}/decision",
               "Approve or refuse (another officer of that SIU: not the proposer, not the user)", true, {},
               "CompartmentGrantDecision", "CompartmentGrant", 200, post_grant_decision});
}

void add_compartment_schemas(nlohmann::json& s) {
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, boolean{{"type", "boolean"}};
  auto object = [](json props, std::vector<std::string> required = {}) {
    json o{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
    if (!required.empty()) o["required"] = required;
    return o;
  };
  s["CompartmentGrantDraft"] = object({{"user_id", integer}, {"compartment", str}, {"reason", str}}, {"user_id", "compartment", "reason"});
  s["CompartmentGrantDecision"] = object({{"approve", boolean}, {"note", str}}, {"approve"});
  s["CompartmentGrant"] = object({{"id", integer}, {"user_id", integer}, {"username", str}, {"user_agency", str},
                                  {"compartment", str}, {"reason", str}, {"proposed_by", integer}, {"proposed_by_name", str},
                                  {"proposed_at", str}, {"status", {{"type", "string"}, {"enum", {"proposed", "approved", "refused"}}}},
                                  {"decided_by", {{"type", {"integer", "null"}}}}, {"decided_by_name", str},
                                  {"decided_at", {{"type", {"string", "null"}}}}, {"decision_note", str}});
  s["CompartmentGrantList"] = {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/CompartmentGrant"}}}};
}

}  // namespace rocta::api
