#include "core/place.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace rocta {
namespace {

template <typename E, size_t N>
std::optional<E> parse_name(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view s) {
  for (const auto& [e, name] : names)
    if (name == s) return e;
  return std::nullopt;
}
template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E e) {
  for (const auto& [k, name] : names)
    if (k == e) return name;
  return names.front().second;
}

constexpr std::array<std::pair<AreaKind, std::string_view>, 5> kAreaKinds{{{AreaKind::kBcu, "bcu"},
                                                                           {AreaKind::kRailArea, "rail_area"},
                                                                           {AreaKind::kRoute, "route"},
                                                                           {AreaKind::kStation, "station"},
                                                                           {AreaKind::kWard, "ward"}}};
constexpr std::array<std::pair<PlaceRecordKind, std::string_view>, 3> kRecordKinds{
    {{PlaceRecordKind::kThreat, "threat"}, {PlaceRecordKind::kIntelligence, "intelligence"},
     {PlaceRecordKind::kDisruption, "disruption"}}};
constexpr std::array<std::pair<IncidentType, std::string_view>, 5> kIncidentTypes{
    {{IncidentType::kMetalTheft, "metal_theft"}, {IncidentType::kKioskFraud, "kiosk_fraud"},
     {IncidentType::kRobbery, "robbery"}, {IncidentType::kDrugs, "drugs"}, {IncidentType::kOther, "other"}}};

constexpr std::array<std::pair<ProposalStatus, std::string_view>, 3> kStatuses{
    {{ProposalStatus::kProposed, "proposed"}, {ProposalStatus::kAccepted, "accepted"}, {ProposalStatus::kRejected, "rejected"}}};

}  // namespace

std::string_view to_string(ProposalStatus s) { return name_of(kStatuses, s); }
std::optional<ProposalStatus> parse_proposal_status(std::string_view s) { return parse_name(kStatuses, s); }
std::string_view to_string(AreaKind k) { return name_of(kAreaKinds, k); }
std::string_view to_string(PlaceRecordKind k) { return name_of(kRecordKinds, k); }
std::string_view to_string(IncidentType t) { return name_of(kIncidentTypes, t); }
std::optional<AreaKind> parse_area_kind(std::string_view s) { return parse_name(kAreaKinds, s); }
std::optional<PlaceRecordKind> parse_place_record_kind(std::string_view s) { return parse_name(kRecordKinds, s); }
std::optional<IncidentType> parse_incident_type(std::string_view s) { return parse_name(kIncidentTypes, s); }

Status validate_incident(const Incident& i) {
  if (i.reference.empty()) return invalid("an incident needs its crime reference", "reference");
  if (i.reference.size() > 64) return invalid("the reference is longer than 64 characters", "reference");
  if (!is_iso_date(i.occurred_on)) return invalid("the date must be YYYY-MM-DD", "occurred_on");
  return Status::ok();
}

}  // namespace rocta
