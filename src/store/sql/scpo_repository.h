// The SCPO repository (store/scpo_repository.h) in SQL, written once for every SQL adapter;
// see repositories.h for what a Dialect supplies. Every scoped read joins the order to its
// subject (nominals aliased n) and applies the dialect's scope predicate to n.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/scpo_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Scpo final : public ScpoRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kOrderCols =
      "o.id, o.reference, o.agency, o.nominal_id, o.threat_id, o.bcu_unit_id, o.court, o.made_on, o.starts_on, o.ends_on, "
      "o.interim, o.officer_id, o.version, o.created_by, o.created_at_ms, n.reference, n.surname, n.given_names, n.owner, "
      "n.classification, n.sensitive, n.handling, n.handling_conditions, n.compartment, n.scope, na.region";
  static constexpr const char* kCheckCols =
      "c.id, c.order_id, c.kind, c.due_on, c.officer_id, c.officer_name, c.done_on, c.outcome, c.note, c.recorded_by, "
      "c.recorded_at_ms";
  static constexpr const char* kBreachCols =
      "b.id, b.order_id, b.check_id, b.occurred_on, b.condition_kind, b.evidence, b.arrested, b.charged, b.disruption_id, "
      "b.recorded_by, b.recorded_at_ms";

 public:
  explicit Scpo(typename D::Connection& db) : db_(db) {}

  Result<int64_t> insert_order(const ScpoOrder& o) override {
    auto id = one_integer(db_,
                          "INSERT INTO scpo_orders(reference, agency, nominal_id, threat_id, bcu_unit_id, court, made_on, "
                          "starts_on, ends_on, interim, officer_id, version, created_by, created_at_ms) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                          {o.reference, o.agency, o.nominal_id, o.threat_id, o.bcu_unit_id, o.court, o.made_on, o.starts_on,
                           o.ends_on, int64_t{o.interim}, o.officer_id, o.version, o.created_by, o.created_at_ms});
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, o.agency + " already holds an order " + o.reference);
    if (id.is_ok()) ROCTA_RETURN_IF_ERROR(save_conditions(*id, o.conditions));
    return id;
  }

  Status update_order(const ScpoOrder& o) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE scpo_orders SET threat_id = ?, bcu_unit_id = ?, court = ?, made_on = ?, starts_on = ?, "
                              "ends_on = ?, interim = ?, officer_id = ?, version = ? WHERE id = ? AND version = ?",
                              {o.threat_id, o.bcu_unit_id, o.court, o.made_on, o.starts_on, o.ends_on, int64_t{o.interim},
                               o.officer_id, o.version, o.id, o.version - 1}));
    if (db_.changes() == 0) return Status(Code::kConflict, "the order was changed by someone else: reload it");
    ROCTA_RETURN_IF_ERROR(run(db_, "DELETE FROM scpo_conditions WHERE order_id = ?", {o.id}));
    return save_conditions(o.id, o.conditions);
  }

  Result<ScpoOrder> order(int64_t id, const ReadScope& scope) override {
    Sql sql;
    sql.add(select_orders() + " WHERE o.id = ?", id).add(" AND ");
    D::append_scope_predicate(sql, scope, "n", "nominal");
    // NotFound whether absent or hidden: a different answer would confirm the order exists.
    ROCTA_ASSIGN_OR_RETURN(ScpoOrder o, one_row<ScpoOrder>(db_, sql.text, sql.params, "order " + std::to_string(id), read_order));
    ROCTA_RETURN_IF_ERROR(load_conditions({&o}));
    return o;
  }

  Result<ScpoOrder> order_unscoped(int64_t id) override {
    ROCTA_ASSIGN_OR_RETURN(ScpoOrder o,
                           one_row<ScpoOrder>(db_, select_orders() + " WHERE o.id = ?", {id}, "order " + std::to_string(id), read_order));
    ROCTA_RETURN_IF_ERROR(load_conditions({&o}));
    return o;
  }

  Result<std::vector<ScpoOrder>> orders(const ReadScope& scope, const ScpoOrderQuery& q) override {
    Sql sql;
    sql.add(select_orders() + " WHERE ");
    scope_predicate(sql, scope, q.unscoped);
    if (!q.agency.empty()) sql.add(" AND o.agency = ?", q.agency);
    if (q.nominal_id) sql.add(" AND o.nominal_id = ?", q.nominal_id);
    if (q.bcu_unit_id) sql.add(" AND o.bcu_unit_id = ?", q.bcu_unit_id);
    if (!q.in_force_on.empty()) sql.add(" AND o.starts_on <= ?", q.in_force_on).add(" AND o.ends_on >= ?", q.in_force_on);
    if (!q.starts_after.empty()) sql.add(" AND o.starts_on > ?", q.starts_after);
    if (!q.overlaps_from.empty() && !q.overlaps_to.empty())
      sql.add(" AND o.starts_on <= ?", q.overlaps_to).add(" AND o.ends_on >= ?", q.overlaps_from);
    sql.add(" ORDER BY o.starts_on, o.id LIMIT ?", int64_t{std::clamp(q.limit, 1, 5000)});
    ROCTA_ASSIGN_OR_RETURN(auto out, all_rows<ScpoOrder>(db_, sql.text, sql.params, read_order));
    std::vector<ScpoOrder*> ptrs;
    for (auto& o : out) ptrs.push_back(&o);
    ROCTA_RETURN_IF_ERROR(load_conditions(ptrs));
    return out;
  }

  Result<int64_t> insert_change(const ScpoChange& c) override {
    return one_integer(db_,
                       "INSERT INTO scpo_changes(order_id, kind, on_day, note, ref_id, by_user, at_ms) VALUES (?,?,?,?,?,?,?) "
                       "RETURNING id",
                       {c.order_id, std::string(to_string(c.kind)), c.on, c.note, c.ref_id, c.by, c.at_ms});
  }
  Result<std::vector<ScpoChange>> changes(int64_t order_id) override {
    return all_rows<ScpoChange>(db_,
                                "SELECT id, order_id, kind, on_day, note, ref_id, by_user, at_ms FROM scpo_changes "
                                "WHERE order_id = ? ORDER BY id",
                                {order_id}, [](const Statement& st) {
                                  ScpoChange c;
                                  c.id = st.int_at(0);
                                  c.order_id = st.int_at(1);
                                  c.kind = parse_scpo_change_kind(st.text_at(2)).value_or(ScpoChangeKind::kMade);
                                  c.on = st.text_at(3);
                                  c.note = st.text_at(4);
                                  c.ref_id = st.int_at(5);
                                  c.by = st.int_at(6);
                                  c.at_ms = st.int_at(7);
                                  return c;
                                });
  }

  Result<int64_t> insert_check(const ScpoCheck& c) override {
    return one_integer(db_,
                       "INSERT INTO scpo_checks(order_id, kind, due_on, officer_id, officer_name, done_on, outcome, note, "
                       "recorded_by, recorded_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                       {c.order_id, std::string(to_string(c.kind)), c.due_on, c.officer_id, c.officer_name, c.done_on,
                        std::string(to_string(c.outcome)), c.note, c.recorded_by, c.recorded_at_ms});
  }
  Status update_check(const ScpoCheck& c) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE scpo_checks SET kind = ?, due_on = ?, officer_id = ?, officer_name = ?, done_on = ?, "
                              "outcome = ?, note = ?, recorded_by = ?, recorded_at_ms = ? WHERE id = ?",
                              {std::string(to_string(c.kind)), c.due_on, c.officer_id, c.officer_name, c.done_on,
                               std::string(to_string(c.outcome)), c.note, c.recorded_by, c.recorded_at_ms, c.id}));
    if (db_.changes() == 0) return not_found_status("check " + std::to_string(c.id));
    return Status::ok();
  }
  Result<ScpoCheck> check(int64_t id) override {
    return one_row<ScpoCheck>(db_, std::string("SELECT ") + kCheckCols + " FROM scpo_checks c WHERE c.id = ?", {id},
                              "check " + std::to_string(id), read_check);
  }
  Result<std::vector<ScpoCheck>> checks(const ReadScope& scope, const ScpoCheckQuery& q) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kCheckCols +
            " FROM scpo_checks c JOIN scpo_orders o ON o.id = c.order_id JOIN nominals n ON n.id = o.nominal_id WHERE ");
    scope_predicate(sql, scope, q.unscoped);
    if (!q.agency.empty()) sql.add(" AND o.agency = ?", q.agency);
    if (q.order_id) sql.add(" AND c.order_id = ?", q.order_id);
    if (q.bcu_unit_id) sql.add(" AND o.bcu_unit_id = ?", q.bcu_unit_id);
    if (!q.overdue_on.empty()) sql.add(" AND c.done_on = '' AND c.due_on < ?", q.overdue_on);
    if (!q.from.empty() && !q.to.empty())
      sql.add(" AND ((c.due_on >= ?", q.from).add(" AND c.due_on <= ?)", q.to)
          .add(" OR (c.done_on >= ?", q.from).add(" AND c.done_on <= ?))", q.to);
    sql.add(" ORDER BY c.due_on, c.id LIMIT ?", int64_t{std::clamp(q.limit, 1, 100000)});
    return all_rows<ScpoCheck>(db_, sql.text, sql.params, read_check);
  }

  Result<int64_t> insert_breach(const ScpoBreach& b) override {
    return one_integer(db_,
                       "INSERT INTO scpo_breaches(order_id, check_id, occurred_on, condition_kind, evidence, arrested, charged, "
                       "disruption_id, recorded_by, recorded_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                       {b.order_id, b.check_id, b.occurred_on, std::string(to_string(b.condition)), b.evidence,
                        int64_t{b.arrested}, int64_t{b.charged}, b.disruption_id, b.recorded_by, b.recorded_at_ms});
  }
  Result<std::vector<ScpoBreach>> breaches(const ReadScope& scope, const ScpoBreachQuery& q) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kBreachCols +
            " FROM scpo_breaches b JOIN scpo_orders o ON o.id = b.order_id JOIN nominals n ON n.id = o.nominal_id WHERE ");
    scope_predicate(sql, scope, q.unscoped);
    if (!q.agency.empty()) sql.add(" AND o.agency = ?", q.agency);
    if (q.order_id) sql.add(" AND b.order_id = ?", q.order_id);
    if (!q.from.empty() && !q.to.empty()) sql.add(" AND b.occurred_on >= ?", q.from).add(" AND b.occurred_on <= ?", q.to);
    sql.add(" ORDER BY b.occurred_on, b.id LIMIT ?", int64_t{std::clamp(q.limit, 1, 100000)});
    return all_rows<ScpoBreach>(db_, sql.text, sql.params, [](const Statement& st) {
      ScpoBreach b;
      b.id = st.int_at(0);
      b.order_id = st.int_at(1);
      b.check_id = st.int_at(2);
      b.occurred_on = st.text_at(3);
      b.condition = parse_scpo_condition_kind(st.text_at(4)).value_or(ScpoConditionKind::kOther);
      b.evidence = st.text_at(5);
      b.arrested = st.int_at(6) != 0;
      b.charged = st.int_at(7) != 0;
      b.disruption_id = st.int_at(8);
      b.recorded_by = st.int_at(9);
      b.recorded_at_ms = st.int_at(10);
      return b;
    });
  }

 private:
  static void scope_predicate(Sql& sql, const ReadScope& scope, bool unscoped) {
    if (unscoped) sql.add("1 = 1");
    else D::append_scope_predicate(sql, scope, "n", "nominal");
  }
  static std::string select_orders() {
    return std::string("SELECT ") + kOrderCols +
           " FROM scpo_orders o JOIN nominals n ON n.id = o.nominal_id JOIN agencies na ON na.code = n.owner";
  }
  static ScpoOrder read_order(const Statement& st) {
    ScpoOrder o;
    int c = 0;
    o.id = st.int_at(c++);
    o.reference = st.text_at(c++);
    o.agency = st.text_at(c++);
    o.nominal_id = st.int_at(c++);
    o.threat_id = st.int_at(c++);
    o.bcu_unit_id = st.int_at(c++);
    o.court = st.text_at(c++);
    o.made_on = st.text_at(c++);
    o.starts_on = st.text_at(c++);
    o.ends_on = st.text_at(c++);
    o.interim = st.int_at(c++) != 0;
    o.officer_id = st.int_at(c++);
    o.version = st.int_at(c++);
    o.created_by = st.int_at(c++);
    o.created_at_ms = st.int_at(c++);
    o.subject_reference = st.text_at(c++);
    const std::string surname = st.text_at(c++);
    const std::string given = st.text_at(c++);
    o.subject_name = given.empty() ? surname : surname + ", " + given;
    read_marking(st, c, o.subject_marking);
    o.subject_marking.owning_region = st.text_at(c++);
    return o;
  }
  static ScpoCheck read_check(const Statement& st) {
    ScpoCheck c;
    c.id = st.int_at(0);
    c.order_id = st.int_at(1);
    c.kind = parse_scpo_check_kind(st.text_at(2)).value_or(ScpoCheckKind::kVisit);
    c.due_on = st.text_at(3);
    c.officer_id = st.int_at(4);
    c.officer_name = st.text_at(5);
    c.done_on = st.text_at(6);
    c.outcome = parse_scpo_check_outcome(st.text_at(7)).value_or(ScpoCheckOutcome::kPending);
    c.note = st.text_at(8);
    c.recorded_by = st.int_at(9);
    c.recorded_at_ms = st.int_at(10);
    return c;
  }
  Status save_conditions(int64_t order_id, const std::vector<ScpoCondition>& conditions) {
    for (size_t i = 0; i < conditions.size(); ++i)
      ROCTA_RETURN_IF_ERROR(run(db_, "INSERT INTO scpo_conditions(order_id, seq, kind, detail) VALUES (?,?,?,?)",
                                {order_id, static_cast<int64_t>(i), std::string(to_string(conditions[i].kind)),
                                 conditions[i].detail}));
    return Status::ok();
  }
  // The conditions of the given orders, in one query.
  Status load_conditions(const std::vector<ScpoOrder*>& orders) {
    if (orders.empty()) return Status::ok();
    std::map<int64_t, ScpoOrder*> by_id;
    std::vector<int64_t> ids;
    for (auto* o : orders) {
      by_id[o->id] = o;
      ids.push_back(o->id);
    }
    Sql sql;
    sql.add("SELECT order_id, kind, detail FROM scpo_conditions WHERE ");
    D::append_id_in(sql, "order_id", ids);
    sql.add(" ORDER BY order_id, seq");
    ROCTA_RETURN_IF_ERROR(each_row(db_, sql.text, sql.params, [&](const auto& st) {
      auto it = by_id.find(st.int_at(0));
      if (it == by_id.end()) return;
      it->second->conditions.push_back(
          {parse_scpo_condition_kind(st.text_at(1)).value_or(ScpoConditionKind::kOther), st.text_at(2)});
    }));
    // The subjects' named agencies, so that app/ can hold the policy to the marking whole.
    std::map<int64_t, std::vector<ScpoOrder*>> by_subject;
    for (auto* o : orders) by_subject[o->nominal_id].push_back(o);
    std::vector<int64_t> subjects;
    for (const auto& [id, list] : by_subject) subjects.push_back(id);
    Sql shares;
    shares.add("SELECT record_id, agency FROM record_shares WHERE kind = 'nominal' AND ");
    D::append_id_in(shares, "record_id", subjects);
    shares.add(" ORDER BY record_id, agency");
    return each_row(db_, shares.text, shares.params, [&](const auto& st) {
      for (auto* o : by_subject[st.int_at(0)]) o->subject_marking.shared_with.push_back(st.text_at(1));
    });
  }
  typename D::Connection& db_;
};

}  // namespace rocta::sql
