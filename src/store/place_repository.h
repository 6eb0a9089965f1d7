// The places repository: areas (reference data), places on records, incidents.
//
// Places are read through their record: every scoped read joins a place to its threat,
// intelligence report or disruption's threat and applies the reader's scope to that
// record inside the query, so no list or map ever fetches the place of a record the reader
// may not read. Incidents carry their own marking and are filtered the same way. Box
// queries use the database's spatial index (SQLite R*Tree, PostgreSQL GiST on boxes) and
// return candidates by bounding box; app/ runs the exact test with geo/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/place.h"
#include "core/policy.h"

namespace rocta {

struct PlaceQuery {
  std::optional<GridBox> box;                 // places whose box meets this one
  std::vector<PlaceRecordKind> record_kinds;  // empty: all
  int64_t record_id = 0;                      // with one kind: the places of that record
  bool unscoped = false;                      // Rocta itself
  int limit = 5000;
};

struct IncidentQuery {
  std::optional<GridBox> box;
  std::optional<IncidentType> type;
  std::string from, to;  // occurred in [from, to] when set
  std::string owner;     // empty: any
  bool unscoped = false;
  int64_t limit = 5000;
};

class PlaceRepository {
 public:
  virtual ~PlaceRepository() = default;

  // Inserts, or replaces the area of the same kind and code (its id stays). Returns the id.
  virtual Result<int64_t> upsert_area(const Area& a) = 0;
  virtual Result<Area> area(int64_t id) = 0;
  virtual Result<Area> area_by_code(AreaKind kind, const std::string& code) = 0;
  // By kind then name; without geometry text unless asked (lists stay small).
  virtual Result<std::vector<Area>> areas(std::optional<AreaKind> kind, bool with_geometry) = 0;

  virtual Result<int64_t> insert_place(const Place& p) = 0;
  // Places whose record `scope` admits, with the record's reference, title and marking.
  virtual Result<std::vector<Place>> places(const ReadScope& scope, const PlaceQuery& q) = 0;

  // Writes many incidents at once; AlreadyExists naming the reference an owner holds.
  virtual Status insert_incidents(const std::vector<Incident>& incidents) = 0;
  // Incidents `scope` admits, by day then id.
  virtual Result<std::vector<Incident>> incidents(const ReadScope& scope, const IncidentQuery& q) = 0;
  // How many, without fetching them.
  virtual Result<int64_t> count_incidents(const ReadScope& scope, const IncidentQuery& q) = 0;

  // Proposed vulnerabilities of one agency (status: any when empty), newest first.
  virtual Result<int64_t> insert_proposal(const ProposedVulnerability& p) = 0;
  virtual Result<ProposedVulnerability> proposal(int64_t id) = 0;
  virtual Result<std::vector<ProposedVulnerability>> proposals(const std::string& agency, std::optional<ProposalStatus> status) = 0;
  // Records the decision; Conflict when it is no longer proposed.
  virtual Status decide_proposal(const ProposedVulnerability& p) = 0;

  virtual Result<int64_t> insert_requirement(const IntelligenceRequirement& r) = 0;
  // Open requirements of `area_id`, oldest first.
  virtual Result<std::vector<IntelligenceRequirement>> open_requirements(int64_t area_id) = 0;

  // One acknowledgement per officer, area and briefing day; a second replaces the first.
  virtual Status acknowledge(const BriefingAck& a) = 0;
  virtual Result<std::vector<BriefingAck>> acknowledgements(int64_t area_id, const std::string& briefing_day) = 0;

  virtual Status set_wanted(int64_t nominal_id, const std::string& reason, const std::string& since, int64_t by) = 0;
  // Nominal id -> reason, for those ids that are wanted.
  virtual Result<std::vector<std::pair<int64_t, std::string>>> wanted() = 0;
};

}  // namespace rocta
