// A unit of work over the store: every repository, on one connection, in one transaction.
// Nothing is written until commit(); a Transaction destroyed without commit rolls back.
// Write transactions are serialised against each other; read transactions see one
// consistent snapshot. Each repository's header says what it offers: include the ones used.
#pragma once

#include "core/status.h"

namespace rocta {

class AgencyRepository;      // store/agency_repository.h
class UnitRepository;        // store/unit_repository.h
class UserRepository;        // store/user_repository.h
class SessionRepository;     // store/session_repository.h
template <typename Record, typename Query>
class MarkedRepository;      // store/marked_repository.h
struct Threat;
struct Nominal;
struct IntelligenceReport;
struct ThreatQuery;
struct NominalQuery;
struct IntelligenceQuery;
using ThreatRepository = MarkedRepository<Threat, ThreatQuery>;
using NominalRepository = MarkedRepository<Nominal, NominalQuery>;
using IntelligenceRepository = MarkedRepository<IntelligenceReport, IntelligenceQuery>;
class LinkRepository;        // store/link_repository.h
class AuditRepository;       // store/audit_repository.h
class CounterRepository;     // store/counter_repository.h
class MasterListRepository;  // store/master_list_repository.h
class DisruptionRepository;  // store/disruption_repository.h
class TaskingRepository;     // store/tasking_repository.h
class SharingRepository;     // store/sharing_repository.h
class SearchRepository;      // store/search_repository.h
class LinkageRepository;     // store/linkage_repository.h
class NetworkRepository;     // store/network_repository.h
struct Commodity;            // core/commodity.h
struct CommodityQuery;       // store/commodity_repository.h
using CommodityRepository = MarkedRepository<Commodity, CommodityQuery>;
class ScpoRepository;        // store/scpo_repository.h
class CompartmentGrantRepository;    // store/compartment_grant_repository.h
class HistoryRepository;             // store/history_repository.h
class ThematicDisruptionRepository;  // store/thematic_disruption_repository.h
class SiuCheckRepository;            // store/siu_check_repository.h
class CapabilityRepository;          // store/capability_repository.h
class PlaceRepository;               // store/place_repository.h

enum class TxMode { kRead, kWrite };

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual AgencyRepository& agencies() = 0;
  virtual UnitRepository& units() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ThreatRepository& threats() = 0;
  virtual NominalRepository& nominals() = 0;
  virtual IntelligenceRepository& intelligence() = 0;
  virtual LinkRepository& links() = 0;
  virtual AuditRepository& audit() = 0;
  virtual CounterRepository& counters() = 0;
  virtual MasterListRepository& master_list() = 0;
  virtual DisruptionRepository& disruptions() = 0;
  virtual TaskingRepository& tasking() = 0;
  virtual SharingRepository& sharing() = 0;
  virtual SearchRepository& search() = 0;
  virtual LinkageRepository& linkage() = 0;
  virtual NetworkRepository& network() = 0;
  virtual CommodityRepository& commodities() = 0;
  virtual ScpoRepository& scpo() = 0;
  virtual CompartmentGrantRepository& compartment_grants() = 0;
  virtual HistoryRepository& history() = 0;
  virtual ThematicDisruptionRepository& thematic_disruptions() = 0;
  virtual SiuCheckRepository& siu_checks() = 0;
  virtual CapabilityRepository& capability() = 0;
  virtual PlaceRepository& places() = 0;
  virtual Status commit() = 0;
};

}  // namespace rocta
