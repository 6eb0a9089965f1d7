// The capability repository (store/capability_repository.h) in SQL, written once for every SQL
// adapter; see repositories.h for what a Dialect supplies. Each table carries its own marking
// columns (owner, classification, sensitive, compartment, scope) and every scoped read applies
// the dialect's scope predicate to the row (aliased r).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "store/capability_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Capability final : public CapabilityRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kMark = "r.owner, r.classification, r.sensitive, r.compartment, r.scope, a.region";
  static constexpr const char* kPostCols =
      "r.id, r.unit_id, u.name, r.role, r.month, r.post_ref, r.filled, r.holder, r.cover_from, r.cover_to";
  static constexpr const char* kFiCols =
      "r.id, r.threat_id, r.threat_reference, r.disruption_id, r.disruption_reference, r.nominal_id, r.suspect, r.charged, "
      "r.team_unit_id, r.bcu_unit_id, r.opened_on, r.state, r.investigator_id, r.investigator, r.reason, r.note, "
      "r.decided_on, r.version";
  static constexpr const char* kAssetCols =
      "r.id, r.threat_id, r.threat_reference, r.description, r.route, r.stage, r.identified_pence, r.restrained_pence, "
      "r.ordered_pence, r.realised_pence, r.identified_on, r.restrained_on, r.ordered_on, r.realised_on, r.disruption_id, "
      "r.version";

 public:
  explicit Capability(typename D::Connection& db) : db_(db) {}

  Result<int64_t> insert_post(const StaffingPost& p) override {
    auto id = insert("capability_posts", "unit_id, role, month, post_ref, filled, holder, cover_from, cover_to", p.marking,
                     {p.unit_id, std::string(to_string(p.role)), p.month, p.post_ref, int64_t{p.filled}, p.holder,
                      int64_t{p.cover_from}, int64_t{p.cover_to}});
    if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
      return Status(Code::kAlreadyExists, p.marking.owning_agency + " already has post " + p.post_ref + " in " + p.month);
    return id;
  }

  Result<std::vector<StaffingPost>> posts(const ReadScope& scope, const CapabilityQuery& q) override {
    Sql sql = select(kPostCols, "capability_posts", " JOIN units u ON u.id = r.unit_id", scope, q);
    if (!q.month.empty()) sql.add(" AND r.month = ?", q.month);
    sql.add(" ORDER BY r.owner, r.month, r.unit_id, r.role, r.post_ref LIMIT ?", limit(q));
    return all_rows<StaffingPost>(db_, sql.text, sql.params, [](const Statement& st) {
      StaffingPost p;
      int c = 0;
      p.id = st.int_at(c++);
      p.unit_id = st.int_at(c++);
      p.unit = st.text_at(c++);
      p.role = parse_specialist_role(st.text_at(c++)).value_or(SpecialistRole::kAnalyst);
      p.month = st.text_at(c++);
      p.post_ref = st.text_at(c++);
      p.filled = st.int_at(c++) != 0;
      p.holder = st.text_at(c++);
      p.cover_from = static_cast<int>(st.int_at(c++));
      p.cover_to = static_cast<int>(st.int_at(c++));
      read_mark(st, c, p.marking);
      p.agency = p.marking.owning_agency;
      return p;
    });
  }

  Result<int64_t> insert_fi_item(const FiItem& i) override {
    return insert("fi_items",
                  "threat_id, threat_reference, disruption_id, disruption_reference, nominal_id, suspect, charged, team_unit_id, "
                  "bcu_unit_id, opened_on, state, investigator_id, investigator, reason, note, decided_on, version",
                  i.marking, fi_values(i));
  }
  Status update_fi_item(const FiItem& i) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE fi_items SET state = ?, investigator_id = ?, investigator = ?, reason = ?, note = ?, "
                              "decided_on = ?, version = ? WHERE id = ? AND version = ?",
                              {std::string(to_string(i.state)), i.investigator_id, i.investigator, std::string(to_string(i.reason)),
                               i.note, i.decided_on, i.version, i.id, i.version - 1}));
    if (db_.changes() == 0) return Status(Code::kConflict, "the item was decided by someone else: reload it");
    return Status::ok();
  }
  Result<FiItem> fi_item(int64_t id, const ReadScope& scope, bool unscoped) override {
    Sql sql = select(kFiCols, "fi_items", "", scope, whole(unscoped));
    sql.add(" AND r.id = ?", id);
    // NotFound whether absent or hidden: a different answer would confirm it exists.
    return one_row<FiItem>(db_, sql.text, sql.params, "item " + std::to_string(id), read_fi);
  }
  Result<std::vector<FiItem>> fi_items(const ReadScope& scope, const CapabilityQuery& q) override {
    Sql sql = select(kFiCols, "fi_items", "", scope, q);
    if (q.threat_id) sql.add(" AND r.threat_id = ?", q.threat_id);
    if (q.disruption_id) sql.add(" AND r.disruption_id = ?", q.disruption_id);
    if (q.state) sql.add(" AND r.state = ?", std::string(to_string(*q.state)));
    sql.add(" ORDER BY r.id LIMIT ?", limit(q));
    return all_rows<FiItem>(db_, sql.text, sql.params, read_fi);
  }

  Result<int64_t> insert_asset_case(const AssetCase& c) override {
    return insert("asset_cases",
                  "threat_id, threat_reference, description, route, stage, identified_pence, restrained_pence, ordered_pence, "
                  "realised_pence, identified_on, restrained_on, ordered_on, realised_on, disruption_id, version",
                  c.marking,
                  {c.threat_id, c.threat_reference, c.description, std::string(to_string(c.route)), std::string(to_string(c.stage)),
                   c.identified_pence, c.restrained_pence, c.ordered_pence, c.realised_pence, c.identified_on, c.restrained_on,
                   c.ordered_on, c.realised_on, c.disruption_id, c.version});
  }
  Status update_asset_case(const AssetCase& c) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE asset_cases SET stage = ?, restrained_pence = ?, ordered_pence = ?, realised_pence = ?, "
                              "restrained_on = ?, ordered_on = ?, realised_on = ?, disruption_id = ?, version = ? "
                              "WHERE id = ? AND version = ?",
                              {std::string(to_string(c.stage)), c.restrained_pence, c.ordered_pence, c.realised_pence,
                               c.restrained_on, c.ordered_on, c.realised_on, c.disruption_id, c.version, c.id, c.version - 1}));
    if (db_.changes() == 0) return Status(Code::kConflict, "the case was changed by someone else: reload it");
    return Status::ok();
  }
  Result<AssetCase> asset_case(int64_t id, const ReadScope& scope, bool unscoped) override {
    Sql sql = select(kAssetCols, "asset_cases", "", scope, whole(unscoped));
    sql.add(" AND r.id = ?", id);
    return one_row<AssetCase>(db_, sql.text, sql.params, "asset case " + std::to_string(id), read_asset);
  }
  Result<std::vector<AssetCase>> asset_cases(const ReadScope& scope, const CapabilityQuery& q) override {
    Sql sql = select(kAssetCols, "asset_cases", "", scope, q);
    if (q.threat_id) sql.add(" AND r.threat_id = ?", q.threat_id);
    sql.add(" ORDER BY r.id LIMIT ?", limit(q));
    return all_rows<AssetCase>(db_, sql.text, sql.params, read_asset);
  }

  Result<int64_t> insert_accreditation(const CovertAccreditation& a) override {
    return insert("covert_accreditations", "tactic, holder, accredited_on, expires_on, annual_cost_pence", a.marking,
                  {std::string(to_string(a.tactic)), a.holder, a.accredited_on, a.expires_on, a.annual_cost_pence});
  }
  Result<std::vector<CovertAccreditation>> accreditations(const ReadScope& scope, const CapabilityQuery& q) override {
    Sql sql = select("r.id, r.tactic, r.holder, r.accredited_on, r.expires_on, r.annual_cost_pence", "covert_accreditations", "",
                     scope, q);
    sql.add(" ORDER BY r.id LIMIT ?", limit(q));
    return all_rows<CovertAccreditation>(db_, sql.text, sql.params, [](const Statement& st) {
      CovertAccreditation a;
      int c = 0;
      a.id = st.int_at(c++);
      a.tactic = parse_covert_tactic(st.text_at(c++)).value_or(CovertTactic::kUndercover);
      a.holder = st.text_at(c++);
      a.accredited_on = st.text_at(c++);
      a.expires_on = st.text_at(c++);
      a.annual_cost_pence = st.int_at(c++);
      read_mark(st, c, a.marking);
      a.agency = a.marking.owning_agency;
      return a;
    });
  }
  Result<int64_t> insert_deployment(const CovertDeployment& d) override {
    return insert("covert_deployments", "tactic, threat_id, deployed_on, cost_pence", d.marking,
                  {std::string(to_string(d.tactic)), d.threat_id, d.deployed_on, d.cost_pence});
  }
  Result<std::vector<CovertDeployment>> deployments(const ReadScope& scope, const CapabilityQuery& q) override {
    Sql sql = select("r.id, r.tactic, r.threat_id, r.deployed_on, r.cost_pence", "covert_deployments", "", scope, q);
    sql.add(" ORDER BY r.id LIMIT ?", limit(q));
    return all_rows<CovertDeployment>(db_, sql.text, sql.params, [](const Statement& st) {
      CovertDeployment d;
      int c = 0;
      d.id = st.int_at(c++);
      d.tactic = parse_covert_tactic(st.text_at(c++)).value_or(CovertTactic::kUndercover);
      d.threat_id = st.int_at(c++);
      d.deployed_on = st.text_at(c++);
      d.cost_pence = st.int_at(c++);
      read_mark(st, c, d.marking);
      d.agency = d.marking.owning_agency;
      return d;
    });
  }

 private:
  static CapabilityQuery whole(bool unscoped) {
    CapabilityQuery q;
    q.unscoped = unscoped;
    return q;
  }
  static int64_t limit(const CapabilityQuery& q) { return std::clamp<int64_t>(q.limit, 1, 5'000'000); }

  Result<int64_t> insert(const std::string& table, const std::string& cols, const Marking& m, std::vector<Value> values) {
    std::vector<Value> all{m.owning_agency, static_cast<int64_t>(m.classification), int64_t{m.sensitive}, m.compartment,
                           static_cast<int64_t>(m.scope)};
    all.insert(all.end(), values.begin(), values.end());
    std::string marks = "?";
    for (size_t i = 1; i < all.size(); ++i) marks += ",?";
    return one_integer(db_,
                       "INSERT INTO " + table + "(owner, classification, sensitive, compartment, scope, " + cols + ") VALUES (" +
                           marks + ") RETURNING id",
                       all);
  }

  // SELECT cols + marking FROM table r JOIN agencies a [+ join] WHERE scope [AND agency].
  static Sql select(const std::string& cols, const std::string& table, const std::string& join, const ReadScope& scope,
                    const CapabilityQuery& q) {
    Sql sql;
    sql.add("SELECT " + cols + ", " + kMark + " FROM " + table + " r JOIN agencies a ON a.code = r.owner" + join + " WHERE ");
    if (q.unscoped) sql.add("1 = 1");
    else D::append_scope_predicate(sql, scope, "r", "capability");
    if (!q.agency.empty()) sql.add(" AND r.owner = ?", q.agency);
    if (q.owners) {
      if (q.owners->empty()) sql.add(" AND 1 = 0");
      for (size_t i = 0; i < q.owners->size(); ++i) sql.add(i ? ",?" : " AND r.owner IN (?", (*q.owners)[i]);
      if (!q.owners->empty()) sql.add(")");
    }
    return sql;
  }

  static void read_mark(const Statement& st, int& c, Marking& m) {
    m.owning_agency = st.text_at(c++);
    m.classification = static_cast<Classification>(st.int_at(c++));
    m.sensitive = st.int_at(c++) != 0;
    m.compartment = st.text_at(c++);
    m.scope = static_cast<SharingScope>(st.int_at(c++));
    m.owning_region = st.text_at(c++);
  }

  static std::vector<Value> fi_values(const FiItem& i) {
    return {i.threat_id, i.threat_reference, i.disruption_id, i.disruption_reference, i.nominal_id, i.suspect, int64_t{i.charged},
            i.team_unit_id, i.bcu_unit_id, i.opened_on, std::string(to_string(i.state)), i.investigator_id, i.investigator,
            std::string(to_string(i.reason)), i.note, i.decided_on, i.version};
  }

  static FiItem read_fi(const Statement& st) {
    FiItem i;
    int c = 0;
    i.id = st.int_at(c++);
    i.threat_id = st.int_at(c++);
    i.threat_reference = st.text_at(c++);
    i.disruption_id = st.int_at(c++);
    i.disruption_reference = st.text_at(c++);
    i.nominal_id = st.int_at(c++);
    i.suspect = st.text_at(c++);
    i.charged = st.int_at(c++) != 0;
    i.team_unit_id = st.int_at(c++);
    i.bcu_unit_id = st.int_at(c++);
    i.opened_on = st.text_at(c++);
    i.state = parse_fi_state(st.text_at(c++)).value_or(FiState::kOpen);
    i.investigator_id = st.int_at(c++);
    i.investigator = st.text_at(c++);
    i.reason = parse_fi_decline_reason(st.text_at(c++)).value_or(FiDeclineReason::kOther);
    i.note = st.text_at(c++);
    i.decided_on = st.text_at(c++);
    i.version = st.int_at(c++);
    read_mark(st, c, i.marking);
    i.agency = i.marking.owning_agency;
    return i;
  }

  static AssetCase read_asset(const Statement& st) {
    AssetCase a;
    int c = 0;
    a.id = st.int_at(c++);
    a.threat_id = st.int_at(c++);
    a.threat_reference = st.text_at(c++);
    a.description = st.text_at(c++);
    a.route = parse_asset_route(st.text_at(c++)).value_or(AssetRoute::kConfiscation);
    a.stage = parse_asset_stage(st.text_at(c++)).value_or(AssetStage::kIdentified);
    a.identified_pence = st.int_at(c++);
    a.restrained_pence = st.int_at(c++);
    a.ordered_pence = st.int_at(c++);
    a.realised_pence = st.int_at(c++);
    a.identified_on = st.text_at(c++);
    a.restrained_on = st.text_at(c++);
    a.ordered_on = st.text_at(c++);
    a.realised_on = st.text_at(c++);
    a.disruption_id = st.int_at(c++);
    a.version = st.int_at(c++);
    read_mark(st, c, a.marking);
    a.agency = a.marking.owning_agency;
    return a;
  }

  typename D::Connection& db_;
};

}  // namespace rocta::sql
