#include "core/link.h"

#include "core/text.h"

namespace rocta {

std::string_view to_string(RecordKind k) {
  switch (k) {
    case RecordKind::kThreat: return "threat";
    case RecordKind::kNominal: return "nominal";
    case RecordKind::kIntelligence: return "intelligence";
    case RecordKind::kCommodity: return "commodity";
  }
  return "threat";
}

std::optional<RecordKind> parse_record_kind(std::string_view s) {
  if (s == "threat") return RecordKind::kThreat;
  if (s == "nominal") return RecordKind::kNominal;
  if (s == "intelligence") return RecordKind::kIntelligence;
  if (s == "commodity") return RecordKind::kCommodity;
  return std::nullopt;
}

Status validate_link(const Link& l) {
  if (l.from == l.to) return invalid("a record cannot be linked to itself");
  if (trim(l.relation).empty() || l.relation.size() > 50) return invalid("relation is required (at most 50 characters)", "relation");
  if (l.source.size() > 200) return invalid("source is at most 200 characters", "source");
  if (!l.date.empty() && !is_iso_date(l.date)) return invalid("date must be written YYYY-MM-DD", "date");
  return Status::ok();
}

}  // namespace rocta
