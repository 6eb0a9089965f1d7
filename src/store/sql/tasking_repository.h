// The tasking repository (store/tasking_repository.h) in SQL, written once for every SQL
// adapter; see repositories.h for what a Dialect supplies. Each table is described once
// (its columns, how a record binds and reads) and the plain reads and writes are shared.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/page.h"
#include "store/sql/query_helpers.h"
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

// The expression each task sort column orders by (core task_sort_columns()); empty for
// another name. Never a column a signalled task withholds (app/tasking.cc withhold()).
template <typename D>
std::string task_sort_expression(const std::string& column) {
  if (column == "assigned_agency") return D::byte_order("assigned_agency");
  if (column == "agency") return D::byte_order("agency");
  if (column == "deadline") return D::byte_order("deadline");
  if (column == "status") return D::byte_order("status");
  return "";
}

}  // namespace tasking_detail

// The members are defined in tasking_repository_impl.h and compiled once per dialect
// (store/sqlite/sqlite_repositories.cc, store/postgres/postgres_repositories.cc).
template <typename D>
class Tasking final : public TaskingRepository {
  template <typename T>
  using Tab = tasking_detail::Table<T>;

 public:
  explicit Tasking(typename D::Connection& db) : db_(db) {}

  Result<int64_t> insert_priority(const ControlPriority& p) override;
  Status update_priority(const ControlPriority& p) override;
  Result<ControlPriority> priority(int64_t id) override;
  Result<std::vector<ControlPriority>> priorities(const std::string& region, const std::string& agency) override;

  Result<int64_t> insert_meeting(const TaskingMeeting& m) override;
  Result<TaskingMeeting> meeting(int64_t id) override;
  Result<std::vector<TaskingMeeting>> meetings(const std::string& region, const std::string& agency) override;

  Result<int64_t> insert_decision(const TaskingDecision& d) override;
  Status update_decision(const TaskingDecision& d) override;
  Result<TaskingDecision> decision(int64_t id) override;
  Result<std::vector<TaskingDecision>> decisions(const DecisionQuery& q) override;

  Result<int64_t> insert_escalation(const Escalation& e) override;
  Status update_escalation(const Escalation& e) override;
  Result<Escalation> escalation(int64_t id) override;
  Result<std::vector<Escalation>> escalations(const EscalationQuery& q) override;

  Result<int64_t> insert_task(const Task& t) override;
  Status update_task(const Task& t) override;
  Result<Task> task(int64_t id) override;
  Result<Page<Task>> tasks(const TaskQuery& q) override;
  Result<int64_t> insert_task_update(const TaskUpdate& u) override;
  Result<std::vector<TaskUpdate>> task_updates(int64_t task_id) override;

  Result<int64_t> insert_plan(const FourPPlan& p) override;
  Status update_plan(const FourPPlan& p) override;
  Result<FourPPlan> plan(int64_t id) override;
  Result<std::optional<FourPPlan>> plan_for_threat(int64_t threat_id) override;
  Result<std::vector<FourPPlan>> plans_for_threats(const std::vector<int64_t>& threat_ids) override;
  Result<int64_t> insert_action(const PlanAction& a) override;
  Status update_action(const PlanAction& a) override;
  Result<int64_t> insert_review(const PlanReview& r) override;
  Result<std::vector<PlanReview>> reviews(int64_t plan_id) override;

  Status set_threat_area(int64_t threat_id, int64_t unit_id) override;
  Result<int64_t> threat_area(int64_t threat_id) override;
  Result<std::vector<Threat>> threats_in_area(int64_t unit_id, const ReadScope& scope) override;
  Result<std::vector<CoverageSource>> coverage_sources(const std::string& region, const ReadScope& scope) override;
  Result<std::vector<Threat>> assessed_since(const std::string& agency, const std::string& since, const ReadScope& scope) override;
  Result<std::vector<PlanAction>> actions_for_threats(const std::vector<int64_t>& threat_ids) override;
  Result<std::vector<PartnerSupply>> partner_supply(const std::vector<int64_t>& threat_ids, const ReadScope& scope) override;

 private:
  static void append_task_sight(Sql& where, const ReadScope& s, const std::string& given_to);
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
  Status load_actions(FourPPlan& p);

  typename D::Connection& db_;
};

}  // namespace rocta::sql
