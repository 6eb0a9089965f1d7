// A link between two records (a nominal in an OCG, a report about a nominal), with its
// source and date. A link carries no marking of its own: it is visible exactly when both
// ends are, so a link never discloses a record its reader may not see.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/policy.h"

namespace rocta {

struct RecordRef {
  RecordKind kind = RecordKind::kThreat;
  int64_t id = 0;
  bool operator==(const RecordRef&) const = default;
};

std::string_view to_string(RecordKind k);  // "threat", "nominal", "intelligence"
std::optional<RecordKind> parse_record_kind(std::string_view s);

struct Link {
  int64_t id = 0;
  RecordRef from, to;
  std::string relation;  // e.g. "member", "subject", "associate", "location"
  std::string source;    // where the link came from (a report reference, an officer's note)
  std::string date;      // YYYY-MM-DD when the link was observed
  int64_t created_by = 0;
  std::string created_at;
};

Status validate_link(const Link& l);

}  // namespace rocta
