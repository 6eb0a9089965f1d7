// Compartment grant proposals (store/compartment_grant_repository.h) in SQL, written once for
// every SQL adapter; see repositories.h for what a Dialect supplies.
#pragma once

#include <string>
#include <vector>

#include "store/compartment_grant_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class CompartmentGrants final : public CompartmentGrantRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kCols =
      "id, user_id, username, user_agency, compartment, reason, proposed_by, proposed_by_name, proposed_ms, status, "
      "decided_by, decided_by_name, decided_ms, decision_note";

 public:
  explicit CompartmentGrants(typename D::Connection& db) : db_(db) {}

  Result<int64_t> insert(const CompartmentGrant& g) override {
    return one_integer(db_,
                       "INSERT INTO compartment_grants(user_id, username, user_agency, compartment, reason, proposed_by, "
                       "proposed_by_name, proposed_ms, status, decided_by, decided_by_name, decided_ms, decision_note) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                       {g.user_id, g.username, g.user_agency, g.compartment, g.reason, g.proposed_by, g.proposed_by_name,
                        g.proposed_ms, std::string(to_string(g.status)), g.decided_by, g.decided_by_name, g.decided_ms,
                        g.decision_note});
  }
  Result<CompartmentGrant> get(int64_t id) override {
    return one_row<CompartmentGrant>(db_, std::string("SELECT ") + kCols + " FROM compartment_grants WHERE id = ?", {id},
                                     "compartment grant " + std::to_string(id), read);
  }
  Status decide(const CompartmentGrant& g) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE compartment_grants SET status = ?, decided_by = ?, decided_by_name = ?, decided_ms = ?, "
                              "decision_note = ? WHERE id = ? AND status = 'proposed'",
                              {std::string(to_string(g.status)), g.decided_by, g.decided_by_name, g.decided_ms,
                               g.decision_note, g.id}));
    if (db_.changes() == 0) return Status(Code::kConflict, "the proposal was decided already: reload it");
    return Status::ok();
  }
  Result<std::vector<CompartmentGrant>> list(const std::vector<std::string>& compartments, int64_t proposer) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kCols + " FROM compartment_grants WHERE proposed_by = ?", proposer);
    for (const auto& c : compartments) sql.add(" OR compartment = ?", c);
    sql.add(" ORDER BY id DESC");
    return all_rows<CompartmentGrant>(db_, sql.text, sql.params, read);
  }
  Result<bool> open_for(int64_t user_id, const std::string& compartment) override {
    ROCTA_ASSIGN_OR_RETURN(int64_t n, one_integer(db_,
                                                  "SELECT count(*) FROM compartment_grants WHERE user_id = ? AND "
                                                  "compartment = ? AND status = 'proposed'",
                                                  {user_id, compartment}));
    return n > 0;
  }

 private:
  static CompartmentGrant read(const Statement& st) {
    CompartmentGrant g;
    g.id = st.int_at(0);
    g.user_id = st.int_at(1);
    g.username = st.text_at(2);
    g.user_agency = st.text_at(3);
    g.compartment = st.text_at(4);
    g.reason = st.text_at(5);
    g.proposed_by = st.int_at(6);
    g.proposed_by_name = st.text_at(7);
    g.proposed_ms = st.int_at(8);
    g.status = parse_compartment_grant_status(st.text_at(9)).value_or(CompartmentGrantStatus::kProposed);
    g.decided_by = st.int_at(10);
    g.decided_by_name = st.text_at(11);
    g.decided_ms = st.int_at(12);
    g.decision_note = st.text_at(13);
    return g;
  }
  typename D::Connection& db_;
};

}  // namespace rocta::sql
