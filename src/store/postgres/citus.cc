#include "store/postgres/citus.h"

#include <string>

#include "store/postgres/postgres_db.h"

namespace rocta::postgres {
namespace {

// The distribution, as one block so that it is all or nothing. The record tables are
// distributed by `owner` (threat_history too: the trigger on threats writes a threat's
// history on the threat's own shard). Their primary keys gain the owner, which Citus
// requires of every key of a distributed table; dropping the old keys drops the foreign
// keys that other tables held to them (a reference table cannot point into a distributed
// one), and the application checks those references itself in the same transaction. The
// other tables become reference tables, and their foreign keys between themselves and to
// agencies stay enforced. The audit trail stays a plain
// table on the coordinator. Triggers on distributed tables are Citus's "unsafe" kind:
// the history trigger only writes to a co-located table, which is the safe case.
constexpr const char* kDistribute = R"sql(
SET LOCAL citus.enable_unsafe_triggers = on;
SET LOCAL citus.multi_shard_modify_mode = 'sequential';
DO $$
DECLARE
  record_tables constant text[] := ARRAY['threats', 'nominals', 'intelligence', 'commodities', 'threat_history'];
  kept_local constant text[] := ARRAY['audit_events', 'schema_migrations', 'schema_numbering'];
  foreign_keys text[];
  t text;
BEGIN
  FOREACH t IN ARRAY record_tables LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I CASCADE', t, t || '_pkey');
    EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (%I, owner)', t, CASE t WHEN 'threat_history' THEN 'seq' ELSE 'id' END);
  END LOOP;
  -- The remaining foreign keys come off while the tables change kind (else Citus would
  -- turn each table that points at a new reference table into a coordinator-only one),
  -- and go back on afterwards.
  SELECT coalesce(array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,
                                   pg_get_constraintdef(oid))), '{}')
    INTO foreign_keys FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace;
  FOR t IN SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname)
           FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace LOOP
    EXECUTE t;
  END LOOP;
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> ALL (record_tables || kept_local)
           ORDER BY c.relname LOOP
    PERFORM create_reference_table(t);
  END LOOP;
  PERFORM create_distributed_table('threats', 'owner');
  FOREACH t IN ARRAY record_tables[2:] LOOP
    PERFORM create_distributed_table(t, 'owner', colocate_with => 'threats');
  END LOOP;
  FOREACH t IN ARRAY foreign_keys LOOP
    EXECUTE t;
  END LOOP;
END $$;
)sql";

Result<bool> query_bool(Connection& db, const char* sql) {
  ROCTA_ASSIGN_OR_RETURN(Statement * st, db.prepare(sql));
  ROCTA_ASSIGN_OR_RETURN(bool row, st->step());
  const bool yes = row && st->int_at(0) != 0;
  st->reset();
  return yes;
}

}  // namespace

Status distribute_on_citus(Connection& db) {
  ROCTA_ASSIGN_OR_RETURN(bool citus, query_bool(db, "SELECT count(*) FROM pg_extension WHERE extname = 'citus'"));
  if (!citus) return Status::ok();
  ROCTA_RETURN_IF_ERROR(db.exec("BEGIN; SET LOCAL lock_timeout = '5min'; SELECT pg_advisory_xact_lock(" +
                                std::to_string(kLockSpace) + ", " + std::to_string(kMigrationLock) + ")"));
  auto done = query_bool(db, "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid = 'threats'::regclass");
  Status s = done.is_ok() ? Status::ok() : done.status();
  if (s.is_ok() && !*done) s = db.exec(kDistribute);
  if (s.is_ok()) s = db.commit();
  if (!s.is_ok()) {
    db.rollback();
    return Status(Code::kInternal, "distributing the schema over the Citus cluster failed: " + s.message());
  }
  return s;
}

}  // namespace rocta::postgres
