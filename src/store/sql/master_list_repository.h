// The master-list repository (MoRiLE models, nominations, versioned assessments) in SQL,
// written once for every SQL adapter; see repositories.h for what a Dialect supplies.
// Nominations and assessments are read through their threat, under the threat's policy.
#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "store/master_list_repository.h"
#include "store/page.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

namespace master_list_detail {

inline std::string ints(const std::vector<int>& v) {
  std::string out;
  for (int x : v) out += (out.empty() ? "" : ",") + std::to_string(x);
  return out;
}

inline std::vector<int> parse_ints(const std::string& s) {
  std::vector<int> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(std::stoi(item));
  return out;
}

// Factors as one line: "harm|scope|vulnerability|likelihood|org|confidence". No part can
// hold '|': names come from the model, the rest are numbers.
inline std::string encode(const MorileFactors& f) {
  return ints(f.harm) + "|" + f.scope + "|" + f.vulnerability + "|" + f.likelihood + "|" + ints(f.org) + "|" +
         std::string(to_string(f.confidence));
}

inline MorileFactors decode(const std::string& s) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, '|');) parts.push_back(item);
  parts.resize(6);
  return {parse_ints(parts[0]), parts[1], parts[2], parts[3], parse_ints(parts[4]),
          parse_confidence(parts[5]).value_or(Confidence::kMedium)};
}

