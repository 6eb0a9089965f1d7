// The sharing repository (store/sharing_repository.h) in SQL, written once for every SQL
// adapter; see repositories.h for what a Dialect supplies.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/sharing_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Sharing final : public SharingRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kAgreementCols =
      "id, giver, receiver, max_classification, min_scope, purpose, signals, active, version, created_at, updated_at, "
      "created_by, subjects, capability_of, starts_on, ends_on";
  static constexpr const char* kRequestCols =
      "id, requester_id, requester_agency, record_kind, record_id, holder_agency, compartment, purpose, status, "
      "decided_by, decision_note, created_ms, decided_ms";

 public:
  explicit Sharing(typename D::Connection& db) : db_(db) {}

  Result<std::vector<SharingAgreement>> agreements(const std::string& agency) override {
    return all_rows<SharingAgreement>(db_,
                                      std::string("SELECT ") + kAgreementCols +
                                          " FROM sharing_agreements WHERE (? = '' OR giver = ? OR receiver = ?) "
                                          "ORDER BY giver, receiver",
                                      {agency, agency, agency}, read_agreement);
  }
  Result<SharingAgreement> agreement(int64_t id) override {
    return one_row<SharingAgreement>(db_, std::string("SELECT ") + kAgreementCols + " FROM sharing_agreements WHERE id = ?",
                                     {id}, "sharing agreement " + std::to_string(id), read_agreement);
  }
  Result<int64_t> insert_agreement(const SharingAgreement& a) override {
    auto id = one_integer(db_,
                          "INSERT INTO sharing_agreements(giver, receiver, max_classification, min_scope, purpose, signals, "
                          "active, version, created_at, updated_at, created_by, subjects, capability_of, starts_on, ends_on) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                          {a.giver, a.receiver, static_cast<int64_t>(a.max_classification), static_cast<int64_t>(a.min_scope),
                           a.purpose, int64_t{a.signals}, int64_t{a.active}, a.version, a.created_at, a.updated_at,
                           a.created_by, subjects_text(a), join_list(a.capability_of), a.starts_on, a.ends_on});
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, a.giver + " already has an agreement with " + a.receiver + ": change that one");
    return id;
  }
  Status update_agreement(const SharingAgreement& a) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE sharing_agreements SET max_classification = ?, min_scope = ?, purpose = ?, signals = ?, "
                              "active = ?, version = ?, updated_at = ?, subjects = ?, capability_of = ?, starts_on = ?, "
                              "ends_on = ? WHERE id = ? AND version = ?",
                              {static_cast<int64_t>(a.max_classification), static_cast<int64_t>(a.min_scope), a.purpose,
                               int64_t{a.signals}, int64_t{a.active}, a.version, a.updated_at, subjects_text(a),
                               join_list(a.capability_of), a.starts_on, a.ends_on, a.id, a.version - 1}));
    if (db_.changes() == 0) return Status(Code::kConflict, "the agreement was changed by someone else: reload it");
    return Status::ok();
  }

  Result<std::map<std::string, SignalAudience>> signal_rules() override {
    std::map<std::string, SignalAudience> out;
    ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare("SELECT holder, audience FROM signal_rules"));
    ROCTA_RETURN_IF_ERROR(st->each([&] {
      out[st->text_at(0)] = parse_signal_audience(st->text_at(1)).value_or(kDefaultSignalAudience);
    }));
    return out;
  }
  Status set_signal_rule(const std::string& holder, SignalAudience audience) override {
    return run(db_,
               "INSERT INTO signal_rules(holder, audience) VALUES (?, ?) ON CONFLICT(holder) DO UPDATE SET audience = "
               "excluded.audience",
               {holder, std::string(to_string(audience))});
  }

  Result<int64_t> insert_release(const Release& r) override {
    return one_integer(db_,
                       "INSERT INTO intelligence_releases(source_id, released_id, decided_by, decided_ms, rationale) "
                       "VALUES (?,?,?,?,?) RETURNING id",
                       {r.source_id, r.released_id, r.decided_by, r.decided_ms, r.rationale});
  }
  Result<std::vector<Release>> releases_of(int64_t source_id) override {
    return all_rows<Release>(db_,
                             "SELECT id, source_id, released_id, decided_by, decided_ms, rationale FROM intelligence_releases "
                             "WHERE source_id = ? ORDER BY id",
                             {source_id}, [](const Statement& st) {
                               return Release{st.int_at(0), st.int_at(1), st.int_at(2), st.int_at(3), st.int_at(4), st.text_at(5)};
                             });
  }

  Result<int64_t> insert_dissemination(const Dissemination& d) override {
    return one_integer(db_,
                       "INSERT INTO disseminations(report_id, to_agency, to_unit_id, by_user, at_ms, note) VALUES (?,?,?,?,?,?) "
                       "RETURNING id",
                       {d.report_id, d.to_agency, d.to_unit_id, d.by, d.at_ms, d.note});
  }
  Result<std::vector<Dissemination>> disseminations_of(int64_t report_id) override {
    return all_rows<Dissemination>(db_,
                                   "SELECT id, report_id, to_agency, to_unit_id, by_user, at_ms, note FROM disseminations "
                                   "WHERE report_id = ? ORDER BY id",
                                   {report_id}, [](const Statement& st) {
                                     return Dissemination{st.int_at(0), st.int_at(1), st.text_at(2), st.int_at(3),
                                                          st.int_at(4), st.int_at(5), st.text_at(6)};
                                   });
  }

  Result<int64_t> insert_access_request(const AccessRequest& r) override {
    return one_integer(db_,
                       "INSERT INTO access_requests(requester_id, requester_agency, record_kind, record_id, holder_agency, "
                       "compartment, purpose, status, decided_by, decision_note, created_ms, decided_ms) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                       {r.requester_id, r.requester_agency, r.record_kind, r.record_id, r.holder_agency, r.compartment,
                        r.purpose, std::string(to_string(r.status)), r.decided_by, r.decision_note, r.created_ms,
                        r.decided_ms});
  }
  Result<AccessRequest> access_request(int64_t id) override {
    return one_row<AccessRequest>(db_, std::string("SELECT ") + kRequestCols + " FROM access_requests WHERE id = ?", {id},
                                  "access request " + std::to_string(id), read_request);
  }
  Status update_access_request(const AccessRequest& r) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE access_requests SET status = ?, decided_by = ?, decision_note = ?, decided_ms = ? "
                              "WHERE id = ?",
                              {std::string(to_string(r.status)), r.decided_by, r.decision_note, r.decided_ms, r.id}));
    if (db_.changes() == 0) return not_found_status("access request " + std::to_string(r.id));
    return Status::ok();
  }
  Result<std::vector<AccessRequest>> access_requests(const AccessRequestQuery& q) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kRequestCols + " FROM access_requests WHERE ");
    if (q.requester_id) {
      sql.add("requester_id = ?", q.requester_id);
    } else {
      sql.add("((holder_agency = ? AND compartment = '')", q.holder_agency);
      for (const auto& c : q.compartments) sql.add(" OR compartment = ?", c);
      sql.add(")");
    }
    if (q.status) sql.add(" AND status = ?", std::string(to_string(*q.status)));
    sql.add(" ORDER BY id DESC LIMIT 500");
    return all_rows<AccessRequest>(db_, sql.text, sql.params, read_request);
  }

  Result<int64_t> move_compartment(const std::string& from, const std::string& to) override {
    int64_t moved = 0;
    for (const char* table : {"threats", "nominals", "intelligence"}) {
      ROCTA_RETURN_IF_ERROR(run(db_, std::string("UPDATE ") + table + " SET compartment = ? WHERE compartment = ?", {to, from}));
      moved += db_.changes();
    }
    ROCTA_RETURN_IF_ERROR(run(db_, "UPDATE access_requests SET compartment = ? WHERE compartment = ?", {to, from}));
    return moved;
  }

 private:
  static SharingAgreement read_agreement(const Statement& st) {
    SharingAgreement a;
    a.id = st.int_at(0);
    a.giver = st.text_at(1);
    a.receiver = st.text_at(2);
    a.max_classification = static_cast<Classification>(st.int_at(3));
    a.min_scope = static_cast<SharingScope>(st.int_at(4));
    a.purpose = st.text_at(5);
    a.signals = st.int_at(6) != 0;
    a.active = st.int_at(7) != 0;
    a.version = st.int_at(8);
    a.created_at = st.text_at(9);
    a.updated_at = st.text_at(10);
    a.created_by = st.int_at(11);
    // A subject this version does not know is dropped, never widened into another.
    a.subjects.clear();
    for (const auto& name : split_list(st.text_at(12)))
      if (auto subject = parse_agreement_subject(name)) a.subjects.push_back(*subject);
    a.capability_of = split_list(st.text_at(13));
    a.starts_on = st.text_at(14);
    a.ends_on = st.text_at(15);
    return a;
  }
  static std::string subjects_text(const SharingAgreement& a) {
    std::vector<std::string> names;
    for (auto subject : a.subjects) names.emplace_back(to_string(subject));
    return join_list(names);
  }
  static AccessRequest read_request(const Statement& st) {
    AccessRequest r;
    r.id = st.int_at(0);
    r.requester_id = st.int_at(1);
    r.requester_agency = st.text_at(2);
    r.record_kind = st.text_at(3);
    r.record_id = st.int_at(4);
    r.holder_agency = st.text_at(5);
    r.compartment = st.text_at(6);
    r.purpose = st.text_at(7);
    r.status = parse_access_request_status(st.text_at(8)).value_or(AccessRequestStatus::kPending);
    r.decided_by = st.int_at(9);
    r.decision_note = st.text_at(10);
    r.created_ms = st.int_at(11);
    r.decided_ms = st.int_at(12);
    return r;
  }
  typename D::Connection& db_;
};

}  // namespace rocta::sql
