#!/usr/bin/env bash
# The national-size store on a Citus cluster (a coordinator and two workers on loopback,
# scripts/citus-test-cluster.sh): load time, then p50/p99 of the threat list and of the
# full-text searches as an analyst of one force (bench/national_bench.cc), as
# bench/national.sh measures them on SQLite and PostgreSQL.
#
#   bash bench/national_citus.sh [SCALE] [QUERIES]   SCALE 1 = 4,000 threats, 1,000,000
#                                                    nominals, 2,000,000 reports; default 0.01
#
# Needs the release build; builds nothing itself. The three nodes share this machine, so the
# figures show what distribution costs on one machine, not what more machines would give.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=$PWD/build/release/bench/national_bench
[ -x "$BENCH" ] || { echo "build the release first (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
SCALE=${1:-0.01} QUERIES=${2:-200}
dir=""
trap '[ -n "$dir" ] && bash scripts/citus-test-cluster.sh stop "$dir"' EXIT
citus_env=$(bash scripts/citus-test-cluster.sh start)
eval "$citus_env"
dir=$ROCTA_TEST_PG_DIR
psql_at() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U rocta -d "$2" -c "$3" >/dev/null; }
coordinator=${ROCTA_TEST_PG##*:}; coordinator=${coordinator%%/*}
workers=$(psql -X -At "$ROCTA_TEST_PG" -c "SELECT string_agg(nodeport::text, ' ') FROM pg_dist_node WHERE groupid > 0")
# The database on every node, with Citus, and the workers registered in it: Rocta then
# distributes its tables when it first migrates it (src/store/postgres/citus.cc).
for port in $coordinator $workers; do
  psql_at "$port" postgres "CREATE DATABASE national"
  psql_at "$port" national "CREATE EXTENSION citus"
done
psql_at "$coordinator" national "SELECT citus_set_coordinator_host('127.0.0.1', $coordinator)"
for port in $workers; do psql_at "$coordinator" national "SELECT citus_add_node('127.0.0.1', $port)"; done
db="postgresql://rocta@127.0.0.1:$coordinator/national"
echo "== Citus, coordinator and two workers (scale $SCALE)"
"$BENCH" --db "$db" --phase load --scale "$SCALE"
"$BENCH" --db "$db" --phase query --queries "$QUERIES"
echo "shards: $(psql -X -At "$db" -c "SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'intelligence'::regclass") of intelligence," \
  "$(psql -X -At "$db" -c "SELECT count(DISTINCT nodeport) FROM citus_shards WHERE table_name = 'intelligence'::regclass") workers;" \
  "size $(psql -X -At "$db" -c "SELECT sum(shard_size) / 1048576 FROM citus_shards") MiB in shards"
echo "reproduce: bash bench/national_citus.sh $SCALE $QUERIES"
