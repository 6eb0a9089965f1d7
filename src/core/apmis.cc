#include "core/apmis.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/text.h"

namespace rocta::apmis {

namespace {

// Known columns. "Name" and "Description" are Rocta's own, optional; the rest follow
// Appendix 2. A column marked required must be in the header.
struct ColumnSpec {
  const char* name;
  bool required;
};

enum ThreatColumn { kTRef, kTOwner, kTThreatType, kTType, kTModeration, kTSoc, kTTier, kTPhase, kTCrime, kTCountyLines, kTScore, kTDate, kTName, kTDescription };
const std::vector<ColumnSpec>& threat_specs() {
  static const std::vector<ColumnSpec> k{
      {"Reference", true}, {"Owning agency", true}, {"Threat type", true}, {"Type", true}, {"Moderation status", true},
      {"SOC", true}, {"Tier", true}, {"Phase", true}, {"Primary crime type", true}, {"County lines", true},
      {"MoRiLE score", false}, {"Assessment date", false}, {"Name", false}, {"Description", false}};
  return k;
}

enum DisruptionColumn { kDRef, kDThreatRef, kDAgency, kDRole, kDDate, kDFourP, kDCategory, kDThreatCategory, kDDescription, kDOutcomes, kDThreatType, kDJustification };
const std::vector<ColumnSpec>& disruption_specs() {
  static const std::vector<ColumnSpec> k{
      {"Reference", true}, {"Threat reference", true}, {"Recording agency", true}, {"Disruption type", true},
      {"Record date", true}, {"4P category", true}, {"Assessment Category", true}, {"Threat category", true},
      {"Description", false}, {"All 4P outcomes", false}, {"Threat kind", false}, {"Justification", false}};
  return k;
}

std::vector<std::string> names(const std::vector<ColumnSpec>& specs) {
  std::vector<std::string> out;
  for (const auto& s : specs) out.emplace_back(s.name);
  return out;
}

Result<Columns> map_header(const CsvRow& header, const std::vector<ColumnSpec>& specs) {
  Columns cols;
  cols.at.assign(specs.size(), -1);
  cols.width = header.size();
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name = lower(trim(header[i]));
    if (name.empty()) return invalid("column " + std::to_string(i + 1) + " has no name in the header");
    bool known = false;
    for (size_t k = 0; k < specs.size(); ++k) {
      if (lower(specs[k].name) != name) continue;
      if (cols.at[k] >= 0) return invalid("column '" + std::string(specs[k].name) + "' appears twice in the header");
      cols.at[k] = static_cast<int>(i);
      known = true;
    }
    if (!known) {
      for (const auto& [_, other] : cols.extra)
        if (lower(other) == name) return invalid("column '" + other + "' appears twice in the header");
      cols.extra.emplace_back(static_cast<int>(i), trim(header[i]));
    }
  }
  for (size_t k = 0; k < specs.size(); ++k)
    if (specs[k].required && cols.at[k] < 0) return invalid("missing column '" + std::string(specs[k].name) + "'");
  return cols;
}

// The row's value of a known column, trimmed; empty when the column is absent. A view into
// the row: nothing is copied until a value is kept.
class Cells {
 public:
  Cells(const Columns& cols, const CsvRow& row, const std::vector<ColumnSpec>& specs) : cols_(cols), row_(row), specs_(specs) {}
  std::string_view operator[](int column) const {
    const int at = cols_.at[static_cast<size_t>(column)];
    return at < 0 ? std::string_view() : trimmed(row_[static_cast<size_t>(at)]);
  }
  Status bad(int column, const std::string& why) const {
    return invalid("column '" + std::string(specs_[static_cast<size_t>(column)].name) + "': " + why);
  }
  Status check_width() const {
    if (row_.size() != cols_.width)
      return invalid("the row has " + std::to_string(row_.size()) + " fields; the header has " + std::to_string(cols_.width));
    return Status::ok();
  }
  void extra(Extra& out) const {
    out.clear();
    for (const auto& [at, name] : cols_.extra)
      if (!row_[static_cast<size_t>(at)].empty()) out.emplace_back(name, row_[static_cast<size_t>(at)]);
  }

