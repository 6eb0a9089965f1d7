// The master list: nominations, MoRiLE assessments and the models they were scored with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/master_list.h"
#include "core/policy.h"
#include "core/status.h"
#include "store/page.h"

namespace rocta {

struct StoredModel {
  int version = 0;
  std::string name;
  std::string definition;  // the model as its JSON text, exactly as loaded
  std::string loaded_at;
  int64_t loaded_by = 0;
};

struct NominationQuery {
  std::optional<NominationStatus> status;
  std::string agency;  // nominating agency; empty: all
  PageRequest page;
};

// Nominations, MoRiLE assessments and the models they were scored with. Nominations and
// assessments are seen through their threat: a reader who may not read the threat sees
// neither.
class MasterListRepository {
 public:
  virtual ~MasterListRepository() = default;
  virtual Status insert_model(const StoredModel& m) = 0;  // AlreadyExists for a known version
  virtual Result<std::vector<StoredModel>> models() = 0;  // by version

  virtual Result<int64_t> insert_nomination(const Nomination& n) = 0;
  virtual Result<Nomination> nomination(int64_t id, const ReadScope& scope) = 0;
  virtual Status update_nomination(const Nomination& n) = 0;
  virtual Result<Page<Nomination>> nominations(const ReadScope& scope, const NominationQuery& q) = 0;
  // Every nomination awaiting assessment that `scope` may see (for the queue figures).
  virtual Result<std::vector<Nomination>> waiting(const ReadScope& scope) = 0;

  // Fills nothing: the caller numbers versions. AlreadyExists for a repeated version.
  virtual Result<int64_t> insert_assessment(const MorileAssessment& a) = 0;
  virtual Result<MorileAssessment> assessment(int64_t id, const ReadScope& scope) = 0;
  virtual Status update_assessment(const MorileAssessment& a) = 0;
  virtual Result<std::vector<MorileAssessment>> assessments_of(int64_t threat_id) = 0;  // by version
  virtual Result<Page<MorileAssessment>> awaiting_moderation(const ReadScope& scope, const PageRequest& page) = 0;
  // Compartments holding material on the threat or on any record linked to it (one step
  // out, and reports on those): names only, never content.
  virtual Result<std::vector<std::string>> compartments_near(int64_t threat_id) = 0;
};

}  // namespace rocta
