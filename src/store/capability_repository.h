// The capability repository: establishment posts month by month, the financial-investigation
// demand ledger, asset recovery cases, covert accreditations and deployments.
//
// Every record carries its marking (core/capability.h: capability_marking); every read that
// takes a ReadScope applies the dialect's scope predicate to the record itself inside the
// query, so a list or the figures never fetch what the reader may not read. Writes take the
// record as app/ decided it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/capability.h"
#include "core/policy.h"

namespace rocta {

struct CapabilityQuery {
  std::string agency;      // owning agency; empty: any
  std::string month;       // posts: that month only (YYYY-MM); empty: every month
  int64_t threat_id = 0;   // FI items and asset cases of this threat only
  int64_t disruption_id = 0;  // FI items opened by this disruption only
  std::optional<FiState> state;  // FI items in this state only
  // Only records of these owners (the agencies core/capability.h lets the reader read);
  // empty list: none at all. Unset: as the scope decides (Rocta itself).
  std::optional<std::vector<std::string>> owners;
  bool unscoped = false;  // Rocta itself (the demo, the CLI's operator report): no scope applied
  int limit = 1'000'000;
};

class CapabilityRepository {
 public:
  virtual ~CapabilityRepository() = default;

  // AlreadyExists when the agency already has that post number in that month.
  virtual Result<int64_t> insert_post(const StaffingPost& p) = 0;
  // By agency, unit, role, post number; the unit's name read with each.
  virtual Result<std::vector<StaffingPost>> posts(const ReadScope& scope, const CapabilityQuery& q) = 0;

  virtual Result<int64_t> insert_fi_item(const FiItem& i) = 0;
  // Conflict when the stored version is not `i.version - 1`.
  virtual Status update_fi_item(const FiItem& i) = 0;
  // NotFound when absent or when `scope` does not admit it (`unscoped`: Rocta itself).
  virtual Result<FiItem> fi_item(int64_t id, const ReadScope& scope, bool unscoped) = 0;
  // Oldest first.
  virtual Result<std::vector<FiItem>> fi_items(const ReadScope& scope, const CapabilityQuery& q) = 0;

  virtual Result<int64_t> insert_asset_case(const AssetCase& c) = 0;
  virtual Status update_asset_case(const AssetCase& c) = 0;  // Conflict as for FI items
  virtual Result<AssetCase> asset_case(int64_t id, const ReadScope& scope, bool unscoped) = 0;
  virtual Result<std::vector<AssetCase>> asset_cases(const ReadScope& scope, const CapabilityQuery& q) = 0;

  virtual Result<int64_t> insert_accreditation(const CovertAccreditation& a) = 0;
  virtual Result<std::vector<CovertAccreditation>> accreditations(const ReadScope& scope, const CapabilityQuery& q) = 0;
  virtual Result<int64_t> insert_deployment(const CovertDeployment& d) = 0;
  virtual Result<std::vector<CovertDeployment>> deployments(const ReadScope& scope, const CapabilityQuery& q) = 0;
};

}  // namespace rocta
