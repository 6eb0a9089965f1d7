#include "core/organisation.h"

#include <algorithm>

#include <array>
#include <cctype>
#include <utility>

#include "core/csv.h"
#include "core/text.h"

namespace rocta {
namespace {

constexpr std::array<std::pair<AgencyKind, std::string_view>, 5> kAgencyKinds{{
    {AgencyKind::kTerritorialForce, "territorial force"},
    {AgencyKind::kSpecialForce, "special force"},
    {AgencyKind::kRocu, "rocu"},
    {AgencyKind::kNationalAgency, "national agency"},
    {AgencyKind::kPartnerAgency, "partner agency"},
}};

constexpr std::array<std::pair<UnitKind, std::string_view>, 11> kUnitKinds{{
    {UnitKind::kBcu, "bcu"},
    {UnitKind::kSpecialistCrimeCommand, "scc"},
    {UnitKind::kSiu, "siu"},
    {UnitKind::kRocta, "rocta"},
    {UnitKind::kIntelligence, "intelligence"},
    {UnitKind::kEconomicCrime, "economic crime"},
    {UnitKind::kMorile, "morile"},
    {UnitKind::kScpoMonitoring, "scpo monitoring"},
    {UnitKind::kPartnerTeam, "partner team"},
    {UnitKind::kHeadquarters, "headquarters"},
    {UnitKind::kOther, "other"},
}};

bool is_agency_code(std::string_view s) {
  if (s.empty() || s.size() > 16) return false;
  for (char c : s)
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)))
      return false;
  return true;
}

}  // namespace

std::string_view to_string(AgencyKind k) {
  for (const auto& [kind, name] : kAgencyKinds)
    if (kind == k) return name;
  return "territorial force";
}

std::optional<AgencyKind> parse_agency_kind(std::string_view s) {
  const std::string l = lower(s);
  for (const auto& [kind, name] : kAgencyKinds)
    if (name == l) return kind;
  return std::nullopt;
}

std::string_view to_string(UnitKind k) {
  for (const auto& [kind, name] : kUnitKinds)
    if (kind == k) return name;
  return "other";
}

std::optional<UnitKind> parse_unit_kind(std::string_view s) {
  const std::string l = lower(s);
  for (const auto& [kind, name] : kUnitKinds)
    if (name == l) return kind;
  return std::nullopt;
}

Status validate_agency(const Agency& a) {
  if (!is_agency_code(a.code))
    return invalid("agency code must be 1-16 upper-case letters or digits", "code");
  if (trim(a.name).empty() || a.name.size() > 200) return invalid("agency name is required (at most 200 characters)", "name");
  if (trim(a.region).empty() || a.region.size() > 100) return invalid("region is required", "region");
  return Status::ok();
}

Status validate_unit(const Unit& u) {
  if (trim(u.name).empty() || u.name.size() > 200) return invalid("unit name is required (at most 200 characters)", "name");
  if (u.agency.empty()) return invalid("a unit belongs to an agency", "agency");
  for (const auto& s : u.serves)
    if (s == u.agency) return invalid("a unit does not 'serve' its own agency", "serves");
  if (!u.compartment.empty() && u.kind != UnitKind::kSiu)
    return invalid("only an SIU holds a compartment of its own", "compartment");
  if (u.compartment.size() > 64) return invalid("compartment name too long", "compartment");
  return Status::ok();
}

const Unit* responsible_siu(const std::vector<Unit>& units, std::string_view agency) {
  const Unit* serving = nullptr;
  for (const auto& u : units) {
    if (!u.active || u.kind != UnitKind::kSiu || u.compartment.empty()) continue;
    if (u.agency == agency) return &u;
    if (!serving && std::find(u.serves.begin(), u.serves.end(), agency) != u.serves.end()) serving = &u;
  }
  return serving;
}

Result<std::vector<Agency>> parse_agencies_csv(std::string_view text) {
  ROCTA_ASSIGN_OR_RETURN(auto rows, parse_csv(text));
  if (rows.empty()) return invalid("agencies file is empty");
  const std::vector<std::string> want{"code", "name", "kind", "region"};
  if (rows[0] != want) return invalid("agencies file header must be code,name,kind,region");
  std::vector<Agency> out;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const std::string where = "agencies line " + std::to_string(i + 1) + ": ";
    if (r.size() != 4) return invalid(where + "expected 4 fields");
    auto kind = parse_agency_kind(r[2]);
    if (!kind) return invalid(where + "unknown kind '" + r[2] + "'");
    Agency a{r[0], r[1], *kind, r[3], true};
    if (auto s = validate_agency(a); !s.is_ok()) return invalid(where + s.message());
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace rocta
