// The tasking repository (store/tasking_repository.h) in SQL, written once for every SQL
// adapter; see repositories.h for what a Dialect supplies. Each table is described once
// (its columns, how a record binds and reads) and the plain reads and writes are shared.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/sql/repositories.h"
#include "store/tasking_repository.h"

namespace rocta::sql {

namespace tasking_detail {

// "a, b" -> "x.a, x.b"
inline std::string prefixed(const std::string& cols, const std::string& alias) {
  std::string out = alias + ".";
  for (char ch : cols) {
    out += ch;
    if (ch == ' ') out += alias + ".";
  }
  return out;
}

// "a, b" -> "a = ?, b = ?"
inline std::string set_clause(const std::string& cols) {
  std::string out, col;
  for (char ch : cols + ",") {
    if (ch == ',') {
      out += (out.empty() ? "" : ", ") + col + " = ?";
      col.clear();
    } else if (ch != ' ') {
      col += ch;
    }
  }
  return out;
}

template <typename T>
struct Table;

template <>
struct Table<ControlPriority> {
  static constexpr const char* kName = "control_priorities";
  static constexpr const char* kNoun = "priority";
  static constexpr const char* kCols = "agency, rank, title, description, crime_type, effective_from, effective_to, set_by, set_at_ms";
  static std::vector<Value> values(const ControlPriority& p) {
    return {p.agency, int64_t{p.rank}, p.title, p.description, p.crime_type, p.effective_from, p.effective_to, p.set_by, p.set_at_ms};
  }
  template <typename Row>
  static ControlPriority read(const Row& st) {
    return {st.int_at(0), st.text_at(1), static_cast<int>(st.int_at(2)), st.text_at(3), st.text_at(4), st.text_at(5),
            st.text_at(6), st.text_at(7), st.int_at(8), st.int_at(9)};
  }
};

template <>
struct Table<TaskingMeeting> {
  static constexpr const char* kName = "tasking_meetings";
  static constexpr const char* kNoun = "meeting";
  static constexpr const char* kCols = "agency, unit_id, level, title, held_on, chair_id, tactical_assessment, created_by, created_at_ms";
  static std::vector<Value> values(const TaskingMeeting& m) {
    return {m.agency, m.unit_id, std::string(to_string(m.level)), m.title, m.held_on, m.chair_id, m.tactical_assessment,
            m.created_by, m.created_at_ms};
  }
  template <typename Row>
  static TaskingMeeting read(const Row& st) {
    return {st.int_at(0), st.text_at(1), st.int_at(2), parse_meeting_level(st.text_at(3)).value_or(MeetingLevel::kForce),
            st.text_at(4), st.text_at(5), st.int_at(6), st.text_at(7), st.int_at(8), st.int_at(9)};
  }
};

template <>
struct Table<TaskingDecision> {
  static constexpr const char* kName = "tasking_decisions";
  static constexpr const char* kNoun = "decision";
  static constexpr const char* kCols = "agency, meeting_id, escalation_id, threat_id, decision, rationale, decided_by, "
                                       "decided_by_name, decided_at_ms, ratified_in, ratified_by, ratified_at_ms";
  static std::vector<Value> values(const TaskingDecision& d) {
    return {d.agency, d.meeting_id, d.escalation_id, d.threat_id, d.decision, d.rationale, d.decided_by, d.decided_by_name,
            d.decided_at_ms, d.ratified_in, d.ratified_by, d.ratified_at_ms};
  }
  template <typename Row>
  static TaskingDecision read(const Row& st) {
    return {st.int_at(0), st.text_at(1), st.int_at(2), st.int_at(3), st.int_at(4), st.text_at(5), st.text_at(6),
            st.int_at(7), st.text_at(8), st.int_at(9), st.int_at(10), st.int_at(11), st.int_at(12)};
  }
};

template <>
struct Table<Escalation> {
  static constexpr const char* kName = "escalations";
  static constexpr const char* kNoun = "escalation";
  static constexpr const char* kCols = "agency, direction, from_unit_id, to_unit_id, threat_id, request, support, raised_by, "
                                       "raised_at_ms, decide_by, status, decision_id, decided_at_ms";
  static std::vector<Value> values(const Escalation& e) {
    return {e.agency, std::string(to_string(e.direction)), e.from_unit_id, e.to_unit_id, e.threat_id, e.request, e.support,
            e.raised_by, e.raised_at_ms, e.decide_by, std::string(to_string(e.status)), e.decision_id, e.decided_at_ms};
  }
  template <typename Row>
  static Escalation read(const Row& st) {
    return {st.int_at(0), st.text_at(1), parse_escalation_direction(st.text_at(2)).value_or(EscalationDirection::kToSpecialist),
            st.int_at(3), st.int_at(4), st.int_at(5), st.text_at(6), st.text_at(7), st.int_at(8), st.int_at(9),
            st.text_at(10), parse_escalation_status(st.text_at(11)).value_or(EscalationStatus::kOpen), st.int_at(12),
            st.int_at(13)};
  }
};

template <>
struct Table<Task> {
  static constexpr const char* kName = "tasks";
  static constexpr const char* kNoun = "task";
  static constexpr const char* kCols = "agency, title, detail, assigned_agency, assigned_unit_id, owner, threat_id, decision_id, "
                                       "deadline, status, created_by, created_at_ms, updated_at_ms, version";
  static std::vector<Value> values(const Task& t) {
    return {t.agency, t.title, t.detail, t.assigned_agency, t.assigned_unit_id, t.owner, t.threat_id, t.decision_id,
            t.deadline, std::string(to_string(t.status)), t.created_by, t.created_at_ms, t.updated_at_ms, t.version};
  }
  template <typename Row>
  static Task read(const Row& st) {
    return {st.int_at(0), st.text_at(1), st.text_at(2), st.text_at(3), st.text_at(4), st.int_at(5), st.text_at(6),
            st.int_at(7), st.int_at(8), st.text_at(9), parse_task_status(st.text_at(10)).value_or(TaskStatus::kOpen),
            st.int_at(11), st.int_at(12), st.int_at(13), st.int_at(14)};
  }
};

template <>
struct Table<TaskUpdate> {
  static constexpr const char* kName = "task_updates";
  static constexpr const char* kNoun = "task update";
  static constexpr const char* kCols = "task_id, by_user, by_name, by_agency, at_ms, status, note";
  static std::vector<Value> values(const TaskUpdate& u) {
    return {u.task_id, u.by, u.by_name, u.by_agency, u.at_ms, std::string(to_string(u.status)), u.note};
  }
  template <typename Row>
  static TaskUpdate read(const Row& st) {
    return {st.int_at(0), st.int_at(1), st.int_at(2), st.text_at(3), st.text_at(4), st.int_at(5),
            parse_task_status(st.text_at(6)).value_or(TaskStatus::kOpen), st.text_at(7)};
  }
};

template <>
struct Table<FourPPlan> {
  static constexpr const char* kName = "four_p_plans";
  static constexpr const char* kNoun = "plan";
  static constexpr const char* kCols = "threat_id, agency, lro_user_id, aim, next_review, closed, created_by, created_at_ms";
  static std::vector<Value> values(const FourPPlan& p) {
    return {p.threat_id, p.agency, p.lro_user_id, p.aim, p.next_review, int64_t{p.closed}, p.created_by, p.created_at_ms};
  }
  template <typename Row>
  static FourPPlan read(const Row& st) {
    return {st.int_at(0), st.int_at(1), st.text_at(2), st.int_at(3), st.text_at(4), st.text_at(5), st.int_at(6) != 0,
            st.int_at(7), st.int_at(8), {}};
  }
};

template <>
struct Table<PlanAction> {
  static constexpr const char* kName = "plan_actions";
  static constexpr const char* kNoun = "plan action";
  static constexpr const char* kCols = "plan_id, p, description, owner_agency, owner, partner, due, done";
  static std::vector<Value> values(const PlanAction& a) {
    return {a.plan_id, four_p_key(a.p), a.description, a.owner_agency, a.owner, int64_t{a.partner}, a.due, int64_t{a.done}};
  }
  template <typename Row>
  static PlanAction read(const Row& st) {
    return {st.int_at(0), st.int_at(1), parse_four_p(st.text_at(2)).value_or(FourP::kPursue), st.text_at(3), st.text_at(4),
            st.text_at(5), st.int_at(6) != 0, st.text_at(7), st.int_at(8) != 0};
  }
};

template <>
struct Table<PlanReview> {
  static constexpr const char* kName = "plan_reviews";
  static constexpr const char* kNoun = "plan review";
  static constexpr const char* kCols = "plan_id, reviewed_by, reviewed_at_ms, note, next_review";
  static std::vector<Value> values(const PlanReview& r) { return {r.plan_id, r.reviewed_by, r.reviewed_at_ms, r.note, r.next_review}; }
  template <typename Row>
  static PlanReview read(const Row& st) {
    return {st.int_at(0), st.int_at(1), st.int_at(2), st.int_at(3), st.text_at(4), st.text_at(5)};
  }
};

// The columns of a threat that tasking screens show; read by read_threat_brief.
constexpr const char* kThreatBrief =
    "r.id, r.reference, r.name, r.threat_type, r.tier, r.primary_crime_type, r.morile_score, r.moderation, r.phase, r.owner, "
    "r.assessment_date, r.lro_user_id";

template <typename Row>
Threat read_threat_brief(const Row& st) {
  Threat t;
  t.id = st.int_at(0);
  t.reference = st.text_at(1);
  t.name = st.text_at(2);
  t.type = parse_threat_type(st.text_at(3)).value_or(ThreatType::kOcg);
  if (!st.is_null(4)) t.tier = static_cast<int>(st.int_at(4));
  t.primary_crime_type = st.text_at(5);
  if (!st.is_null(6)) t.morile_score = st.real_at(6);
  t.moderation = parse_moderation_status(st.text_at(7)).value_or(ModerationStatus::kUnmoderated);
  t.phase = st.text_at(8);
  t.marking.owning_agency = st.text_at(9);
  t.assessment_date = st.text_at(10);
  t.lro_user_id = st.int_at(11);
  return t;
}

inline const char* kInRegion = " IN (SELECT code FROM agencies WHERE region = ?)";

// " WHERE …" limited to agencies of `region` and to `agency`, each when given.
inline Sql where_agency(const std::string& region, const std::string& agency) {
  Sql where;
  where.add(" WHERE 1 = 1");
  if (!region.empty()) where.add(std::string(" AND agency") + kInRegion, region);
  if (!agency.empty()) where.add(" AND agency = ?", agency);
  return where;
}

}  // namespace tasking_detail

template <typename D>
class Tasking final : public TaskingRepository {
  template <typename T>
  using Tab = tasking_detail::Table<T>;

