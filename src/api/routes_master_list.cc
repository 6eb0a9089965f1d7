// Routes of the SOC master list: nominations, the queue, MoRiLE assessments, moderation,
// the master list and each agency's priorities. Parse, call one app/ function, render.
#include "api/handler.h"
#include "api/openapi.h"
#include "app/master_list.h"
#include "app/records.h"
#include "core/text.h"
#include "store/marked_repository.h"
#include "store/master_list_repository.h"

namespace rocta::api {
namespace {

Result<HttpResponse> get_models(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto models, list_morile_models(c.app, c.caller));
  json out = json::array();
  for (const auto& m : models) out.push_back(jc::to_json(m));
  return json_response(200, out);
}

Result<HttpResponse> post_model(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(auto stored, load_morile_model(c.app, c.caller, body.dump()));
  return ok(stored, 201);
}

Result<HttpResponse> post_nomination(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  NominationDraft d;
  for (auto it = body.begin(); it != body.end(); ++it)
    if (it.key() != "threat" && it.key() != "rationale" && it.key() != "provisional_priority" && it.key() != "evidence")
      return invalid("unknown field '" + it.key() + "'", it.key());
  if (!body.contains("threat")) return invalid("field 'threat' is required", "threat");
  ROCTA_RETURN_IF_ERROR(jc::apply(body["threat"], d.threat, false));
  if (!body.contains("rationale") || !body["rationale"].is_string()) return invalid("field 'rationale' is a required string", "rationale");
  d.rationale = body["rationale"];
  if (body.contains("provisional_priority")) {
    if (!body["provisional_priority"].is_number_integer()) return invalid("field 'provisional_priority' is 1 to 4", "provisional_priority");
    d.provisional_priority = body["provisional_priority"];
  }
  if (body.contains("evidence")) {
    if (!body["evidence"].is_array() || body["evidence"].size() > 100) return invalid("field 'evidence' is a list of {kind, id}", "evidence");
    for (const auto& e : body["evidence"]) {
      Link probe;
      json as_link{{"from", e}, {"to", {{"kind", "threat"}, {"id", 1}}}, {"relation", "evidence"}};
      ROCTA_RETURN_IF_ERROR(jc::read_link(as_link, probe));
      d.evidence.push_back(probe.from);
    }
  }
  ROCTA_ASSIGN_OR_RETURN(auto view, nominate_threat(c.app, c.caller, std::move(d)));
  return json_response(201, jc::to_json(view));
}

Result<HttpResponse> get_nominations(Ctx& c) {
  NominationQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.page, c.page());
  q.agency = c.str("agency");
  if (auto s = c.str("status"); !s.empty()) {
    for (auto st : {NominationStatus::kAwaitingAssessment, NominationStatus::kAssessed, NominationStatus::kMerged, NominationStatus::kRejected})
      if (to_string(st) == s) q.status = st;
    if (!q.status) return invalid("parameter 'status' is one of: awaiting assessment, assessed, merged, rejected", "status");
  }
  ROCTA_ASSIGN_OR_RETURN(auto page, list_nominations(c.app, c.caller, q));
  return json_response(200, page_json(page, q.page));
}

Result<HttpResponse> get_queue_figures(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto figures, nomination_queue_figures(c.app, c.caller));
  return ok(figures);
}

Result<HttpResponse> post_decision(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  for (auto it = body.begin(); it != body.end(); ++it)
    if (it.key() != "outcome" && it.key() != "reason" && it.key() != "merged_into") return invalid("unknown field '" + it.key() + "'", it.key());
  const std::string outcome = body.value("outcome", "");
  NominationStatus st;
  if (outcome == "rejected") st = NominationStatus::kRejected;
  else if (outcome == "merged") st = NominationStatus::kMerged;
  else return invalid("field 'outcome' is 'rejected' or 'merged'", "outcome");
  if (body.contains("reason") && !body["reason"].is_string()) return invalid("field 'reason' is a string", "reason");
  if (body.contains("merged_into") && !body["merged_into"].is_number_integer()) return invalid("field 'merged_into' is a threat id", "merged_into");
  ROCTA_ASSIGN_OR_RETURN(auto n, decide_nomination(c.app, c.caller, id, st, body.value("reason", ""), body.value("merged_into", int64_t{0})));
  return ok(n);
}

