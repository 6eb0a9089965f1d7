// The members of Tasking (store/sql/tasking_repository.h). Included only where a dialect
// instantiates them explicitly, so that the SQL of tasking is compiled once per
// database rather than in every file that opens a transaction.
#pragma once

#include "store/sql/tasking_repository.h"

namespace rocta::sql {

template <typename D>
auto Tasking<D>::insert_priority(const ControlPriority& p) -> Result<int64_t> { return insert(p); }

template <typename D>
auto Tasking<D>::update_priority(const ControlPriority& p) -> Status { return update(p, p.id); }

template <typename D>
auto Tasking<D>::priority(int64_t id) -> Result<ControlPriority> { return get<ControlPriority>(id); }

template <typename D>
auto Tasking<D>::priorities(const std::string& region, const std::string& agency) -> Result<std::vector<ControlPriority>> {
  Sql where = tasking_detail::where_agency(region, agency);
  return select<ControlPriority>(where, "agency, effective_to <> '', rank, effective_from DESC, id");
}

template <typename D>
auto Tasking<D>::insert_meeting(const TaskingMeeting& m) -> Result<int64_t> { return insert(m); }

template <typename D>
auto Tasking<D>::meeting(int64_t id) -> Result<TaskingMeeting> { return get<TaskingMeeting>(id); }

template <typename D>
auto Tasking<D>::meetings(const std::string& region, const std::string& agency) -> Result<std::vector<TaskingMeeting>> {
  Sql where = tasking_detail::where_agency(region, agency);
  return select<TaskingMeeting>(where, "held_on DESC, id DESC");
}

template <typename D>
auto Tasking<D>::insert_decision(const TaskingDecision& d) -> Result<int64_t> { return insert(d); }

template <typename D>
auto Tasking<D>::update_decision(const TaskingDecision& d) -> Status { return update(d, d.id); }

template <typename D>
auto Tasking<D>::decision(int64_t id) -> Result<TaskingDecision> { return get<TaskingDecision>(id); }

template <typename D>
auto Tasking<D>::decisions(const DecisionQuery& q) -> Result<std::vector<TaskingDecision>> {
  Sql where = tasking_detail::where_agency(q.region, q.agency);
  if (q.meeting_id) where.add(" AND meeting_id = ?", q.meeting_id);
  if (q.awaiting_ratification) where.add(" AND meeting_id = 0 AND ratified_in = 0");
  return select<TaskingDecision>(where, "decided_at_ms DESC, id DESC");
}

template <typename D>
auto Tasking<D>::insert_escalation(const Escalation& e) -> Result<int64_t> { return insert(e); }

template <typename D>
auto Tasking<D>::update_escalation(const Escalation& e) -> Status { return update(e, e.id); }

template <typename D>
auto Tasking<D>::escalation(int64_t id) -> Result<Escalation> { return get<Escalation>(id); }

template <typename D>
auto Tasking<D>::escalations(const EscalationQuery& q) -> Result<std::vector<Escalation>> {
  Sql where = tasking_detail::where_agency(q.region, q.agency);
  if (q.to_unit_id) where.add(" AND to_unit_id = ?", q.to_unit_id);
  if (q.open_only) where.add(" AND status = 'open'");
  return select<Escalation>(where, "status <> 'open', decide_by, id");
}

template <typename D>
auto Tasking<D>::insert_task(const Task& t) -> Result<int64_t> { return insert(t); }

template <typename D>
auto Tasking<D>::update_task(const Task& t) -> Status {
  auto v = Tab<Task>::values(t);
  v.push_back(t.id);
  v.push_back(t.version - 1);
  ROCTA_RETURN_IF_ERROR(run(db_, std::string("UPDATE tasks SET ") + tasking_detail::set_clause(Tab<Task>::kCols) +
                                     " WHERE id = ? AND version = ?", v));
  if (db_.changes() == 0) return {Code::kConflict, "the task was changed by someone else since you loaded it; reload and apply your change again"};
  return Status::ok();
}

template <typename D>
auto Tasking<D>::task(int64_t id) -> Result<Task> { return get<Task>(id); }

// The tasks a reader may see, as app/tasking_sight.h decides for each: keep in step with
// TaskingSight::of() and core may_signal().
template <typename D>
void Tasking<D>::append_task_sight(Sql& where, const ReadScope& s, const std::string& given_to) {
  where.add(" AND (threat_id = 0");
  if (!given_to.empty()) where.add(" OR assigned_agency = ?", given_to);
  where.add(" OR threat_id IN (SELECT r.id FROM threats r WHERE ");
  D::append_scope_predicate(where, s, "r", "threat");
  where.add(")");
  if (s.active) {
    where.add(" OR threat_id IN (SELECT r.id FROM threats r JOIN agencies oa ON oa.code = r.owner WHERE r.classification < ? AND (1 = 0",
              static_cast<int64_t>(Classification::kTopSecret));
    for (const auto& g : s.grants)
      if (g.signals) where.add(" OR r.owner = ?", g.giver);
    if (s.law_enforcement) {
      const std::string audience = "coalesce((SELECT sr.audience FROM signal_rules sr WHERE sr.holder = r.owner), ?)";
      const std::string fallback(to_string(kDefaultSignalAudience));
      where.add(" OR " + audience + " = 'national'", fallback);
      where.add(" OR (" + audience + " = 'region'", fallback).add(" AND oa.region = ?)", s.region);
    }
    where.add("))");
  }
  where.add(")");
}

template <typename D>
auto Tasking<D>::tasks(const TaskQuery& q) -> Result<Page<Task>> {
  Sql where;
  where.add(" WHERE 1 = 1");
  if (q.or_assigned) {
    where.add(std::string(" AND (agency") + tasking_detail::kInRegion, q.region).add(" OR assigned_agency = ?)", q.assigned_agency);
  } else {
    if (!q.region.empty()) where.add(std::string(" AND agency") + tasking_detail::kInRegion, q.region);
    if (!q.assigned_agency.empty()) where.add(" AND assigned_agency = ?", q.assigned_agency);
  }
  if (!q.setting_agency.empty()) where.add(" AND agency = ?", q.setting_agency);
  if (q.open_only) where.add(" AND status IN ('open', 'in progress')");
  if (!q.overdue_on.empty()) where.add(" AND status IN ('open', 'in progress') AND deadline < ?", q.overdue_on);
  if (q.decision_id) where.add(" AND decision_id = ?", q.decision_id);
  if (!q.threat_ids.empty()) {
    where.add(" AND ");
    D::append_id_in(where, "threat_id", q.threat_ids);
  }
  if (q.sight) append_task_sight(where, *q.sight, q.given_to);
  std::string order = "status IN ('done', 'cancelled'), deadline, id";
  if (q.sort.is_set()) {
    const std::string by = tasking_detail::task_sort_expression<D>(q.sort.column);
    if (by.empty()) return invalid("a list of tasks does not sort by '" + q.sort.column + "'", "sort");
    // The column, then the id the same way: a total order, so pages neither repeat nor skip.
    const char* dir = q.sort.descending ? " DESC" : " ASC";
    order = by + dir + ", id" + dir;
  }
  Page<Task> page;
  ROCTA_ASSIGN_OR_RETURN(page.total, one_integer(db_, "SELECT count(*) FROM tasks" + where.text, where.params));
  where.add(" ORDER BY " + order + " LIMIT ?", int64_t{q.page.limit}).add(" OFFSET ?", int64_t{q.page.offset});
  ROCTA_ASSIGN_OR_RETURN(page.items, select<Task>(where, ""));
  return page;
}

template <typename D>
auto Tasking<D>::insert_task_update(const TaskUpdate& u) -> Result<int64_t> { return insert(u); }

template <typename D>
auto Tasking<D>::task_updates(int64_t task_id) -> Result<std::vector<TaskUpdate>> {
  Sql where;
  where.add(" WHERE task_id = ?", task_id);
  return select<TaskUpdate>(where, "at_ms, id");
}

template <typename D>
auto Tasking<D>::insert_plan(const FourPPlan& p) -> Result<int64_t> {
  auto id = insert(p);
  if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
    return Status(Code::kAlreadyExists, "the threat already has a 4P plan; add to it instead");
  return id;
}

template <typename D>
auto Tasking<D>::update_plan(const FourPPlan& p) -> Status { return update(p, p.id); }

template <typename D>
auto Tasking<D>::plan(int64_t id) -> Result<FourPPlan> {
  ROCTA_ASSIGN_OR_RETURN(FourPPlan p, get<FourPPlan>(id));
  ROCTA_RETURN_IF_ERROR(load_actions(p));
  return p;
}

template <typename D>
auto Tasking<D>::plan_for_threat(int64_t threat_id) -> Result<std::optional<FourPPlan>> {
  Sql where;
  where.add(" WHERE threat_id = ?", threat_id);
  ROCTA_ASSIGN_OR_RETURN(auto plans, select<FourPPlan>(where, "id"));
  if (plans.empty()) return std::optional<FourPPlan>{};
  ROCTA_RETURN_IF_ERROR(load_actions(plans.front()));
  return std::optional<FourPPlan>{std::move(plans.front())};
}

template <typename D>
auto Tasking<D>::insert_action(const PlanAction& a) -> Result<int64_t> { return insert(a); }

template <typename D>
auto Tasking<D>::update_action(const PlanAction& a) -> Status { return update(a, a.id); }

template <typename D>
auto Tasking<D>::insert_review(const PlanReview& r) -> Result<int64_t> { return insert(r); }

template <typename D>
auto Tasking<D>::reviews(int64_t plan_id) -> Result<std::vector<PlanReview>> {
  Sql where;
  where.add(" WHERE plan_id = ?", plan_id);
  return select<PlanReview>(where, "reviewed_at_ms DESC, id DESC");
}

template <typename D>
auto Tasking<D>::set_threat_area(int64_t threat_id, int64_t unit_id) -> Status {
  ROCTA_RETURN_IF_ERROR(run(db_, "DELETE FROM threat_areas WHERE threat_id = ?", {threat_id}));
  if (unit_id == 0) return Status::ok();
  return run(db_, "INSERT INTO threat_areas(threat_id, unit_id) VALUES (?, ?)", {threat_id, unit_id});
}

template <typename D>
auto Tasking<D>::threat_area(int64_t threat_id) -> Result<int64_t> {
  ROCTA_ASSIGN_OR_RETURN(auto ids, all_rows<int64_t>(db_, "SELECT unit_id FROM threat_areas WHERE threat_id = ?", {threat_id},
                                                     [](const auto& st) { return st.int_at(0); }));
  return ids.empty() ? int64_t{0} : ids.front();
}

template <typename D>
auto Tasking<D>::threats_in_area(int64_t unit_id, const ReadScope& scope) -> Result<std::vector<Threat>> {
  Sql sql;
  sql.add(std::string("SELECT ") + tasking_detail::kThreatBrief +
              " FROM threats r JOIN threat_areas ta ON ta.threat_id = r.id WHERE ta.unit_id = ? AND ",
          unit_id);
  D::append_scope_predicate(sql, scope, "r", "threat");
  sql.add(" ORDER BY coalesce(r.morile_score, 0) DESC, r.reference");
  return all_rows<Threat>(db_, sql.text, sql.params, [](const auto& st) { return tasking_detail::read_threat_brief(st); });
}

template <typename D>
auto Tasking<D>::coverage_sources(const std::string& region, const ReadScope& scope) -> Result<std::vector<CoverageSource>> {
  Sql sql;
  sql.add(std::string("SELECT ") + tasking_detail::kThreatBrief + ", coalesce(u.name, ''), p.id, " +
          tasking_detail::prefixed(Tab<FourPPlan>::kCols, "p") +
          ", (SELECT count(*) FROM plan_actions pa WHERE pa.plan_id = p.id) FROM threats r "
          "LEFT JOIN threat_areas ta ON ta.threat_id = r.id LEFT JOIN units u ON u.id = ta.unit_id "
          "LEFT JOIN four_p_plans p ON p.threat_id = r.id "
          "WHERE r.moderation = 'Moderated' AND lower(r.phase) NOT LIKE '%closed%' AND ");
  D::append_scope_predicate(sql, scope, "r", "threat");
  if (!region.empty()) sql.add(std::string(" AND r.owner") + tasking_detail::kInRegion, region);
  sql.add(" ORDER BY r.owner, r.reference");
  return all_rows<CoverageSource>(db_, sql.text, sql.params, [](const auto& st) {
    CoverageSource c;
    c.threat = tasking_detail::read_threat_brief(st);
    c.area = st.text_at(12);
    c.has_plan = !st.is_null(13);
    if (c.has_plan) {
      c.plan = {st.int_at(13), st.int_at(14), st.text_at(15), st.int_at(16), st.text_at(17), st.text_at(18),
                st.int_at(19) != 0, st.int_at(20), st.int_at(21), {}};
      c.actions = static_cast<int>(st.int_at(22));
    }
    return c;
  });
}

template <typename D>
auto Tasking<D>::assessed_since(const std::string& agency, const std::string& since, const ReadScope& scope) -> Result<std::vector<Threat>> {
  Sql sql;
  sql.add(std::string("SELECT ") + tasking_detail::kThreatBrief + " FROM threats r WHERE r.owner = ?", agency);
  sql.add(" AND r.assessment_date >= ? AND ", since);
  D::append_scope_predicate(sql, scope, "r", "threat");
  sql.add(" ORDER BY r.assessment_date DESC, r.reference");
  return all_rows<Threat>(db_, sql.text, sql.params, [](const auto& st) { return tasking_detail::read_threat_brief(st); });
}

template <typename D>
auto Tasking<D>::actions_for_threats(const std::vector<int64_t>& threat_ids) -> Result<std::vector<PlanAction>> {
  if (threat_ids.empty()) return std::vector<PlanAction>{};
  Sql sql;
  sql.add(std::string("SELECT a.id, ") + tasking_detail::prefixed(Tab<PlanAction>::kCols, "a") +
          " FROM plan_actions a JOIN four_p_plans p ON p.id = a.plan_id WHERE ");
  D::append_id_in(sql, "p.threat_id", threat_ids);
  sql.add(" ORDER BY a.id");
  return all_rows<PlanAction>(db_, sql.text, sql.params, [](const auto& st) { return Tab<PlanAction>::read(st); });
}

template <typename D>
auto Tasking<D>::partner_supply(const std::vector<int64_t>& threat_ids, const ReadScope& scope) -> Result<std::vector<PartnerSupply>> {
  if (threat_ids.empty()) return std::vector<PartnerSupply>{};
  // Reports linked to the threat, or to a record linked to the threat (a member).
  Sql near;
  near.add("SELECT l.from_kind AS k, l.from_id AS i FROM links l WHERE l.to_kind = 'threat' AND ");
  D::append_id_in(near, "l.to_id", threat_ids);
  Sql sql;
  sql.add("WITH nearby AS (").add(near).add(
      "), reports AS (SELECT n.i AS id FROM nearby n WHERE n.k = 'intelligence' "
      "UNION SELECT l2.from_id FROM nearby n JOIN links l2 ON l2.to_kind = n.k AND l2.to_id = n.i AND l2.from_kind = 'intelligence') "
      "SELECT r.owner, count(*) FROM reports x JOIN intelligence r ON r.id = x.id "
      "JOIN agencies oa ON oa.code = r.owner WHERE oa.kind = 'partner agency' AND ");
  D::append_scope_predicate(sql, scope, "r", "intelligence");
  sql.add(" GROUP BY r.owner ORDER BY r.owner");
  return all_rows<PartnerSupply>(db_, sql.text, sql.params,
                                 [](const auto& st) { return PartnerSupply{st.text_at(0), static_cast<int>(st.int_at(1))}; });
}

template <typename D>
auto Tasking<D>::load_actions(FourPPlan& p) -> Status {
  Sql where;
  where.add(" WHERE plan_id = ?", p.id);
  ROCTA_ASSIGN_OR_RETURN(p.actions, select<PlanAction>(where, "CASE p WHEN 'pursue' THEN 0 WHEN 'prevent' THEN 1 WHEN 'protect' THEN 2 ELSE 3 END, id"));
  return Status::ok();
}

template <typename D>
auto Tasking<D>::plans_for_threats(const std::vector<int64_t>& threat_ids) -> Result<std::vector<FourPPlan>> {
  if (threat_ids.empty()) return std::vector<FourPPlan>{};
  Sql where;
  where.add(" WHERE ");
  D::append_id_in(where, "threat_id", threat_ids);
  return select<FourPPlan>(where, "id");
}

}  // namespace rocta::sql
