// Routes of serious crime prevention order monitoring: the team's queue, orders and their
// variations, checks, breaches, surveillance support, a subject's orders, and the figures.
// Parse, call one app/ function, render.
#include "api/handler.h"
#include "api/openapi.h"
#include "api/tasking_codec.h"
#include "app/scpo.h"

namespace rocta::api {
namespace {

json to_json(const ScpoOrder& o) {
  json conditions = json::array();
  for (const auto& c : o.conditions) conditions.push_back({{"kind", to_string(c.kind)}, {"detail", c.detail}});
  return {{"id", o.id},
          {"reference", o.reference},
          {"agency", o.agency},
          {"nominal_id", o.nominal_id},
          {"subject_reference", o.subject_reference},
          {"subject_name", o.subject_name},
          {"subject_marking", o.subject_marking.label()},
          {"threat_id", o.threat_id},
          {"bcu_unit_id", o.bcu_unit_id},
          {"court", o.court},
          {"made_on", o.made_on},
          {"starts_on", o.starts_on},
          {"ends_on", o.ends_on},
          {"interim", o.interim},
          {"conditions", conditions},
          {"officer_id", o.officer_id},
          {"version", o.version}};
}

json to_json(const ScpoCheck& c, const std::string& today) {
  return {{"id", c.id},         {"order_id", c.order_id},        {"kind", to_string(c.kind)},
          {"due_on", c.due_on}, {"officer_id", c.officer_id},    {"officer_name", c.officer_name},
          {"done_on", c.done_on}, {"outcome", to_string(c.outcome)}, {"note", c.note},
          {"overdue", is_overdue(c, today)}};
}

json to_json(const ScpoBreach& b) {
  return {{"id", b.id},
          {"order_id", b.order_id},
          {"check_id", b.check_id},
          {"occurred_on", b.occurred_on},
          {"condition", to_string(b.condition)},
          {"evidence", b.evidence},
          {"arrested", b.arrested},
          {"charged", b.charged},
          {"disruption_id", b.disruption_id}};
}

json orders_json(const std::vector<ScpoOrder>& orders) {
  json out = json::array();
  for (const auto& o : orders) out.push_back(to_json(o));
  return out;
}

std::string today(const Ctx& c) { return iso_date(c.app.clock.now_ms()); }

Result<std::vector<ScpoCondition>> read_conditions(const json& body) {
  std::vector<ScpoCondition> out;
  if (!body.contains("conditions")) return out;
  static const std::string kShape =
      "field 'conditions' is a list of {kind, detail}; kind is association, communication devices, financial reporting, "
      "travel, premises or other";
  if (!body["conditions"].is_array()) return invalid(kShape, "conditions");
  for (const auto& c : body["conditions"]) {
    if (!c.is_object() || !c.contains("kind") || !c["kind"].is_string() || !c.contains("detail") || !c["detail"].is_string() ||
        c.size() != 2)
      return invalid(kShape, "conditions");
    auto kind = parse_scpo_condition_kind(c["kind"].get<std::string>());
    if (!kind) return invalid(kShape, "conditions");
    out.push_back({*kind, c["detail"].get<std::string>()});
  }
  return out;
}

Result<HttpResponse> post_order(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ScpoOrder o;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"nominal_id", "threat_id", "bcu_unit_id", "court", "made_on", "starts_on", "ends_on",
                                          "interim", "conditions"})
                            .id("nominal_id", o.nominal_id, true)
                            .id("threat_id", o.threat_id)
                            .id("bcu_unit_id", o.bcu_unit_id)
                            .text("court", o.court, true)
                            .text("made_on", o.made_on, true)
                            .text("starts_on", o.starts_on)
                            .text("ends_on", o.ends_on, true)
                            .boolean("interim", o.interim)
                            .status());
  if (o.starts_on.empty()) o.starts_on = o.made_on;
  ROCTA_ASSIGN_OR_RETURN(o.conditions, read_conditions(body));
  ROCTA_ASSIGN_OR_RETURN(auto saved, record_order(c.app, c.caller, std::move(o)));
  return json_response(201, to_json(saved));
}

Result<HttpResponse> get_order(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto v, open_order(c.app, c.caller, id));
  json history = json::array();
  for (const auto& h : v.history)
    history.push_back({{"kind", to_string(h.kind)}, {"on", h.on}, {"note", h.note}, {"ref_id", h.ref_id}});
  json checks = json::array();
  for (const auto& ch : v.checks) checks.push_back(to_json(ch.check, today(c)));
  json breaches = json::array();
  for (const auto& b : v.breaches) breaches.push_back(to_json(b));
  return json_response(200, {{"order", to_json(v.order)},
                             {"in_force", v.in_force},
                             {"on_horizon", v.on_horizon},
                             {"bcu", v.bcu},
                             {"history", history},
                             {"checks", checks},
                             {"breaches", breaches}});
}

