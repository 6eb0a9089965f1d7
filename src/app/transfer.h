// Export of what a user may see, and import of records, all or nothing.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "app/app.h"
#include "core/intelligence.h"
#include "core/nominal.h"
#include "core/threat.h"

namespace rocta {

struct RecordBundle {
  std::vector<Threat> threats;
  std::vector<Nominal> nominals;
  std::vector<IntelligenceReport> intelligence;
};

// Everything the caller may read. Needs a purpose; audited with the counts exported.
Result<RecordBundle> export_visible(App& app, const Caller& caller);

struct ImportItem {
  std::string where;  // "file.jsonl:12", for messages
  std::variant<Threat, Nominal, IntelligenceReport> record;
};

struct ImportReport {
  int created = 0;
  int unchanged = 0;  // already present under the same owner and reference
};

// Applies every item in one transaction, or none: the first bad item's error names where
// it came from. A record whose owner already holds its reference is left as it is, so
// importing the same file twice changes nothing.
Result<ImportReport> import_records(App& app, const Caller& caller, const std::vector<ImportItem>& items);

}  // namespace rocta
