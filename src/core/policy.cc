#include "core/policy.h"

#include <algorithm>

#include "core/link.h"

namespace rocta {
namespace {

bool has_need_to_know(const User& u) {
  return std::any_of(u.roles.begin(), u.roles.end(), [](Role r) {
    return r != Role::kFrontlineOfficer && r != Role::kInspector && r != Role::kAdministrator;
  });
}

bool names(const Marking& m, const std::string& agency) {
  return std::find(m.shared_with.begin(), m.shared_with.end(), agency) != m.shared_with.end();
}

bool granted(const ReadScope& s, const Marking& m) {
  if (m.scope == SharingScope::kOwnerOnly) return false;
  return std::any_of(s.grants.begin(), s.grants.end(), [&](const SharingGrant& g) {
    return g.giver == m.owning_agency && m.scope >= g.min_scope && m.classification <= g.max_classification;
  });
}

bool scope_admits(const ReadScope& s, const Marking& m) {
  if (m.owning_agency == s.agency || granted(s, m)) return true;
  // A compartment is its own audience: a regional SIU's officers read what it holds,
  // whichever force's officer put it there (rule 3 already required holding it).
  if (!m.compartment.empty()) return true;
  switch (m.scope) {
    case SharingScope::kOwnerOnly: return false;
    case SharingScope::kNamed: return names(m, s.agency);
    case SharingScope::kRegion:
      return names(m, s.agency) || (s.law_enforcement && m.owning_region == s.region);
    case SharingScope::kNational: return names(m, s.agency) || s.law_enforcement;
  }
  return false;
}

}  // namespace

ReadScope read_scope(const User& user) {
  ReadScope s;
  s.active = user.active;
  s.agency = user.agency;
  s.region = user.region;
  s.law_enforcement = is_law_enforcement(user.agency_kind);
  s.max_classification = user.clearance;
  s.compartments = user.compartments;
  s.need_to_know = has_need_to_know(user);
  // Records are read through the agreements that cover records; one that covers only
  // capability opens none of the giver's records (core/capability.h reads those).
  for (const auto& g : user.grants)
    if (g.records) s.grants.push_back(g);
  return s;
}

void keep_grants_in_force(User& user, std::string_view today) {
  std::erase_if(user.grants, [&](const SharingGrant& g) { return !in_force(true, g.starts_on, g.ends_on, today); });
}

bool admits(const ReadScope& s, const Marking& m) {
  if (!s.active) return false;
  if (m.classification > s.max_classification) return false;
  if (!m.compartment.empty() &&
      std::find(s.compartments.begin(), s.compartments.end(), m.compartment) == s.compartments.end())
    return false;
  if (m.sensitive && !s.need_to_know) return false;
  return scope_admits(s, m);
}

bool may_signal(const ReadScope& s, const Marking& m, SignalAudience audience) {
  if (!s.active || m.classification == Classification::kTopSecret || admits(s, m)) return false;
  for (const auto& g : s.grants)
    if (g.giver == m.owning_agency && g.signals) return true;
  switch (audience) {
    case SignalAudience::kNone:
    case SignalAudience::kAgreements: return false;
    case SignalAudience::kRegion: return s.law_enforcement && s.region == m.owning_region;
    case SignalAudience::kNational: return s.law_enforcement;
  }
  return false;
}

bool is_siu_officer_for(const User& u, std::string_view compartment) {
  return u.active && u.has(Role::kSiuOfficer) && !compartment.empty() && u.holds(compartment);
}

bool may_decide_access_request(const User& u, const AccessRequest& r) {
  if (!u.active) return false;
  if (!r.compartment.empty()) return is_siu_officer_for(u, r.compartment);
  const auto kind = parse_record_kind(r.record_kind);
  return kind && u.agency == r.holder_agency && role_may_write(u, *kind);
}

bool role_may_write(const User& u, RecordKind kind) {
  switch (kind) {
    case RecordKind::kThreat:
      // Any unit may nominate a threat: BCU analysts included (the inspection found BCUs
      // could refer only threats that needed specialist support).
      return u.has(Role::kAnalyst) || u.has(Role::kRoctaAnalyst) || u.has(Role::kAssessor) ||
             u.has(Role::kSiuOfficer) || u.has(Role::kLeadResponsibleOfficer);
    case RecordKind::kNominal:
    case RecordKind::kIntelligence:
    case RecordKind::kCommodity:
      return u.has(Role::kAnalyst) || u.has(Role::kRoctaAnalyst) || u.has(Role::kSiuOfficer) ||
             u.has(Role::kFrontlineOfficer) || u.has(Role::kPartner) || u.has(Role::kScpoOfficer);
  }
  return false;
}

bool may_record_disruptions(const User& u) {
  return u.active && (u.has(Role::kAnalyst) || u.has(Role::kRoctaAnalyst) || u.has(Role::kLeadResponsibleOfficer) ||
                      u.has(Role::kTaskingChair) || u.has(Role::kPartner) || u.has(Role::kSiuOfficer) ||
                      u.has(Role::kScpoOfficer));
}

bool may_read_soc_figures(const User& u) {
  if (!u.active) return false;
  for (Role r : u.roles)
    if (r != Role::kFrontlineOfficer && r != Role::kPartner) return true;
  return false;
}

bool can(const User& user, Action action, RecordKind kind, const Marking& record) {
  if (!user.active) return false;
  switch (action) {
    case Action::kRead:
      return admits(read_scope(user), record);
    case Action::kCreate:
    case Action::kUpdate:
      if (action == Action::kUpdate && !admits(read_scope(user), record)) return false;
      // Only the owner writes; compartmented material only by SIU officers who hold it.
      if (record.owning_agency != user.agency) return false;
      if (record.classification > user.clearance) return false;
      if (!record.compartment.empty() && !(user.has(Role::kSiuOfficer) && user.holds(record.compartment)))
        return false;
      return role_may_write(user, kind);
  }
  return false;
}

bool may_link(const User& user, RecordKind from_kind, const Marking& from, RecordKind to_kind, const Marking& to) {
  if (!can(user, Action::kRead, from_kind, from) || !can(user, Action::kRead, to_kind, to)) return false;
  return can(user, Action::kUpdate, from_kind, from) || can(user, Action::kUpdate, to_kind, to);
}

bool can_administer_agencies(const User& user) {
  return user.active && user.has(Role::kAdministrator) && is_law_enforcement(user.agency_kind);
}

bool can_administer(const User& user, std::string_view agency) {
  return user.active && user.has(Role::kAdministrator) && user.agency == agency;
}

}  // namespace rocta