// An assessment's body, read against the newest model (which scores it).
struct ScoredDraft {
  MorileModel model;
  AssessmentDraft draft;
};
Result<ScoredDraft> read_draft(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  ROCTA_ASSIGN_OR_RETURN(auto models, list_morile_models(c.app, c.caller));
  if (models.empty()) return Status(Code::kFailedPrecondition, "no MoRiLE model is loaded");
  ScoredDraft out;
  ROCTA_ASSIGN_OR_RETURN(out.model, parse_morile_model(models.back().definition));
  ROCTA_RETURN_IF_ERROR(jc::read_assessment(body, out.model, out.draft));
  return out;
}

Result<HttpResponse> post_assessment(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(ScoredDraft d, read_draft(c));
  ROCTA_ASSIGN_OR_RETURN(auto a, assess_threat(c.app, c.caller, id, d.draft));
  return ok(a, 201);
}

// The form's live score: the same parsing, model and rule (core score()) as an assessment,
// nothing recorded and nothing read but the model, which every user may read already.
Result<HttpResponse> post_score_preview(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(ScoredDraft d, read_draft(c));
  MorileAssessment scored;
  ROCTA_ASSIGN_OR_RETURN(scored.score, score(d.model, d.draft.factors));
  scored.model_version = d.model.version;
  const json j = jc::to_json(scored);  // the score as an assessment writes it
  return json_response(200, {{"model_version", d.model.version}, {"score", j["score"]}, {"tier", scored.score.tier}});
}

Result<HttpResponse> get_assessments(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(auto history, assessment_history(c.app, c.caller, id));
  json out = json::array();
  for (const auto& a : history) out.push_back(jc::to_json(a));
  return json_response(200, out);
}

Result<HttpResponse> get_moderation_queue(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(PageRequest p, c.page());
  ROCTA_ASSIGN_OR_RETURN(auto page, moderation_queue(c.app, c.caller, p));
  return json_response(200, page_json(page, p));
}

Result<HttpResponse> post_moderation(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(int64_t id, c.path_id());
  ROCTA_ASSIGN_OR_RETURN(json body, c.body());
  for (auto it = body.begin(); it != body.end(); ++it)
    if (it.key() != "approve" && it.key() != "note" && it.key() != "tier" && it.key() != "without_siu_reply")
      return invalid("unknown field '" + it.key() + "'", it.key());
  if (!body.contains("approve") || !body["approve"].is_boolean()) return invalid("field 'approve' is true or false", "approve");
  if (body.contains("note") && !body["note"].is_string()) return invalid("field 'note' is a string", "note");
  if (body.contains("without_siu_reply") && !body["without_siu_reply"].is_string())
    return invalid("field 'without_siu_reply' is a string", "without_siu_reply");
  std::optional<int> tier;
  if (body.contains("tier") && !body["tier"].is_null()) {
    if (!body["tier"].is_number_integer()) return invalid("field 'tier' is 1 to 5", "tier");
    tier = body["tier"].get<int>();
  }
  ROCTA_ASSIGN_OR_RETURN(auto a, moderate_assessment(c.app, c.caller, id, body["approve"], body.value("note", ""), tier,
                                                      body.value("without_siu_reply", "")));
  return ok(a);
}

Result<HttpResponse> get_siu_checks(Ctx& c) {
  ROCTA_ASSIGN_OR_RETURN(auto checks, siu_assessment_checks(c.app, c.caller));
  json out = json::array();
  for (const auto& a : checks) out.push_back(jc::to_json(a));
  return json_response(200, out);
}

Result<HttpResponse> get_master_list(Ctx& c) {
  ThreatQuery q;
  ROCTA_ASSIGN_OR_RETURN(q.page, c.page());
  MasterListFilter f;
  for (auto [name, member] : {std::pair{"tactical_only", &MasterListFilter::tactical_only},
                              std::pair{"moderated_only", &MasterListFilter::moderated_only},
                              std::pair{"soc_only", &MasterListFilter::soc_only},
                              std::pair{"exclude_tier_5", &MasterListFilter::exclude_tier_5},
                              std::pair{"exclude_closed", &MasterListFilter::exclude_closed}}) {
    ROCTA_ASSIGN_OR_RETURN(auto v, c.boolean(name));
    if (v) f.*member = *v;
  }
  q.master_list = f;
  q.owning_region = c.str("region");
  q.relevant_to = c.str("agency");
  q.crime_type = c.str("crime_type");
  ROCTA_ASSIGN_OR_RETURN(auto overdue, c.boolean("overdue"));
  if (overdue.value_or(false)) q.overdue_on = iso_date(c.app.clock.now_ms());
  ROCTA_ASSIGN_OR_RETURN(auto page, list_threats(c.app, c.caller, q));
  return json_response(200, page_json(page, q.page));
}

}  // namespace

