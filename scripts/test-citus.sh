#!/usr/bin/env bash
# Runs the store conformance suite on PostgreSQL (its "pg." ctest tests) against a private
# Citus cluster, a coordinator and two workers on loopback (scripts/citus-test-cluster.sh,
# which installs Citus first when missing), removed at the end whatever happens. Each
# test's database is distributed by the store itself (src/store/postgres/citus.cc).
#
# Left out: the bulk load of disruptions (the national extract's path), whose index and
# foreign-key rebuild (bulk_rebuild in src/store/postgres/postgres_dialect.h) restores the
# foreign key from disruptions to threats, which Citus refuses from a reference table to a
# distributed one (docs/deployment.md, "Scale-out on Citus"). Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

echo "== Citus test cluster"
citus_env=$(bash scripts/citus-test-cluster.sh start)
eval "$citus_env"
trap 'bash scripts/citus-test-cluster.sh stop "$ROCTA_TEST_PG_DIR"' EXIT
trap 'exit 130' INT TERM

ctest --preset debug -L postgres -j2 -R '^pg\.(Adapters/|PostgresMigrations\.)' \
  -E 'StagedRows|RowsStaged|AReferenceStagedTwice|LoadsOfManyRowsLeaveTheTablesAsTheSchemaMadeThem' "$@"
