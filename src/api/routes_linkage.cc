// Routes of cross-agency linkage: runs of the matching engine, the review queue with each
// match's explanation, decisions, "known elsewhere" on a nominal, and the lookup of a
// person before (or as) a nominal is recorded.
#include "api/linkage_codec.h"
#include "api/handler.h"
#include "api/openapi.h"
#include "app/linkage.h"

namespace rocta::api {
namespace {

using jc::to_json;


Result<HttpResponse> post_match_run(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto run, run_matching(c.app, c.caller));
  return json_response(201, to_json(run));
}

Result<HttpResponse> get_match_runs(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto runs, match_runs(c.app, c.caller));
  json out = json::array();
  for (const auto& r : runs) out.push_back(to_json(r));
  return json_response(200, out);
}

Result<HttpResponse> get_matches(Ctx& c) {
  MatchQueueQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.page, c.page());
  if (auto s = c.str("status"); !s.empty()) {
    auto status = parse_match_status(s);
    if (!status) return invalid("parameter 'status' must be review, linked, confirmed, rejected or separated", "status");
    q.status = *status;
  }
  ROCTA_ASSIGN_OR_RETURN(auto page, match_queue(c.app, c.caller, q));
  json items = json::array();
  for (const auto& v : page.items) items.push_back(to_json(v));
  return json_response(200, {{"items", items}, {"total", page.total}, {"limit", q.page.limit}, {"offset", q.page.offset}});
}

Result<HttpResponse> get_match(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto view, open_match(c.app, c.caller, id));
  return json_response(200, to_json(view));
}

Result<HttpResponse> post_match_decision(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"decision", "note", "version"}));
  ROCTA_ASSIGN_OR_RETURN(std::string text, string_field(body, "decision", true));
  auto decision = parse_match_decision(text);
  if (!decision) return invalid("field 'decision' must be confirm, reject or separate", "decision");
  ROCTA_ASSIGN_OR_RETURN(std::string note, string_field(body, "note", false));
  if (!body.contains("version") || !body["version"].is_number_integer())
    return invalid("field 'version' is required: the version of the match you read", "version");
  ROCTA_ASSIGN_OR_RETURN(auto m, decide_match(c.app, c.caller, id, body["version"].get<int64_t>(), *decision, note));
  return json_response(200, to_json(m));
}

Result<HttpResponse> get_known_elsewhere(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto known, known_elsewhere(c.app, c.caller, id));
  return json_response(200, to_json(known));
}

Result<HttpResponse> post_lookup(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"given_names", "surname", "date_of_birth", "sex", "address", "postcode", "limit"}));
  Nominal person;
  for (auto [field, target] : {std::pair{"given_names", &person.given_names}, std::pair{"surname", &person.surname},
                               std::pair{"date_of_birth", &person.date_of_birth}, std::pair{"sex", &person.sex},
                               std::pair{"address", &person.address}, std::pair{"postcode", &person.postcode}}) {
    ROCTA_ASSIGN_OR_RETURN(*target, string_field(body, field, false));
  }
  std::size_t limit = 10;
  if (body.contains("limit")) {
    if (!body["limit"].is_number_integer() || body["limit"].get<int64_t>() < 1 || body["limit"].get<int64_t>() > 50)
      return invalid("field 'limit' must be a whole number from 1 to 50", "limit");
    limit = body["limit"].get<std::size_t>();
  }
  ROCTA_ASSIGN_OR_RETURN(auto known, find_matching_nominals(c.app, c.caller, person, limit));
  return json_response(200, to_json(known));
}


Result<HttpResponse> get_exclusions(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto list, match_exclusions(c.app, c.caller));
  json out = json::array();
  for (const auto& e : list) out.push_back(to_json(e));
  return json_response(200, out);
}

Result<HttpResponse> post_exclusion(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_RETURN_IF_ERROR(only_fields(body, {"field", "value", "reason"}));
  MatchExclusion e;
  ROCTA_ASSIGN_OR_RETURN(e.field, string_field(body, "field", true));
  ROCTA_ASSIGN_OR_RETURN(e.value, string_field(body, "value", true));
  ROCTA_ASSIGN_OR_RETURN(e.reason, string_field(body, "reason", true));
  ROCTA_ASSIGN_OR_RETURN(auto made, exclude_from_matching(c.app, c.caller, std::move(e)));
  return json_response(201, to_json(made));
}

Result<HttpResponse> delete_exclusion(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_RETURN_IF_ERROR(remove_match_exclusion(c.app, c.caller, id));
  return HttpResponse{204, "", ""};
}

}  // namespace

Result<HttpResponse> post_nominal(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  Nominal draft;
  ROCTA_RETURN_IF_ERROR(jc::apply(body, draft, false));
  ROCTA_ASSIGN_OR_RETURN(auto created, create_nominal(c.app, c.caller, std::move(draft)));
  json out = jc::to_json(created);
  // The nominal is recorded whatever the lookup does: a failure there is reported, not fatal.
  auto known = match_new_nominal(c.app, c.caller, created);
  out["known_elsewhere"] = known.is_ok() ? to_json(*known) : json(nullptr);
  if (!known.is_ok()) out["known_elsewhere_error"] = known.status().message();
  return json_response(201, out);
}