Result<HttpResponse> post_variation(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ScpoVariation v;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"version", "on", "note", "full_order", "court", "starts_on", "ends_on", "conditions"})
                            .id("version", v.expected_version, true)
                            .text("on", v.on, true)
                            .text("note", v.note)
                            .boolean("full_order", v.full_order)
                            .text("court", v.court)
                            .text("starts_on", v.starts_on)
                            .text("ends_on", v.ends_on)
                            .status());
  ROCTA_ASSIGN_OR_RETURN(v.conditions, read_conditions(body));
  ROCTA_ASSIGN_OR_RETURN(auto saved, vary_order(c.app, c.caller, id, v));
  return json_response(200, to_json(saved));
}

Result<ScpoCheck> read_check(const json& body, bool done) {
  ScpoCheck ch;
  std::string kind, outcome;
  jc::Fields f(body, {"check_id", "kind", "due_on", "officer_id", "done_on", "outcome", "note"});
  f.id("check_id", ch.id).text("kind", kind, !done).text("due_on", ch.due_on, !done).id("officer_id", ch.officer_id)
      .text("done_on", ch.done_on, done).text("outcome", outcome, done).text("note", ch.note);
  ROCTA_RETURN_IF_ERROR(f.status());
  if (!kind.empty()) {
    auto k = parse_scpo_check_kind(kind);
    if (!k) return invalid("field 'kind' is visit, financial report or device inspection", "kind");
    ch.kind = *k;
  }
  if (!outcome.empty()) {
    auto o = parse_scpo_check_outcome(outcome);
    if (!o || *o == ScpoCheckOutcome::kPending) return invalid("field 'outcome' is compliant, concern, breach or no access", "outcome");
    ch.outcome = *o;
  }
  return ch;
}

Result<HttpResponse> post_check(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(ScpoCheck ch, read_check(body, false));
  if (!ch.done_on.empty() || ch.id) return invalid("a check on the plan is not done yet: record it at .../checks/done", "done_on");
  ROCTA_ASSIGN_OR_RETURN(auto saved, schedule_check(c.app, c.caller, id, std::move(ch)));
  return json_response(201, to_json(saved, today(c)));
}

Result<HttpResponse> post_check_done(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(ScpoCheck ch, read_check(body, true));
  ROCTA_ASSIGN_OR_RETURN(auto saved, record_check(c.app, c.caller, id, std::move(ch)));
  return json_response(201, to_json(saved, today(c)));
}

Result<HttpResponse> post_breach(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ScpoBreach b;
  std::string condition;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"check_id", "occurred_on", "condition", "evidence", "arrested", "charged"})
                            .id("check_id", b.check_id)
                            .text("occurred_on", b.occurred_on, true)
                            .text("condition", condition, true)
                            .text("evidence", b.evidence, true)
                            .boolean("arrested", b.arrested)
                            .boolean("charged", b.charged)
                            .status());
  auto kind = parse_scpo_condition_kind(condition);
  if (!kind)
    return invalid("field 'condition' is association, communication devices, financial reporting, travel, premises or other",
                   "condition");
  b.condition = *kind;
  ROCTA_ASSIGN_OR_RETURN(auto saved, record_breach(c.app, c.caller, id, std::move(b)));
  return json_response(201, to_json(saved));
}

Result<HttpResponse> post_support(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  SupportRequest r;
  ROCTA_RETURN_IF_ERROR(jc::Fields(body, {"to_unit_id", "request", "decide_by"})
                            .id("to_unit_id", r.to_unit_id, true)
                            .text("request", r.request, true)
                            .text("decide_by", r.decide_by, true)
                            .status());
  ROCTA_ASSIGN_OR_RETURN(auto v, request_surveillance(c.app, c.caller, id, r));
  return json_response(201, jc::to_json(v));
}

Result<HttpResponse> get_queue(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto q, scpo_queue(c.app, c.caller));
  auto items = [&](const std::vector<ScpoQueueItem>& list) {
    json out = json::array();
    for (const auto& i : list) out.push_back({{"check", to_json(i.check, q.today)}, {"order", to_json(i.order)}});
    return out;
  };
  return json_response(200, {{"today", q.today},
                             {"overdue", items(q.overdue)},
                             {"due_soon", items(q.due_soon)},
                             {"in_force", orders_json(q.in_force)},
                             {"horizon", orders_json(q.horizon)}});
}