 public:
  explicit Tasking(typename D::Connection& db) : db_(db) {}

  Result<int64_t> insert_priority(const ControlPriority& p) override { return insert(p); }
  Status update_priority(const ControlPriority& p) override { return update(p, p.id); }
  Result<ControlPriority> priority(int64_t id) override { return get<ControlPriority>(id); }
  Result<std::vector<ControlPriority>> priorities(const std::string& region, const std::string& agency) override {
    Sql where = tasking_detail::where_agency(region, agency);
    return select<ControlPriority>(where, "agency, effective_to <> '', rank, effective_from DESC, id");
  }

  Result<int64_t> insert_meeting(const TaskingMeeting& m) override { return insert(m); }
  Result<TaskingMeeting> meeting(int64_t id) override { return get<TaskingMeeting>(id); }
  Result<std::vector<TaskingMeeting>> meetings(const std::string& region, const std::string& agency) override {
    Sql where = tasking_detail::where_agency(region, agency);
    return select<TaskingMeeting>(where, "held_on DESC, id DESC");
  }

  Result<int64_t> insert_decision(const TaskingDecision& d) override { return insert(d); }
  Status update_decision(const TaskingDecision& d) override { return update(d, d.id); }
  Result<TaskingDecision> decision(int64_t id) override { return get<TaskingDecision>(id); }
  Result<std::vector<TaskingDecision>> decisions(const DecisionQuery& q) override {
    Sql where = tasking_detail::where_agency(q.region, q.agency);
    if (q.meeting_id) where.add(" AND meeting_id = ?", q.meeting_id);
    if (q.awaiting_ratification) where.add(" AND meeting_id = 0 AND ratified_in = 0");
    return select<TaskingDecision>(where, "decided_at_ms DESC, id DESC");
  }

