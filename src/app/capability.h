// Use cases of capability: keep an agency's establishment posts, covert accreditations and
// deployments and asset recovery cases; decide the financial-investigation demand items that
// pursue disruptions open; read the capability report; the capacity gaps a tasking agenda shows.
//
// Every read goes through core/capability.h's capability_scope and the agencies it admits,
// inside the query and again here (partner agencies see nothing unless an agreement from the
// owner covers capability and is in force); every write and every read is audited.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/capability.h"
#include "core/disruption.h"
#include "core/tasking.h"

namespace rocta {

class Transaction;

// Records a post of the caller's agency (Rocta itself: of `p.agency`) for a month.
Result<StaffingPost> record_post(App& app, const Caller& caller, StaffingPost p);

// Opens an item for every suspect of a pursue disruption just recorded, inside its
// transaction; nothing for a disruption without a pursue outcome.
Result<std::vector<FiItem>> open_fi_items_in(Transaction& tx, App& app, const Caller& caller, const Disruption& d);

struct FiItemFilter {
  std::string agency;
  int64_t threat_id = 0;
  int64_t disruption_id = 0;
  std::optional<FiState> state;
};
Result<std::vector<FiItem>> list_fi_items(App& app, const Caller& caller, const FiItemFilter& filter);
// Take, decline (with a reason) or complete an item of the caller's agency.
Result<FiItem> decide_fi_item(App& app, const Caller& caller, int64_t id, FiAction action, FiDeclineReason reason,
                              const std::string& note, int64_t expected_version);

// Opens an asset case from a threat the caller may read (`_in`: inside an open write transaction).
Result<AssetCase> record_asset_case(App& app, const Caller& caller, AssetCase c);
Result<AssetCase> record_asset_case_in(Transaction& tx, App& app, const Caller& caller, AssetCase c);
// Moves a case on; a confiscation order or a forfeiture records a pursue disruption against
// the case's threat in the same transaction.
Result<AssetCase> advance_asset(App& app, const Caller& caller, int64_t id, AssetStage stage, int64_t value_pence,
                                const std::string& on, int64_t expected_version);
Result<AssetCase> advance_asset_in(Transaction& tx, App& app, const Caller& caller, int64_t id, AssetStage stage,
                                   int64_t value_pence, const std::string& on, int64_t expected_version);

Result<CovertAccreditation> record_accreditation(App& app, const Caller& caller, CovertAccreditation a);
Result<CovertDeployment> record_deployment(App& app, const Caller& caller, CovertDeployment d);

// The whole picture the caller may read, for `month` (YYYY-MM; empty: the latest recorded).
struct CapabilityReport {
  std::string month, today;
  StaffingFigures staffing;
  FiFigures fi;
  AssetFigures assets;
  CovertFigures covert;
  std::vector<CapacityGap> gaps;
  std::map<int64_t, std::string> unit_names;
};
Result<CapabilityReport> capability_report(App& app, const Caller& caller, const std::string& month);
// Whether the caller reads any capability today (the menu's entry; core/capability.h decides).
bool reads_capability(App& app, const Caller& caller);

// The capacity gaps of the meeting's agency, each under the priority that needs it (empty
// for a caller who may not read capability).
Result<std::vector<AgendaItem>> capacity_agenda_in(Transaction& tx, const Caller& caller, const TaskingMeeting& meeting,
                                                   const std::vector<ControlPriority>& priorities, const std::string& today);

// The score MoRiLE's capacity element takes for a threat owned by `agency` (0 when the
// caller may not read that agency's capability).
Result<int> capacity_org_score_in(Transaction& tx, const Caller& caller, const std::string& agency, int org_max,
                                  const std::string& today);

}  // namespace rocta
