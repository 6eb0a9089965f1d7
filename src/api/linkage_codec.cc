#include "api/linkage_codec.h"

namespace rocta::json_codec {

json to_json(const MatchExplanation& e) {
  json fields = json::array();
  for (const auto& f : e.fields)
    fields.push_back({{"field", f.field}, {"a", f.value_a}, {"b", f.value_b}, {"outcome", f.outcome}, {"weight", f.weight}});
  return {{"prior_weight", e.prior_weight}, {"weight", e.weight}, {"probability", e.probability}, {"fields", fields}};
}

json to_json(const NominalMatch& m) {
  return {{"id", m.id},
          {"nominal_a", m.nominal_a},
          {"nominal_b", m.nominal_b},
          {"status", to_string(m.status)},
          {"probability", m.probability},
          {"weight", m.weight},
          {"found_by", m.found_by},
          {"run_id", m.run_id ? json(m.run_id) : json(nullptr)},
          {"found_at", iso_timestamp(m.found_ms)},
          {"decided_by", m.decided_by ? json(m.decided_by) : json(nullptr)},
          {"decided_at", m.decided_ms ? json(iso_timestamp(m.decided_ms)) : json(nullptr)},
          {"decision_note", m.decision_note},
          {"version", m.version}};
}

json to_json(const MatchView& v) {
  json j = to_json(v.match);
  j["a"] = to_json(v.a);
  j["b"] = to_json(v.b);
  j["explanation"] = to_json(v.explanation);
  return j;
}

json to_json(const MatchRun& r) {
  return {{"id", r.id},
          {"started_at", iso_timestamp(r.started_ms)},
          {"finished_at", iso_timestamp(r.finished_ms)},
          {"by", r.by_user ? json(r.by_user) : json(nullptr)},
          {"nominals", r.nominals},
          {"candidate_pairs", r.candidate_pairs},
          {"linked", r.linked},
          {"review", r.review},
          {"kept_decisions", r.kept_decisions},
          {"withdrawn", r.withdrawn}};
}

json to_json(const KnownElsewhere& k) {
  json shown = json::array(), signalled = json::array();
  for (const auto& s : k.shown)
    shown.push_back({{"nominal", to_json(s.nominal)},
                     {"match_id", s.match_id ? json(s.match_id) : json(nullptr)},
                     {"status", to_string(s.status)},
                     {"probability", s.probability},
                     {"same_person", s.same_person}});
  for (const auto& s : k.signalled) signalled.push_back(to_json(s));
  return {{"shown", shown}, {"signalled", signalled}};
}

json to_json(const MatchExclusion& e) {
  return {{"id", e.id}, {"field", e.field}, {"value", e.value}, {"reason", e.reason}, {"added_by", e.added_by},
          {"added_at", iso_timestamp(e.added_ms)}};
}

}  // namespace rocta::json_codec