  Result<int64_t> insert_escalation(const Escalation& e) override { return insert(e); }
  Status update_escalation(const Escalation& e) override { return update(e, e.id); }
  Result<Escalation> escalation(int64_t id) override { return get<Escalation>(id); }
  Result<std::vector<Escalation>> escalations(const EscalationQuery& q) override {
    Sql where = tasking_detail::where_agency(q.region, q.agency);
    if (q.to_unit_id) where.add(" AND to_unit_id = ?", q.to_unit_id);
    if (q.open_only) where.add(" AND status = 'open'");
    return select<Escalation>(where, "status <> 'open', decide_by, id");
  }

  Result<int64_t> insert_task(const Task& t) override { return insert(t); }
  Status update_task(const Task& t) override {
    auto v = Tab<Task>::values(t);
    v.push_back(t.id);
    v.push_back(t.version - 1);
    ROCTA_RETURN_IF_ERROR(run(db_, std::string("UPDATE tasks SET ") + tasking_detail::set_clause(Tab<Task>::kCols) +
                                       " WHERE id = ? AND version = ?", v));
    if (db_.changes() == 0) return {Code::kConflict, "the task was changed by someone else since you loaded it; reload and apply your change again"};
    return Status::ok();
  }
  Result<Task> task(int64_t id) override { return get<Task>(id); }
  Result<Page<Task>> tasks(const TaskQuery& q) override {
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
    Page<Task> page;
    ROCTA_ASSIGN_OR_RETURN(page.total, one_integer(db_, "SELECT count(*) FROM tasks" + where.text, where.params));
    where.add(" ORDER BY status IN ('done', 'cancelled'), deadline, id LIMIT ?", int64_t{q.page.limit}).add(" OFFSET ?", int64_t{q.page.offset});
    ROCTA_ASSIGN_OR_RETURN(page.items, select<Task>(where, ""));
    return page;
  }
  Result<int64_t> insert_task_update(const TaskUpdate& u) override { return insert(u); }
  Result<std::vector<TaskUpdate>> task_updates(int64_t task_id) override {
    Sql where;
    where.add(" WHERE task_id = ?", task_id);
    return select<TaskUpdate>(where, "at_ms, id");
  }

