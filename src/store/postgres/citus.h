// Spreading the schema over a Citus cluster (docs/deployment.md, "Scale-out on Citus").
#pragma once

#include "core/status.h"

namespace rocta::postgres {

class Connection;

// On a database with the citus extension (a Citus coordinator), distributes the migrated
// schema once: the record tables by owning agency, co-located, with their keys extended by
// the owner; every other table except the audit trail replicated to each node as a
// reference table; the audit trail stays on the coordinator, one chain in one order.
// Does nothing, after one catalogue read, on a PostgreSQL without Citus or on a database
// already distributed. Runs in its own transaction under the migration lock.
Status distribute_on_citus(Connection& db);

}  // namespace rocta::postgres
