// The places repository (store/place_repository.h) in SQL, written once for every SQL
// adapter. A place is read through its record: each record kind is one arm of a UNION ALL
// that joins the place to its record (a disruption's to its threat) aliased r, applies the
// dialect's scope predicate to r, and reads r's marking with the place.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "store/place_repository.h"
#include "store/sql/query_helpers.h"

namespace rocta::sql {

template <typename D>
class Places final : public PlaceRepository {
  using Statement = typename D::Statement;
  static constexpr const char* kAreaCols =
      "a.id, a.kind, a.code, a.name, a.parent_code, a.min_x, a.min_y, a.max_x, a.max_y, a.loaded_by, a.loaded_at";
  static constexpr const char* kIncidentCols =
      "r.id, r.reference, r.incident_type, r.occurred_on, r.x, r.y, r.location, r.created_by, r.created_at, r.owner, "
      "r.classification, r.sensitive, r.handling, r.handling_conditions, r.compartment, r.scope, na.region";

 public:
  explicit Places(typename D::Connection& db) : db_(db) {}

  Result<int64_t> upsert_area(const Area& a) override {
    ROCTA_ASSIGN_OR_RETURN(
        int64_t id,
        one_integer(db_,
                    "INSERT INTO areas(kind, code, name, parent_code, geometry, geojson, min_x, min_y, max_x, max_y, "
                    "loaded_by, loaded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(kind, code) DO UPDATE SET "
                    "name = excluded.name, parent_code = excluded.parent_code, geometry = excluded.geometry, "
                    "geojson = excluded.geojson, min_x = excluded.min_x, min_y = excluded.min_y, max_x = excluded.max_x, "
                    "max_y = excluded.max_y, loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at RETURNING id",
                    {std::string(to_string(a.kind)), a.code, a.name, a.parent_code, a.geometry, a.geojson, a.box.min_x,
                     a.box.min_y, a.box.max_x, a.box.max_y, a.loaded_by, a.loaded_at}));
    return id;
  }