void add_linkage_routes(std::vector<RouteSpec>& r) {
  r.push_back({"POST", "/api/v1/match-runs", "Run the matching engine over every nominal (regional analysts, administrators)",
               true, {}, "", "MatchRun", 201, post_match_run});
  r.push_back({"GET", "/api/v1/match-runs", "The latest runs of the matching engine", true, {}, "", "MatchRunList", 200,
               get_match_runs});
  r.push_back({"GET", "/api/v1/matches", "Matches whose two nominals the caller reads (the review queue by default)", true,
               {{"status", "string", "review (default) | linked | confirmed | rejected | separated"},
                {"limit", "integer", "1-200, default 50"},
                {"offset", "integer", "0-1000000, default 0"}},
               "", "MatchPage", 200, get_matches});
  r.push_back({"GET", "/api/v1/matches/{id}", "A match, both nominals and the engine's explanation", true, {}, "", "MatchView",
               200, get_match});
  r.push_back({"POST", "/api/v1/matches/{id}/decision", "Confirm, reject or separate (undo a join)", true, {}, "MatchDecision",
               "Match", 200, post_match_decision});
  r.push_back({"GET", "/api/v1/match-exclusions", "Values ruled out as evidence for matching (a custody suite's address)", true,
               {}, "", "MatchExclusionList", 200, get_exclusions});
  r.push_back({"POST", "/api/v1/match-exclusions", "Rule a value out as evidence (administrators); counts from the next run",
               true, {}, "MatchExclusionDraft", "MatchExclusion", 201, post_exclusion});
  r.push_back({"DELETE", "/api/v1/match-exclusions/{id}", "Take a value off the exclusion list (administrators)", true, {}, "",
               "", 204, delete_exclusion});
  r.push_back({"GET", "/api/v1/nominals/{id}/known-elsewhere",
               "Nominals recording the same person: shown where the caller may read them, signalled where the holder allows",
               true, {}, "", "KnownElsewhere", 200, get_known_elsewhere});
  r.push_back({"POST", "/api/v1/nominals/lookup", "Nominals like a person described (before recording one)", true, {},
               "PersonLookup", "KnownElsewhere", 200, post_lookup});
}

void add_linkage_schemas(nlohmann::json& s) {
  auto ref = [](const std::string& n) { return json{{"$ref", "#/components/schemas/" + n}}; };
  const json str{{"type", "string"}}, integer{{"type", "integer"}}, number{{"type", "number"}};
  s["MatchRun"] = {{"type", "object"},
                   {"properties", {{"id", integer}, {"started_at", str}, {"finished_at", str}, {"nominals", integer},
                                   {"candidate_pairs", integer}, {"linked", integer}, {"review", integer},
                                   {"kept_decisions", integer}, {"withdrawn", integer}}}};
  s["MatchRunList"] = {{"type", "array"}, {"items", ref("MatchRun")}};
  s["Match"] = {{"type", "object"},
                {"properties", {{"id", integer}, {"nominal_a", integer}, {"nominal_b", integer},
                                {"status", {{"type", "string"}, {"enum", {"review", "linked", "confirmed", "rejected", "separated"}}}},
                                {"probability", number}, {"weight", number}, {"found_by", str}, {"version", integer},
                                {"decision_note", str}}}};
  s["MatchView"] = {{"allOf", json::array({ref("Match")})},
                    {"properties", {{"a", ref("Nominal")}, {"b", ref("Nominal")}, {"explanation", {{"type", "object"}}}}}};
  s["MatchPage"] = {{"type", "object"},
                    {"properties", {{"items", {{"type", "array"}, {"items", ref("MatchView")}}}, {"total", integer}}}};
  s["MatchDecision"] = {{"type", "object"},
                        {"properties", {{"decision", {{"type", "string"}, {"enum", {"confirm", "reject", "separate"}}}},
                                        {"note", str}, {"version", integer}}},
                        {"required", {"decision", "version"}},
                        {"additionalProperties", false}};
  const json fields{{"type", "string"}, {"enum", {"given_name", "surname", "dob", "sex", "address", "postcode"}}};
  s["MatchExclusionDraft"] = {{"type", "object"},
                              {"properties", {{"field", fields}, {"value", str}, {"reason", str}}},
                              {"required", {"field", "value", "reason"}},
                              {"additionalProperties", false}};
  s["MatchExclusion"] = {{"type", "object"},
                         {"properties", {{"id", integer}, {"field", fields}, {"value", str}, {"reason", str},
                                         {"added_by", integer}, {"added_at", str}}}};
  s["MatchExclusionList"] = {{"type", "array"}, {"items", ref("MatchExclusion")}};
  s["KnownElsewhere"] = {{"type", "object"},
                         {"properties", {{"shown", {{"type", "array"}}}, {"signalled", {{"type", "array"}, {"items", ref("Signal")}}}}}};
  s["PersonLookup"] = {{"type", "object"},
                       {"properties", {{"given_names", str}, {"surname", str}, {"date_of_birth", str}, {"sex", str},
                                       {"address", str}, {"postcode", str}, {"limit", integer}}},
                       {"additionalProperties", false}};
}

}  // namespace rocta::api
