#!/usr/bin/env bash
# The national extract at national size, on SQLite and on PostgreSQL: import speed (rows/s)
# and the SOC figures over it (median of repeated whole-process runs, hyperfine).
#
#   bash bench/extract.sh [DISRUPTIONS]     default 10,000,000
#
# Needs the release build (make bench builds it). PostgreSQL runs on a private throw-away
# cluster (scripts/pg-test-cluster.sh: loopback, fsync off), so its import figure is an
# upper bound for a durable server.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000000}
ROCTA=$PWD/build/release/src/cli/rocta
GEN=$PWD/build/release/bench/extract_gen
[ -x "$ROCTA" ] && [ -x "$GEN" ] || { echo "build the release first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing: bash scripts/bootstrap.sh bench (make bench does it)" >&2; exit 2; }
work=$(mktemp -d /tmp/rocta-extract-bench.XXXXXX)
pg_dir=""
cleanup() {
  [ -n "$pg_dir" ] && bash scripts/pg-test-cluster.sh stop "$pg_dir" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== generating the extract: $N disruptions"
"$GEN" --out "$work/x" --disruptions "$N"
rows=$(( $(wc -l < "$work/x/disruptions.csv") - 1 ))
bytes=$(stat -c %s "$work/x/disruptions.csv")
echo "disruptions.csv: $rows rows, $((bytes / 1048576)) MiB"

import_and_report() {  # NAME DB
  local name=$1 db=$2 t0 t1
  t0=$(date +%s.%N)
  "$ROCTA" --db "$db" import apmis --threats "$work/x/threats.csv" --disruptions "$work/x/disruptions.csv"
  t1=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$name import: {s:.1f} s, {int(sys.argv[3])/s:,.0f} disruption rows/s')" "$t0" "$t1" "$rows"
  hyperfine --warmup 1 --runs 10 --export-json "$work/$name.json" \
    "$ROCTA --db '$db' report soc --year-ending 2022-06-30 --out $work/$name-report.json" >/dev/null
  python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]} report soc over the store: median {r['median']*1000:.0f} ms (min {r['min']*1000:.0f}, max {r['max']*1000:.0f}, 10 runs, whole process)")
PY
}

echo "== SQLite"
import_and_report sqlite "$work/national.db"
echo "database file: $(( $(stat -c %s "$work/national.db") / 1048576 )) MiB"

echo "== PostgreSQL"
pg_env=$(bash scripts/pg-test-cluster.sh start)
eval "$pg_env"
pg_dir=$ROCTA_TEST_PG_DIR
psql "$ROCTA_TEST_PG" -qc "CREATE DATABASE national" >/dev/null
import_and_report postgres "${ROCTA_TEST_PG%/*}/national"

cmp -s "$work/sqlite-report.json" "$work/postgres-report.json" && echo "Both backends give the same report." || { echo "The reports differ!"; exit 1; }
echo "reproduce: bash bench/extract.sh $N"