 private:
  const Columns& cols_;
  const CsvRow& row_;
  const std::vector<ColumnSpec>& specs_;
};

std::string quoted(std::string_view v) { return "'" + std::string(v) + "'"; }

Result<bool> yes_no(const Cells& c, int column, const char* yes, const char* no) {
  const std::string_view v = c[column];
  if (equals_ci(v, yes)) return true;
  if (equals_ci(v, no)) return false;
  return c.bad(column, quoted(c[column]) + " is neither " + yes + " nor " + no);
}

// A known crime type in its own spelling, whatever the case it was written in; other text
// as it came.
std::string_view canonical_crime_type(std::string_view v) {
  for (const auto& known : crime_types())
    if (equals_ci(known, v)) return known;
  return v;
}

}  // namespace

const std::vector<std::string>& threat_columns() {
  static const std::vector<std::string> k = names(threat_specs());
  return k;
}

const std::vector<std::string>& disruption_columns() {
  static const std::vector<std::string> k = names(disruption_specs());
  return k;
}

Result<Columns> map_threat_header(const CsvRow& header) { return map_header(header, threat_specs()); }
Result<Columns> map_disruption_header(const CsvRow& header) { return map_header(header, disruption_specs()); }

Result<Threat> threat_from_row(const Columns& cols, const CsvRow& row, Extra& extra) {
  const Cells c(cols, row, threat_specs());
  ROCTA_RETURN_IF_ERROR(c.check_width());
  Threat t;
  t.reference = c[kTRef];
  if (t.reference.empty()) return c.bad(kTRef, "a reference is required");
  t.marking.owning_agency = upper(c[kTOwner]);
  if (t.marking.owning_agency.empty()) return c.bad(kTOwner, "an agency code is required");
  t.marking.scope = SharingScope::kNational;
  auto type = parse_threat_type(c[kTThreatType]);
  if (!type) return c.bad(kTThreatType, quoted(c[kTThreatType]) + " is not OCG, Priority individual or Vulnerability");
  t.type = *type;
  auto assessment = parse_assessment_type(c[kTType]);
  if (!assessment) return c.bad(kTType, quoted(c[kTType]) + " is not Tactical or Strategic");
  t.assessment_type = *assessment;
  auto moderation = parse_moderation_status(c[kTModeration]);
  if (!moderation) return c.bad(kTModeration, quoted(c[kTModeration]) + " is not Moderated, Unmoderated or Awaiting moderation");
  t.moderation = *moderation;
  ROCTA_ASSIGN_OR_RETURN(t.soc, yes_no(c, kTSoc, "SOC", "Non-SOC"));
  if (const std::string_view tier = c[kTTier]; !tier.empty()) {
    const std::string_view digits = equals_ci(tier.substr(0, 4), "tier") ? trimmed(tier.substr(4)) : tier;
    if (digits.size() != 1 || digits[0] < '1' || digits[0] > '5') return c.bad(kTTier, quoted(c[kTTier]) + " is not Tier 1 to Tier 5");
    t.tier = digits[0] - '0';
  }
  t.phase = c[kTPhase];
  t.primary_crime_type = canonical_crime_type(c[kTCrime]);
  ROCTA_ASSIGN_OR_RETURN(t.county_lines, yes_no(c, kTCountyLines, "Yes", "No"));
  if (const std::string_view score = c[kTScore]; !score.empty()) {
    double v = 0;
    auto [end, ec] = std::from_chars(score.data(), score.data() + score.size(), v);
    if (ec != std::errc() || end != score.data() + score.size() || !std::isfinite(v))
      return c.bad(kTScore, quoted(score) + " is not a number");
    t.morile_score = v;
  }
  t.assessment_date = c[kTDate];
  t.name = c[kTName].empty() ? std::string_view(t.reference) : c[kTName];
  t.description = c[kTDescription];
  if (auto s = validate_threat(t); !s.is_ok()) return invalid(s.message());
  c.extra(extra);
  return t;
}

