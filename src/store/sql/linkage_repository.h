// The linkage repository (store/linkage_repository.h) in SQL, written once for every SQL
// adapter; see repositories.h for what a Dialect supplies.
#pragma once

#include <string>
#include <vector>

#include "store/linkage_repository.h"
#include "store/page.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Linkage final : public LinkageRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kRunCols =
      "id, started_ms, finished_ms, by_user, nominals, candidate_pairs, linked, review, kept_decisions, withdrawn";
  static constexpr const char* kMatchCols =
      "m.id, m.nominal_a, m.nominal_b, m.probability, m.weight, m.explanation, m.status, m.found_by, m.run_id, "
      "m.found_ms, m.decided_by, m.decided_ms, m.decision_note, m.version";

 public:
  explicit Linkage(typename D::Connection& db) : db_(db) {}

  Result<int64_t> insert_run(const MatchRun& r) override {
    return one_integer(db_,
                       "INSERT INTO match_runs(started_ms, finished_ms, by_user, nominals, candidate_pairs, linked, review, "
                       "kept_decisions, withdrawn) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                       {r.started_ms, r.finished_ms, r.by_user, r.nominals, r.candidate_pairs, r.linked, r.review,
                        r.kept_decisions, r.withdrawn});
  }
  Status update_run(const MatchRun& r) override {
    return run(db_,
               "UPDATE match_runs SET finished_ms = ?, nominals = ?, candidate_pairs = ?, linked = ?, review = ?, "
               "kept_decisions = ?, withdrawn = ? WHERE id = ?",
               {r.finished_ms, r.nominals, r.candidate_pairs, r.linked, r.review, r.kept_decisions, r.withdrawn, r.id});
  }
  Result<std::vector<MatchRun>> runs(int limit) override {
    return all_rows<MatchRun>(db_, std::string("SELECT ") + kRunCols + " FROM match_runs ORDER BY id DESC LIMIT ?",
                              {int64_t{limit}}, [](const Statement& st) {
                                return MatchRun{st.int_at(0), st.int_at(1), st.int_at(2), st.int_at(3), st.int_at(4),
                                                st.int_at(5), st.int_at(6), st.int_at(7), st.int_at(8), st.int_at(9)};
                              });
  }

  Result<NominalMatch> match(int64_t id) override {
    return one_row<NominalMatch>(db_, select() + " WHERE m.id = ?", {id}, "match " + std::to_string(id), read);
  }
  Result<NominalMatch> match_between(int64_t x, int64_t y) override {
    return one_row<NominalMatch>(db_, select() + " WHERE m.nominal_a = ? AND m.nominal_b = ?",
                                 {std::min(x, y), std::max(x, y)}, "match", read);
  }
  Result<std::vector<NominalMatch>> matches_of(const std::vector<int64_t>& nominals) override {
    std::vector<NominalMatch> out;
    if (nominals.empty()) return out;
    Sql in;
    for (size_t i = 0; i < nominals.size(); ++i) in.add(i ? ",?" : "?", nominals[i]);
    Sql sql;
    sql.add(select() + " WHERE m.nominal_a IN (").add(in).add(") OR m.nominal_b IN (").add(in).add(") ORDER BY m.id");
    return all_rows<NominalMatch>(db_, sql.text, sql.params, read);
  }
  Result<std::vector<NominalMatch>> all_matches() override {
    return all_rows<NominalMatch>(db_, select() + " ORDER BY m.id", {}, read);
  }
  Result<Page<NominalMatch>> queue(const ReadScope& scope, const MatchQueueQuery& q) override {
    Sql where;
    where.add(" WHERE m.status = ?", std::string(to_string(q.status)));
    // Both ends must be readable: a reviewer never sees half a pair.
    for (const char* end : {"m.nominal_a", "m.nominal_b"}) {
      where.add(std::string(" AND EXISTS (SELECT 1 FROM nominals r JOIN agencies oa ON oa.code = r.owner WHERE r.id = ") +
                end + " AND ");
      D::append_scope_predicate(where, scope, "r", "nominal");
      where.add(")");
    }
    Page<NominalMatch> page;
    Sql count;
    count.add("SELECT count(*) FROM nominal_matches m").add(where);
    ROCTA_ASSIGN_OR_RETURN(page.total, one_integer(db_, count.text, count.params));
    Sql sql;
    sql.add(select()).add(where).add(" ORDER BY m.probability DESC, m.id LIMIT ?", int64_t{q.page.limit});
    sql.add(" OFFSET ?", int64_t{q.page.offset});
    ROCTA_ASSIGN_OR_RETURN(page.items, all_rows<NominalMatch>(db_, sql.text, sql.params, read));
    return page;
  }

  Result<int64_t> insert_match(const NominalMatch& m) override {
    auto id = one_integer(db_,
                          "INSERT INTO nominal_matches(nominal_a, nominal_b, probability, weight, explanation, status, "
                          "found_by, run_id, found_ms, decided_by, decided_ms, decision_note, version) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                          {m.nominal_a, m.nominal_b, m.probability, m.weight, m.explanation,
                           std::string(to_string(m.status)), m.found_by, m.run_id, m.found_ms, m.decided_by, m.decided_ms,
                           m.decision_note, m.version});
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, "these nominals already have a match");
    return id;
  }
  Status update_match(const NominalMatch& m) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE nominal_matches SET probability = ?, weight = ?, explanation = ?, status = ?, "
                              "found_by = ?, run_id = ?, found_ms = ?, decided_by = ?, decided_ms = ?, decision_note = ?, "
                              "version = ? WHERE id = ? AND version = ?",
                              {m.probability, m.weight, m.explanation, std::string(to_string(m.status)), m.found_by,
                               m.run_id, m.found_ms, m.decided_by, m.decided_ms, m.decision_note, m.version, m.id,
                               m.version - 1}));
    if (db_.changes() == 0) return Status(Code::kConflict, "the match was changed by someone else: reload it");
    return Status::ok();
  }
  Status remove_match(int64_t id) override { return run(db_, "DELETE FROM nominal_matches WHERE id = ?", {id}); }

  Result<std::vector<MatchExclusion>> exclusions() override {
    return all_rows<MatchExclusion>(db_, std::string("SELECT ") + kExclusionCols + " FROM match_exclusions ORDER BY field, value",
                                    {}, read_exclusion);
  }
  Result<int64_t> insert_exclusion(const MatchExclusion& e) override {
    auto id = one_integer(db_,
                          "INSERT INTO match_exclusions(field, value, reason, added_by, added_ms) VALUES (?,?,?,?,?) RETURNING id",
                          {e.field, e.value, e.reason, e.added_by, e.added_ms});
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, "'" + e.value + "' is already excluded as " + e.field);
    return id;
  }
  Result<MatchExclusion> exclusion(int64_t id) override {
    return one_row<MatchExclusion>(db_, std::string("SELECT ") + kExclusionCols + " FROM match_exclusions WHERE id = ?", {id},
                                   "exclusion " + std::to_string(id), read_exclusion);
  }
  Status remove_exclusion(int64_t id) override { return run(db_, "DELETE FROM match_exclusions WHERE id = ?", {id}); }

 private:
  static constexpr const char* kExclusionCols = "id, field, value, reason, added_by, added_ms";
  static MatchExclusion read_exclusion(const Statement& st) {
    return MatchExclusion{st.int_at(0), st.text_at(1), st.text_at(2), st.text_at(3), st.int_at(4), st.int_at(5)};
  }
  static std::string select() { return std::string("SELECT ") + kMatchCols + " FROM nominal_matches m"; }
  static NominalMatch read(const Statement& st) {
    NominalMatch m;
    m.id = st.int_at(0);
    m.nominal_a = st.int_at(1);
    m.nominal_b = st.int_at(2);
    m.probability = st.real_at(3);
    m.weight = st.real_at(4);
    m.explanation = st.text_at(5);
    m.status = parse_match_status(st.text_at(6)).value_or(MatchStatus::kReview);
    m.found_by = st.text_at(7);
    m.run_id = st.int_at(8);
    m.found_ms = st.int_at(9);
    m.decided_by = st.int_at(10);
    m.decided_ms = st.int_at(11);
    m.decision_note = st.text_at(12);
    m.version = st.int_at(13);
    return m;
  }
  typename D::Connection& db_;
};

}  // namespace rocta::sql
