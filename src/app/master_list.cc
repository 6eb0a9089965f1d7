#include "app/master_list.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/capability.h"
#include "app/records.h"
#include "core/siu_check.h"
#include "core/text.h"
#include "store/siu_check_repository.h"
#include "store/marked_repository.h"
#include "store/master_list_repository.h"
#include "store/repository_transaction.h"
#include "store/page.h"

namespace rocta {
namespace {

using nlohmann::json;

// `who` names the role as people say it ("MoRiLE assessors").
Status need_role(const Caller& c, Role r, const std::string& who, const std::string& what) {
  if (c.system || c.user.has(r)) return Status::ok();
  return denied("only " + who + " " + what);
}

Result<MorileModel> newest_model(Transaction& tx) {
  ROCTA_ASSIGN_OR_RETURN(auto models, tx.master_list().models());
  if (models.empty()) return Status(Code::kFailedPrecondition, "no MoRiLE model is loaded");
  return parse_morile_model(models.back().definition);
}

// Writes the threat's fields that follow from an assessment, bumping its version.
Status save_threat(Transaction& tx, const App& app, Threat& t) {
  ++t.version;
  t.updated_at = iso_timestamp(app.clock.now_ms());
  return tx.threats().update(t);
}

json choices_json(const std::vector<MorileChoice>& v) {
  json out = json::array();
  for (const auto& c : v) out.push_back({{"name", c.name}, {"multiplier", static_cast<double>(c.hundredths) / 100}});
  return out;
}

}  // namespace

Result<MorileModel> parse_morile_model(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return invalid("a MoRiLE model is a JSON object");
  MorileModel m;
  try {
    m.version = j.at("version").get<int>();
    m.name = j.value("name", "");
    m.harm_elements = j.at("harm_elements").get<std::vector<std::string>>();
    m.harm_max = j.at("harm_max").get<int>();
    for (auto [key, list] : {std::pair{"scopes", &m.scopes}, std::pair{"vulnerabilities", &m.vulnerabilities}}) {
      list->clear();
      for (const auto& c : j.at(key)) {
        const double mult = c.at("multiplier").get<double>();
        const auto h = std::llround(mult * 100);
        if (std::fabs(mult * 100 - static_cast<double>(h)) > 1e-6)
          return invalid(std::string(key) + ": multipliers are given to at most two decimals", key);
        list->push_back({c.at("name").get<std::string>(), h});
      }
    }
    m.likelihoods = j.at("likelihoods").get<std::vector<std::string>>();
    m.org_elements = j.at("org_elements").get<std::vector<std::string>>();
    m.org_max = j.at("org_max").get<int>();
    m.tier_floors = j.at("tier_floors").get<std::vector<double>>();
    m.reassess_after_days = j.value("reassess_after_days", 90);
  } catch (const json::exception& e) {
    return invalid(std::string("the MoRiLE model is missing a field or has a wrong type: ") + e.what());
  }
  ROCTA_RETURN_IF_ERROR(validate_morile_model(m));
  return m;
}

std::string morile_model_json(const MorileModel& m) {
  return json{{"version", m.version}, {"name", m.name}, {"harm_elements", m.harm_elements}, {"harm_max", m.harm_max},
              {"scopes", choices_json(m.scopes)}, {"vulnerabilities", choices_json(m.vulnerabilities)},
              {"likelihoods", m.likelihoods}, {"org_elements", m.org_elements}, {"org_max", m.org_max},
              {"tier_floors", m.tier_floors}, {"reassess_after_days", m.reassess_after_days}}
      .dump(2);
}

Status ensure_default_morile_model(Transaction& tx, const App& app) {
  ROCTA_ASSIGN_OR_RETURN(auto models, tx.master_list().models());
  if (!models.empty()) return Status::ok();
  const MorileModel& m = default_morile_model();
  return tx.master_list().insert_model({m.version, m.name, morile_model_json(m), iso_timestamp(app.clock.now_ms()), 0});
}

Result<std::vector<StoredModel>> list_morile_models(App& app, const Caller& caller) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->master_list().models();
}