  Result<int64_t> insert_plan(const FourPPlan& p) override {
    auto id = insert(p);
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, "the threat already has a 4P plan; add to it instead");
    return id;
  }
  Status update_plan(const FourPPlan& p) override { return update(p, p.id); }
  Result<FourPPlan> plan(int64_t id) override {
    ROCTA_ASSIGN_OR_RETURN(FourPPlan p, get<FourPPlan>(id));
    ROCTA_RETURN_IF_ERROR(load_actions(p));
    return p;
  }
  Result<std::optional<FourPPlan>> plan_for_threat(int64_t threat_id) override {
    Sql where;
    where.add(" WHERE threat_id = ?", threat_id);
    ROCTA_ASSIGN_OR_RETURN(auto plans, select<FourPPlan>(where, "id"));
    if (plans.empty()) return std::optional<FourPPlan>{};
    ROCTA_RETURN_IF_ERROR(load_actions(plans.front()));
    return std::optional<FourPPlan>{std::move(plans.front())};
  }
  Result<std::vector<FourPPlan>> plans_for_threats(const std::vector<int64_t>& threat_ids) override {
    if (threat_ids.empty()) return std::vector<FourPPlan>{};
    Sql where;
    where.add(" WHERE ");
    D::append_id_in(where, "threat_id", threat_ids);
    return select<FourPPlan>(where, "id");
  }
  Result<int64_t> insert_action(const PlanAction& a) override { return insert(a); }
  Status update_action(const PlanAction& a) override { return update(a, a.id); }
  Result<int64_t> insert_review(const PlanReview& r) override { return insert(r); }
  Result<std::vector<PlanReview>> reviews(int64_t plan_id) override {
    Sql where;
    where.add(" WHERE plan_id = ?", plan_id);
    return select<PlanReview>(where, "reviewed_at_ms DESC, id DESC");
  }

