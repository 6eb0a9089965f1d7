#include "store/sqlite/master_list_repo.h"

#include <sstream>

#include "store/sqlite/scope_predicate.h"
#include "store/sqlite/sqlite_db.h"

namespace rocta::sqlite {
namespace {

std::string ints(const std::vector<int>& v) {
  std::string out;
  for (int x : v) out += (out.empty() ? "" : ",") + std::to_string(x);
  return out;
}

std::vector<int> parse_ints(const std::string& s) {
  std::vector<int> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(std::stoi(item));
  return out;
}

// Factors as one line of text: "harm|scope|vulnerability|likelihood|org|confidence".
// None of the parts can hold '|': names come from the model, numbers are numbers.
std::string encode(const MorileFactors& f) {
  return ints(f.harm) + "|" + f.scope + "|" + f.vulnerability + "|" + f.likelihood + "|" + ints(f.org) + "|" +
         std::string(to_string(f.confidence));
}

MorileFactors decode(const std::string& s) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, '|')) parts.push_back(item);
  parts.resize(6);
  return {parse_ints(parts[0]), parts[1], parts[2], parts[3], parse_ints(parts[4]),
          parse_confidence(parts[5]).value_or(Confidence::kMedium)};
}

std::optional<NominationStatus> parse_nomination_status(const std::string& s) {
  for (auto st : {NominationStatus::kAwaitingAssessment, NominationStatus::kAssessed, NominationStatus::kMerged,
                  NominationStatus::kRejected})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

std::optional<AssessmentStatus> parse_assessment_status(const std::string& s) {
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
    "a.status, a.moderator_id, a.moderated_at_ms, a.moderation_note, a.moderated_tier, a.siu_compartments";

Nomination read_nomination(Statement& st) {
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

MorileAssessment read_assessment(Statement& st) {
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
  std::stringstream in(st.text_at(22));
  for (std::string c; std::getline(in, c, ',');)
    if (!c.empty()) a.siu_compartments.push_back(c);
  return a;
}

std::vector<Value> nomination_values(const Nomination& n) {
  return {n.threat_id, n.unit_id, n.agency, n.nominated_by, n.nominated_at_ms, int64_t{n.provisional_priority}, n.rationale,
          std::string(to_string(n.status)), n.outcome_reason, n.merged_into, n.decided_by, n.decided_at_ms};
}

std::vector<Value> assessment_values(const MorileAssessment& a) {
  return {a.threat_id, int64_t{a.version}, int64_t{a.model_version}, encode(a.factors), int64_t{a.score.base_harm},
          a.score.total_harm, int64_t{a.score.likelihood_score}, a.score.risk, int64_t{a.score.org_position},
          a.score.priority, int64_t{a.score.tier}, std::string(to_string(a.type)), a.assessor_id, a.assessed_at_ms,
          a.reassess_by, int64_t{a.siu_signal}, std::string(to_string(a.status)), a.moderator_id, a.moderated_at_ms,
          a.moderation_note, a.moderated_tier ? Value{int64_t{*a.moderated_tier}} : Value{nullptr},
          [&] {
            std::string joined;
            for (const auto& c : a.siu_compartments) joined += (joined.empty() ? "" : ",") + c;
            return joined;
          }()};
}

class SqliteMasterList final : public MasterListRepository {
 public:
  explicit SqliteMasterList(Connection& db) : db_(db) {}

  Status insert_model(const StoredModel& m) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "INSERT INTO morile_models(version, name, definition, loaded_at, loaded_by) VALUES (?,?,?,?,?)"));
    st->bind_all({int64_t{m.version}, m.name, m.definition, m.loaded_at, m.loaded_by});
    Status s = st->run();
    if (s.code() == Code::kAlreadyExists)
      return {Code::kAlreadyExists, "MoRiLE model version " + std::to_string(m.version) + " is already loaded; give the new one a new version"};
    return s;
  }

  Result<std::vector<StoredModel>> models() override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "SELECT version, name, definition, loaded_at, loaded_by FROM morile_models ORDER BY version"));
    std::vector<StoredModel> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      out.push_back({static_cast<int>(st->int_at(0)), st->text_at(1), st->text_at(2), st->text_at(3), st->int_at(4)});
    }));
    return out;
  }

  Result<int64_t> insert_nomination(const Nomination& n) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "INSERT INTO nominations(threat_id, unit_id, agency, nominated_by, nominated_at_ms, provisional_priority, rationale, "
        "status, outcome_reason, merged_into, decided_by, decided_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    st->bind_all(nomination_values(n));
    ROCTA_RETURN_IF_ERROR(st->run());
    return db_.last_insert_id();
  }

  Result<Nomination> nomination(int64_t id, const ReadScope& scope) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kNominationCols + " FROM nominations n JOIN threats r ON r.id = n.threat_id WHERE n.id = ?", id);
    sql.add(" AND ");
    append_scope_predicate(sql, scope, "r", "threat");
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(sql.text));
    st->bind_all(sql.params);
    std::optional<Nomination> n;
    ROCTA_RETURN_IF_ERROR(st->each([&] { n = read_nomination(*st); }));
    if (!n) return not_found("nomination " + std::to_string(id) + " not found");
    return *n;
  }

  Status update_nomination(const Nomination& n) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "UPDATE nominations SET threat_id = ?, unit_id = ?, agency = ?, nominated_by = ?, nominated_at_ms = ?, "
        "provisional_priority = ?, rationale = ?, status = ?, outcome_reason = ?, merged_into = ?, decided_by = ?, "
        "decided_at_ms = ? WHERE id = ?"));
    auto v = nomination_values(n);
    v.push_back(n.id);
    st->bind_all(v);
    ROCTA_RETURN_IF_ERROR(st->run());
    return db_.changes() ? Status::ok() : not_found("nomination " + std::to_string(n.id) + " not found");
  }

  Result<Page<Nomination>> nominations(const ReadScope& scope, const NominationQuery& q) override {
    Sql where;
    where.add(" FROM nominations n JOIN threats r ON r.id = n.threat_id WHERE ");
    append_scope_predicate(where, scope, "r", "threat");
    if (q.status) where.add(" AND n.status = ?", std::string(to_string(*q.status)));
    if (!q.agency.empty()) where.add(" AND n.agency = ?", q.agency);
    Page<Nomination> page;
    {
      ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("SELECT count(*)" + where.text));
      st->bind_all(where.params);
      ROCTA_RETURN_IF_ERROR(st->each([&] { page.total = st->int_at(0); }));
    }
    Sql rows = where;
    rows.text = std::string("SELECT ") + kNominationCols + where.text;
    // Oldest first: the queue is worked from the longest wait.
    rows.add(" ORDER BY n.provisional_priority, n.nominated_at_ms LIMIT ?", int64_t{q.page.limit});
    rows.add(" OFFSET ?", int64_t{q.page.offset});
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(rows.text));
    st->bind_all(rows.params);
    ROCTA_RETURN_IF_ERROR(st->each([&] { page.items.push_back(read_nomination(*st)); }));
    return page;
  }

  Result<std::vector<Nomination>> waiting(const ReadScope& scope) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kNominationCols + " FROM nominations n JOIN threats r ON r.id = n.threat_id WHERE n.status = ?",
            std::string(to_string(NominationStatus::kAwaitingAssessment)));
    sql.add(" AND ");
    append_scope_predicate(sql, scope, "r", "threat");
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(sql.text));
    st->bind_all(sql.params);
    std::vector<Nomination> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] { out.push_back(read_nomination(*st)); }));
    return out;
  }

  Result<int64_t> insert_assessment(const MorileAssessment& a) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "INSERT INTO assessments(threat_id, version, model_version, factors, base_harm, total_harm, likelihood_score, risk, "
        "org_position, priority, tier, assessment_type, assessor_id, assessed_at_ms, reassess_by, siu_signal, status, "
        "moderator_id, moderated_at_ms, moderation_note, moderated_tier, siu_compartments) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    st->bind_all(assessment_values(a));
    Status s = st->run();
    if (s.code() == Code::kAlreadyExists) return Status(Code::kConflict, "another assessment of this threat was saved first; reload");
    ROCTA_RETURN_IF_ERROR(s);
    return db_.last_insert_id();
  }

  Result<MorileAssessment> assessment(int64_t id, const ReadScope& scope) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kAssessmentCols + " FROM assessments a JOIN threats r ON r.id = a.threat_id WHERE a.id = ?", id);
    sql.add(" AND ");
    append_scope_predicate(sql, scope, "r", "threat");
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(sql.text));
    st->bind_all(sql.params);
    std::optional<MorileAssessment> a;
    ROCTA_RETURN_IF_ERROR(st->each([&] { a = read_assessment(*st); }));
    if (!a) return not_found("assessment " + std::to_string(id) + " not found");
    return *a;
  }

  Status update_assessment(const MorileAssessment& a) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(
        "UPDATE assessments SET threat_id = ?, version = ?, model_version = ?, factors = ?, base_harm = ?, total_harm = ?, "
        "likelihood_score = ?, risk = ?, org_position = ?, priority = ?, tier = ?, assessment_type = ?, assessor_id = ?, "
        "assessed_at_ms = ?, reassess_by = ?, siu_signal = ?, status = ?, moderator_id = ?, moderated_at_ms = ?, "
        "moderation_note = ?, moderated_tier = ?, siu_compartments = ? WHERE id = ?"));
    auto v = assessment_values(a);
    v.push_back(a.id);
    st->bind_all(v);
    ROCTA_RETURN_IF_ERROR(st->run());
    return db_.changes() ? Status::ok() : not_found("assessment " + std::to_string(a.id) + " not found");
  }

  Result<std::vector<MorileAssessment>> assessments_of(int64_t threat_id) override {
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(std::string("SELECT ") + kAssessmentCols +
                                                         " FROM assessments a WHERE a.threat_id = ? ORDER BY a.version"));
    st->bind(1, threat_id);
    std::vector<MorileAssessment> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] { out.push_back(read_assessment(*st)); }));
    return out;
  }

  Result<Page<MorileAssessment>> awaiting_moderation(const ReadScope& scope, const PageRequest& page) override {
    Sql where;
    where.add(" FROM assessments a JOIN threats r ON r.id = a.threat_id WHERE a.status = ?",
              std::string(to_string(AssessmentStatus::kAwaitingModeration)));
    where.add(" AND ");
    append_scope_predicate(where, scope, "r", "threat");
    Page<MorileAssessment> out;
    {
      ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare("SELECT count(*)" + where.text));
      st->bind_all(where.params);
      ROCTA_RETURN_IF_ERROR(st->each([&] { out.total = st->int_at(0); }));
    }
    Sql rows = where;
    rows.text = std::string("SELECT ") + kAssessmentCols + where.text;
    rows.add(" ORDER BY a.assessed_at_ms LIMIT ?", int64_t{page.limit});
    rows.add(" OFFSET ?", int64_t{page.offset});
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(rows.text));
    st->bind_all(rows.params);
    ROCTA_RETURN_IF_ERROR(st->each([&] { out.items.push_back(read_assessment(*st)); }));
    return out;
  }

  Result<std::vector<std::string>> compartments_near(int64_t threat_id) override {
    // The threat itself, records linked to it, and records linked to those (a report on a
    // member of the group): their compartments, names only.
    ROCTA_ASSIGN_OR_RETURN(Statement * st, db_.prepare(R"sql(
WITH RECURSIVE near(kind, id, depth) AS (
  SELECT 'threat', ?, 0
  UNION
  SELECT CASE WHEN l.from_kind = near.kind AND l.from_id = near.id THEN l.to_kind ELSE l.from_kind END,
         CASE WHEN l.from_kind = near.kind AND l.from_id = near.id THEN l.to_id ELSE l.from_id END,
         near.depth + 1
  FROM near JOIN links l ON (l.from_kind = near.kind AND l.from_id = near.id) OR (l.to_kind = near.kind AND l.to_id = near.id)
  WHERE near.depth < 2)
SELECT DISTINCT compartment FROM (
  SELECT t.compartment FROM near JOIN threats t ON near.kind = 'threat' AND t.id = near.id
  UNION ALL SELECT n.compartment FROM near JOIN nominals n ON near.kind = 'nominal' AND n.id = near.id
  UNION ALL SELECT i.compartment FROM near JOIN intelligence i ON near.kind = 'intelligence' AND i.id = near.id)
WHERE compartment <> '' ORDER BY compartment)sql"));
    st->bind(1, threat_id);
    std::vector<std::string> out;
    ROCTA_RETURN_IF_ERROR(st->each([&] { out.push_back(st->text_at(0)); }));
    return out;
  }

 private:
  Connection& db_;
};

}  // namespace

std::unique_ptr<MasterListRepository> make_master_list_repository(Connection& db) {
  return std::make_unique<SqliteMasterList>(db);
}

}  // namespace rocta::sqlite