Result<StoredModel> load_morile_model(App& app, const Caller& caller, const std::string& json_text) {
  ROCTA_RETURN_IF_ERROR(need_role(caller, Role::kAdministrator, "administrators", "load MoRiLE models"));
  ROCTA_ASSIGN_OR_RETURN(MorileModel m, parse_morile_model(json_text));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto models, tx->master_list().models());
  if (!models.empty() && m.version <= models.back().version)
    return invalid("model version " + std::to_string(m.version) + " is not newer than the loaded version " +
                       std::to_string(models.back().version), "version");
  StoredModel stored{m.version, m.name, json_text, iso_timestamp(app.clock.now_ms()), caller.user.id};
  ROCTA_RETURN_IF_ERROR(tx->master_list().insert_model(stored));
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"morile.model.load", "", 0, json{{"version", m.version}, {"name", m.name}}.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return stored;
}

Result<NominationView> nominate_threat(App& app, const Caller& caller, NominationDraft draft) {
  Threat& t = draft.threat;
  // What assessment decides is not the nominator's to set.
  t.moderation = ModerationStatus::kUnmoderated;
  t.tier.reset();
  t.morile_score.reset();
  t.assessment_date.clear();
  t.reassess_by.clear();
  Nomination n;
  n.unit_id = caller.user.unit_id;
  n.agency = caller.user.agency;
  n.nominated_by = caller.user.id;
  n.nominated_at_ms = app.clock.now_ms();
  n.provisional_priority = draft.provisional_priority;
  n.rationale = draft.rationale;
  ROCTA_RETURN_IF_ERROR(validate_nomination(n));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Threat created, create_threat_in(*tx, app, caller, t));
  n.threat_id = created.id;
  ROCTA_ASSIGN_OR_RETURN(n.id, tx->master_list().insert_nomination(n));
  for (const RecordRef& e : draft.evidence) {
    Link l;
    l.from = e;
    l.to = {RecordKind::kThreat, created.id};
    l.relation = "evidence";
    l.source = "nomination " + std::to_string(n.id);
    ROCTA_RETURN_IF_ERROR(status_of(link_records_in(*tx, app, caller, l)));
  }
  json detail{{"threat", created.reference}, {"provisional_priority", n.provisional_priority}, {"evidence", draft.evidence.size()}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"nomination.create", "nomination", n.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return NominationView{n, created};
}

Result<Page<NominationView>> list_nominations(App& app, const Caller& caller, const NominationQuery& query) {
  ROCTA_RETURN_IF_ERROR(validate_page(query.page));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto page, tx->master_list().nominations(read_scope(caller.user), query));
  Page<NominationView> out;
  out.total = page.total;
  for (auto& n : page.items) {
    ROCTA_ASSIGN_OR_RETURN(Threat t, readable_threat_in(*tx, caller, n.threat_id));
    out.items.push_back({std::move(n), std::move(t)});
  }
  return out;
}

Result<QueueStats> nomination_queue_figures(App& app, const Caller& caller) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto waiting, tx->master_list().waiting(read_scope(caller.user)));
  return queue_stats(waiting, app.clock.now_ms());
}

Result<Nomination> decide_nomination(App& app, const Caller& caller, int64_t nomination_id, NominationStatus outcome,
                                     const std::string& reason, int64_t merged_into) {
  ROCTA_RETURN_IF_ERROR(need_role(caller, Role::kAssessor, "MoRiLE assessors", "reject or merge nominations"));
  if (outcome == NominationStatus::kAssessed)
    return invalid("a nomination is closed as assessed by assessing its threat", "outcome");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Nomination n, tx->master_list().nomination(nomination_id, read_scope(caller.user)));
  if (outcome == NominationStatus::kMerged) {
    if (merged_into <= 0) return invalid("name the threat the nomination merges into", "merged_into");
    ROCTA_RETURN_IF_ERROR(status_of(readable_threat_in(*tx, caller, merged_into)));
  }
  ROCTA_RETURN_IF_ERROR(close_nomination(n, outcome, reason, merged_into, caller.user.id, app.clock.now_ms()));
  ROCTA_RETURN_IF_ERROR(tx->master_list().update_nomination(n));
  json detail{{"outcome", to_string(outcome)}, {"reason", n.outcome_reason}, {"merged_into", n.merged_into}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"nomination.decide", "nomination", n.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return n;
}

