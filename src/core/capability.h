// Capability, as pure rules: the specialist posts an agency holds (establishment and strength
// by unit and role, month by month), the financial-investigation demand that pursue work
// creates, the asset recovery pipeline with the Home Office incentivisation share, and the
// covert tactics an agency keeps accredited and deploys.
//
// What must hold: every figure is computed from records handed in (posts, items, cases,
// accreditations, deployments), never typed in; values are integers of pence; a post is
// counted once per month; an asset case moves forward only (identified → restrained →
// confiscated or forfeited → realised) and never realises more than was ordered; a decline
// carries its reason. Who reads and writes it is decided here (may_*), the records' marking
// by core/policy.h as for any record.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/disruption.h"
#include "core/marking.h"
#include "core/organisation.h"
#include "core/policy.h"
#include "core/status.h"
#include "core/tasking.h"
#include "core/user.h"

namespace rocta {

enum class SpecialistRole {
  kFinancialInvestigator,
  kFinancialIntelligenceOfficer,
  kAnalyst,
  kSiu,
  kSurveillance,
  kUndercover,
  kTechnical,
};
enum class FiState { kOpen, kTaken, kDeclined, kCompleted };
enum class FiDeclineReason { kNoCapacity, kNotProportionate, kAnotherAgency, kOther };
enum class AssetStage { kIdentified, kRestrained, kConfiscated, kForfeited, kRealised };
// Confiscation follows a conviction (Proceeds of Crime Act 2002 Part 2); forfeiture is civil
// (cash, listed assets, accounts: Part 5). The incentivisation share differs between them.
enum class AssetRoute { kConfiscation, kForfeiture };
enum class CovertTactic { kUndercover, kSurveillance, kTechnicalSurveillance };

std::string_view to_string(SpecialistRole r);   // "financial investigator", …
std::string_view to_string(FiState s);          // "open", "taken", "declined", "completed"
std::string_view to_string(FiDeclineReason r);  // "no capacity", "not proportionate", "another agency", "other"
std::string_view to_string(AssetStage s);       // "identified", "restrained", "confiscated", "forfeited", "realised"
std::string_view to_string(AssetRoute r);       // "confiscation", "forfeiture"
std::string_view to_string(CovertTactic t);     // "undercover", "surveillance", "technical surveillance"
std::optional<SpecialistRole> parse_specialist_role(std::string_view s);
std::optional<FiState> parse_fi_state(std::string_view s);
std::optional<FiDeclineReason> parse_fi_decline_reason(std::string_view s);
std::optional<AssetStage> parse_asset_stage(std::string_view s);
std::optional<AssetRoute> parse_asset_route(std::string_view s);
std::optional<CovertTactic> parse_covert_tactic(std::string_view s);
const std::vector<SpecialistRole>& all_specialist_roles();
const std::vector<CovertTactic>& all_covert_tactics();

// The marking capability records carry: OFFICIAL, shared with the law enforcement of the
// owner's region (its inspectors and tasking chairs compare forces), read through
// capability_scope: partner agencies only where an agreement covering capability says so.
Marking capability_marking(const std::string& agency, const std::string& region);

// ---- establishment and strength ----------------------------------------------------------

// One post of an agency's establishment in one month: its unit, its specialist role, whether
// someone is in it, and the hours of the day its holder covers (from..to, 0..24).
struct StaffingPost {
  int64_t id = 0;
  std::string agency;
  int64_t unit_id = 0;
  std::string unit;     // read with the post
  SpecialistRole role = SpecialistRole::kAnalyst;
  std::string month;    // YYYY-MM
  std::string post_ref; // the agency's post number, unique within agency and month
  bool filled = false;
  std::string holder;   // who is in post (empty when vacant)
  int cover_from = 8;   // hour of day, 0..23
  int cover_to = 18;    // hour of day, 1..24, after cover_from
  Marking marking;
};

Status validate_post(const StaffingPost& p);

// One line of the staffing figures: an agency's unit and role in the month.
struct StaffingRow {
  std::string agency;
  int64_t unit_id = 0;  // 0: the agency's total for the role
  std::string unit;
  SpecialistRole role = SpecialistRole::kAnalyst;
  int64_t establishment = 0;
  int64_t in_post = 0;
  int64_t vacant = 0;
  int vacancy_pct = 0;   // vacant / establishment, whole per cent rounded down
  int cover_from = 0;    // earliest hour a holder covers (0 when nobody is in post)
  int cover_to = 0;      // latest hour a holder covers
  bool single_point_of_failure = false;  // held by one person only
  bool operator==(const StaffingRow&) const = default;
};

// A unit's posts of every role in the month.
struct UnitStaffing {
  std::string agency;
  int64_t unit_id = 0;
  std::string unit;
  int64_t establishment = 0, in_post = 0, vacant = 0;
};

struct StaffingMonth {
  std::string month;
  std::string agency;
  SpecialistRole role = SpecialistRole::kAnalyst;
  int64_t establishment = 0, in_post = 0;
};

struct StaffingFigures {
  std::string month;
  std::vector<StaffingRow> units;       // by agency, unit, role
  std::vector<StaffingRow> agencies;    // by agency, role (unit_id 0)
  std::vector<UnitStaffing> unit_totals;
  std::vector<StaffingMonth> history;   // every month handed in, by month, agency, role
};

// Figures for `month` (the latest month handed in when empty) from the posts handed in.
StaffingFigures staffing_figures(const std::vector<StaffingPost>& posts, std::string month);

// ---- the financial-investigation demand ledger -------------------------------------------

// "Financially investigate?": opened for every suspect arrested or charged in a pursue
// disruption against a threat; an investigator takes it, declines it with a reason, or
// completes it. Owned by the agency that recorded the disruption.
struct FiItem {
  int64_t id = 0;
  std::string agency;
  int64_t threat_id = 0;
  std::string threat_reference;
  int64_t disruption_id = 0;
  std::string disruption_reference;
  int64_t nominal_id = 0;  // 0: the suspect is not a nominal held here
  std::string suspect;     // the suspect's name as the disruption gave it
  bool charged = false;    // charged (else arrested)
  int64_t team_unit_id = 0;  // the unit that recorded the disruption
  int64_t bcu_unit_id = 0;   // the BCU the suspect was dealt with in (0: none recorded)
  std::string opened_on;     // YYYY-MM-DD
  FiState state = FiState::kOpen;
  int64_t investigator_id = 0;
  std::string investigator;
  FiDeclineReason reason = FiDeclineReason::kOther;
  std::string note;
  std::string decided_on;
  int64_t version = 0;
  Marking marking;
};

Status validate_suspect(const DisruptionSuspect& s);

// The decision taken on an item: the new item, or why it cannot be taken. Take: an open
// item; decline: an open or taken item, with a reason (and a note when the reason is
// "other"); complete: a taken item, by whoever took it, with a note of the result.
enum class FiAction { kTake, kDecline, kComplete };
std::optional<FiAction> parse_fi_action(std::string_view s);  // "take", "decline", "complete"
Result<FiItem> decide_fi(FiItem item, FiAction action, int64_t by, const std::string& by_name, FiDeclineReason reason,
                         const std::string& note, const std::string& today);

bool investigated(const FiItem& i);  // taken or completed

struct FiDemandRow {
  std::string key;  // threat reference, team or BCU name
  int64_t id = 0;   // threat or unit id
  int64_t suspects = 0, investigated = 0, not_investigated = 0, refused_no_capacity = 0, open = 0;
  bool operator==(const FiDemandRow&) const = default;
};

// Demand against capacity per agency: items waiting or in hand per financial investigator in post.
struct FiCapacityRow {
  std::string agency;
  int64_t demand = 0;         // open + taken items
  int64_t investigators = 0;  // financial investigators in post (the staffing month)
  int64_t per_investigator_tenths = 0;  // demand per investigator × 10, rounded down; 0 with none
  bool operator==(const FiCapacityRow&) const = default;
};

struct FiFigures {
  std::vector<FiDemandRow> by_threat, by_team, by_bcu;
  FiDemandRow total;
  std::vector<FiCapacityRow> capacity;
};

// `unit_names` names teams and BCUs; `staffing` gives investigators in post.
FiFigures fi_figures(const std::vector<FiItem>& items, const std::map<int64_t, std::string>& unit_names,
                     const StaffingFigures& staffing);

// ---- asset recovery -----------------------------------------------------------------------

// One asset (or group of assets) pursued from one threat, through the pipeline.
struct AssetCase {
  int64_t id = 0;
  std::string agency;
  int64_t threat_id = 0;
  std::string threat_reference;
  std::string description;
  AssetRoute route = AssetRoute::kConfiscation;
  AssetStage stage = AssetStage::kIdentified;
  int64_t identified_pence = 0;
  int64_t restrained_pence = 0;
  int64_t ordered_pence = 0;  // the confiscation order or forfeiture
  int64_t realised_pence = 0;
  std::string identified_on, restrained_on, ordered_on, realised_on;
  int64_t disruption_id = 0;  // the pursue disruption a forfeiture or confiscation recorded
  int64_t version = 0;
  Marking marking;
};

Status validate_asset_case(const AssetCase& c, const std::string& today);
// The case moved to `stage` on `on` with `value_pence` (the value at that stage): forward
// only; confiscated for the confiscation route, forfeited for the forfeiture route; realised
// no more than was ordered.
Result<AssetCase> advance_asset_case(AssetCase c, AssetStage stage, int64_t value_pence, const std::string& on,
                                     const std::string& today);
// Whether reaching `stage` records a pursue disruption (an order: confiscated or forfeited).
bool is_disrupting(AssetStage stage);

// How realised receipts are shared under the Home Office Asset Recovery Incentivisation
// Scheme (ARIS). Source: the Home Office's published ARIS arrangement (Asset Recovery
// Statistical Bulletin, "ARIS"): half to the Home Office, half back to the agencies; for
// confiscation 37.5% of the total to the investigating and prosecuting agencies (18.75% each)
// and 12.5% to HM Courts & Tribunals Service; for civil forfeiture the agencies' half to the
// investigating agency. Neither /work/shared/domain nor the inspection states the split.
struct ArisShare {
  int64_t home_office = 0, investigation = 0, prosecution = 0, courts = 0;
};
ArisShare aris_share(int64_t realised_pence, AssetRoute route);

struct AssetPipelineRow {
  std::string agency;
  int64_t threat_id = 0;  // 0: the agency's total
  std::string threat_reference;
  int64_t identified = 0, restrained = 0, ordered = 0, realised = 0;  // cases that reached each stage
  int64_t identified_pence = 0, restrained_pence = 0, ordered_pence = 0, realised_pence = 0;
  int64_t returned_pence = 0;  // the investigating agency's ARIS share of what was realised
  bool operator==(const AssetPipelineRow&) const = default;
};

struct AssetFigures {
  std::vector<AssetPipelineRow> by_threat, by_agency;
};
AssetFigures asset_figures(const std::vector<AssetCase>& cases);

// ---- covert tactics -----------------------------------------------------------------------

struct CovertAccreditation {
  int64_t id = 0;
  std::string agency;
  CovertTactic tactic = CovertTactic::kUndercover;
  std::string holder;            // the officer or the team accredited
  std::string accredited_on;     // YYYY-MM-DD
  std::string expires_on;        // YYYY-MM-DD
  int64_t annual_cost_pence = 0; // keeping it: training, infrastructure, cover
  Marking marking;
};

struct CovertDeployment {
  int64_t id = 0;
  std::string agency;
  CovertTactic tactic = CovertTactic::kUndercover;
  int64_t threat_id = 0;
  std::string deployed_on;
  int64_t cost_pence = 0;
  Marking marking;
};

Status validate_accreditation(const CovertAccreditation& a);
Status validate_deployment(const CovertDeployment& d, const std::string& today);

inline constexpr int kCovertIdleMonths = 24;  // kept without use: no deployment in two years

struct CovertRow {
  std::string agency;
  CovertTactic tactic = CovertTactic::kUndercover;
  int64_t accreditations = 0;        // held on the day
  int64_t deployments_year = 0;      // in the year to the day
  int64_t deployments_two_years = 0; // in the two years to the day
  int64_t cost_year_pence = 0;       // accreditations' annual cost + the year's deployments
  std::string last_deployed_on;      // empty: never
  // Value for money: accreditation kept with no deployment in two years (BTP's undercover
  // case); or deployed fewer times in the year than accreditations held (under-used).
  bool kept_without_use = false;
  bool under_used = false;
  bool operator==(const CovertRow&) const = default;
};

struct CovertYear {
  std::string agency;
  CovertTactic tactic = CovertTactic::kUndercover;
  std::string year;  // YYYY
  int64_t deployments = 0, cost_pence = 0;
};

struct CovertFigures {
  std::vector<CovertRow> rows;       // by agency, tactic
  std::vector<CovertYear> by_year;   // by agency, tactic, year
};
CovertFigures covert_figures(const std::vector<CovertAccreditation>& held, const std::vector<CovertDeployment>& deployed,
                             const std::string& today);

// ---- who, and what it feeds -----------------------------------------------------------------

// Who reads capability figures, and whose. One rule, here:
//  - inspectors, tasking chairs, administrators, analysts and ROCTA analysts of law
//    enforcement agencies read their own agency's and their region's (the records' marking,
//    capability_marking, as core/policy.h decides it), as before agreements could name
//    capability; an agreement covering records only adds nothing here;
//  - a partner agency user (the partner role, or any user of a partner agency) reads the
//    capability of exactly those agencies whose agreement with the user's agency covers
//    capability and is in force on `today`; without one, none at all;
//  - a law-enforcement reader also reads the capability an agreement in force opens to them;
//  - inactive users, frontline and SCPO officers, assessors, moderators, LROs and SIU
//    officers (without a reading role) read none.
// The agencies whose capability an agreement in force on `today` opens to the user's agency.
std::vector<std::string> capability_givers(const User& u, std::string_view today);
// Whether the user reads any capability at all on `today` (the screen, the report, the routes).
bool may_read_capability(const User& u, std::string_view today);
// The scope capability records are read through: the user's own (read_scope) without the
// record agreements, with the capability agreements in force; admits nothing for a user who
// may not read capability. The stores apply it inside the query.
ReadScope capability_scope(const User& u, std::string_view today);
// Whether the user reads the capability of `agency` (in `agency_region`) on `today`.
bool may_read_capability_of(const User& u, const std::string& agency, const std::string& agency_region,
                            std::string_view today);
// The codes of `agencies` whose capability the user reads on `today`, in the order given.
std::vector<std::string> capability_agencies(const User& u, const std::vector<Agency>& agencies, std::string_view today);
// Who keeps an agency's establishment, assets and covert records: its administrators and
// analysts (financial intelligence officers hold the analyst role in Rocta).
bool may_record_capability(const User& u, const std::string& agency);
// Who decides "financially investigate?" for an agency: its analysts (financial
// investigators and FIOs), lead responsible officers and tasking chairs.
bool may_decide_fi(const User& u, const std::string& agency);

// A capacity gap: an agency's role with a vacancy rate at or above kGapVacancyPct, or held by
// one person only.
inline constexpr int kGapVacancyPct = 15;
struct CapacityGap {
  std::string agency;
  SpecialistRole role = SpecialistRole::kAnalyst;
  int64_t establishment = 0, in_post = 0;
  int vacancy_pct = 0;
  bool single_point_of_failure = false;
};
std::vector<CapacityGap> capacity_gaps(const StaffingFigures& f);

// The specialist roles a control-strategy priority of this crime type leans on: analysts for
// every priority; financial investigators and FIOs where money is the motive or the means.
std::vector<SpecialistRole> roles_needed_for(const std::string& crime_type);

// Agenda lines (kCapacityGap) for the meeting agency's gaps, each after the priority that needs it.
std::vector<AgendaItem> capacity_agenda_items(const std::vector<ControlPriority>& priorities, const std::string& agency,
                                              const std::string& on, const std::vector<CapacityGap>& gaps);

// The score of MoRiLE's capacity element (0..org_max) from the owner's gaps: the worst
// vacancy rate among its roles, in bands of 10 points from kGapVacancyPct, a single point of
// failure counting as at least 2.
int capacity_org_score(const std::vector<CapacityGap>& gaps, int org_max);

}  // namespace rocta
