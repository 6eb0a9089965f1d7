// Agencies, regions and units: who holds records and who works where.
//
// An agency is a force (43 territorial + BTP), a ROCU, the NCA or a partner agency; it
// belongs to one region ("National" for national bodies). Units belong to an agency; an SIU
// unit may serve several agencies (a regional SIU), and a collaborative unit (the London
// ROCTA) is staffed from several forces, each member keeping their home agency.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace rocta {

enum class AgencyKind { kTerritorialForce, kSpecialForce, kRocu, kNationalAgency, kPartnerAgency };

struct Agency {
  std::string code;  // e.g. "MPS"; upper-case letters and digits
  std::string name;
  AgencyKind kind = AgencyKind::kTerritorialForce;
  std::string region;
  bool active = true;
  int64_t version = 1;  // each change adds one (optimistic concurrency, as for records)
};

// Law-enforcement agencies read region- and national-scope material; partner agencies
// read only what is shared with them by name.
inline bool is_law_enforcement(AgencyKind k) { return k != AgencyKind::kPartnerAgency; }

std::string_view to_string(AgencyKind k);  // "territorial force", … as in agencies.csv
std::optional<AgencyKind> parse_agency_kind(std::string_view s);
Status validate_agency(const Agency& a);

// Parses the project's reference file (code,name,kind,region with a header row).
Result<std::vector<Agency>> parse_agencies_csv(std::string_view text);

enum class UnitKind { kBcu, kSpecialistCrimeCommand, kSiu, kRocta, kIntelligence, kEconomicCrime,
                      kMorile, kScpoMonitoring, kPartnerTeam, kHeadquarters, kOther };

struct Unit {
  int64_t id = 0;
  std::string agency;  // the agency the unit belongs to
  std::string name;
  UnitKind kind = UnitKind::kOther;
  std::vector<std::string> serves;  // other agencies a collaborative unit serves
  bool active = true;
  // An SIU's compartment: what it holds lives there, and only its officers hold it.
  std::string compartment;
  int64_t version = 1;  // each change adds one
};

// The SIU that receives sensitive intelligence submitted by officers of `agency`: the
// active SIU unit of that agency with a compartment, else an active SIU that serves it.
// nullptr when there is none (the submission must then be refused, never stored openly).
const Unit* responsible_siu(const std::vector<Unit>& units, std::string_view agency);

std::string_view to_string(UnitKind k);  // "bcu", "scc", "siu", "rocta", …
std::optional<UnitKind> parse_unit_kind(std::string_view s);
Status validate_unit(const Unit& u);

}  // namespace rocta
