// SIU check replies and waivers (store/siu_check_repository.h) in SQL, written once for
// every SQL adapter; see repositories.h for what a Dialect supplies.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/siu_check_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class SiuChecks final : public SiuCheckRepository {
  using Statement = typename D::Statement;

 public:
  explicit SiuChecks(typename D::Connection& db) : db_(db) {}

  Result<int64_t> insert_reply(const SiuReply& r) override {
    return one_integer(db_,
                       "INSERT INTO siu_check_replies(assessment_id, compartment, advice, note, replied_by, replied_ms) "
                       "VALUES (?,?,?,?,?,?) RETURNING id",
                       {r.assessment_id, r.compartment, std::string(to_string(r.advice)), r.note, r.replied_by, r.replied_ms});
  }
  Result<std::vector<SiuReply>> replies_of(int64_t assessment_id) override {
    return all_rows<SiuReply>(db_,
                              "SELECT id, assessment_id, compartment, advice, note, replied_by, replied_ms FROM siu_check_replies "
                              "WHERE assessment_id = ? ORDER BY id",
                              {assessment_id}, [](const Statement& st) {
                                SiuReply r;
                                r.id = st.int_at(0);
                                r.assessment_id = st.int_at(1);
                                r.compartment = st.text_at(2);
                                r.advice = parse_siu_advice(st.text_at(3)).value_or(SiuAdvice::kConsulted);
                                r.note = st.text_at(4);
                                r.replied_by = st.int_at(5);
                                r.replied_ms = st.int_at(6);
                                return r;
                              });
  }
  Status insert_waiver(const SiuWaiver& w) override {
    return run(db_,
               "INSERT INTO siu_check_waivers(assessment_id, reason, unanswered, recorded_by, recorded_ms) VALUES (?,?,?,?,?)",
               {w.assessment_id, w.reason, join_list(w.unanswered), w.recorded_by, w.recorded_ms});
  }
  Result<std::optional<SiuWaiver>> waiver_of(int64_t assessment_id) override {
    ROCTA_ASSIGN_OR_RETURN(auto rows, all_rows<SiuWaiver>(db_,
                                                          "SELECT assessment_id, reason, unanswered, recorded_by, recorded_ms "
                                                          "FROM siu_check_waivers WHERE assessment_id = ?",
                                                          {assessment_id}, [](const Statement& st) {
                                                            SiuWaiver w;
                                                            w.assessment_id = st.int_at(0);
                                                            w.reason = st.text_at(1);
                                                            w.unanswered = split_list(st.text_at(2));
                                                            w.recorded_by = st.int_at(3);
                                                            w.recorded_ms = st.int_at(4);
                                                            return w;
                                                          }));
    if (rows.empty()) return std::optional<SiuWaiver>{};
    return std::optional<SiuWaiver>{std::move(rows.front())};
  }
  Result<std::vector<ConsultationRow>> consultation_rows(int64_t from_ms, int64_t to_ms) override {
    std::vector<ConsultationRow> rows;
    std::map<int64_t, size_t> at;
    ROCTA_RETURN_IF_ERROR(each_row(db_,
                                   "SELECT a.id, t.owner, a.assessed_at_ms, a.siu_compartments, coalesce(w.recorded_ms, 0) "
                                   "FROM assessments a JOIN threats t ON t.id = a.threat_id "
                                   "LEFT JOIN siu_check_waivers w ON w.assessment_id = a.id "
                                   "WHERE a.assessed_at_ms >= ? AND a.assessed_at_ms < ? ORDER BY a.id",
                                   {from_ms, to_ms}, [&](const Statement& st) {
                                     ConsultationRow r;
                                     r.assessment_id = st.int_at(0);
                                     r.agency = st.text_at(1);
                                     r.assessed_ms = st.int_at(2);
                                     r.compartments = split_list(st.text_at(3));
                                     r.waived_ms = st.int_at(4);
                                     at[r.assessment_id] = rows.size();
                                     rows.push_back(std::move(r));
                                   }));
    ROCTA_RETURN_IF_ERROR(each_row(db_,
                                   "SELECT r.assessment_id, r.compartment, r.replied_ms FROM siu_check_replies r "
                                   "JOIN assessments a ON a.id = r.assessment_id "
                                   "WHERE a.assessed_at_ms >= ? AND a.assessed_at_ms < ?",
                                   {from_ms, to_ms}, [&](const Statement& st) {
                                     auto it = at.find(st.int_at(0));
                                     if (it != at.end()) rows[it->second].replied_ms[st.text_at(1)] = st.int_at(2);
                                   }));
    return rows;
  }

 private:
  typename D::Connection& db_;
};

}  // namespace rocta::sql