Result<MorileAssessment> assess_threat(App& app, const Caller& caller, int64_t threat_id, const AssessmentDraft& draft) {
  if (!caller.system && !may_assess(caller.user)) return denied("only MoRiLE assessors assess threats");
  ROCTA_RETURN_IF_ERROR(validate_assessment_rationale(draft.rationale));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(Threat t, readable_threat_in(*tx, caller, threat_id));
  if (t.is_closed()) return Status(Code::kFailedPrecondition, "the threat is closed; reopen it before assessing");
  ROCTA_ASSIGN_OR_RETURN(MorileModel model, newest_model(*tx));
  MorileFactors factors = draft.factors;
  // Where the model says so, the owner's capacity is scored from its capability records, not
  // typed in: Rocta reads the figures itself (the assessor need not read capability).
  if (const int i = capacity_element_index(model); i >= 0 && static_cast<size_t>(i) < factors.org.size()) {
    ROCTA_ASSIGN_OR_RETURN(factors.org[static_cast<size_t>(i)],
                           capacity_org_score_in(*tx, system_caller(), t.marking.owning_agency, model.org_max,
                                                 iso_date(app.clock.now_ms())));
  }
  MorileAssessment a;
  ROCTA_ASSIGN_OR_RETURN(a.score, score(model, factors));
  ROCTA_ASSIGN_OR_RETURN(auto history, tx->master_list().assessments_of(threat_id));
  if (!history.empty() && history.back().status == AssessmentStatus::kAwaitingModeration)
    return Status(Code::kFailedPrecondition, "version " + std::to_string(history.back().version) +
                                                 " of this threat's assessment still awaits moderation");
  a.threat_id = threat_id;
  a.version = history.empty() ? 1 : history.back().version + 1;
  a.model_version = model.version;
  a.factors = factors;
  a.type = draft.type;
  a.rationale = trim(draft.rationale);
  a.assessor_id = caller.user.id;
  a.assessed_at_ms = app.clock.now_ms();
  a.reassess_by = reassessment_date(a.assessed_at_ms, model.reassess_after_days);
  // The SIU check: material in any compartment around the threat. Only names are kept.
  ROCTA_ASSIGN_OR_RETURN(a.siu_compartments, tx->master_list().compartments_near(threat_id));
  a.siu_signal = !a.siu_compartments.empty();
  ROCTA_ASSIGN_OR_RETURN(a.id, tx->master_list().insert_assessment(a));
  t.morile_score = a.score.priority;
  t.tier = a.score.tier;
  t.assessment_type = a.type;
  t.moderation = ModerationStatus::kAwaitingModeration;
  t.assessment_date = iso_date(a.assessed_at_ms);
  t.reassess_by = a.reassess_by;
  ROCTA_RETURN_IF_ERROR(save_threat(*tx, app, t));
  ROCTA_ASSIGN_OR_RETURN(auto waiting, tx->master_list().waiting(read_scope(caller.user)));
  for (auto& n : waiting) {
    if (n.threat_id != threat_id) continue;
    ROCTA_RETURN_IF_ERROR(close_nomination(n, NominationStatus::kAssessed, "", 0, caller.user.id, a.assessed_at_ms));
    ROCTA_RETURN_IF_ERROR(tx->master_list().update_nomination(n));
  }
  json detail{{"threat", t.reference}, {"version", a.version}, {"model_version", a.model_version},
              {"priority", a.score.priority}, {"tier", a.score.tier}, {"siu_signal", a.siu_signal}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"assessment.create", "threat", threat_id, detail.dump()}));
  if (a.siu_signal) {
    // Tells the SIUs holding the material that an assessment waits on their advice.
    json notice{{"assessment", a.id}, {"compartments", a.siu_compartments}};
    ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"siu.consult", "threat", threat_id, notice.dump()}));
  }
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return a;
}