inline std::optional<NominationStatus> parse_nomination_status(const std::string& s) {
  for (auto st : {NominationStatus::kAwaitingAssessment, NominationStatus::kAssessed, NominationStatus::kMerged,
                  NominationStatus::kRejected})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

inline std::optional<AssessmentStatus> parse_assessment_status(const std::string& s) {
  for (auto st : {AssessmentStatus::kAwaitingModeration, AssessmentStatus::kModerated, AssessmentStatus::kReturned})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

constexpr const char* kNominationCols =
    "n.id, n.threat_id, n.unit_id, n.agency, n.nominated_by, n.nominated_at_ms, n.provisional_priority, n.rationale, "
    "n.status, n.outcome_reason, n.merged_into, n.decided_by, n.decided_at_ms";
constexpr const char* kAssessmentCols =
    "a.id, a.threat_id, a.version, a.model_version, a.factors, a.base_harm, a.total_harm, a.likelihood_score, a.risk, "
    "a.org_position, a.priority, a.tier, a.assessment_type, a.assessor_id, a.assessed_at_ms, a.reassess_by, a.siu_signal, "
    "a.status, a.moderator_id, a.moderated_at_ms, a.moderation_note, a.moderated_tier, a.siu_compartments, a.rationale";
constexpr const char* kAssessmentSet =
    "threat_id = ?, version = ?, model_version = ?, factors = ?, base_harm = ?, total_harm = ?, likelihood_score = ?, "
    "risk = ?, org_position = ?, priority = ?, tier = ?, assessment_type = ?, assessor_id = ?, assessed_at_ms = ?, "
    "reassess_by = ?, siu_signal = ?, status = ?, moderator_id = ?, moderated_at_ms = ?, moderation_note = ?, "
    "moderated_tier = ?, siu_compartments = ?, rationale = ?";
constexpr const char* kNominationSet =
    "threat_id = ?, unit_id = ?, agency = ?, nominated_by = ?, nominated_at_ms = ?, provisional_priority = ?, "
    "rationale = ?, status = ?, outcome_reason = ?, merged_into = ?, decided_by = ?, decided_at_ms = ?";

template <typename Row>
Nomination read_nomination(const Row& st) {
  Nomination n;
  n.id = st.int_at(0);
  n.threat_id = st.int_at(1);
  n.unit_id = st.int_at(2);
  n.agency = st.text_at(3);
  n.nominated_by = st.int_at(4);
  n.nominated_at_ms = st.int_at(5);
  n.provisional_priority = static_cast<int>(st.int_at(6));
  n.rationale = st.text_at(7);
  n.status = parse_nomination_status(st.text_at(8)).value_or(NominationStatus::kAwaitingAssessment);
  n.outcome_reason = st.text_at(9);
  n.merged_into = st.int_at(10);
  n.decided_by = st.int_at(11);
  n.decided_at_ms = st.int_at(12);
  return n;
}

template <typename Row>
MorileAssessment read_assessment(const Row& st) {
  MorileAssessment a;
  a.id = st.int_at(0);
  a.threat_id = st.int_at(1);
  a.version = static_cast<int>(st.int_at(2));
  a.model_version = static_cast<int>(st.int_at(3));
  a.factors = decode(st.text_at(4));
  a.score.base_harm = static_cast<int>(st.int_at(5));
  a.score.total_harm = st.real_at(6);
  a.score.likelihood_score = static_cast<int>(st.int_at(7));
  a.score.risk = st.real_at(8);
  a.score.org_position = static_cast<int>(st.int_at(9));
  a.score.priority = st.real_at(10);
  a.score.tier = static_cast<int>(st.int_at(11));
  a.type = parse_assessment_type(st.text_at(12)).value_or(AssessmentType::kTactical);
  a.assessor_id = st.int_at(13);
  a.assessed_at_ms = st.int_at(14);
  a.reassess_by = st.text_at(15);
  a.siu_signal = st.int_at(16) != 0;
  a.status = parse_assessment_status(st.text_at(17)).value_or(AssessmentStatus::kAwaitingModeration);
  a.moderator_id = st.int_at(18);
  a.moderated_at_ms = st.int_at(19);
  a.moderation_note = st.text_at(20);
  if (!st.is_null(21)) a.moderated_tier = static_cast<int>(st.int_at(21));
  a.siu_compartments = split_list(st.text_at(22));
  a.rationale = st.text_at(23);
  return a;
}

inline std::vector<Value> nomination_values(const Nomination& n) {
  return {n.threat_id, n.unit_id, n.agency, n.nominated_by, n.nominated_at_ms, int64_t{n.provisional_priority}, n.rationale,
          std::string(to_string(n.status)), n.outcome_reason, n.merged_into, n.decided_by, n.decided_at_ms};
}

inline std::vector<Value> assessment_values(const MorileAssessment& a) {
  return {a.threat_id, int64_t{a.version}, int64_t{a.model_version}, encode(a.factors), int64_t{a.score.base_harm},
          a.score.total_harm, int64_t{a.score.likelihood_score}, a.score.risk, int64_t{a.score.org_position},
          a.score.priority, int64_t{a.score.tier}, std::string(to_string(a.type)), a.assessor_id, a.assessed_at_ms,
          a.reassess_by, int64_t{a.siu_signal}, std::string(to_string(a.status)), a.moderator_id, a.moderated_at_ms,
          a.moderation_note, a.moderated_tier ? Value{int64_t{*a.moderated_tier}} : Value{nullptr}, join_list(a.siu_compartments), a.rationale};
}

}  // namespace master_list_detail

template <typename D>
class MasterList final : public MasterListRepository {
 public:
  explicit MasterList(typename D::Connection& db) : db_(db) {}

  Status insert_model(const StoredModel& m) override {
    Status s = run(db_, "INSERT INTO morile_models(version, name, definition, loaded_at, loaded_by) VALUES (?,?,?,?,?)",
                   {int64_t{m.version}, m.name, m.definition, m.loaded_at, m.loaded_by});
    if (s.code() == Code::kAlreadyExists)
      return {Code::kAlreadyExists, "MoRiLE model version " + std::to_string(m.version) + " is already loaded; give the new one a new version"};
    return s;
  }

  Result<std::vector<StoredModel>> models() override {
    return all_rows<StoredModel>(db_, "SELECT version, name, definition, loaded_at, loaded_by FROM morile_models ORDER BY version", {},
                                 [](const auto& st) {
                                   return StoredModel{static_cast<int>(st.int_at(0)), st.text_at(1), st.text_at(2), st.text_at(3),
                                                      st.int_at(4)};
                                 });
  }

  Result<int64_t> insert_nomination(const Nomination& n) override {
    return one_integer(db_,
                       "INSERT INTO nominations(threat_id, unit_id, agency, nominated_by, nominated_at_ms, provisional_priority, "
                       "rationale, status, outcome_reason, merged_into, decided_by, decided_at_ms) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                       master_list_detail::nomination_values(n));
  }

  Result<Nomination> nomination(int64_t id, const ReadScope& scope) override {
    Sql sql;
    sql.add(std::string("SELECT ") + master_list_detail::kNominationCols +
                " FROM nominations n JOIN threats r ON r.id = n.threat_id WHERE n.id = ? AND ",
            id);
    D::append_scope_predicate(sql, scope, "r", "threat");
    return one_row<Nomination>(db_, sql.text, sql.params, "nomination " + std::to_string(id),
                               [](const auto& st) { return master_list_detail::read_nomination(st); });
  }

  Status update_nomination(const Nomination& n) override {
    auto v = master_list_detail::nomination_values(n);
    v.push_back(n.id);
    ROCTA_RETURN_IF_ERROR(run(db_, std::string("UPDATE nominations SET ") + master_list_detail::kNominationSet + " WHERE id = ?", v));
    return db_.changes() ? Status::ok() : not_found_status("nomination " + std::to_string(n.id));
  }

  Result<Page<Nomination>> nominations(const ReadScope& scope, const NominationQuery& q) override {
    Sql from;
    from.add(" FROM nominations n JOIN threats r ON r.id = n.threat_id WHERE ");
    D::append_scope_predicate(from, scope, "r", "threat");
    if (q.status) from.add(" AND n.status = ?", std::string(to_string(*q.status)));
    if (!q.agency.empty()) from.add(" AND n.agency = ?", q.agency);
    // The queue is worked from the most urgent, then the longest wait.
    return paged<Nomination>(master_list_detail::kNominationCols, from, "n.provisional_priority, n.nominated_at_ms, n.id", q.page,
                             [](const auto& st) { return master_list_detail::read_nomination(st); });
  }

  Result<std::vector<Nomination>> waiting(const ReadScope& scope) override {
    Sql sql;
    sql.add(std::string("SELECT ") + master_list_detail::kNominationCols +
                " FROM nominations n JOIN threats r ON r.id = n.threat_id WHERE n.status = ? AND ",
            std::string(to_string(NominationStatus::kAwaitingAssessment)));
    D::append_scope_predicate(sql, scope, "r", "threat");
    return all_rows<Nomination>(db_, sql.text, sql.params, [](const auto& st) { return master_list_detail::read_nomination(st); });
  }

  Result<int64_t> insert_assessment(const MorileAssessment& a) override {
    auto id = one_integer(db_,
                          "INSERT INTO assessments(threat_id, version, model_version, factors, base_harm, total_harm, "
                          "likelihood_score, risk, org_position, priority, tier, assessment_type, assessor_id, assessed_at_ms, "
                          "reassess_by, siu_signal, status, moderator_id, moderated_at_ms, moderation_note, moderated_tier, "
                          "siu_compartments, rationale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                          master_list_detail::assessment_values(a));
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kConflict, "another assessment of this threat was saved first; reload");
    return id;
  }

  Result<MorileAssessment> assessment(int64_t id, const ReadScope& scope) override {
    Sql sql;
    sql.add(std::string("SELECT ") + master_list_detail::kAssessmentCols +
                " FROM assessments a JOIN threats r ON r.id = a.threat_id WHERE a.id = ? AND ",
            id);
    D::append_scope_predicate(sql, scope, "r", "threat");
    return one_row<MorileAssessment>(db_, sql.text, sql.params, "assessment " + std::to_string(id),
                                     [](const auto& st) { return master_list_detail::read_assessment(st); });
  }

  Status update_assessment(const MorileAssessment& a) override {
    auto v = master_list_detail::assessment_values(a);
    v.push_back(a.id);
    ROCTA_RETURN_IF_ERROR(run(db_, std::string("UPDATE assessments SET ") + master_list_detail::kAssessmentSet + " WHERE id = ?", v));
    return db_.changes() ? Status::ok() : not_found_status("assessment " + std::to_string(a.id));
  }

  Result<std::vector<MorileAssessment>> assessments_of(int64_t threat_id) override {
    return all_rows<MorileAssessment>(db_, std::string("SELECT ") + master_list_detail::kAssessmentCols +
                                               " FROM assessments a WHERE a.threat_id = ? ORDER BY a.version",
                                      {threat_id}, [](const auto& st) { return master_list_detail::read_assessment(st); });
  }

  Result<Page<MorileAssessment>> awaiting_moderation(const ReadScope& scope, const PageRequest& page) override {
    Sql from;
    from.add(" FROM assessments a JOIN threats r ON r.id = a.threat_id WHERE a.status = ? AND ",
             std::string(to_string(AssessmentStatus::kAwaitingModeration)));
    D::append_scope_predicate(from, scope, "r", "threat");
    return paged<MorileAssessment>(master_list_detail::kAssessmentCols, from, "a.assessed_at_ms, a.id", page,
                                   [](const auto& st) { return master_list_detail::read_assessment(st); });
  }

  Result<std::vector<std::string>> compartments_near(int64_t threat_id) override {
    // The threat, the records linked to it, and those linked to them (a report on a member
    // of the group): their compartments, names only.
    return all_rows<std::string>(db_, R"sql(
WITH RECURSIVE around(kind, id, depth) AS (
  SELECT CAST('threat' AS TEXT), CAST(? AS BIGINT), 0
  UNION
  SELECT CASE WHEN l.from_kind = around.kind AND l.from_id = around.id THEN l.to_kind ELSE l.from_kind END,
         CASE WHEN l.from_kind = around.kind AND l.from_id = around.id THEN l.to_id ELSE l.from_id END,
         around.depth + 1
  FROM around JOIN links l ON (l.from_kind = around.kind AND l.from_id = around.id) OR (l.to_kind = around.kind AND l.to_id = around.id)
  WHERE around.depth < 2)
SELECT DISTINCT c.compartment FROM (
  SELECT t.compartment FROM around JOIN threats t ON around.kind = 'threat' AND t.id = around.id
  UNION ALL SELECT n.compartment FROM around JOIN nominals n ON around.kind = 'nominal' AND n.id = around.id
  UNION ALL SELECT i.compartment FROM around JOIN intelligence i ON around.kind = 'intelligence' AND i.id = around.id) c
WHERE c.compartment <> '' ORDER BY c.compartment)sql",
                                 {threat_id}, [](const auto& st) { return st.text_at(0); });
  }

 private:
  // A page of `cols` from `from` (text from " FROM …" with its parameters), and the count.
  template <typename T, typename Read>
  Result<Page<T>> paged(const char* cols, const Sql& from, const std::string& order, const PageRequest& page, Read read) {
    Page<T> out;
    ROCTA_ASSIGN_OR_RETURN(out.total, one_integer(db_, "SELECT count(*)" + from.text, from.params));
    Sql rows;
    rows.add(std::string("SELECT ") + cols).add(from);
    rows.add(" ORDER BY " + order + " LIMIT ?", int64_t{page.limit}).add(" OFFSET ?", int64_t{page.offset});
    ROCTA_ASSIGN_OR_RETURN(out.items, all_rows<T>(db_, rows.text, rows.params, read));
    return out;
  }

  typename D::Connection& db_;
};

}  // namespace rocta::sql
