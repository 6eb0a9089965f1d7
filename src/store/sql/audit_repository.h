// The audit trail in SQL: append only (the schema refuses edits too).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/audit_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Audit final : public AuditRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kColumns =
      "seq, at, actor_id, actor, action, record_kind, record_id, origin, purpose, detail, prev_hash, hash";

 public:
  explicit Audit(typename D::Connection& db) : db_(db) {}
  Result<std::optional<AuditEvent>> last() override {
    ROCTA_ASSIGN_OR_RETURN(auto events, all_rows<AuditEvent>(db_, std::string("SELECT ") + kColumns +
                                                                      " FROM audit_events ORDER BY seq DESC LIMIT 1",
                                                             {}, read));
    if (events.empty()) return std::optional<AuditEvent>{};
    return std::optional<AuditEvent>{std::move(events.front())};
  }
  Status append(const AuditEvent& e) override {
    return run(db_, std::string("INSERT INTO audit_events(") + kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
               {e.seq, e.at, e.actor_id, e.actor, e.action, e.record_kind, e.record_id, e.origin, e.purpose, e.detail,
                e.prev_hash, e.hash});
  }
  Result<std::vector<AuditEvent>> scan(int64_t from_seq, int limit) override {
    return all_rows<AuditEvent>(db_, std::string("SELECT ") + kColumns + " FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?",
                                {from_seq, int64_t{limit}}, read);
  }
  Result<std::vector<AuditEvent>> of_record(const std::string& kind, int64_t id, int limit) override {
    return all_rows<AuditEvent>(db_, std::string("SELECT ") + kColumns +
                                         " FROM audit_events WHERE record_kind = ? AND record_id = ? ORDER BY seq DESC LIMIT ?",
                                {kind, id, int64_t{limit}}, read);
  }

 private:
  static AuditEvent read(const Statement& st) {
    AuditEvent e;
    e.seq = st.int_at(0);
    e.at = st.text_at(1);
    e.actor_id = st.int_at(2);
    e.actor = st.text_at(3);
    e.action = st.text_at(4);
    e.record_kind = st.text_at(5);
    e.record_id = st.int_at(6);
    e.origin = st.text_at(7);
    e.purpose = st.text_at(8);
    e.detail = st.text_at(9);
    e.prev_hash = st.text_at(10);
    e.hash = st.text_at(11);
    return e;
  }
  typename D::Connection& db_;
};

}  // namespace rocta::sql
