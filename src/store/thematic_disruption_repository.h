// Thematic disruptions (core/thematic_disruption.h): prevent and protect work recorded by
// crime type and area. Not marked material; app/ decides who records and reads them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/thematic_disruption.h"

namespace rocta {

class ThematicDisruptionRepository {
 public:
  virtual ~ThematicDisruptionRepository() = default;
  virtual Result<int64_t> insert(const ThematicDisruption& d) = 0;
  // Of agencies in `region` (empty: every agency), dated from..to inclusive, newest first, at most `limit`.
  virtual Result<std::vector<ThematicDisruption>> list(const std::string& region, const std::string& from_day,
                                                       const std::string& to_day, int limit) = 0;
  // Dated from..to inclusive, grouped by agency, crime type, area and outcome.
  virtual Result<std::vector<ThematicGroup>> groups(const std::string& from_day, const std::string& to_day) = 0;
};

}  // namespace rocta