Result<Disruption> disruption_from_row(const Columns& cols, const CsvRow& row, Extra& extra) {
  const Cells c(cols, row, disruption_specs());
  ROCTA_RETURN_IF_ERROR(c.check_width());
  Disruption d;
  d.reference = c[kDRef];
  if (d.reference.empty()) return c.bad(kDRef, "a reference is required");
  d.threat_reference = c[kDThreatRef];
  if (d.threat_reference.empty()) return c.bad(kDThreatRef, "the threat's reference is required");
  d.recording_agency = upper(c[kDAgency]);
  if (d.recording_agency.empty()) return c.bad(kDAgency, "an agency code is required");
  auto role = parse_disruption_role(c[kDRole]);
  if (!role) return c.bad(kDRole, quoted(c[kDRole]) + " is not Lead Disruption or Supporting Disruption");
  d.role = *role;
  d.record_date = c[kDDate];
  if (!is_iso_date(d.record_date)) return c.bad(kDDate, quoted(d.record_date) + " is not a date written YYYY-MM-DD");
  auto four_p = parse_four_p(c[kDFourP]);
  if (!four_p) return c.bad(kDFourP, quoted(c[kDFourP]) + " is not Pursue, Prevent, Protect or Prepare");
  d.outcomes.push_back(*four_p);
  // Rocta's own column: the event's other outcomes, which the standard has no room for.
  if (const std::string_view all = c[kDOutcomes]; !all.empty()) {
    size_t start = 0;
    while (start <= all.size()) {
      const size_t bar = std::min(all.find_first_of(";|", start), all.size());
      const std::string_view item = trimmed(all.substr(start, bar - start));
      start = bar + 1;
      if (item.empty()) continue;
      auto p = parse_four_p(item);
      if (!p) return c.bad(kDOutcomes, quoted(item) + " is not Pursue, Prevent, Protect or Prepare");
      if (std::find(d.outcomes.begin(), d.outcomes.end(), *p) == d.outcomes.end()) d.outcomes.push_back(*p);
    }
  }
  auto category = parse_impact_category(c[kDCategory]);
  if (!category) return c.bad(kDCategory, quoted(c[kDCategory]) + " is not Major, Moderate, Minor, Not assessed or Rejected");
  d.category = *category;
  d.threat_category = canonical_crime_type(c[kDThreatCategory]);
  if (const std::string_view kind = c[kDThreatType]; !kind.empty()) {
    d.threat_type = parse_threat_type(kind);
    if (!d.threat_type) return c.bad(kDThreatType, quoted(kind) + " is not OCG, Priority individual or Vulnerability");
  }
  if (const int at = cols.at[kDDescription]; at >= 0) d.description = row[static_cast<size_t>(at)];
  d.justification = c[kDJustification];
  c.extra(extra);
  return d;
}

std::vector<std::string> threat_row(const Threat& t) {
  char score[32] = "";
  if (t.morile_score) {
    auto [end, ec] = std::to_chars(score, score + sizeof score - 1, *t.morile_score);
    *end = '\0';
  }
  return {t.reference, t.marking.owning_agency, std::string(to_string(t.type)), std::string(to_string(t.assessment_type)),
          std::string(to_string(t.moderation)), t.soc ? "SOC" : "Non-SOC", t.tier ? "Tier " + std::to_string(*t.tier) : "",
          t.phase, t.primary_crime_type, t.county_lines ? "Yes" : "No", score, t.assessment_date, t.name, t.description};
}

std::vector<std::string> disruption_row(const Disruption& d) {
  std::string all;
  for (FourP p : d.outcomes) all += (all.empty() ? "" : ";") + std::string(to_string(p));
  return {d.reference, d.threat_reference, d.recording_agency, std::string(to_string(d.role)), d.record_date,
          std::string(to_string(national_category(d))), std::string(to_string(d.category)), d.threat_category,
          d.description, all, d.threat_type ? std::string(to_string(*d.threat_type)) : "", d.justification};
}

}  // namespace rocta::apmis
