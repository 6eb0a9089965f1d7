// The SCPO repository: serious crime prevention orders with their conditions and history,
// the monitoring plan's checks, and breaches.
//
// An order is read through its subject: every read that takes a ReadScope joins the order
// to its nominal and applies the scope to the nominal inside the query, so a list, a count
// or the figures never fetch an order, check or breach whose subject the reader may not
// read. Reads without a scope (by id, or `unscoped` for Rocta itself) leave the decision to app/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/policy.h"
#include "core/scpo.h"

namespace rocta {

struct ScpoOrderQuery {
  std::string agency;        // the monitoring agency; empty: any
  int64_t nominal_id = 0;    // orders on this subject only
  int64_t bcu_unit_id = 0;   // orders in this BCU only
  std::string in_force_on;   // YYYY-MM-DD: in force that day
  std::string starts_after;  // YYYY-MM-DD: not yet in force that day (the horizon)
  std::string overlaps_from, overlaps_to;  // in force on some day of the period
  bool unscoped = false;  // Rocta itself (the operator's report, the demo): no scope applied
  int limit = 500;
};

struct ScpoCheckQuery {
  std::string agency;
  int64_t order_id = 0;
  int64_t bcu_unit_id = 0;
  std::string overdue_on;  // not done and due before this day
  // Due or done in the period (both set) …
  std::string from, to;
  bool unscoped = false;
  int limit = 5000;
};

struct ScpoBreachQuery {
  std::string agency;
  int64_t order_id = 0;
  std::string from, to;  // occurred in the period (both set)
  bool unscoped = false;
  int limit = 5000;
};

class ScpoRepository {
 public:
  virtual ~ScpoRepository() = default;

  // With its conditions. Returns the id; AlreadyExists for a reference the agency holds.
  virtual Result<int64_t> insert_order(const ScpoOrder& o) = 0;
  // Dates, court, interim, conditions, officer, BCU, threat; Conflict when the stored
  // version is not `o.version - 1`.
  virtual Status update_order(const ScpoOrder& o) = 0;
  // NotFound when absent or when `scope` does not admit its subject.
  virtual Result<ScpoOrder> order(int64_t id, const ReadScope& scope) = 0;
  // Ignoring scope: for Rocta itself (app/ decides).
  virtual Result<ScpoOrder> order_unscoped(int64_t id) = 0;
  // Orders whose subject `scope` admits, by start day then id.
  virtual Result<std::vector<ScpoOrder>> orders(const ReadScope& scope, const ScpoOrderQuery& q) = 0;

  virtual Result<int64_t> insert_change(const ScpoChange& c) = 0;
  virtual Result<std::vector<ScpoChange>> changes(int64_t order_id) = 0;  // oldest first

  virtual Result<int64_t> insert_check(const ScpoCheck& c) = 0;
  virtual Status update_check(const ScpoCheck& c) = 0;
  virtual Result<ScpoCheck> check(int64_t id) = 0;
  // Checks of orders whose subject `scope` admits, by due day then id.
  virtual Result<std::vector<ScpoCheck>> checks(const ReadScope& scope, const ScpoCheckQuery& q) = 0;

  virtual Result<int64_t> insert_breach(const ScpoBreach& b) = 0;
  // Breaches of orders whose subject `scope` admits, by day then id.
  virtual Result<std::vector<ScpoBreach>> breaches(const ReadScope& scope, const ScpoBreachQuery& q) = 0;
};

}  // namespace rocta