Result<MorileAssessment> moderate_assessment(App& app, const Caller& caller, int64_t assessment_id, bool approve,
                                             const std::string& note, std::optional<int> adjusted_tier,
                                             const std::string& without_siu_reply) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(MorileAssessment a, tx->master_list().assessment(assessment_id, read_scope(caller.user)));
  ROCTA_ASSIGN_OR_RETURN(Threat t, readable_threat_in(*tx, caller, a.threat_id));
  ROCTA_RETURN_IF_ERROR(check_moderation(caller.user, a));
  ROCTA_ASSIGN_OR_RETURN(auto replies, tx->siu_checks().replies_of(a.id));
  ROCTA_RETURN_IF_ERROR(check_siu_before_moderation(a, replies, approve, without_siu_reply));
  const auto silent = unanswered_compartments(a, replies);
  ROCTA_RETURN_IF_ERROR(moderate(a, caller.user, approve, note, adjusted_tier, app.clock.now_ms()));
  ROCTA_RETURN_IF_ERROR(tx->master_list().update_assessment(a));
  if (approve && !silent.empty()) {
    SiuWaiver w{a.id, trim(without_siu_reply), silent, caller.user.id, a.moderated_at_ms};
    ROCTA_RETURN_IF_ERROR(tx->siu_checks().insert_waiver(w));
    json waiver{{"assessment", a.id}, {"reason", w.reason}, {"unanswered", silent}};
    ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"assessment.moderate.without_siu_reply", "threat", t.id, waiver.dump()}));
  }
  t.moderation = approve ? ModerationStatus::kModerated : ModerationStatus::kUnmoderated;
  t.tier = effective_tier(a);
  ROCTA_RETURN_IF_ERROR(save_threat(*tx, app, t));
  json detail{{"threat", t.reference}, {"approved", approve}, {"note", a.moderation_note}, {"tier", t.tier.value_or(0)}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"assessment.moderate", "threat", t.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return a;
}

Result<std::vector<MorileAssessment>> assessment_history(App& app, const Caller& caller, int64_t threat_id) {
  std::vector<MorileAssessment> history;
  Marking marking;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(Threat t, readable_threat_in(*tx, caller, threat_id));
    marking = t.marking;
    // Reading a threat's assessments is reading the threat: same purpose, same audit.
    if (read_needs_purpose(marking) && caller.purpose.empty())
      return Status(Code::kFailedPrecondition, "this threat is " + marking.label() + ": give the purpose for opening it",
                    "purpose-required");
    ROCTA_ASSIGN_OR_RETURN(history, tx->master_list().assessments_of(threat_id));
  }
  if (read_is_audited(marking))
    ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"assessment.read", "threat", threat_id, "{}"}));
  return history;
}

Result<Page<MorileAssessment>> moderation_queue(App& app, const Caller& caller, const PageRequest& page) {
  ROCTA_RETURN_IF_ERROR(validate_page(page));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->master_list().awaiting_moderation(read_scope(caller.user), page);
}

Result<std::vector<MorileAssessment>> siu_assessment_checks(App& app, const Caller& caller) {
  ROCTA_RETURN_IF_ERROR(need_role(caller, Role::kSiuOfficer, "SIU officers", "see SIU consultation requests"));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto page, tx->master_list().awaiting_moderation(read_scope(caller.user), {200, 0}));
  std::vector<MorileAssessment> out;
  for (auto& a : page.items)
    if (std::any_of(a.siu_compartments.begin(), a.siu_compartments.end(), [&](const std::string& c) { return caller.user.holds(c); }))
      out.push_back(std::move(a));
  return out;
}

}  // namespace rocta
