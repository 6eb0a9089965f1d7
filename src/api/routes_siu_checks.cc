// Routes of the SIU check of a MoRiLE assessment: the SIU's reply, what the assessor and
// the moderator see of it, and the consultation rate (app/siu_checks.h). The moderator's
// reason for going ahead without a reply is a field of the moderation decision
// (routes_master_list.cc).
#include "api/handler.h"
#include "api/openapi.h"
#include "api/tasking_codec.h"
#include "app/siu_checks.h"

namespace rocta::api {
namespace {

json to_json(const SiuReply& r) {
  json j{{"id", r.id},
         {"assessment_id", r.assessment_id},
         {"compartment", r.compartment},
         {"advice", to_string(r.advice)},
         {"replied_at", iso_timestamp(r.replied_ms)}};
  // Only the compartment's officers get the note and the name (core reply_as_seen_by).
  if (r.replied_by) {
    j["note"] = r.note;
    j["replied_by"] = r.replied_by;
  }
  return j;
}

json to_json(const SiuCheckView& v) {
  json replies = json::array();
  for (const auto& r : v.replies) replies.push_back(to_json(r));
  json waiver = nullptr;
  if (v.waiver)
    waiver = {{"reason", v.waiver->reason}, {"unanswered", v.waiver->unanswered}, {"recorded_by", v.waiver->recorded_by},
              {"recorded_at", iso_timestamp(v.waiver->recorded_ms)}};
  return {{"assessment_id", v.assessment_id}, {"asked", v.asked},          {"compartments", v.compartments},
          {"replies", replies},               {"unanswered", v.unanswered}, {"answered", v.asked && v.unanswered.empty()},
          {"moderated_without_reply", waiver}};
}

json siu_consultation_json(const std::map<std::string, SiuConsultation>& by_agency) {
  json out = json::object();
  for (const auto& [agency, c] : by_agency)
    out[agency] = {{"assessments", c.assessments}, {"asked", c.asked}, {"answered", c.answered}, {"waived", c.waived},
                   {"rate_percent", static_cast<double>(c.rate_tenths) / 10}};
  return out;
}

Result<HttpResponse> post_reply(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  std::string compartment, advice, note;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"compartment", "advice", "note"})
                            .text("compartment", compartment, true).text("advice", advice, true).text("note", note).status());
  auto a = parse_siu_advice(advice);
  if (!a) return invalid("advice is one of: no trace, consulted, advise re-score", "advice");
  ROCTA_ASSIGN_OR_RETURN(auto r, reply_to_siu_check(c.app, c.caller, id, compartment, *a, note));
  return json_response(201, to_json(r));
}

Result<HttpResponse> get_check(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto v, siu_check_of(c.app, c.caller, id));
  return json_response(200, to_json(v));
}

Result<HttpResponse> get_consultation(Ctx& c) {
  const std::string from = c.str("from"), to = c.str("to");
  if (from.empty() || to.empty()) return invalid("parameters 'from' and 'to' (YYYY-MM-DD) are required", from.empty() ? "from" : "to");
  ROCTA_ASSIGN_OR_RETURN(auto figures, siu_consultation_figures(c.app, c.caller, from, to, c.str("as_of")));
  return json_response(200, {{"from", from}, {"to", to}, {"as_of", c.str("as_of")}, {"by_agency", siu_consultation_json(figures)}});
}

}  // namespace

void add_siu_check_routes(std::vector<RouteSpec>& r) {
  r.push_back({"POST", "/api/v1/assessments/{id}/siu-reply",
               "The SIU's answer to an assessment's check, for one compartment (an SIU officer holding it, not the assessor): "
               "no trace, consulted or advise re-score; the note stays with the compartment's officers",
               true, {}, "SiuReplyDraft", "SiuReply", 201, post_reply});
  r.push_back({"GET", "/api/v1/assessments/{id}/siu-check",
               "An assessment's SIU check: compartments consulted, replies (outcome only, unless the caller holds the "
               "compartment), those still silent, and any reason for moderating without a reply",
               true, {}, "", "SiuCheck", 200, get_check});
  r.push_back({"GET", "/api/v1/reports/siu-consultation",
               "The consultation rate by agency: assessments dated from..to whose SIU check was asked and answered", true,
               {{"from", "string", "YYYY-MM-DD, required"}, {"to", "string", "YYYY-MM-DD, required"},
                {"as_of", "string", "YYYY-MM-DD: as recorded by the end of that day"}},
               "", "SiuConsultation", 200, get_consultation});
}

void add_siu_check_schemas(nlohmann::json& s) {
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, boolean{{"type", "boolean"}};
  const json strings{{"type", "array"}, {"items", str}};
  auto object = [](json props, std::vector<std::string> required = {}) {
    json o{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
    if (!required.empty()) o["required"] = required;
    return o;
  };
  const json advice{{"type", "string"}, {"enum", {"no trace", "consulted", "advise re-score"}}};
  s["SiuReplyDraft"] = object({{"compartment", str}, {"advice", advice}, {"note", str}}, {"compartment", "advice"});
  s["SiuReply"] = object({{"id", integer}, {"assessment_id", integer}, {"compartment", str}, {"advice", advice},
                          {"replied_at", str}, {"note", str}, {"replied_by", integer}},
                         {"id", "assessment_id", "compartment", "advice", "replied_at"});
  s["SiuCheck"] = object({{"assessment_id", integer}, {"asked", boolean}, {"compartments", strings},
                          {"replies", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/SiuReply"}}}}},
                          {"unanswered", strings}, {"answered", boolean},
                          {"moderated_without_reply", {{"type", {"object", "null"}}}}});
  const json counts = object({{"assessments", integer}, {"asked", integer}, {"answered", integer}, {"waived", integer},
                              {"rate_percent", {{"type", "number"}}}});
  s["SiuConsultation"] = object({{"from", str}, {"to", str}, {"as_of", str},
                                 {"by_agency", {{"type", "object"}, {"additionalProperties", counts}}}});
}

}  // namespace rocta::api