void add_master_list_routes(std::vector<RouteSpec>& r) {
  const std::vector<QueryParam> paging{{"limit", "integer", "1-200, default 50"}, {"offset", "integer", "0-1000000, default 0"}};
  auto with_paging = [&](std::vector<QueryParam> p) {
    p.insert(p.end(), paging.begin(), paging.end());
    return p;
  };
  r.push_back({"GET", "/api/v1/morile/models", "MoRiLE models loaded, oldest first (the newest scores new assessments)", true, {}, "", "MorileModelList", 200, get_models});
  r.push_back({"POST", "/api/v1/morile/models", "Load a new MoRiLE model version (administrators)", true, {}, "MorileModel", "StoredMorileModel", 201, post_model});
  r.push_back({"POST", "/api/v1/nominations", "Nominate a threat (any unit's analyst), with evidence", true, {}, "NominationDraft", "Nomination", 201, post_nomination});
  r.push_back({"GET", "/api/v1/nominations", "Nominations the caller may see: the assessment queue", true,
               with_paging({{"status", "string", "awaiting assessment | assessed | merged | rejected"}, {"agency", "string", "nominating agency"}}),
               "", "NominationPage", 200, get_nominations});
  r.push_back({"GET", "/api/v1/nominations/figures", "The backlog: count, oldest and median wait (days), by unit", true, {}, "", "QueueFigures", 200, get_queue_figures});
  r.push_back({"POST", "/api/v1/nominations/{id}/decision", "Reject a nomination or merge it into a threat, with the reason (assessors)", true, {}, "NominationDecision", "Nomination", 200, post_decision});
  r.push_back({"POST", "/api/v1/morile/score", "The score and tier of these factors with the newest model, recording nothing (the assessment form's live preview)", true, {}, "AssessmentDraft", "", 200, post_score_preview});
  r.push_back({"POST", "/api/v1/threats/{id}/assessments", "Assess a threat with MoRiLE (assessors); checks SIU compartments", true, {}, "AssessmentDraft", "Assessment", 201, post_assessment});
  r.push_back({"GET", "/api/v1/threats/{id}/assessments", "A threat's assessments, every version", true, {}, "", "AssessmentList", 200, get_assessments});
  r.push_back({"GET", "/api/v1/assessments/awaiting-moderation", "Assessments waiting for a moderator", true, paging, "", "AssessmentPage", 200, get_moderation_queue});
  r.push_back({"POST", "/api/v1/assessments/{id}/moderation", "Approve (optionally adjusting the tier, with rationale) or return with a reason; not the assessor. Approving waits for the SIU check's replies, or takes without_siu_reply: why it goes ahead without them", true, {}, "ModerationDecision", "Assessment", 200, post_moderation});
  r.push_back({"GET", "/api/v1/siu/assessment-checks", "For SIU officers: assessments waiting on their advice", true, {}, "", "AssessmentList", 200, get_siu_checks});
  r.push_back({"GET", "/api/v1/master-list", "The master list: Appendix 2's filter by default, in score order", true,
               with_paging({{"region", "string", "regional view: owners in this region"},
                            {"agency", "string", "an agency's priorities: owned by it or shared with it by name"},
                            {"crime_type", "string", "primary crime type"}, {"overdue", "boolean", "reassessment overdue"},
                            {"tactical_only", "boolean", "default true"}, {"moderated_only", "boolean", "default true"},
                            {"soc_only", "boolean", "default true"}, {"exclude_tier_5", "boolean", "default true"},
                            {"exclude_closed", "boolean", "default true"}}),
               "", "ThreatPage", 200, get_master_list});
}

}  // namespace rocta::api