Result<HttpResponse> get_subject_orders(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto orders, subject_orders(c.app, c.caller, id));
  return json_response(200, {{"items", orders_json(orders)}});
}

json row_json(const ScpoFigureRow& r) {
  return {{"bcu_unit_id", r.bcu_unit_id},         {"bcu", r.bcu},         {"orders_monitored", r.orders_monitored},
          {"checks_done", r.checks_done},         {"checks_overdue", r.checks_overdue},
          {"breaches", r.breaches},               {"arrests", r.arrests}};
}

Result<HttpResponse> get_report(Ctx& c) {
  const std::string from = c.str("from"), to = c.str("to");
  if (from.empty() || to.empty()) return invalid("parameters 'from' and 'to' (YYYY-MM-DD) are required", from.empty() ? "from" : "to");
  ROCTA_ASSIGN_OR_RETURN(auto f, scpo_report(c.app, c.caller, from, to));
  json rows = json::array();
  for (const auto& r : f.rows) rows.push_back(row_json(r));
  return json_response(200, {{"from", f.from}, {"to", f.to}, {"rows", rows}, {"total", row_json(f.total)}});
}

}  // namespace

void add_scpo_routes(std::vector<RouteSpec>& r) {
  r.push_back({"GET", "/api/v1/scpo/queue", "The SCPO team's queue: overdue checks, checks due soon, orders in force, the horizon", true,
               {}, "", "ScpoQueue", 200, get_queue});
  r.push_back({"POST", "/api/v1/scpo/orders", "Record a serious crime prevention order on a nominal (at most five years)", true, {},
               "ScpoOrderDraft", "ScpoOrder", 201, post_order});
  r.push_back({"GET", "/api/v1/scpo/orders/{id}", "An order with its history, checks and breaches", true, {}, "", "ScpoOrderView", 200,
               get_order});
  r.push_back({"POST", "/api/v1/scpo/orders/{id}/variations", "Vary an order, or make an interim order full (history kept)", true, {},
               "ScpoVariation", "ScpoOrder", 200, post_variation});
  r.push_back({"POST", "/api/v1/scpo/orders/{id}/checks", "Put a check on the order's monitoring plan", true, {}, "ScpoCheckDraft",
               "ScpoCheck", 201, post_check});
  r.push_back({"POST", "/api/v1/scpo/orders/{id}/checks/done", "Record a check done (a planned one by check_id, or one not planned)",
               true, {}, "ScpoCheckDraft", "ScpoCheck", 201, post_check_done});
  r.push_back({"POST", "/api/v1/scpo/orders/{id}/breaches", "Record a breach; an arrest becomes a pursue disruption on the order's threat",
               true, {}, "ScpoBreachDraft", "ScpoBreach", 201, post_breach});
  r.push_back({"POST", "/api/v1/scpo/orders/{id}/support", "Ask for surveillance support through tasking (an escalation)", true, {},
               "ScpoSupportRequest", "Escalation", 201, post_support});
  r.push_back({"GET", "/api/v1/nominals/{id}/scpo", "The orders on a nominal that the caller may see", true, {}, "", "ScpoOrderList", 200,
               get_subject_orders});
  r.push_back({"GET", "/api/v1/reports/scpo", "SCPO figures for a period by BCU: orders monitored, checks done and overdue, breaches, arrests",
               true, {{"from", "string", "YYYY-MM-DD, required"}, {"to", "string", "YYYY-MM-DD, required"}}, "", "ScpoFigures", 200,
               get_report});
}