  Status set_threat_area(int64_t threat_id, int64_t unit_id) override {
    ROCTA_RETURN_IF_ERROR(run(db_, "DELETE FROM threat_areas WHERE threat_id = ?", {threat_id}));
    if (unit_id == 0) return Status::ok();
    return run(db_, "INSERT INTO threat_areas(threat_id, unit_id) VALUES (?, ?)", {threat_id, unit_id});
  }
  Result<int64_t> threat_area(int64_t threat_id) override {
    ROCTA_ASSIGN_OR_RETURN(auto ids, all_rows<int64_t>(db_, "SELECT unit_id FROM threat_areas WHERE threat_id = ?", {threat_id},
                                                       [](const auto& st) { return st.int_at(0); }));
    return ids.empty() ? int64_t{0} : ids.front();
  }
  Result<std::vector<Threat>> threats_in_area(int64_t unit_id, const ReadScope& scope) override {
    Sql sql;
    sql.add(std::string("SELECT ") + tasking_detail::kThreatBrief +
                " FROM threats r JOIN threat_areas ta ON ta.threat_id = r.id WHERE ta.unit_id = ? AND ",
            unit_id);
    D::append_scope_predicate(sql, scope, "r", "threat");
    sql.add(" ORDER BY coalesce(r.morile_score, 0) DESC, r.reference");
    return all_rows<Threat>(db_, sql.text, sql.params, [](const auto& st) { return tasking_detail::read_threat_brief(st); });
  }
  Result<std::vector<CoverageSource>> coverage_sources(const std::string& region, const ReadScope& scope) override {
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
  Result<std::vector<Threat>> assessed_since(const std::string& agency, const std::string& since, const ReadScope& scope) override {
    Sql sql;
    sql.add(std::string("SELECT ") + tasking_detail::kThreatBrief + " FROM threats r WHERE r.owner = ?", agency);
    sql.add(" AND r.assessment_date >= ? AND ", since);
    D::append_scope_predicate(sql, scope, "r", "threat");
    sql.add(" ORDER BY r.assessment_date DESC, r.reference");
    return all_rows<Threat>(db_, sql.text, sql.params, [](const auto& st) { return tasking_detail::read_threat_brief(st); });
  }
  Result<std::vector<PlanAction>> actions_for_threats(const std::vector<int64_t>& threat_ids) override {
    if (threat_ids.empty()) return std::vector<PlanAction>{};
    Sql sql;
    sql.add(std::string("SELECT a.id, ") + tasking_detail::prefixed(Tab<PlanAction>::kCols, "a") +
            " FROM plan_actions a JOIN four_p_plans p ON p.id = a.plan_id WHERE ");
    D::append_id_in(sql, "p.threat_id", threat_ids);
    sql.add(" ORDER BY a.id");
    return all_rows<PlanAction>(db_, sql.text, sql.params, [](const auto& st) { return Tab<PlanAction>::read(st); });
  }
  Result<std::vector<PartnerSupply>> partner_supply(const std::vector<int64_t>& threat_ids, const ReadScope& scope) override {
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

 private:
  template <typename T>
  Result<int64_t> insert(const T& r) {
    auto v = Tab<T>::values(r);
    std::string marks;
    for (size_t i = 0; i < v.size(); ++i) marks += i ? ",?" : "?";
    return one_integer(db_, std::string("INSERT INTO ") + Tab<T>::kName + "(" + Tab<T>::kCols + ") VALUES (" + marks + ") RETURNING id", v);
  }
  template <typename T>
  Status update(const T& r, int64_t id) {
    auto v = Tab<T>::values(r);
    v.push_back(id);
    ROCTA_RETURN_IF_ERROR(run(db_, std::string("UPDATE ") + Tab<T>::kName + " SET " + tasking_detail::set_clause(Tab<T>::kCols) + " WHERE id = ?", v));
    return db_.changes() ? Status::ok() : not_found_status(std::string(Tab<T>::kNoun) + " " + std::to_string(id));
  }
  template <typename T>
  Result<T> get(int64_t id) {
    return one_row<T>(db_, std::string("SELECT id, ") + Tab<T>::kCols + " FROM " + Tab<T>::kName + " WHERE id = ?", {id},
                      std::string(Tab<T>::kNoun) + " " + std::to_string(id), [](const auto& st) { return Tab<T>::read(st); });
  }
  // `where` starts with " WHERE"; `order` may be empty when `where` carries its own.
  template <typename T>
  Result<std::vector<T>> select(const Sql& where, const std::string& order) {
    return all_rows<T>(db_, std::string("SELECT id, ") + Tab<T>::kCols + " FROM " + Tab<T>::kName + where.text +
                                (order.empty() ? "" : " ORDER BY " + order),
                       where.params, [](const auto& st) { return Tab<T>::read(st); });
  }
  Status load_actions(FourPPlan& p) {
    Sql where;
    where.add(" WHERE plan_id = ?", p.id);
    ROCTA_ASSIGN_OR_RETURN(p.actions, select<PlanAction>(where, "CASE p WHEN 'pursue' THEN 0 WHEN 'prevent' THEN 1 WHEN 'protect' THEN 2 ELSE 3 END, id"));
    return Status::ok();
  }

  typename D::Connection& db_;
};

}  // namespace rocta::sql
