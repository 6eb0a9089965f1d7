// Every SQL repository over one connection: the Transaction an adapter hands out.
#pragma once

#include "store/repository_transaction.h"
#include "store/sql/audit_repository.h"
#include "store/sql/capability_repository.h"
#include "store/sql/commodity_repository.h"
#include "store/sql/compartment_grant_repository.h"
#include "store/sql/counter_repository.h"
#include "store/sql/disruption_repository.h"
#include "store/sql/history_repository.h"
#include "store/sql/link_repository.h"
#include "store/sql/linkage_repository.h"
#include "store/sql/marked_repository.h"
#include "store/sql/master_list_repository.h"
#include "store/sql/network_repository.h"
#include "store/sql/organisation_repositories.h"
#include "store/sql/place_repository.h"
#include "store/sql/scpo_repository.h"
#include "store/sql/search_repository.h"
#include "store/sql/sharing_repository.h"
#include "store/sql/siu_check_repository.h"
#include "store/sql/tasking_repository.h"
#include "store/sql/thematic_disruption_repository.h"

namespace rocta::sql {

// ---- transactions -------------------------------------------------------------------------

// A Transaction whose repositories all work on one connection; PooledTransaction
// (pooled_transaction.h) adds commit, rollback and the connection's return to its pool.
template <typename D>
class RepositoryTransaction : public Transaction {
 public:
  AgencyRepository& agencies() override { return agencies_; }
  UnitRepository& units() override { return units_; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  ThreatRepository& threats() override { return threats_; }
  NominalRepository& nominals() override { return nominals_; }
  IntelligenceRepository& intelligence() override { return intelligence_; }
  LinkRepository& links() override { return links_; }
  AuditRepository& audit() override { return audit_; }
  CounterRepository& counters() override { return counters_; }
  MasterListRepository& master_list() override { return master_list_; }
  DisruptionRepository& disruptions() override { return disruptions_; }
  // What the repositories still hold back: written before the transaction commits.
  Status before_commit() { return disruptions_.before_commit(); }
  TaskingRepository& tasking() override { return tasking_; }
  SharingRepository& sharing() override { return sharing_; }
  SearchRepository& search() override { return search_; }
  LinkageRepository& linkage() override { return linkage_; }
  NetworkRepository& network() override { return network_; }
  CommodityRepository& commodities() override { return commodities_; }
  ScpoRepository& scpo() override { return scpo_; }
  CompartmentGrantRepository& compartment_grants() override { return compartment_grants_; }
  HistoryRepository& history() override { return history_; }
  ThematicDisruptionRepository& thematic_disruptions() override { return thematic_disruptions_; }
  SiuCheckRepository& siu_checks() override { return siu_checks_; }
  CapabilityRepository& capability() override { return capability_; }
  PlaceRepository& places() override { return places_; }

 protected:
  // `db` must outlive this object.
  explicit RepositoryTransaction(typename D::Connection& db)
      : agencies_(db), units_(db), users_(db), sessions_(db), threats_(db), nominals_(db), intelligence_(db), links_(db),
        audit_(db), counters_(db), master_list_(db), disruptions_(db), tasking_(db), sharing_(db), search_(db), linkage_(db), network_(db), commodities_(db), scpo_(db),
        compartment_grants_(db), history_(db), thematic_disruptions_(db), siu_checks_(db), capability_(db), places_(db) {}

 private:
  Agencies<D> agencies_;
  Units<D> units_;
  Users<D> users_;
  Sessions<D> sessions_;
  Marked<D, ThreatTraits> threats_;
  Marked<D, NominalTraits> nominals_;
  Marked<D, IntelligenceTraits> intelligence_;
  Links<D> links_;
  Audit<D> audit_;
  Counters<D> counters_;
  MasterList<D> master_list_;
  Disruptions<D> disruptions_;
  Tasking<D> tasking_;
  Sharing<D> sharing_;
  Search<D> search_;
  Linkage<D> linkage_;
  Network<D> network_;
  Marked<D, CommodityTraits> commodities_;
  Scpo<D> scpo_;
  CompartmentGrants<D> compartment_grants_;
  History<D> history_;
  ThematicDisruptions<D> thematic_disruptions_;
  SiuChecks<D> siu_checks_;
  Capability<D> capability_;
  Places<D> places_;
};


}  // namespace rocta::sql