void add_scpo_schemas(json& s) {
  auto ref = [](const std::string& n) { return json{{"$ref", "#/components/schemas/" + n}}; };
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, boolean{{"type", "boolean"}};
  const json condition_kind{{"type", "string"},
                            {"enum", {"association", "communication devices", "financial reporting", "travel", "premises", "other"}}};
  const json condition{{"type", "object"}, {"properties", {{"kind", condition_kind}, {"detail", str}}}, {"required", {"kind", "detail"}}};
  const json conditions{{"type", "array"}, {"items", condition}};
  s["ScpoOrderDraft"] = {{"type", "object"},
                         {"properties", {{"nominal_id", integer}, {"threat_id", integer}, {"bcu_unit_id", integer}, {"court", str},
                                         {"made_on", str}, {"starts_on", str}, {"ends_on", str}, {"interim", boolean},
                                         {"conditions", conditions}}},
                         {"required", {"nominal_id", "court", "made_on", "ends_on", "conditions"}},
                         {"additionalProperties", false}};
  s["ScpoOrder"] = {{"type", "object"},
                    {"properties", {{"id", integer}, {"reference", str}, {"agency", str}, {"nominal_id", integer},
                                    {"subject_reference", str}, {"subject_name", str}, {"subject_marking", str},
                                    {"threat_id", integer}, {"bcu_unit_id", integer}, {"court", str}, {"made_on", str},
                                    {"starts_on", str}, {"ends_on", str}, {"interim", boolean}, {"conditions", conditions},
                                    {"officer_id", integer}, {"version", integer}}}};
  s["ScpoOrderList"] = {{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", ref("ScpoOrder")}}}}}};
  s["ScpoVariation"] = {{"type", "object"},
                        {"properties", {{"version", integer}, {"on", str}, {"note", str}, {"full_order", boolean}, {"court", str},
                                        {"starts_on", str}, {"ends_on", str}, {"conditions", conditions}}},
                        {"required", {"version", "on"}},
                        {"additionalProperties", false}};
  const json check_kind{{"type", "string"}, {"enum", {"visit", "financial report", "device inspection"}}};
  const json outcome{{"type", "string"}, {"enum", {"pending", "compliant", "concern", "breach", "no access"}}};
  s["ScpoCheckDraft"] = {{"type", "object"},
                         {"properties", {{"check_id", integer}, {"kind", check_kind}, {"due_on", str}, {"officer_id", integer},
                                         {"done_on", str}, {"outcome", outcome}, {"note", str}}},
                         {"additionalProperties", false}};
  s["ScpoCheck"] = {{"type", "object"},
                    {"properties", {{"id", integer}, {"order_id", integer}, {"kind", check_kind}, {"due_on", str},
                                    {"officer_id", integer}, {"officer_name", str}, {"done_on", str}, {"outcome", outcome},
                                    {"note", str}, {"overdue", boolean}}}};
  s["ScpoBreachDraft"] = {{"type", "object"},
                          {"properties", {{"check_id", integer}, {"occurred_on", str}, {"condition", condition_kind},
                                          {"evidence", str}, {"arrested", boolean}, {"charged", boolean}}},
                          {"required", {"occurred_on", "condition", "evidence"}},
                          {"additionalProperties", false}};
  s["ScpoBreach"] = {{"type", "object"},
                     {"properties", {{"id", integer}, {"order_id", integer}, {"check_id", integer}, {"occurred_on", str},
                                     {"condition", condition_kind}, {"evidence", str}, {"arrested", boolean}, {"charged", boolean},
                                     {"disruption_id", integer}}}};
  s["ScpoSupportRequest"] = {{"type", "object"},
                             {"properties", {{"to_unit_id", integer}, {"request", str}, {"decide_by", str}}},
                             {"required", {"to_unit_id", "request", "decide_by"}},
                             {"additionalProperties", false}};
  s["ScpoOrderView"] = {{"type", "object"},
                        {"properties", {{"order", ref("ScpoOrder")}, {"in_force", boolean}, {"on_horizon", boolean}, {"bcu", str},
                                        {"history", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                                        {"checks", {{"type", "array"}, {"items", ref("ScpoCheck")}}},
                                        {"breaches", {{"type", "array"}, {"items", ref("ScpoBreach")}}}}}};
  const json queue_item{{"type", "object"}, {"properties", {{"check", ref("ScpoCheck")}, {"order", ref("ScpoOrder")}}}};
  s["ScpoQueue"] = {{"type", "object"},
                    {"properties", {{"today", str},
                                    {"overdue", {{"type", "array"}, {"items", queue_item}}},
                                    {"due_soon", {{"type", "array"}, {"items", queue_item}}},
                                    {"in_force", {{"type", "array"}, {"items", ref("ScpoOrder")}}},
                                    {"horizon", {{"type", "array"}, {"items", ref("ScpoOrder")}}}}}};
  const json row{{"type", "object"},
                 {"properties", {{"bcu_unit_id", integer}, {"bcu", str}, {"orders_monitored", integer}, {"checks_done", integer},
                                 {"checks_overdue", integer}, {"breaches", integer}, {"arrests", integer}}}};
  s["ScpoFigures"] = {{"type", "object"},
                      {"properties", {{"from", str}, {"to", str}, {"rows", {{"type", "array"}, {"items", row}}}, {"total", row}}}};
}

}  // namespace rocta::api
