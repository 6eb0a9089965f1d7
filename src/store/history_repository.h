// Figures as they stood on a past day: each threat's recorded history, and the disruptions
// recorded by then. Every write of a threat adds a version to its history (the databases
// do it, by trigger, whatever path wrote the threat), stamped with the threat's updated_at,
// so that a figure for a past day is computed from what was recorded on or before it and
// a threat assessed later does not change it.
#pragma once

#include <string>
#include <vector>

#include "core/figures.h"
#include "core/status.h"

namespace rocta {

class HistoryRepository {
 public:
  virtual ~HistoryRepository() = default;
  // Threats grouped as each stood at the end of `day` (YYYY-MM-DD): its last version
  // recorded on or before that day; threats first recorded after it are not there.
  virtual Result<std::vector<ThreatGroup>> threat_groups_as_of(const std::string& day) = 0;
  // Disruptions dated from..to (inclusive) that were recorded by the end of `as_of`, counted
  // as the daily counts are. An amendment made after `as_of` is not undone: disruptions keep
  // no history of their own (docs/figures.md).
  virtual Result<std::vector<DisruptionGroup>> disruption_counts_as_of(const std::string& from_day, const std::string& to_day,
                                                                       const std::string& as_of) = 0;
  // The disruptions dated from..to beyond the national standard (against a priority
  // individual or a vulnerability: Disruption::beyond_standard()), counted as the daily
  // counts are; recorded by the end of `as_of` (empty: all). Appendix 2's figures leave
  // them out.
  virtual Result<std::vector<DisruptionGroup>> beyond_standard_counts(const std::string& from_day, const std::string& to_day,
                                                                      const std::string& as_of) = 0;
};

}  // namespace rocta