  Result<Area> area(int64_t id) override {
    return one_row<Area>(db_, std::string("SELECT ") + kAreaCols + ", a.geometry, a.geojson FROM areas a WHERE a.id = ?", {id},
                         "area " + std::to_string(id), read_full_area);
  }
  Result<Area> area_by_code(AreaKind kind, const std::string& code) override {
    return one_row<Area>(db_,
                         std::string("SELECT ") + kAreaCols + ", a.geometry, a.geojson FROM areas a WHERE a.kind = ? AND a.code = ?",
                         {std::string(to_string(kind)), code}, std::string(to_string(kind)) + " " + code, read_full_area);
  }
  Result<std::vector<Area>> areas(std::optional<AreaKind> kind, bool with_geometry) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kAreaCols + (with_geometry ? ", a.geometry, a.geojson" : "") + " FROM areas a");
    if (kind) sql.add(" WHERE a.kind = ?", std::string(to_string(*kind)));
    sql.add(" ORDER BY a.kind, a.name, a.id");
    return all_rows<Area>(db_, sql.text, sql.params, with_geometry ? read_full_area : read_area);
  }

  Result<int64_t> insert_place(const Place& p) override {
    ROCTA_ASSIGN_OR_RETURN(
        int64_t id, one_integer(db_,
                                "INSERT INTO places(record_kind, record_id, label, shape, geometry, geojson, min_x, min_y, "
                                "max_x, max_y, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                                {std::string(to_string(p.record_kind)), p.record_id, p.label, p.shape, p.geometry, p.geojson,
                                 p.box.min_x, p.box.min_y, p.box.max_x, p.box.max_y, p.created_by, p.created_at}));
    ROCTA_RETURN_IF_ERROR(index_box("places", id, p.box));
    return id;
  }

  Result<std::vector<Place>> places(const ReadScope& scope, const PlaceQuery& q) override {
    Sql sql;
    bool first = true;
    for (auto kind : {PlaceRecordKind::kThreat, PlaceRecordKind::kIntelligence, PlaceRecordKind::kDisruption}) {
      if (!q.record_kinds.empty() && std::find(q.record_kinds.begin(), q.record_kinds.end(), kind) == q.record_kinds.end())
        continue;
      if (!first) sql.add(" UNION ALL ");
      first = false;
      sql.add(place_arm(scope, q, kind));
    }
    if (first) return std::vector<Place>{};
    sql.add(" ORDER BY 1 LIMIT ?", std::clamp<int64_t>(q.limit, 1, 5'000'000));
    ROCTA_ASSIGN_OR_RETURN(auto places, all_rows<Place>(db_, sql.text, sql.params, read_place));
    // The records' named agencies, so that app/ holds the policy to the whole marking (a
    // reader named in shared_with may read the place).
    std::map<std::string, std::map<int64_t, std::vector<Marking*>>> shared;
    for (auto& p : places)
      if (p.record_marking.scope != SharingScope::kOwnerOnly)
        shared[p.record_kind == PlaceRecordKind::kIntelligence ? "intelligence" : "threat"][p.marked_id].push_back(&p.record_marking);
    for (auto& [kind, markings] : shared) ROCTA_RETURN_IF_ERROR(attach_shares(kind, markings));
    return places;
  }

  Status insert_incidents(const std::vector<Incident>& incidents) override {
    for (const auto& i : incidents) {
      auto id = one_integer(db_,
                            "INSERT INTO incidents(reference, incident_type, occurred_on, x, y, location, owner, classification, "
                            "sensitive, handling, handling_conditions, compartment, scope, created_by, created_at) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                            {i.reference, std::string(to_string(i.type)), i.occurred_on, i.x, i.y, i.location,
                             i.marking.owning_agency, static_cast<int64_t>(i.marking.classification),
                             int64_t{i.marking.sensitive}, std::string(to_string(i.marking.handling)),
                             i.marking.handling_conditions, i.marking.compartment, static_cast<int64_t>(i.marking.scope),
                             i.created_by, i.created_at});
      if (!id.is_ok() && id.status().code() == Code::kAlreadyExists)
        return Status(Code::kAlreadyExists, i.marking.owning_agency + " already holds incident " + i.reference);
      ROCTA_RETURN_IF_ERROR(status_of(id));
      ROCTA_RETURN_IF_ERROR(index_box("incidents", *id, GridBox{i.x, i.y, i.x, i.y}));
      if (!i.marking.shared_with.empty()) ROCTA_RETURN_IF_ERROR(save_shares(db_, "incident", *id, i.marking.shared_with, false));
    }
    return Status::ok();
  }

  Result<std::vector<Incident>> incidents(const ReadScope& scope, const IncidentQuery& q) override {
    Sql sql;
    sql.add(std::string("SELECT ") + kIncidentCols + " FROM incidents r JOIN agencies na ON na.code = r.owner WHERE ");
    incident_filter(sql, scope, q);
    sql.add(" ORDER BY r.occurred_on, r.id LIMIT ?", std::clamp<int64_t>(q.limit, 1, 5'000'000));
    ROCTA_ASSIGN_OR_RETURN(auto incidents, all_rows<Incident>(db_, sql.text, sql.params, read_incident));
    std::map<int64_t, std::vector<Marking*>> shared;
    for (auto& i : incidents)
      if (i.marking.scope != SharingScope::kOwnerOnly) shared[i.id].push_back(&i.marking);
    ROCTA_RETURN_IF_ERROR(attach_shares("incident", shared));
    return incidents;
  }

  Result<int64_t> count_incidents(const ReadScope& scope, const IncidentQuery& q) override {
    Sql sql;
    sql.add("SELECT count(*) FROM incidents r WHERE ");
    incident_filter(sql, scope, q);
    return one_integer(db_, sql.text, sql.params);
  }

  Result<int64_t> insert_proposal(const ProposedVulnerability& p) override {
    return one_integer(db_,
                       "INSERT INTO proposed_vulnerabilities(agency, incident_type, title, centre_x, centre_y, geometry, geojson, "
                       "incidents, peak_z, p_value, evidence, status, threat_id, decided_by, decided_at, reason, created_by, "
                       "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,NULL,NULL,'','',?,?) RETURNING id",
                       {p.agency, std::string(to_string(p.type)), p.title, p.centre_x, p.centre_y, p.geometry, p.geojson,
                        p.incidents, p.peak_z, p.p_value, p.evidence, std::string(to_string(p.status)), p.created_by,
                        p.created_at});
  }
  Result<ProposedVulnerability> proposal(int64_t id) override {
    return one_row<ProposedVulnerability>(db_, std::string(kProposalSelect) + " WHERE id = ?", {id},
                                          "proposal " + std::to_string(id), read_proposal);
  }
  Result<std::vector<ProposedVulnerability>> proposals(const std::string& agency, std::optional<ProposalStatus> status) override {
    Sql sql;
    sql.add(std::string(kProposalSelect) + " WHERE agency = ?", agency);
    if (status) sql.add(" AND status = ?", std::string(to_string(*status)));
    sql.add(" ORDER BY id DESC LIMIT 500");
    return all_rows<ProposedVulnerability>(db_, sql.text, sql.params, read_proposal);
  }
  Status decide_proposal(const ProposedVulnerability& p) override {
    ROCTA_RETURN_IF_ERROR(run(db_,
                              "UPDATE proposed_vulnerabilities SET status = ?, threat_id = ?, decided_by = ?, decided_at = ?, "
                              "reason = ? WHERE id = ? AND status = 'proposed'",
                              {std::string(to_string(p.status)), p.threat_id ? Value{p.threat_id} : Value{nullptr}, p.decided_by,
                               p.decided_at, p.reason, p.id}));
    if (db_.changes() == 0) return Status(Code::kConflict, "the proposal was decided already");
    return Status::ok();
  }

  Result<int64_t> insert_requirement(const IntelligenceRequirement& r) override {
    return one_integer(db_,
                       "INSERT INTO intelligence_requirements(agency, area_id, requirement, open, created_by, created_at) "
                       "VALUES (?,?,?,?,?,?) RETURNING id",
                       {r.agency, r.area_id, r.requirement, int64_t{r.open}, r.created_by, r.created_at});
  }
  Result<std::vector<IntelligenceRequirement>> open_requirements(int64_t area_id) override {
    return all_rows<IntelligenceRequirement>(
        db_,
        "SELECT id, agency, area_id, requirement, created_by, created_at FROM intelligence_requirements "
        "WHERE area_id = ? AND open = 1 ORDER BY id",
        {area_id}, [](const Statement& st) {
          return IntelligenceRequirement{st.int_at(0), st.text_at(1), st.int_at(2), st.text_at(3), true, st.int_at(4), st.text_at(5)};
        });
  }

  Status acknowledge(const BriefingAck& a) override {
    return run(db_,
               "INSERT INTO briefing_acks(area_id, user_id, briefing_day, digest, acknowledged_ms) VALUES (?,?,?,?,?) "
               "ON CONFLICT(area_id, user_id, briefing_day) DO UPDATE SET digest = excluded.digest, "
               "acknowledged_ms = excluded.acknowledged_ms",
               {a.area_id, a.user_id, a.briefing_day, a.digest, a.acknowledged_ms});
  }
  Result<std::vector<BriefingAck>> acknowledgements(int64_t area_id, const std::string& day) override {
    return all_rows<BriefingAck>(db_,
                                 "SELECT area_id, user_id, briefing_day, digest, acknowledged_ms FROM briefing_acks "
                                 "WHERE area_id = ? AND briefing_day = ? ORDER BY acknowledged_ms, user_id",
                                 {area_id, day}, [](const Statement& st) {
                                   return BriefingAck{st.int_at(0), st.int_at(1), st.text_at(2), st.text_at(3), st.int_at(4)};
                                 });
  }

  Status set_wanted(int64_t nominal_id, const std::string& reason, const std::string& since, int64_t by) override {
    return run(db_,
               "INSERT INTO wanted_nominals(nominal_id, reason, since, recorded_by) VALUES (?,?,?,?) ON CONFLICT(nominal_id) "
               "DO UPDATE SET reason = excluded.reason, since = excluded.since, recorded_by = excluded.recorded_by",
               {nominal_id, reason, since, by});
  }
  Result<std::vector<std::pair<int64_t, std::string>>> wanted() override {
    return all_rows<std::pair<int64_t, std::string>>(db_, "SELECT nominal_id, reason FROM wanted_nominals ORDER BY nominal_id", {},
                                                     [](const Statement& st) { return std::make_pair(st.int_at(0), st.text_at(1)); });
  }

 private:
  static constexpr const char* kProposalSelect =
      "SELECT id, agency, incident_type, title, centre_x, centre_y, geometry, geojson, incidents, peak_z, p_value, evidence, status, "
      "threat_id, decided_by, decided_at, reason, created_by, created_at FROM proposed_vulnerabilities";
  static ProposedVulnerability read_proposal(const Statement& st) {
    ProposedVulnerability p;
    int c = 0;
    p.id = st.int_at(c++);
    p.agency = st.text_at(c++);
    p.type = parse_incident_type(st.text_at(c++)).value_or(IncidentType::kOther);
    p.title = st.text_at(c++);
    p.centre_x = st.real_at(c++);
    p.centre_y = st.real_at(c++);
    p.geometry = st.text_at(c++);
    p.geojson = st.text_at(c++);
    p.incidents = st.int_at(c++);
    p.peak_z = st.real_at(c++);
    p.p_value = st.real_at(c++);
    p.evidence = st.text_at(c++);
    p.status = parse_proposal_status(st.text_at(c++)).value_or(ProposalStatus::kProposed);
    p.threat_id = st.int_at(c++);
    p.decided_by = st.int_at(c++);
    p.decided_at = st.text_at(c++);
    p.reason = st.text_at(c++);
    p.created_by = st.int_at(c++);
    p.created_at = st.text_at(c++);
    return p;
  }

  // Fills in shared_with of the markings of `kind` records (by id) from record_shares: by
  // the ids, 500 at a time, or for many, in one pass over the kind's shares.
  Status attach_shares(const std::string& kind, std::map<int64_t, std::vector<Marking*>>& by_id) {
    auto add = [&](const Statement& st) {
      auto it = by_id.find(st.int_at(0));
      if (it != by_id.end())
        for (Marking* m : it->second) m->shared_with.push_back(st.text_at(1));
    };
    if (by_id.empty()) return Status::ok();
    if (by_id.size() > 5000)
      return each_row(db_, "SELECT record_id, agency FROM record_shares WHERE kind = ? ORDER BY record_id, agency", {kind}, add);
    std::vector<int64_t> ids;
    for (const auto& [id, markings] : by_id) ids.push_back(id);
    for (size_t from = 0; from < ids.size(); from += 500) {
      Sql sql;
      sql.add("SELECT record_id, agency FROM record_shares WHERE kind = ? AND ", kind);
      D::append_id_set(sql, "record_id",
                       std::vector<int64_t>(ids.begin() + from, ids.begin() + std::min(ids.size(), from + 500)));
      sql.add(" ORDER BY record_id, agency");
      ROCTA_RETURN_IF_ERROR(each_row(db_, sql.text, sql.params, add));
    }
    return Status::ok();
  }

  Status index_box(const std::string& table, int64_t id, const GridBox& b) {
    if constexpr (D::kRtreeTables)
      return run(db_, "INSERT INTO " + table + "_rtree(id, min_x, max_x, min_y, max_y) VALUES (?,?,?,?,?)",
                 {id, b.min_x, b.max_x, b.min_y, b.max_y});
    return Status::ok();
  }

  void incident_filter(Sql& sql, const ReadScope& scope, const IncidentQuery& q) {
    if (q.unscoped)
      sql.add("1 = 1");
    else
      D::append_scope_predicate(sql, scope, "r", "incident");
    if (q.box) D::append_box_predicate(sql.add(" AND "), "incidents", "r", *q.box, true);
    if (q.type) sql.add(" AND r.incident_type = ?", std::string(to_string(*q.type)));
    if (!q.from.empty()) sql.add(" AND r.occurred_on >= ?", q.from);
    if (!q.to.empty()) sql.add(" AND r.occurred_on <= ?", q.to);
    if (!q.owner.empty()) sql.add(" AND r.owner = ?", q.owner);
  }

  // One arm of the places UNION: places of `kind` whose record the scope admits.
  Sql place_arm(const ReadScope& scope, const PlaceQuery& q, PlaceRecordKind kind) {
    Sql sql;
    std::string reference = "r.reference", title = kind == PlaceRecordKind::kIntelligence ? "r.title" : "r.name",
                join = kind == PlaceRecordKind::kIntelligence ? "intelligence r ON r.id = p.record_id"
                                                              : "threats r ON r.id = p.record_id";
    if (kind == PlaceRecordKind::kDisruption) {
      join = "disruptions d ON d.id = p.record_id JOIN threats r ON r.id = d.threat_id";
      reference = "d.reference";
    }
    sql.add("SELECT p.id, p.record_kind, p.record_id, p.label, p.shape, p.geometry, p.geojson, p.min_x, p.min_y, p.max_x, "
            "p.max_y, p.created_by, p.created_at, " +
            reference + ", " + title + ", r.owner, " + kMarkingColumns + ", na.region, r.id FROM places p JOIN " + join +
            " JOIN agencies na ON na.code = r.owner WHERE p.record_kind = ?",
            std::string(to_string(kind)));
    if (q.record_id) sql.add(" AND p.record_id = ?", q.record_id);
    if (q.box) D::append_box_predicate(sql.add(" AND "), "places", "p", *q.box, false);
    if (!q.unscoped) {
      sql.add(" AND ");
      D::append_scope_predicate(sql, scope, "r", kind == PlaceRecordKind::kIntelligence ? "intelligence" : "threat");
    }
    return sql;
  }

  static Area read_area(const Statement& st) {
    Area a;
    int c = 0;
    a.id = st.int_at(c++);
    a.kind = parse_area_kind(st.text_at(c++)).value_or(AreaKind::kBcu);
    a.code = st.text_at(c++);
    a.name = st.text_at(c++);
    a.parent_code = st.text_at(c++);
    a.box = {st.real_at(c), st.real_at(c + 1), st.real_at(c + 2), st.real_at(c + 3)};
    c += 4;
    a.loaded_by = st.int_at(c++);
    a.loaded_at = st.text_at(c++);
    return a;
  }
  static Area read_full_area(const Statement& st) {
    Area a = read_area(st);
    a.geometry = st.text_at(11);
    a.geojson = st.text_at(12);
    return a;
  }
  static Place read_place(const Statement& st) {
    Place p;
    int c = 0;
    p.id = st.int_at(c++);
    p.record_kind = parse_place_record_kind(st.text_at(c++)).value_or(PlaceRecordKind::kThreat);
    p.record_id = st.int_at(c++);
    p.label = st.text_at(c++);
    p.shape = st.text_at(c++);
    p.geometry = st.text_at(c++);
    p.geojson = st.text_at(c++);
    p.box = {st.real_at(c), st.real_at(c + 1), st.real_at(c + 2), st.real_at(c + 3)};
    c += 4;
    p.created_by = st.int_at(c++);
    p.created_at = st.text_at(c++);
    p.record_reference = st.text_at(c++);
    p.record_title = st.text_at(c++);
    read_marking(st, c, p.record_marking);
    p.record_marking.owning_region = st.text_at(c++);
    p.marked_id = st.int_at(c++);
    return p;
  }
  static Incident read_incident(const Statement& st) {
    Incident i;
    int c = 0;
    i.id = st.int_at(c++);
    i.reference = st.text_at(c++);
    i.type = parse_incident_type(st.text_at(c++)).value_or(IncidentType::kOther);
    i.occurred_on = st.text_at(c++);
    i.x = st.real_at(c++);
    i.y = st.real_at(c++);
    i.location = st.text_at(c++);
    i.created_by = st.int_at(c++);
    i.created_at = st.text_at(c++);
    read_marking(st, c, i.marking);
    i.marking.owning_region = st.text_at(c++);
    return i;
  }

  typename D::Connection& db_;
};

}  // namespace rocta::sql
